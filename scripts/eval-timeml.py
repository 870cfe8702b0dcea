#!/usr/bin/env python3
"""TempEval-3 scoring of `mstimeline dates` against TimeML files (gold TIMEX3).

Usage:
  python3 scripts/eval-timeml.py [--binary build/bin/mstimeline] [--lang id|en] [--errors]
                                 [--json] [--min-relaxed-f1 N] [--min-value-f1 N] PATH [PATH ...]

Each PATH is a .tml file or a folder of them (not recursive); several paths are pooled. For each
file: the bytes are decoded as UTF-8, or as Windows-1252 when they are not valid UTF-8; the DCT is
the date that begins the value of <DCT><TIMEX3 value="..."> (YYYY-MM-DD; 2013-12-4 is padded); the plain text is
the content of <TEXT>...</TEXT> with every tag removed, XML entities decoded and CR LF read as LF
(as an XML parser does). Each gold TIMEX3 inside <TEXT> keeps its span in that plain text; empty
(non-consuming) ones are left out, as TempEval-3 does. The plain text is given to `mstimeline dates`
in UTF-8 with --dct (and --lang when given); its byte offsets are turned into character offsets.

Scores (TempEval-3, UzZaman et al. 2013), over all files pooled, gold and system expressions
paired one to one (the same span first, then the largest overlap):
  strict span    P/R/F1 of pairs with the same start and end
  relaxed span   P/R/F1 of pairs that overlap
  type, value    accuracy over the relaxed pairs (type: DATE/TIME/DURATION/SET; value: the string)
  value F1       relaxed pairs with an equal value, as P (over system) / R (over gold) / F1
  mod            accuracy over the relaxed pairs (shown, not part of TempEval-3)

--errors lists the misses (gold not found), false alarms (system with no gold) and wrong values
of relaxed pairs, grouped by a coarse class: the TIMEX3 type and the first cue of the text in the
order clock time, part of day, weekday, numeric date, month name, quarter or half, year, set word,
day word, counted unit, unit word, reference word, other digit, other words (Indonesian and
English words). Wrong values also say how they differ: granularity (one value extends the other),
same form, other form. --json prints everything as one JSON object. --min-relaxed-f1 and
--min-value-f1 (percent) make the exit status 1 when the figure is lower, or when there is no
gold to measure. Files whose <TEXT> has no gold TIMEX3 are read and tagged, but not scored.
Standard library only.
"""
import argparse
import codecs
import collections
import json
import os
import re
import subprocess
import sys

# ---------------------------------------------------------------------------------------------
# Reading TimeML


def _cp1252_undefined(err):
    """Windows-1252 leaves 0x81, 0x8D, 0x8F, 0x90, 0x9D undefined: read them as C1 controls."""
    bad = err.object[err.start:err.end]
    return "".join(chr(b) for b in bad), err.end


codecs.register_error("cp1252-c1", _cp1252_undefined)


def decode(raw):
    """(text, encoding name): UTF-8 when valid, else Windows-1252."""
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="cp1252-c1"), "windows-1252"


