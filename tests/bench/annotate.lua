-- wrk script for tests/bench/http.sh: POST the file named after `--` as
-- text/plain to the URL, and count the answers that are not 200.
--
--   wrk -s tests/bench/annotate.lua http://127.0.0.1:PORT/v1/annotate -- story.txt

local non200 = 0

function init(args)
	local f = assert(io.open(args[1], "rb"), "usage: ... -- FILE")
	wrk.method = "POST"
	wrk.body = f:read("*a")
	wrk.headers["Content-Type"] = "text/plain; charset=utf-8"
	f:close()
end

function response(status, headers, body)
	if status ~= 200 then
		non200 = non200 + 1
	end
end
