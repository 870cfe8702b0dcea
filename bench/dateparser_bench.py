#!/usr/bin/python3
"""python3-dateparser's search_dates(languages=['id']) over the first articles of a corpus.

Usage: /usr/bin/python3 bench/dateparser_bench.py CORPUS [SAMPLE_BYTES]

Runs on Debian's python3-dateparser (apt-get install python3-dateparser; it installs
for /usr/bin/python3). Prints one line in the same form as the C++ benchmarks.
"""
import resource
import sys
import time

from dateparser.search import search_dates


def main():
    corpus = open(sys.argv[1], encoding="utf-8").read()
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    articles, size = [], 0
    for a in corpus.split("\n\n"):
        if size >= limit:
            break
        articles.append(a)
        size += len(a.encode())
    found = 0
    t0 = time.perf_counter()
    for a in articles:
        found += len(search_dates(a, languages=["id"]) or [])
    s = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"dateparser search_dates: {size / 1e6:.1f} MB in {s:.3f} s = {size / 1e6 / s:.3f} MB/s, "
          f"{found} items, peak RSS {rss:.1f} MiB")


if __name__ == "__main__":
    main()