_ENTITY = re.compile(r"&(#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z]+);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def unescape(text):
    def one(m):
        name = m.group(1)
        if name.startswith("#x"):
            return chr(int(name[2:], 16))
        if name.startswith("#"):
            return chr(int(name[1:]))
        return _NAMED.get(name, m.group(0))

    return _ENTITY.sub(one, text)


_ATTR = re.compile(r'([A-Za-z_:][-\w:.]*)\s*=\s*("([^"]*)"|\'([^\']*)\')')


def attributes(tag):
    out = {}
    for m in _ATTR.finditer(tag):
        out[m.group(1)] = unescape(m.group(3) if m.group(3) is not None else m.group(4))
    return out


_TOKEN = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[^>]*>|[^<]+", re.S)


class TimeMLError(Exception):
    pass


def read_timeml(path):
    """{'dct', 'text', 'gold': [{start, end, text, type, value, mod}], 'encoding'}; offsets in characters."""
    with open(path, "rb") as f:
        doc, encoding = decode(f.read())
    doc = doc.replace("\r\n", "\n").replace("\r", "\n")
    m = re.search(r"<DCT>\s*(<TIMEX3\b[^>]*>)", doc)
    if not m:
        raise TimeMLError(f"{path}: no <DCT><TIMEX3 ...>")
    value = attributes(m.group(1)).get("value", "")
    d = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)", value)  # some Kompas files write 2013-12-4
    if not d:
        raise TimeMLError(f"{path}: DCT value {value!r} does not begin with YYYY-MM-DD")
    dct = f"{d.group(1)}-{int(d.group(2)):02d}-{int(d.group(3)):02d}"
    m = re.search(r"<TEXT\b[^>]*>(.*?)</TEXT>", doc, re.S)
    if not m:
        raise TimeMLError(f"{path}: no <TEXT>...</TEXT>")
    parts, length, gold, open_timex = [], 0, [], None
    for token in _TOKEN.finditer(m.group(1)):
        t = token.group(0)
        if t.startswith("<![CDATA["):
            piece = t[9:-3]
        elif t.startswith("<"):
            if re.match(r"<TIMEX3\b", t):
                if open_timex is not None:
                    raise TimeMLError(f"{path}: nested TIMEX3 at {t!r}")
                if not t.rstrip(">").rstrip().endswith("/"):  # an empty TIMEX3 spans nothing
                    open_timex = (length, attributes(t))
            elif t.startswith("</TIMEX3"):
                if open_timex is None:
                    raise TimeMLError(f"{path}: </TIMEX3> without <TIMEX3>")
                start, attrs = open_timex
                open_timex = None
                text = "".join(parts)[start:length]
                if text.strip():
                    gold.append({"start": start, "end": length, "text": text, "type": attrs.get("type", ""),
                                 "value": attrs.get("value", ""), "mod": attrs.get("mod", "")})
            continue
        else:
            piece = unescape(t)
        parts.append(piece)
        length += len(piece)
    if open_timex is not None:
        raise TimeMLError(f"{path}: unclosed TIMEX3")
    return {"dct": dct, "text": "".join(parts), "gold": gold, "encoding": encoding}


# ---------------------------------------------------------------------------------------------
# Running the tagger


def run_tagger(binary, text, dct, lang):
    data = text.encode("utf-8")
    args = [binary, "dates", "--dct", dct] + (["--lang", lang] if lang else []) + ["-"]
    proc = subprocess.run(args, input=data, capture_output=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} exited {proc.returncode}: {proc.stderr.decode(errors='replace')}")
    # byte offset -> character offset, at every character boundary
    char_at = {}
    b = 0
    for i, ch in enumerate(text):
        char_at[b] = i
        b += len(ch.encode("utf-8"))
    char_at[b] = len(text)
    out = []
    for line in proc.stdout.decode("utf-8").splitlines():
        if not line.strip():
            continue
        j = json.loads(line)
        if j["start"] not in char_at or j["end"] not in char_at:
            raise RuntimeError(f"offsets {j['start']}-{j['end']} are not on character boundaries")
        start, end = char_at[j["start"]], char_at[j["end"]]
        if "text" in j and j["text"] != text[start:end]:
            raise RuntimeError(f"offsets {j['start']}-{j['end']} hold {text[start:end]!r}, not {j['text']!r}")
        out.append({"start": start, "end": end, "text": text[start:end], "type": j.get("type", ""),
                    "value": j.get("value", ""), "mod": j.get("mod") or "", "anchor": j.get("anchor")})
    return out


# ---------------------------------------------------------------------------------------------
# Matching and scoring


def pair(gold, system):
    """One-to-one pairs [(gi, si)]: identical spans first, then overlaps, largest overlap first."""
    pairs, used_g, used_s = [], set(), set()
    by_span = {(s["start"], s["end"]): i for i, s in reversed(list(enumerate(system)))}
    for gi, g in enumerate(gold):
        si = by_span.get((g["start"], g["end"]))
        if si is not None and si not in used_s:
            pairs.append((gi, si))
            used_g.add(gi)
            used_s.add(si)
    candidates = []
    for gi, g in enumerate(gold):
        if gi in used_g:
            continue
        for si, s in enumerate(system):
            if si in used_s:
                continue
            overlap = min(g["end"], s["end"]) - max(g["start"], s["start"])
            if overlap > 0:
                candidates.append((-overlap, gi, si))
    for _, gi, si in sorted(candidates):
        if gi not in used_g and si not in used_s:
            pairs.append((gi, si))
            used_g.add(gi)
            used_s.add(si)
    return sorted(pairs)


def prf(hits_p, hits_r, n_system, n_gold):
    p = 100.0 * hits_p / n_system if n_system else None
    r = 100.0 * hits_r / n_gold if n_gold else None
    if p is None or r is None:
        f = None
    else:
        f = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return {"precision": p, "recall": r, "f1": f}


# ---------------------------------------------------------------------------------------------
# Error classes

