"""csv, read by Python's csv module (RFC 4180 dialect): one row per citation
with CRLF row ends, every quote exactly the source's bytes at its offsets;
timelinejs: the TimelineJS3 shape, start_date parts per precision, unique
and deterministic unique_ids, groups by kind."""
import csv
import io
import json
import os

from common import ROOT, done, expect, run

_, js, _ = run(["build", "data/"])
doc = json.loads(js)
sources = {s["id"]: s for s in doc["sources"]}

# csv
_, out, _ = run(["build", "data/", "-f", "csv"])
expect(out.endswith(b"\r\n") and out.count(b"\r\n") >= out.count(b"\n") - sum(
    c["quote"].count("\n") for e in doc["events"] for c in e["citations"]), "csv rows do not end in CRLF")
rows = list(csv.DictReader(io.StringIO(out.decode("utf-8"), newline="")))
citations = [(e, c) for e in doc["events"] for c in e["citations"]]
expect(len(rows) == len(citations), "csv: %d rows for %d citations" % (len(rows), len(citations)))
for row, (event, cite) in zip(rows, citations):
    expect(row["event_id"] == event["id"] and row["date"] == event["date"], "csv row of %s" % event["id"])
    expect(row["title"] == event["title"], "csv title %r" % row["title"])
    path = os.path.join(ROOT, "data", row["path"])
    raw = open(path, "rb").read()[int(row["start"]):int(row["end"])].decode("utf-8")
    expect(row["quote"] == raw == cite["quote"], "csv quote of %s at %s is not the file's bytes" % (row["source"], row["start"]))
    expect(row["publisher"] == (sources[row["source"]]["publisher"] or ""), "csv publisher of %s" % row["source"])

# timelinejs
_, out, _ = run(["build", "data/", "-f", "timelinejs"])
tl = json.loads(out)
expect(set(tl) == {"title", "events"}, "timelinejs keys %r" % list(tl))
expect(tl["title"]["text"]["headline"] == doc["title"].replace("&", "&amp;"), "timelinejs title")
expect([e["unique_id"] for e in tl["events"]] == [e["id"] for e in doc["events"]], "timelinejs unique_ids")
parts = {"year": {"year"}, "month": {"year", "month"}, "day": {"year", "month", "day"}}
for t, e in zip(tl["events"], doc["events"]):
    start = t["start_date"]
    y = int(e["date"][:4])
    expect(start["year"] == y, "timelinejs %s: year %r" % (e["id"], start))
    if e["precision"] in parts:
        expect(set(start) == parts[e["precision"]] and "end_date" not in t, "timelinejs %s: %r" % (e["id"], start))
        if e["precision"] == "day":
            expect("%04d-%02d-%02d" % (start["year"], start["month"], start["day"]) == e["date"], "timelinejs day of %s" % e["id"])
    else:
        expect(set(t["end_date"]) == {"year", "month", "day"}, "timelinejs %s: a %s without its end" % (e["id"], e["precision"]))
    expect(t["text"]["text"].count("<blockquote>") == len(e["citations"]), "timelinejs %s: quotes" % e["id"])
    expect(t["group"] == (e["kind"] or "new event"), "timelinejs %s: group %r" % (e["id"], t["group"]))
week = [t for t in tl["events"] if t["unique_id"] == "ev-8d783c3e1623"]
expect(week and week[0]["start_date"] == {"year": 2023, "month": 11, "day": 13}
       and week[0]["end_date"] == {"year": 2023, "month": 11, "day": 19}, "timelinejs: 2023-W46 is not 13-19 November: %r" % week)

done()
