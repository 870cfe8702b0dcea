#!/usr/bin/env python3
"""Temporal tagger accuracy on the tables under tests/data/, through `mstimeline dates`.

Usage: python3 scripts/temporal-accuracy.py [--binary build/bin/mstimeline] [TABLE ...]

For each table row (category, language, document date, text, expected) it runs the
public command and compares. It prints, per category:
  rows      rows in the category
  exact     rows whose every expression (span, value, mod, type) is as expected
  span P/R  precision and recall of expression spans (the same text at the same place)
  value     of the spans found right, the share whose value, mod and type are right
Standard library only; stdout is a Markdown table for docs/temporal.md.
"""
import argparse
import collections
import json
import subprocess
import sys


def implied_type(value):
    if len(value) > 1 and value[0] == "P" and "_REF" not in value:
        return "DURATION"
    if "T" in value and "_REF" not in value:
        return "TIME"
    return "DATE"


def parse_expected(text, expected):
    """[(start, end, description)] of the expected expressions, located in text order."""
    out, cursor = [], 0
    for part in filter(None, expected.split(" | ")):
        span = part.split("=", 1)[0]
        at = text.find(span, cursor)
        if at < 0:
            sys.exit(f"expected span {span!r} not found in {text!r}")
        start = len(text[:at].encode())
        out.append((start, start + len(span.encode()), part))
        cursor = at + len(span)
    return out


def run(binary, language, dct, text):
    args = [binary, "dates", "--lang", language] + (["--dct", dct] if dct != "-" else [])
    proc = subprocess.run(args, input=text.encode(), capture_output=True, check=True)
    found = []
    for line in proc.stdout.decode().splitlines():
        j = json.loads(line)
        part = f"{j['text']}={j['value']}"
        if "mod" in j:
            part += f" mod={j['mod']}"
        if j["type"] != implied_type(j["value"]):
            part += f" type={j['type']}"
        found.append((j["start"], j["end"], part))
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default="build/bin/mstimeline")
    ap.add_argument("tables", nargs="*", default=["tests/data/temporal.tsv"])
    a = ap.parse_args()
    stats = collections.defaultdict(lambda: collections.Counter())
    for table in a.tables:
        for line in open(table, encoding="utf-8"):
            if not line.strip() or line.startswith("#"):
                continue
            category, language, dct, text, expected = line.rstrip("\n").split("\t")
            want = parse_expected(text, expected)
            got = run(a.binary, language, dct, text)
            for key in (category, "all"):
                s = stats[key]
                s["rows"] += 1
                s["exact"] += [w[2] for w in want] == [g[2] for g in got] and [w[:2] for w in want] == [g[:2] for g in got]
                s["expected"] += len(want)
                s["found"] += len(got)
                spans_ok = {w[:2] for w in want} & {g[:2] for g in got}
                s["span_ok"] += len(spans_ok)
                s["value_ok"] += len({w for w in want if w[:2] in spans_ok} & set(got))

    def pct(n, d):
        return f"{100 * n / d:.1f}%" if d else "n/a"

    print("| category | rows | exact rows | span precision | span recall | value accuracy on right spans |")
    print("|---|---|---|---|---|---|")
    for key in sorted(stats, key=lambda k: (k == "all", k)):
        s = stats[key]
        print(f"| {key} | {s['rows']} | {pct(s['exact'], s['rows'])} | {pct(s['span_ok'], s['found'])} | "
              f"{pct(s['span_ok'], s['expected'])} | {pct(s['value_ok'], s['span_ok'])} |")


if __name__ == "__main__":
    main()
