"""The md output, parsed by a real CommonMark implementation (cmark), has the
documented structure, and its text reads back as the timeline's: titles,
written dates and quotes survive escaping; the Mermaid block is a `timeline`
whose lines Mermaid can split (no raw ':' '#' ';' in the text); every quote is
under its event (shortened or whole) and whole under its source, every link
leads to an anchor of the page (cmark --unsafe keeps the `<a id>` tags), and
only the sources cited have a section."""
import json
import re
import subprocess
import xml.etree.ElementTree as ET

from common import done, expect, need, run

cmark = need("cmark")
NS = "{http://commonmark.org/xml/1.0}"


def text_of(node):
    """The literal text of an inline tree, as a reader sees it."""
    out = ""
    for child in node.iter():
        tag = child.tag.replace(NS, "")
        if tag in ("text", "code"):
            out += child.text or ""
        elif tag in ("softbreak", "linebreak"):
            out += " "
    return out


WRITTEN = {
    "en": {"January 23, 2023", "July 22, 2019", "week 46 of 2023", "2021"},
    "id": {"23 Januari 2023", "22 Juli 2019", "minggu ke-46 2023", "2021"},
}


def check_links(out, doc, what):
    """Every link of the page leads to an anchor of it (cmark --unsafe keeps
    the `<a id>` tags), and only the sources cited have a section."""
    html = subprocess.run([cmark, "--unsafe"], input=out, capture_output=True, check=True).stdout.decode()
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', html))
    links = set(re.findall(r'<a href="#([^"]+)"', html))
    expect(links and links <= anchors, "%s: links without an anchor: %r" % (what, sorted(links - anchors)[:3]))
    cited = {c["source"] for e in doc["events"] for c in e["citations"] + [k for k in e["conflicts"]]}
    cited |= {c["source"] for c in doc["undated"]}
    listed = {a[len("src-"):] for a in anchors if a.startswith("src-")}
    expect(listed == cited, "%s: source sections %r, cited %r" % (what, sorted(listed), sorted(cited)))


for locale in ("en", "id"):
    _, out, _ = run(["build", "data/", "-f", "md", "--locale", locale])
    _, js, _ = run(["build", "data/", "--locale", locale])
    doc = json.loads(js)
    xml = subprocess.run([cmark, "-t", "xml"], input=out, capture_output=True, check=True).stdout
    root = ET.fromstring(xml)
    blocks = list(root)
    tags = [b.tag.replace(NS, "") for b in blocks]
    headings = [(int(b.get("level")), text_of(b)) for b in blocks if b.tag == NS + "heading"]

    expect(headings[0] == (1, doc["title"]), "%s: the h1 is not the title: %r" % (locale, headings[0]))
    expect(tags.count("heading") == len(headings) and tags[0] == "heading", "%s: starts with a heading" % locale)
    # Years as h2, in order, one per year with events; an h3 per event under them.
    years = sorted({e["date"][:4] for e in doc["events"]})
    h2 = [t for level, t in headings if level == 2]
    expect([t for t in h2 if re.fullmatch(r"[0-9]{4}", t)] == years, "%s: year headings %r" % (locale, h2))
    h3_events = [t for level, t in headings if level == 3 and " — " in t]
    expect(len(h3_events) == len(doc["events"]), "%s: %d event headings for %d events" % (locale, len(h3_events), len(doc["events"])))
    for heading, event in zip(h3_events, doc["events"]):
        expect(heading.endswith(" — " + event["title"]), "%s: heading %r does not end in the title %r" % (locale, heading, event["title"]))
    written = {h.split(" — ")[0] for h in h3_events}
    expect(WRITTEN[locale] <= written, "%s: written dates %r miss %r" % (locale, written, WRITTEN[locale] - written))

    # One Mermaid block, a timeline with a line per event.
    mermaid = [b for b in blocks if b.tag == NS + "code_block" and b.get("info") == "mermaid"]
    expect(len(mermaid) == 1, "%s: %d mermaid blocks" % (locale, len(mermaid)))
    lines = mermaid[0].text.splitlines()
    expect(lines[0] == "timeline" and lines[1].startswith("    title "), "%s: mermaid header %r" % (locale, lines[:2]))
    event_lines = [l for l in lines[2:] if not l.strip().startswith("section ")]
    expect(len(event_lines) == len(doc["events"]), "%s: %d mermaid event lines" % (locale, len(event_lines)))
    for line in lines[1:]:
        bare = re.sub(r"#[0-9]+;", "", line)
        expect(";" not in bare and "#" not in bare, "%s: raw ; or # in mermaid line %r" % (locale, line))
        if not line.strip().startswith(("section ", "title ")):
            expect(bare.count(":") == 1, "%s: mermaid line %r has not exactly one ':'" % (locale, line))
    stargate = [l for l in event_lines if "Stargate" in l]
    expect(stargate and "#59;" in stargate[0], "%s: the ';' of the Stargate title is not encoded: %r" % (locale, stargate))

    # Every quote of the Sources section reads back as the JSON's quote.
    quotes = {c["quote"].replace("\n", " ") for e in doc["events"] for c in e["citations"]}
    items = [text_of(i) for i in root.iter(NS + "item")]
    found = {m.group(1) for i in items for m in [re.search(r"^\[[0-9]+\] .*?: “(.*)”$", i)] if m}
    expect(quotes <= found, "%s: quotes missing from the Sources section: %r" % (locale, list(quotes - found)[:2]))

    # Under each event, its quotes in order: each whole, or its start cut at a word and "…".
    text = out.decode()
    sections = text.split("\n### ")[1:len(doc["events"]) + 1]
    for section, event in zip(sections, doc["events"]):
        shown = re.findall(r"^- \[\\\[[0-9]+\\\]\]\(#q[0-9]+\) “(.*?)” — ", section, re.M)
        expect(len(shown) == len(event["citations"]), "%s: %s shows %d quotes for %d citations" %
               (locale, event["id"], len(shown), len(event["citations"])))
    under_events = [text_of(i) for i in root.iter(NS + "item")]
    for e in doc["events"]:
        for c in e["citations"]:
            whole = c["quote"].replace("\n", " ")
            ok = any(("“%s”" % whole) in i or (i.startswith("[") and "…” — " in i and
                                                whole.startswith(i.split("“", 1)[1].split("…” — ")[0]))
                     for i in under_events)
            expect(ok, "%s: %s: quote not under its event: %r" % (locale, e["id"], whole[:60]))

    check_links(out, doc, locale)

# A conflict and undated sentences read as list items, their links leading to their sources.
_, out, _ = run(["build", "tests/fixtures/events/conflict", "--catalog", "data/catalog.json", "-f", "md"])
_, js, _ = run(["build", "tests/fixtures/events/conflict", "--catalog", "data/catalog.json"])
doc = json.loads(js)
expect(any(e["conflicts"] for e in doc["events"]), "the conflict fixture has no conflict")
expect(re.search(r"^- \*\*Conflict:\*\* \[`[^`]+`\]\(#src-[^)]+\) bytes [0-9]+–[0-9]+ says “", out.decode(), re.M),
       "no conflict line in:\n" + out.decode())
check_links(out, doc, "conflict")

done()
