"""fixture.py - the web server the fetch tests and the fetch bench fetch from.

It listens on 127.0.0.1 only, on a port the kernel picks, and serves pages
written for these tests (no real article is copied). Used as a module
(Fixture().start()) or run alone for the bench:

    python3 fixture.py            prints "port N" and serves until killed

Routes:
  /wire            a wire story: navigation, ads, share bar, related
                   stories, JSON-LD NewsArticle in an @graph
  /plain-story     the same kind of page without JSON-LD (structure only)
  /cp1252          windows-1252 bytes, curly quotes as 0x93/0x94, charset
                   in a <meta> only
  /latin1-header   ISO-8859-1 in the Content-Type header, 0x93/0x94 inside
  /gzip            the wire story, gzip-encoded
  /bomb            8 MiB of paragraphs that gzip to a few KiB
  /big             6 MiB, no Content-Length (the write callback's cap)
  /big-length      6 MiB with a Content-Length (CURLOPT_MAXFILESIZE)
  /redirect/N      N redirects, then /wire
  /to-file         a redirect to file:///etc/passwd
  /to-gopher       a redirect to gopher://127.0.0.1/
  /slow            one byte every 0.5 s for 60 s
  /slow-ok?s=N     waits N seconds (default 3), then a short story
  /doc.pdf         application/pdf
  /missing         404
  /text            a text/plain story
  /empty           a page with navigation and no story
  /hits            how many requests it has had, this one not counted
                   (so a test can wait for its fetches to arrive, or
                   prove that none did)
"""
import gzip
import http.server
import socketserver
import sys
import threading
import time
import urllib.parse

WIRE_PARAGRAPHS = [
    "RIVERTON (Wire) \u2014 The harbour authority will close the old ferry "
    "pier for repairs next month, its director said on Tuesday.",
    "\u201cThe pilings have done sixty years of work and they are tired,\u201d "
    "said Mara Okafor, the authority\u2019s director. \u201cWe would rather "
    "close it for a season than for good.\u201d",
    "Commuters who use the pier will be sent to the north landing, about a "
    "kilometre away, where a shuttle bus will run every ten minutes.",
    "Councillor Tom Brisk said the timing was poor. \u201cThe summer market "
    "depends on that pier,\u201d he told reporters outside the town hall.",
    "The authority said the work would cost about 4 million and be paid from "
    "its maintenance reserve.",
]

NAV = """<header class="site-header"><nav><ul>
<li><a href="/">Home</a></li><li><a href="/local">Local</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>"""

ADS = """<div class="ad-slot" id="top-ad"><p>Advertisement: buy the Riverton
Almanac today for half price, offer ends soon, terms apply.</p></div>"""

SHARE = """<div class="share-bar"><p>Share this story on every network you
have ever heard of, and on some you have not.</p></div>"""

RELATED = """<aside class="related"><h2>Related</h2><ul>
<li><p>Ferry timetable changes for the winter season explained</p></li>
<li><p>Harbour festival draws record crowds despite the rain</p></li>
</ul></aside>"""

FOOTER = """<footer><p>Copyright Riverton Wire. All rights reserved. Contact
the newsroom at the address on our about page.</p></footer>"""


def wire_page():
    import json
    body = "\n\n".join(WIRE_PARAGRAPHS)
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Organization", "@id": "#org", "name": "Riverton Wire"},
            {
                "@type": "NewsArticle",
                "headline": "Old ferry pier to close for repairs",
                "datePublished": "2026-11-24T09:30:00+00:00",
                "dateModified": "2026-11-24T11:00:00+00:00",
                "author": [{"@type": "Person", "name": "Ana Lind"},
                           {"@type": "Person", "name": "Joe Park"}],
                "publisher": {"@id": "#org"},
                "articleBody": body,
                "inLanguage": "en-GB",
            },
        ],
    }
    paras = "\n".join("<p>%s</p>" % p for p in WIRE_PARAGRAPHS)
    return ("""<!DOCTYPE html><html lang="en-GB"><head>
<meta charset="utf-8"><title>Pier closing | Riverton Wire</title>
<meta property="og:title" content="Old ferry pier to close for repairs">
<meta property="og:site_name" content="Riverton Wire">
<link rel="canonical" href="/news/pier-closing">
<script type="application/ld+json">%s</script>
</head><body>%s%s
<article><h1>Old ferry pier to close for repairs</h1>
<div class="byline">By Ana Lind and Joe Park</div>
%s
%s
</article>%s%s</body></html>""" % (json.dumps(ld), NAV, ADS, paras, SHARE,
                                   RELATED, FOOTER)).encode("utf-8")


