"""The json and jsonl outputs validate against docs/timeline.schema.json with
a real JSON Schema (draft 2020-12) validator; broken documents do not."""
import copy
import json
import os

import jsonschema

from common import ROOT, done, expect, run

schema = json.load(open(os.path.join(ROOT, "docs", "timeline.schema.json"), encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
timeline = jsonschema.Draft202012Validator(schema)
line_schema = {"$schema": schema["$schema"], "$ref": "#/$defs/jsonl_event", "$defs": schema["$defs"]}
event_line = jsonschema.Draft202012Validator(line_schema)

inputs = [["data/"], ["data/", "--locale", "id"], ["data/", "--no-catalog"], ["data/", "--no-topic"]]
fixtures = os.path.join(ROOT, "tests", "fixtures", "events")
for name in sorted(os.listdir(fixtures)):
    inputs.append([os.path.join("tests", "fixtures", "events", name)])
# A conflict (with the catalog it contradicts) and an empty timeline.
conflict = [os.path.join("tests", "fixtures", "events", "conflict"), "--catalog", "data/catalog.json"]
inputs.append(conflict)
empty = os.path.join(os.environ.get("TMPDIR", "/tmp"), "mstl-schema-empty-%d" % os.getpid())
os.makedirs(empty, exist_ok=True)
open(os.path.join(empty, "note.txt"), "w").write("Nothing dated here.\n")
inputs.append([empty, "--no-topic", "--no-catalog"])

for args in inputs:
    _, out, _ = run(["build"] + args)
    doc = json.loads(out)
    errors = [e.message for e in timeline.iter_errors(doc)]
    expect(not errors, "build %s: %s" % (" ".join(args), errors[:3]))
    _, out, _ = run(["build", "-f", "jsonl"] + args)
    lines = out.decode().splitlines()
    expect(len(lines) == len(doc["events"]), "jsonl of %s: %d lines for %d events" % (args, len(lines), len(doc["events"])))
    for n, line in enumerate(lines, 1):
        record = json.loads(line)
        errors = [e.message for e in event_line.iter_errors(record)]
        expect(not errors, "jsonl of %s, line %d: %s" % (args, n, errors[:3]))
        cited = {c["source"] for c in record["citations"]} | {c["source"] for c in record["conflicts"]}
        expect({s["id"] for s in record["sources"]} == cited, "jsonl line %d: sources are not the cited ones" % n)

_, out, _ = run(["build"] + conflict)
doc = json.loads(out)
expect(any(e["conflicts"] for e in doc["events"]), "the conflict fixture gives no conflict")
broken = copy.deepcopy(doc)
next(e for e in broken["events"] if e["conflicts"])["conflicts"][0].pop("value")
expect(not timeline.is_valid(broken), "the schema accepts a conflict without its value")
broken = copy.deepcopy(doc)
next(e for e in broken["events"] if e["conflicts"])["conflicts"][0].update(surprise=1)
expect(not timeline.is_valid(broken), "the schema accepts an undeclared field of a conflict")
os.remove(os.path.join(empty, "note.txt"))
os.rmdir(empty)

# The validator is not a rubber stamp.
_, out, _ = run(["build", "data/"])
doc = json.loads(out)
for mutate, why in [
    (lambda d: d.pop("undated"), "a missing field"),
    (lambda d: d["events"][0].update(date="2023-13"), "an impossible month"),
    (lambda d: d["events"][0].update(precision="fortnight"), "an unknown precision"),
    (lambda d: d["events"][0].update(kind="gossip"), "an unknown kind"),
    (lambda d: d["events"][0]["citations"][0].update(start=-1), "a negative offset"),
    (lambda d: d["sources"][0].update(sha256="xyz"), "a bad sha256"),
    (lambda d: d["events"][0].update(surprise=True), "an undeclared field"),
]:
    broken = copy.deepcopy(doc)
    mutate(broken)
    expect(not timeline.is_valid(broken), "the schema accepts %s" % why)

done()
