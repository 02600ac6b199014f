"""test_fetch.py - suite `fetch`: `whosaid fetch`, `whosaid annotate --url`
and (once served) POST /v1/annotate {"url"}, against fixture.py on
127.0.0.1.

    python3 test_fetch.py WHOSAID CASE

One meson test per case. The fixture is loopback, so every case but the
ones about the guard sets WHOSAID_FETCH_ALLOW_PRIVATE=true; those prove
that the default refuses the very same URLs. Nothing here talks to any
address but 127.0.0.1 (the refused ones are never connected to).
"""
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture import Fixture, WIRE_PARAGRAPHS  # noqa: E402

WHOSAID = None
FX = None


def env(allow=True, **extra):
    e = {k: v for k, v in os.environ.items() if not k.startswith("WHOSAID_")}
    if allow:
        e["WHOSAID_FETCH_ALLOW_PRIVATE"] = "true"
    e["WHOSAID_FETCH_TIMEOUT"] = "2"
    e["WHOSAID_FETCH_CONNECT_TIMEOUT"] = "2"
    e.update(extra)
    return e


def run(args, allow=True, timeout=30, **extra):
    p = subprocess.run([WHOSAID] + args, capture_output=True, timeout=timeout,
                       env=env(allow, **extra))
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def fetch(path, allow=True, **extra):
    return run(["fetch", FX.url(path)], allow, **extra)


def ok(path, **extra):
    rc, out, err = fetch(path, **extra)
    assert rc == 0, "exit %d: %s" % (rc, err)
    return json.loads(out)


def fails(path, code, status, allow=True, **extra):
    rc, out, err = fetch(path, allow, **extra)
    assert rc == 1, "exit %d, want 1: %s %s" % (rc, out[:200], err)
    assert out == "", out[:200]
    want = "(%d %s" % (status, code)
    assert want in err, "want %r in %r" % (want, err)
    return err


# ---- articles ---------------------------------------------------------

def case_wire():
    d = ok("/wire")
    a = d["article"]
    assert a["url"] == FX.url("/wire")
    assert a["final_url"] == FX.url("/wire")
    assert a["title"] == "Old ferry pier to close for repairs", a
    assert a["byline"] == "Ana Lind, Joe Park", a
    assert a["published"] == "2026-11-24T09:30:00+00:00", a
    assert a["modified"] == "2026-11-24T11:00:00+00:00", a
    assert a["site"] == "Riverton Wire", a
    assert a["language"] == "en-GB", a
    assert a["canonical"] == FX.url("/news/pier-closing"), a
    assert a["source"] == "json-ld", a
    assert d["text"] == "\n\n".join(WIRE_PARAGRAPHS), d["text"]


def case_no_jsonld():
    d = ok("/plain-story")
    a, t = d["article"], d["text"]
    assert a["title"] == "Library to open on Sundays", a
    assert a["byline"] == "Ruth Vale", a
    assert a["published"] == "2026-11-20T08:00:00Z", a
    assert a["language"] == "en", a
    assert a["source"] == "density", a
    paras = t.split("\n\n")
    assert paras[0].startswith("The Valley library will open"), paras
    # Entities decoded, <q> given curly quotes, <br> a line break.
    assert paras[1] == ("\u201cPeople asked, and we listened,\u201d said "
                        "Dev Amin, who chairs the culture committee. "
                        "\u201cWe found the money in the energy budget."
                        "\u201d"), paras[1]
    assert paras[2] == "Reading rooms should be open when readers are free."
    assert paras[3] == ("Opening hours will be 10:00 to 16:00.\n"
                        "The caf\u00e9 will stay closed."), paras[3]
    assert paras[4].startswith("Librarian Jo Hart"), paras
    assert len(paras) == 5, paras
    for junk in ("Read more", "Home", "Most read", "Copyright", "neighbours"):
        assert junk not in t, junk


def case_windows_1252():
    d = ok("/cp1252")
    assert d["article"]["title"] == "Caf\u00e9 fire", d["article"]
    assert d["text"] == (
        "The fire at the caf\u00e9 started in the kitchen, firefighters "
        "said.\n\n"
        "\u201cNobody was hurt,\u201d said chief Ola Berg. "
        "\u201cWe were lucky.\u201d\n\n"
        "The owner\u2019s family has run it since 1971 \u2013 three "
        "generations."), d["text"]


def case_latin1_header():
    # ISO-8859-1 in the header means windows-1252, as in browsers.
    d = ok("/latin1-header")
    assert d["text"] == ("\u201cIt is na\u00efve to expect a quick fix,"
                         "\u201d said the minister."), d["text"]


def case_gzip():
    assert ok("/gzip")["text"] == ok("/wire")["text"]


def case_plain_text():
    d = ok("/text")
    assert d["article"]["source"] == "plain"
    assert d["text"] == ("Snow closes mountain pass\n\nThe pass closed at "
                         "noon.\n\n\u201cDo not try to drive up,\u201d said "
                         "ranger Li Wei."), d["text"]


def case_redirects():
    d = ok("/redirect/3")
    assert d["article"]["url"] == FX.url("/redirect/3")
    assert d["article"]["final_url"] == FX.url("/wire")
    assert d["text"] == "\n\n".join(WIRE_PARAGRAPHS)


