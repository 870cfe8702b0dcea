"""The html page is self-contained (no script, no fetch of any kind) and
headless Chromium, with no network, renders it to a PNG and prints it to a
PDF without a single console message; its DOM has one li.event per event."""
import json
import os
import struct
import subprocess
import tempfile
from html.parser import HTMLParser

from common import done, expect, need, run

chromium = need("chromium")


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.events = []
        self.blockquotes = 0
        self.csp = None
        self.lang = None
        self.external = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy":
            self.csp = a.get("content")
        if tag == "li" and "event" in (a.get("class") or "").split():
            self.events.append(a.get("id"))
        if tag == "blockquote":
            self.blockquotes += 1
        for name in ("src", "srcset", "data", "poster", "action"):
            if name in a:
                self.external.append((tag, name, a[name]))
        if tag == "link":
            self.external.append((tag, "href", a.get("href")))


def chromium_run(args, workdir):
    """Chromium as root in a sandboxless, networkless headless profile."""
    cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir=" + os.path.join(workdir, "profile"),
           "--enable-logging=stderr", "--v=0"] + args
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    console = [l for l in p.stderr.splitlines() if ":CONSOLE" in l]
    return p.returncode, console


with tempfile.TemporaryDirectory() as work:
    for locale in ("en", "id"):
        page_path = os.path.join(work, "timeline-%s.html" % locale)
        run(["build", "data/", "-f", "html", "--locale", locale, "-o", page_path])
        _, js, _ = run(["build", "data/", "--locale", locale])
        doc = json.loads(js)
        html = open(page_path, encoding="utf-8").read()

        page = Page()
        page.feed(html)
        expect(page.lang == locale, "%s: <html lang=%r>" % (locale, page.lang))
        expect(page.csp is not None and "default-src 'none'" in page.csp, "%s: no CSP forbidding fetches" % locale)
        expect("script" not in page.tags, "%s: the page has a script" % locale)
        expect(not page.external, "%s: external assets: %r" % (locale, page.external))
        expect(page.events == [e["id"] for e in doc["events"]], "%s: li.event ids %r" % (locale, page.events))
        expect(page.blockquotes == sum(len(e["citations"]) for e in doc["events"]) + len(doc["undated"]),
               "%s: %d blockquotes" % (locale, page.blockquotes))
        expect("@media print" in html, "%s: no print style" % locale)

        png = os.path.join(work, "timeline-%s.png" % locale)
        code, console = chromium_run(["--window-size=1000,2400", "--screenshot=" + png, "file://" + page_path], work)
        expect(code == 0, "%s: chromium --screenshot exit %d" % (locale, code))
        expect(not console, "%s: console messages: %r" % (locale, console))
        data = open(png, "rb").read() if os.path.exists(png) else b""
        expect(data[:8] == b"\x89PNG\r\n\x1a\n", "%s: no PNG" % locale)
        if data[:8] == b"\x89PNG\r\n\x1a\n":
            width, height = struct.unpack(">II", data[16:24])
            expect((width, height) == (1000, 2400) and len(data) > 50000, "%s: PNG %dx%d, %d bytes" % (locale, width, height, len(data)))

        pdf = os.path.join(work, "timeline-%s.pdf" % locale)
        code, console = chromium_run(["--no-pdf-header-footer", "--print-to-pdf=" + pdf, "file://" + page_path], work)
        expect(code == 0 and os.path.exists(pdf) and open(pdf, "rb").read(5) == b"%PDF-", "%s: no PDF printed" % locale)
        expect(not console, "%s: console messages while printing: %r" % (locale, console))

        dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                              "--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir=" + os.path.join(work, "profile"),
                              "--dump-dom", "file://" + page_path], capture_output=True, text=True, timeout=120).stdout
        rendered = Page()
        rendered.feed(dom)
        expect(rendered.events == page.events, "%s: the browser's DOM has events %r" % (locale, rendered.events))

    # The check itself sees a console message when there is one.
    bad = os.path.join(work, "bad.html")
    open(bad, "w").write(html.replace("<main>", "<main><img src=\"http://example.invalid/x.png\">"))
    _, console = chromium_run(["--screenshot=" + os.path.join(work, "bad.png"), "file://" + bad], work)
    expect(console, "a blocked image left no console message: the check is blind")

done()