PLAIN_STORY = """<!DOCTYPE html><html lang="en"><head>
<meta charset="utf-8">
<title>Library hours | Valley Courier</title>
<meta property="og:title" content="Library to open on Sundays">
<meta name="author" content="Ruth Vale">
<meta property="article:published_time" content="2026-11-20T08:00:00Z">
</head><body>%s
<div id="page"><div class="column">
<div class="story">
<p>The Valley library will open on Sundays from next year, the council
said, after a petition signed by more than 2,000 residents.</p>
<p>&ldquo;People asked, and we listened,&rdquo; said Dev Amin, who chairs
the culture committee. <q>We found the money in the energy budget.</q></p>
<blockquote><p>Reading rooms should be open when readers are free.</p></blockquote>
<p>Opening hours will be 10:00 to 16:00.<br>The caf&eacute; will stay closed.</p>
<p>Read more: Council budget 2027 at a glance</p>
<p>Librarian Jo Hart said staff had volunteered for the extra shifts,
which will be paid at the weekend rate agreed last spring.</p>
</div>
<div class="comments"><p>I think this is a great idea and I will visit
every Sunday with my children and my neighbours.</p></div>
</div>
<aside><p>Most read: twelve other stories you may like this week.</p></aside>
</div>%s</body></html>""" % (NAV, FOOTER)

CP1252 = (b"""<html><head><meta http-equiv="Content-Type" """
          b"""content="text/html; charset=windows-1252">
<title>Caf\xe9 fire</title></head><body><article>
<p>The fire at the caf\xe9 started in the kitchen, firefighters said.</p>
<p>\x93Nobody was hurt,\x94 said chief Ola Berg. \x93We were lucky.\x94</p>
<p>The owner\x92s family has run it since 1971 \x96 three generations.</p>
</article></body></html>""")

LATIN1_HEADER = (b"""<html><body><article>
<p>\x93It is na\xefve to expect a quick fix,\x94 said the minister.</p>
</article></body></html>""")

TEXT = ("Snow closes mountain pass\n\nThe pass closed at noon.\n\n"
        "\u201cDo not try to drive up,\u201d said ranger Li Wei.\n")

EMPTY = """<html><body>%s<div class="newsletter"><p>Sign up for our daily
newsletter and never miss a story from the valley.</p></div>%s</body></html>
""" % (NAV, FOOTER)


def big_page(size):
    para = b"<p>" + b"Words upon words fill this paragraph. " * 20 + b"</p>\n"
    head = b"<html><body><article>"
    n = size // len(para) + 1
    return head + para * n + b"</article></body></html>"


class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "fixture/1"
    protocol_version = "HTTP/1.0"

    def log_message(self, fmt, *args):
        pass

    def send(self, status, ctype, body, headers=()):
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, where):
        self.send(302, "text/html", b"<p>moved</p>", [("Location", where)])

    def do_GET(self):
        u = urllib.parse.urlsplit(self.path)
        path, q = u.path, urllib.parse.parse_qs(u.query)
        if path == "/hits":
            self.send(200, "text/plain", b"%d\n" % self.server.hits)
            return
        self.server.hits += 1
        try:
            self.route(path, q)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def route(self, path, q):
        html = "text/html; charset=utf-8"
        if path == "/wire":
            self.send(200, html, wire_page())
        elif path == "/plain-story":
            self.send(200, "text/html", PLAIN_STORY.encode("utf-8"))
        elif path == "/cp1252":
            self.send(200, "text/html", CP1252)
        elif path == "/latin1-header":
            self.send(200, "text/html; charset=ISO-8859-1", LATIN1_HEADER)
        elif path == "/gzip":
            self.send(200, html, gzip.compress(wire_page()),
                      [("Content-Encoding", "gzip")])
        elif path == "/bomb":
            self.send(200, html, gzip.compress(big_page(8 << 20)),
                      [("Content-Encoding", "gzip")])
        elif path == "/big":
            body = big_page(6 << 20)
            self.send_response(200)
            self.send_header("Content-Type", html)
            self.end_headers()
            for i in range(0, len(body), 65536):
                self.wfile.write(body[i:i + 65536])
        elif path == "/big-length":
            self.send(200, html, big_page(6 << 20))
        elif path.startswith("/redirect/"):
            n = int(path.rsplit("/", 1)[1])
            self.redirect("/redirect/%d" % (n - 1) if n > 1 else "/wire")
        elif path == "/to-file":
            self.redirect("file:///etc/passwd")
        elif path == "/to-gopher":
            self.redirect("gopher://127.0.0.1:%d/" % self.server.port)
        elif path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", html)
            self.end_headers()
            for _ in range(120):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.5)
        elif path == "/slow-ok":
            time.sleep(float(q.get("s", ["3"])[0]))
            self.send(200, html, b"<html><body><article><p>"
                      b"\xe2\x80\x9cIt was slow,\xe2\x80\x9d said Kim."
                      b"</p></article></body></html>")
        elif path == "/doc.pdf":
            self.send(200, "application/pdf", b"%PDF-1.4\n%\xe2\xe3\n")
        elif path == "/text":
            self.send(200, "text/plain; charset=utf-8", TEXT.encode("utf-8"))
        elif path == "/empty":
            self.send(200, html, EMPTY.encode("utf-8"))
        else:
            self.send(404, html, b"<h1>Not found</h1>")


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    request_queue_size = 512
    allow_reuse_address = True


class Fixture:
    def __init__(self):
        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.hits = 0
        self.server.port = self.server.server_address[1]
        self.port = self.server.port
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       daemon=True)

    def start(self):
        self.thread.start()
        return self

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


if __name__ == "__main__":
    f = Fixture()
    print("port %d" % f.port, flush=True)
    try:
        f.server.serve_forever()
    except KeyboardInterrupt:
        sys.exit(0)