_WEEKDAYS = (r"senin|selasa|rabu|kamis|jumat|jum'at|sabtu|ahad|monday|tuesday|wednesday|thursday|friday|saturday|"
             r"sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun")  # Minggu only capitalized: minggu is a week
_MONTHS = (r"januari|februari|pebruari|maret|april|mei|juni|juli|agustus|agt|september|oktober|nopember|november|"
           r"desember|january|february|march|may|june|july|august|october|december|jan|feb|mar|apr|jun|jul|aug|"
           r"sep|sept|okt|oct|nov|des|dec")
_PARTS_OF_DAY = (r"pagi|siang|sore|petang|malam|subuh|dini hari|tengah malam|morning|afternoon|evening|night|"
                 r"tonight|noon|midnight|midday|overnight|dawn|dusk")
_CLOCK = r"\d{1,2}[.:]\d{2}(?![\d./-])|\bpukul\b|\bwib\b|\bwita\b|\bwit\b|\bgmt\b|\b[ap]\.?m\b|o'clock|\b(?:e|c|m|p)[sd]t\b"
_QUARTER = r"quarters?|(?:first|second|last|latter) half|fiscal|kuartal|triwulan|semester|paruh|caturwulan|q[1-4]|h[12]"
_SET = r"daily|weekly|monthly|annually|yearly|hourly|nightly|every|each|per|setiap|tiap|saban|tiap-tiap"
_DAY_WORD = (r"today|yesterday|tomorrow|tonight|kemarin|besok|lusa|hari ini|malam ini|tadi|semalam|"
             r"keesokan(?: harinya)?|esoknya")
_UNITS = (r"hari|pekan|minggu|bulan|tahun|abad|dekade|dasawarsa|windu|musim|jam|menit|detik|masa|waktu|"
          r"day|days|week|weeks|weekend|weekends|month|months|year|years|decade|decades|century|centuries|"
          r"hour|hours|minute|minutes|second|seconds|season|seasons|summer|winter|spring|fall|autumn|"
          r"term|period|moment|time|times|era")
_COUNT = (r"\d+(?:[.,]\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
          r"thirty|forty|fifty|hundred|thousand|several|few|couple|many|some|dozen|satu|dua|tiga|empat|lima|enam|"
          r"tujuh|delapan|sembilan|sepuluh|sebelas|\w+ belas|\w+ puluh|seratus|beberapa|banyak")
_REFERENCE = (r"sekarang|kini|saat ini|dulu|dahulu|kelak|nanti|masa depan|masa lalu|baru-baru ini|belakangan|"
              r"ketika itu|saat itu|waktu itu|now|currently|current|nowadays|these days|past|future|recent|"
              r"recently|former|formerly|once|soon|lately|so far|yet|already|then|previously|earlier|later")
_CLASSES = (
    ("clock time", lambda t: re.search(_CLOCK, t, re.I)),
    ("part of day", lambda t: _has(_PARTS_OF_DAY, t)),
    ("weekday", lambda t: _has(_WEEKDAYS, t) or re.search(r"(?<![\w])Minggu(?![\w])", t)),
    ("numeric date", lambda t: re.search(r"\d{1,4}\s*[/-]\s*\d{1,2}(?!\s*-?\s*(?:an|s)\b)", t)),
    ("month name", lambda t: _has(_MONTHS, t)),
    ("quarter or half", lambda t: _has(_QUARTER, t)),
    ("year", lambda t: re.search(r"(?<!\d)(1[0-9]|20)\d\d(?!\d)|\d0-?an\b|\d0'?s\b|'\d\d\b", t)),
    ("set word", lambda t: _has(_SET, t)),
    ("day word", lambda t: _has(_DAY_WORD, t)),
    ("counted unit", lambda t: re.search(r"(?<![\w])(?:" + _COUNT + r")(?:[\s-]+(?:more|or so|of|to|and|half|"
                                         r"lebih|hampir|sekitar))*[\s-]+(?:" + _UNITS + r")(?![\w])", t, re.I)
     or re.search(r"(?<![\w])se(?:hari|pekan|minggu|bulan|tahun|abad|dekade|jam|menit|saat)(?![\w])", t, re.I)),
    ("unit word", lambda t: _has(_UNITS, t)),
    ("reference word", lambda t: _has(_REFERENCE, t)),
    ("other digit", lambda t: re.search(r"\d", t)),
)


def _has(pattern, text):
    return re.search(r"(?<![\w])(?:" + pattern + r")(?![\w])", text, re.I) is not None


def cue(text):
    """The first cue the expression's text shows, in the order of _CLASSES."""
    for name, test in _CLASSES:
        if test(text):
            return name
    return "other words"


