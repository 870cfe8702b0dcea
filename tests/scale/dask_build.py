#!/usr/bin/python3
"""scripts/dask-build.py on a two-worker LocalCluster gives the bytes `mstimeline build` gives.

Usage: tests/scale/dask_build.py PATH/TO/mstimeline    (CTest runs it with Debian's /usr/bin/python3)

On data/ (worker processes, as on a real cluster; md with filters and a title) and on data/ plus 2 MB of
generated articles (7 shards on worker threads; json, and csv merged from the kept parts), the output must
be build's, byte for byte. Then shards that fail (a wrapper around the binary): one killed, one exiting 3,
one run with another --lang, so with another extraction fingerprint; and one refused by --strict (a binary
file in its shard): the driver names each failed shard, exits with the documented code and writes nothing.
An -o inside the input folder is refused, and merge's --check exit code comes through. Exits 77 (skipped)
when Python's distributed module is missing.
"""
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DRIVER = os.path.join(ROOT, "scripts", "dask-build.py")
failures = []


def fail(message):
    print(f"FAIL: {message}")
    failures.append(message)


def run(cmd, **kw):
    return subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, check=False, **kw)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def dask_build(binary, *args):
    return run([sys.executable, DRIVER, *args, "--mstimeline", binary])


def same_as_build(binary, work, name, input_dir, driver_args, build_args):
    """The driver and build, each with -o, must succeed and write the same bytes."""
    ours, theirs = os.path.join(work, f"{name}.dask"), os.path.join(work, f"{name}.build")
    done = dask_build(binary, input_dir, *driver_args, *build_args, "-o", ours)
    if done.returncode != 0:
        fail(f"{name}: dask-build exited {done.returncode}: {done.stderr.decode(errors='replace')}")
        return
    built = run([binary, "build", input_dir, *build_args, "-o", theirs])
    if built.returncode != 0:
        fail(f"{name}: build exited {built.returncode}: {built.stderr.decode(errors='replace')}")
    elif read(ours) != read(theirs):
        fail(f"{name}: dask-build's output differs from build's")
    elif len(read(ours)) < 1000:
        fail(f"{name}: only {len(read(ours))} bytes of output: nothing was exercised")


