-- wrk script for tests/bench/http.sh: POST the file named after `--` as
-- text/plain to the URL.
--
--   wrk -s tests/bench/annotate.lua http://127.0.0.1:PORT/v1/annotate -- story.txt
--
-- No response() callback: wrk counts the answers that are not 2xx or 3xx
-- itself ("Non-2xx or 3xx responses", which http.sh reads), and a
-- callback would make wrk copy every answer's headers and body into Lua,
-- costing the client CPU that, on a small machine, the server under test
-- then lacks.

function init(args)
	local f = assert(io.open(args[1], "rb"), "usage: ... -- FILE")
	wrk.method = "POST"
	wrk.body = f:read("*a")
	wrk.headers["Content-Type"] = "text/plain; charset=utf-8"
	f:close()
end