def error_class(timex):
    return f"{timex['type'] or '?'} / {cue(timex['text'])}"


def value_shape(v):
    """A value's shape, to say how two values differ."""
    return re.sub(r"\d", "9", v)


def how_wrong(gold_value, system_value):
    if not system_value:
        return "no value"
    if gold_value.startswith(system_value) or system_value.startswith(gold_value):
        return "granularity"
    if value_shape(gold_value) == value_shape(system_value):
        return "same form, other value"
    return "other form"


# ---------------------------------------------------------------------------------------------


def tml_files(paths):
    out = []
    for p in paths:
        if os.path.isdir(p):
            out += sorted(os.path.join(p, n) for n in os.listdir(p) if n.endswith(".tml"))
        elif os.path.isfile(p):
            out.append(p)
        else:
            sys.exit(f"eval-timeml: {p}: no such file or folder")
    return out


def excerpt(text, start, end, width=40):
    left = text[max(0, start - width):start].replace("\n", " ")
    right = text[end:end + width].replace("\n", " ")
    return f"…{left}[{text[start:end]}]{right}…"


def evaluate(files, binary, lang):
    counts = collections.Counter()
    errors = {"miss": collections.defaultdict(list), "false alarm": collections.defaultdict(list),
              "wrong value": collections.defaultdict(list)}
    encodings = collections.Counter()
    for path in files:
        doc = read_timeml(path)
        encodings[doc["encoding"]] += 1
        gold, system = doc["gold"], run_tagger(binary, doc["text"], doc["dct"], lang)
        pairs = pair(gold, system)
        counts["files"] += 1
        counts["gold"] += len(gold)
        counts["system"] += len(system)
        name = os.path.basename(path)
        paired_g = {gi for gi, _ in pairs}
        paired_s = {si for _, si in pairs}
        for gi, si in pairs:
            g, s = gold[gi], system[si]
            counts["relaxed"] += 1
            counts["strict"] += (g["start"], g["end"]) == (s["start"], s["end"])
            counts["type"] += g["type"] == s["type"]
            counts["mod"] += g["mod"] == s["mod"]
            if g["value"] == s["value"]:
                counts["value"] += 1
            else:
                errors["wrong value"][error_class(g)].append({
                    "file": name, "gold": g["text"], "gold_value": g["value"], "gold_type": g["type"],
                    "system": s["text"], "system_value": s["value"], "system_type": s["type"],
                    "anchor": s["anchor"], "how": how_wrong(g["value"], s["value"]),
                    "context": excerpt(doc["text"], g["start"], g["end"])})
        for gi, g in enumerate(gold):
            if gi not in paired_g:
                errors["miss"][error_class(g)].append({
                    "file": name, "gold": g["text"], "gold_value": g["value"], "gold_type": g["type"],
                    "context": excerpt(doc["text"], g["start"], g["end"])})
        for si, s in enumerate(system):
            if si not in paired_s:
                errors["false alarm"][error_class(s)].append({
                    "file": name, "system": s["text"], "system_value": s["value"], "system_type": s["type"],
                    "context": excerpt(doc["text"], s["start"], s["end"])})
    n_sys, n_gold, rel = counts["system"], counts["gold"], counts["relaxed"]
    if not n_gold:  # files without gold annotation: nothing can be measured, not even precision
        none = {"precision": None, "recall": None, "f1": None}
        scores = {k: dict(none) for k in ("strict", "relaxed", "value", "type")}
        scores.update(type_accuracy=None, value_accuracy=None, mod_accuracy=None)
        return {"counts": dict(counts), "encodings": dict(encodings), "scores": scores, "errors": None}
    scores = {
        "strict": prf(counts["strict"], counts["strict"], n_sys, n_gold),
        "relaxed": prf(rel, rel, n_sys, n_gold),
        "type_accuracy": 100.0 * counts["type"] / rel if rel else None,
        "value_accuracy": 100.0 * counts["value"] / rel if rel else None,
        "mod_accuracy": 100.0 * counts["mod"] / rel if rel else None,
        "value": prf(counts["value"], counts["value"], n_sys, n_gold),
        "type": prf(counts["type"], counts["type"], n_sys, n_gold),
    }
    return {"counts": dict(counts), "encodings": dict(encodings), "scores": scores, "errors": errors}


def fmt(x):
    return "n/a" if x is None else f"{x:.2f}"