def case_annotate_url():
    rc, out, err = run(["annotate", "--url", FX.url("/wire")])
    assert rc == 0, err
    d = json.loads(out)
    assert d["article"]["title"] == "Old ferry pier to close for repairs"
    text = d["text"]
    assert text == "\n\n".join(WIRE_PARAGRAPHS)
    assert d["engine"]["version"]
    assert d["quotes"], d
    names = {e["name"] for e in d["entities"]}
    assert any("Okafor" in n for n in names), names
    # Offsets are code points into "text".
    for q in d["quotes"]:
        c = q["content"]
        assert text[c["start"]:c["end"]] == c["text"], q


def case_annotate_url_usage():
    rc, out, err = run(["annotate", "--url", FX.url("/wire"), "story.txt"])
    assert rc == 2 and "--url" in err, err
    rc, out, err = run(["fetch"])
    assert rc == 2 and "no URL" in err, err
    rc, out, err = run(["fetch", "--bogus", FX.url("/wire")])
    assert rc == 2, err


# ---- errors -----------------------------------------------------------

def case_too_many_redirects():
    fails("/redirect/9", "fetch-too-many-redirects", 502)


def case_redirect_scheme():
    # A redirect may not leave http(s): file:// and gopher:// are refused
    # by CURLOPT_REDIR_PROTOCOLS_STR before anything is read.
    fails("/to-file", "fetch-redirect-scheme", 502)
    fails("/to-gopher", "fetch-redirect-scheme", 502)


def case_bad_url():
    for url in ("file:///etc/passwd", "gopher://127.0.0.1/", "not a url",
                "ftp://127.0.0.1/x", "http://"):
        rc, out, err = run(["fetch", url])
        assert rc == 1 and "(422 fetch-bad-url" in err, (url, err)


def case_slow_drip():
    t0 = time.monotonic()
    err = fails("/slow", "fetch-timeout", 504)
    took = time.monotonic() - t0
    assert 1.5 < took < 10, took
    assert "2000 ms" in err, err


def case_too_large():
    fails("/big", "fetch-too-large", 502)          # no Content-Length
    fails("/big-length", "fetch-too-large", 502)   # Content-Length
    # 8 MiB that gzip to a few KiB: the cap is on decompressed bytes.
    fails("/bomb", "fetch-too-large", 502)
    # A larger cap lets the same page through.
    d = ok("/big", WHOSAID_FETCH_MAX_BODY=str(16 << 20))
    assert len(d["text"]) > 5 << 20


def case_pdf():
    err = fails("/doc.pdf", "fetch-unsupported-type", 422)
    assert "application/pdf" in err, err


def case_not_found():
    err = fails("/missing", "fetch-upstream-status", 502)
    assert "answered 404" in err, err


def case_no_story():
    fails("/empty", "extract-no-text", 422)


def case_refused_port():
    # A port nobody listens on (bound, never listened): 502 fetch-connect.
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    try:
        rc, out, err = run(["fetch", "http://127.0.0.1:%d/" % port])
    finally:
        s.close()
    assert rc == 1 and "(502 fetch-connect" in err, err


# ---- the guard --------------------------------------------------------

def case_guard_default():
    # The default configuration refuses the fixture, however it is named,
    # at connect time (the fixture sees no request).
    port = FX.port
    before = FX.server.hits
    for url in ("http://127.0.0.1:%d/wire" % port,
                "http://localhost:%d/wire" % port,
                "http://127.1:%d/wire" % port,
                "http://0x7f000001:%d/wire" % port,
                "http://2130706433:%d/wire" % port,
                "http://[::1]:%d/wire" % port,
                "http://[::ffff:127.0.0.1]:%d/wire" % port,
                "http://0.0.0.0:%d/wire" % port):
        rc, out, err = run(["fetch", url], allow=False)
        assert rc == 1 and "(422 fetch-blocked-address" in err, (url, err)
    rc, out, err = run(["annotate", "--url", FX.url("/wire")], allow=False)
    assert rc == 1 and "(422 fetch-blocked-address" in err, err
    assert FX.server.hits == before, "the fixture was reached"
    # The same URL with allow_private: fetched.
    assert ok("/wire")["article"]["source"] == "json-ld"


def case_guard_config_file():
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        conf = os.path.join(d, "w.conf")
        with open(conf, "w") as f:
            f.write("[fetch]\nallow_private = true\ntimeout = 5\n")
        rc, out, err = run(["fetch", "--config", conf, FX.url("/wire")],
                           allow=False)
        assert rc == 0, err
        with open(conf, "w") as f:
            f.write("[fetch]\nallow_private = maybe\n")
        rc, out, err = run(["fetch", "--config", conf, FX.url("/wire")],
                           allow=False)
        assert rc == 1 and "allow_private" in err, err


CASES = {k[5:].replace("_", "-"): v for k, v in globals().items()
         if k.startswith("case_")}


def main():
    global WHOSAID, FX
    if len(sys.argv) != 3 or sys.argv[2] not in CASES:
        print("usage: test_fetch.py WHOSAID CASE\ncases: " +
              " ".join(sorted(CASES)), file=sys.stderr)
        return 2
    WHOSAID = sys.argv[1]
    FX = Fixture().start()
    try:
        CASES[sys.argv[2]]()
    finally:
        FX.stop()
    print("ok %s" % sys.argv[2])
    return 0


if __name__ == "__main__":
    sys.exit(main())
