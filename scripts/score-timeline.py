#!/usr/bin/env python3
"""Scores a timeline (mstimeline's JSON) against a reference timeline table.

    score-timeline.py REFERENCE.md TIMELINE.json [--exclude-sources REGEX]
                      [--min-recall R] [--min-precision P] [--max-split N] [--json]

The reference is a Markdown table with one row per gold event:

    | G07 | 2014-11-27 | day | OPEC keeps its ceiling | 20141128-080819926, 20141212-083825426 |

(an id, the date as the articles support it, its precision, a description, and
the articles that report it, as file stems). Any table of that shape works,
such as the corpora's oil-timeline.md.

The scoring rule is the reference's own:
  - a gold event is *found* when an output event has its date at the gold
    precision or finer and inside it, and cites a sentence of an article that
    reports the gold event (the article proxy: the table lists articles, not
    sentences);
  - *found, imprecise* when the only such events are dated coarser but contain
    the gold date (2014-11 or 2014-W48 for a day);
  - an output event is *correct* when it finds some gold event; precision is
    the share of output events that are correct.
It also reports, per gold event, how many output events found it (one event
per real-world event is the goal) and how many of its articles the best one
cites; and the citations of sources matching --exclude-sources (articles of
another story that must not be cited).

Exit status: 0, or 1 when a --min-* or --max-split bound is missed; 2 for bad
input.
"""
import argparse
import datetime
import json
import re
import sys

ROW = re.compile(r"^\|\s*(G\d+)\s*\|\s*([0-9-]+)\s*\|\s*(\w+)[^|]*\|\s*([^|]*?)\s*\|\s*([^|]*?)\s*\|\s*$")
ARTICLE = re.compile(r"\b\d{8}-\d{6,}\b")


def period(value):
    """The first and last day of a TIMEX3 date value (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www, with
    an optional time after T), and its precision, or None for values that are not dates."""
    value = value.split("T")[0]
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            d = datetime.date.fromisoformat(value)
            return d, d, "day"
        if re.fullmatch(r"\d{4}-W\d{2}", value):
            start = datetime.date.fromisocalendar(int(value[:4]), int(value[6:]), 1)
            return start, start + datetime.timedelta(days=6), "week"
        if re.fullmatch(r"\d{4}-\d{2}", value):
            y, m = int(value[:4]), int(value[5:])
            start = datetime.date(y, m, 1)
            end = datetime.date(y + (m == 12), m % 12 + 1, 1) - datetime.timedelta(days=1)
            return start, end, "month"
        if re.fullmatch(r"\d{4}", value):
            return datetime.date(int(value), 1, 1), datetime.date(int(value), 12, 31), "year"
    except ValueError:
        return None
    return None


FINENESS = {"year": 0, "month": 1, "week": 2, "day": 3}


def read_reference(path):
    gold = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            m = ROW.match(line.rstrip("\n"))
            if not m:
                continue
            gid, date, precision, what, reported = m.groups()
            p = period(date)
            if p is None or precision not in FINENESS:
                sys.exit(f"{path}:{number}: a gold row needs a date and a precision (year, month, week, day)")
            gold.append({"id": gid, "date": date, "start": p[0], "end": p[1], "precision": precision,
                         "what": what, "articles": set(ARTICLE.findall(reported))})
    if not gold:
        sys.exit(f"{path}: no gold rows (| G01 | date | precision | event | articles |)")
    return gold


def matches(event, g):
    """'found', 'imprecise' or None: how output event `event` finds gold event `g`."""
    p = period(event["date"])
    if p is None:
        return None
    if not any(c["source"] in g["articles"] for c in event["citations"]):
        return None
    start, end, precision = p
    if FINENESS[precision] >= FINENESS[g["precision"]] and g["start"] <= start and end <= g["end"]:
        return "found"
    if start <= g["start"] and g["end"] <= end:
        return "imprecise"
    return None


def score(gold, timeline, exclude):
    events = timeline["events"]
    per_gold = []
    correct = set()
    for g in gold:
        found = [e for e in events if matches(e, g) == "found"]
        imprecise = [e for e in events if matches(e, g) == "imprecise"]
        correct.update(e["id"] for e in found)
        best = max(found, key=lambda e: len({c["source"] for c in e["citations"]} & g["articles"]), default=None)
        per_gold.append({"id": g["id"], "date": g["date"], "what": g["what"],
                         "status": "found" if found else "imprecise" if imprecise else "missed",
                         "events": [e["id"] for e in found] or [e["id"] for e in imprecise],
                         "articles": len(g["articles"]),
                         "best_cites": len({c["source"] for c in best["citations"]} & g["articles"]) if best else 0})
    excluded = sorted({c["source"] for e in events for c in e["citations"] if exclude and re.search(exclude, c["source"])})
    found = sum(1 for r in per_gold if r["status"] == "found")
    return {"gold": len(gold), "found": found,
            "imprecise": sum(1 for r in per_gold if r["status"] == "imprecise"),
            "recall": found / len(gold), "events": len(events), "correct": len(correct),
            "precision": len(correct) / len(events) if events else 0.0,
            "max_split": max((len(r["events"]) for r in per_gold if r["status"] == "found"), default=0),
            "excluded_cited": excluded, "per_gold": per_gold,
            "wrong": [{"id": e["id"], "date": e["date"], "title": e["title"]} for e in events if e["id"] not in correct]}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("reference")
    ap.add_argument("timeline", help="mstimeline's JSON output; - for stdin")
    ap.add_argument("--exclude-sources", metavar="REGEX", help="source ids that must not be cited")
    ap.add_argument("--min-recall", type=float)
    ap.add_argument("--min-precision", type=float)
    ap.add_argument("--max-split", type=int, help="at most this many output events per found gold event")
    ap.add_argument("--json", action="store_true", help="the whole result as JSON")
    args = ap.parse_args()
    gold = read_reference(args.reference)
    try:
        text = sys.stdin.read() if args.timeline == "-" else open(args.timeline, encoding="utf-8").read()
        timeline = json.loads(text)
    except (OSError, ValueError) as e:
        print(f"score-timeline: {args.timeline}: {e}", file=sys.stderr)
        return 2
    r = score(gold, timeline, args.exclude_sources)
    if args.json:
        print(json.dumps(r, indent=2, sort_keys=True))
    else:
        for g in r["per_gold"]:
            print(f"{g['id']}  {g['date']:<10}  {g['status']:<9}  events {len(g['events'])}  "
                  f"articles {g['best_cites']}/{g['articles']}  {g['what'][:60]}")
        for w in r["wrong"]:
            print(f"wrong  {w['date']:<16} {w['id']}  {w['title'][:70]}")
        print(f"recall {r['found']}/{r['gold']} = {100 * r['recall']:.1f} % (+{r['imprecise']} imprecise); "
              f"precision {r['correct']}/{r['events']} = {100 * r['precision']:.1f} %; "
              f"most events for one gold event {r['max_split']}; "
              f"excluded sources cited {len(r['excluded_cited'])}")
    failed = []
    if args.min_recall is not None and r["recall"] < args.min_recall:
        failed.append(f"recall {r['recall']:.3f} < {args.min_recall}")
    if args.min_precision is not None and r["precision"] < args.min_precision:
        failed.append(f"precision {r['precision']:.3f} < {args.min_precision}")
    if args.max_split is not None and r["max_split"] > args.max_split:
        failed.append(f"an event split into {r['max_split']} > {args.max_split}")
    if args.exclude_sources and r["excluded_cited"]:
        failed.append("excluded sources cited: " + ", ".join(r["excluded_cited"]))
    for f in failed:
        print(f"score-timeline: {f}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