def print_table(result, paths, out=sys.stdout):
    c, s = result["counts"], result["scores"]
    enc = ", ".join(f"{n} {e}" for e, n in sorted(result["encodings"].items()))
    print(f"{' '.join(paths)}: {c.get('files', 0)} files ({enc}), {c.get('gold', 0)} gold TIMEX3, "
          f"{c.get('system', 0)} found", file=out)
    if not c.get("gold"):
        print("no gold TIMEX3 inside <TEXT> in these files (only the DCT, if any): nothing to score", file=out)
    print("", file=out)
    print("| measure | P | R | F1 |", file=out)
    print("|---|---|---|---|", file=out)
    for key, label in (("strict", "strict span"), ("relaxed", "relaxed span"), ("type", "type F1"),
                       ("value", "value F1")):
        m = s[key]
        print(f"| {label} | {fmt(m['precision'])} | {fmt(m['recall'])} | {fmt(m['f1'])} |", file=out)
    rel = c.get("relaxed", 0)
    print("", file=out)
    for key, label, n in (("type_accuracy", "type accuracy", "type"), ("value_accuracy", "value accuracy", "value"),
                          ("mod_accuracy", "mod accuracy", "mod")):
        print(f"{label}: {fmt(s[key])} ({c.get(n, 0)} of {rel} relaxed matches)", file=out)


def print_errors(result, top, out=sys.stdout):
    if result["errors"] is None:
        print("\nno error listing without gold annotations", file=out)
        return
    for kind, groups in result["errors"].items():
        total = sum(len(v) for v in groups.values())
        print(f"\n## {kind}: {total}", file=out)
        for cls, items in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            print(f"\n### {kind} / {cls}: {len(items)}", file=out)
            if kind == "wrong value":
                hows = collections.Counter(i["how"] for i in items)
                print("  (" + ", ".join(f"{h}: {n}" for h, n in hows.most_common()) + ")", file=out)
            for i in items[:top]:
                if kind == "miss":
                    line = f"{i['gold']!r} {i['gold_type']} {i['gold_value']}"
                elif kind == "false alarm":
                    line = f"{i['system']!r} {i['system_type']} {i['system_value']}"
                else:
                    shown = i["gold"] if i["gold"] == i["system"] else f"{i['gold']!r} ~ {i['system']!r}"
                    line = f"{shown}: gold {i['gold_value']}, system {i['system_value']} (anchor {i['anchor']})"
                print(f"  - {i['file']}: {line}\n      {i['context']}", file=out)
            if len(items) > top:
                print(f"  - … and {len(items) - top} more", file=out)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description="TempEval-3 scoring of `mstimeline dates` against TimeML files.")
    ap.add_argument("paths", nargs="+", metavar="PATH", help="a .tml file or a folder of them")
    ap.add_argument("--binary", default=os.path.join(here, "..", "build", "bin", "mstimeline"),
                    help="the mstimeline to run (default: build/bin/mstimeline of this repository)")
    ap.add_argument("--lang", choices=["id", "en", "auto"], help="passed to `dates --lang` (default: not passed)")
    ap.add_argument("--errors", action="store_true", help="list misses, false alarms and wrong values by class")
    ap.add_argument("--top", type=int, default=5, help="examples shown per error class (default 5)")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    ap.add_argument("--min-relaxed-f1", type=float, metavar="N", help="exit 1 when relaxed span F1 < N")
    ap.add_argument("--min-value-f1", type=float, metavar="N", help="exit 1 when value F1 < N")
    args = ap.parse_args()

    files = tml_files(args.paths)
    if not files:
        sys.exit(f"eval-timeml: no .tml file in {' '.join(args.paths)}")
    try:
        result = evaluate(files, args.binary, args.lang)
    except (TimeMLError, RuntimeError, OSError) as e:
        sys.exit(f"eval-timeml: {e}")

    if args.json:
        out = {"paths": args.paths, "lang": args.lang, "counts": result["counts"],
               "encodings": result["encodings"], "scores": result["scores"]}
        if args.errors and result["errors"] is not None:
            out["errors"] = {k: dict(v) for k, v in result["errors"].items()}
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print_table(result, args.paths)
        if args.errors:
            print_errors(result, args.top)

    failed = []
    for limit, key, label in ((args.min_relaxed_f1, "relaxed", "relaxed span F1"),
                              (args.min_value_f1, "value", "value F1")):
        if limit is None:
            continue
        got = result["scores"][key]["f1"]
        if got is None:
            failed.append(f"{label} cannot be measured (no gold TIMEX3), floor {limit:g}")
        elif got < limit:
            failed.append(f"{label} {got:.2f} < {limit:g}")
    if failed:
        print("eval-timeml: below the floor: " + "; ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