def check_failed(name, done, code, messages, output):
    err = done.stderr.decode(errors="replace")
    if done.returncode != code:
        fail(f"{name}: exit {done.returncode}, expected {code}; stderr: {err}")
    for m in messages:
        if m not in err:
            fail(f"{name}: stderr lacks {m!r}; it reads: {err}")
    if os.path.exists(output):
        fail(f"{name}: {output} was written although a shard failed")
    if done.stdout:
        fail(f"{name}: stdout was written although a shard failed")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: tests/scale/dask_build.py PATH/TO/mstimeline")
    try:
        import distributed  # noqa: F401
    except ImportError:
        print(f"skipped: {sys.executable} cannot import distributed (Debian: python3-distributed, which "
              f"scripts/setup.sh --tests installs)")
        return 77
    binary = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="mstl-dask-test-")
    try:
        return run_cases(binary, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run_cases(binary, work):
    data = os.path.join(ROOT, "data")
    # data/ on worker processes, which receive the task pickled as a real cluster's workers do.
    same_as_build(binary, work, "data-md", data, ["--shards", "3", "--local", "2"],
                  ["-f", "md", "--title", "Satu dua", "--since", "2019", "--kind", "new", "--kind", "agreement",
                   "--locale", "en", "-j", "1"])

    # A bigger folder: data/ and 2 MB of generated articles in nested folders, 7 shards on 2 worker threads.
    archive = os.path.join(work, "archive")
    shutil.copytree(data, archive)
    gen = run([sys.executable, os.path.join(ROOT, "bench", "gen-corpus"), "--size-mb", "2", "--files-per-dir",
               "300", "--out", os.path.join(archive, "generated")])
    if gen.returncode != 0:
        fail(f"bench/gen-corpus exited {gen.returncode}")
    parts = os.path.join(work, "parts")
    same_as_build(binary, work, "archive-json", archive,
                  ["--shards", "7", "--local", "2", "--local-threads", "--parts", parts], ["--top", "40"])
    kept = sorted(os.listdir(parts)) if os.path.isdir(parts) else []
    if kept != [f"part-{k}-of-7.jsonl" for k in range(7)]:
        fail(f"--parts holds {kept}, not the 7 parts")
    else:
        merged = run([binary, "merge", *[os.path.join(parts, p) for p in kept], "-f", "csv"])
        built = run([binary, "build", archive, "-f", "csv"])
        if merged.stdout != built.stdout or merged.returncode != 0 or len(built.stdout) < 10000:
            fail("the kept parts do not merge into build's csv")

    # Of 4 shards, 0 is killed, 2 exits 3, 3 runs with --lang en (as a worker with other knowledge files or
    # another build would: another extraction fingerprint) and 1 is fine: nothing merged, the three named, the
    # first one's code.
    wrapper = os.path.join(work, "flaky-mstimeline")
    with open(wrapper, "w") as f:
        f.write("#!/bin/sh\n"
                "case \" $* \" in\n"
                "  *' --shard=0/4 '*) kill -9 $$ ;;\n"
                "  *' --shard=2/4 '*) echo 'disk on fire' >&2; exit 3 ;;\n"
                f"  *' --shard=3/4 '*) exec '{binary}' \"$@\" --lang=en ;;\n"
                "esac\n"
                f"exec '{binary}' \"$@\"\n")
    os.chmod(wrapper, 0o755)
    output = os.path.join(work, "flaky.json")
    done = dask_build(wrapper, data, "--shards", "4", "--local", "2", "--local-threads", "-o", output)
    check_failed("failing shards", done, 4,
                 ["dask-build: shard 0/4 on ", ": killed by signal 9\n", "disk on fire\ndask-build: shard 2/4 on ",
                  ": extract exited 3\n", "dask-build: shard 3/4 on ",
                  ": its part's extraction fingerprint differs from shard 1/4's",
                  "dask-build: 3 of 4 shards failed (0/4, 2/4, 3/4); nothing merged\n"], output)
    if b"shard 1/4 on" in done.stderr:
        fail("shard 1/4 succeeded but is named as failed")

    # --strict: one article of two is a binary file; its shard (1/2: files go K modulo N in path order) is
    # refused with exit 2, as build --strict is.
    strict = os.path.join(work, "strict")
    os.makedirs(strict)
    with open(os.path.join(strict, "a.txt"), "w") as f:
        f.write("Microsoft dan OpenAI menandatangani perjanjian pada 2 Februari 2026.\n")
    with open(os.path.join(strict, "b.txt"), "wb") as f:
        f.write(b"Halo\x00dunia pada tahun 2021.\n")
    output = os.path.join(work, "strict.json")
    done = dask_build(binary, strict, "--shards", "2", "--local", "2", "--local-threads", "--strict", "-o", output)
    check_failed("--strict", done, 2, ["b.txt: warning: binary file", "dask-build: shard 1/2 on ",
                                        ": extract exited 2\n",
                                        "dask-build: 1 of 2 shards failed (1/2); nothing merged\n"], output)
    if run([binary, "build", strict, "--strict"]).returncode != 2:
        fail("build --strict does not exit 2 on the same folder")

    # An output the shards would read as an article is refused before any work.
    inside = os.path.join(strict, "timeline.md")
    done = dask_build(binary, strict, "--shards", "2", "--local", "1", "-o", inside)
    check_failed("-o inside the input", done, 2, [f"dask-build: -o {inside} is inside the input folder"], inside)

    # merge's --check comes through: 1 and a diff when -o differs, nothing written.
    stale = os.path.join(work, "stale.json")
    with open(stale, "w") as f:
        f.write("{}\n")
    done = dask_build(binary, data, "--shards", "2", "--local", "1", "--local-threads", "--check", "-o", stale)
    if done.returncode != 1 or read(stale) != b"{}\n" or b"\n+" not in done.stderr:
        fail(f"--check: exit {done.returncode}, stderr {done.stderr[:300]!r}")

    if failures:
        return 1
    print("ok: dask-build on 2 workers gives build's bytes on data/ and a generated archive; "
          "failing shards are named and nothing is merged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
