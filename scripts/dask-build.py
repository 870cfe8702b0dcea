#!/usr/bin/python3
"""`mstimeline build` on a Dask cluster: extract in shards on the workers, merge the parts here.

Usage:
  scripts/dask-build.py INPUT --shards N --local W [BUILD OPTIONS]
  scripts/dask-build.py INPUT --shards N --scheduler tcp://HOST:8786 --parts SHARED_DIR [BUILD OPTIONS]

Each of the N shards is one Dask task: `mstimeline extract INPUT --shard K/N -o PARTS/part-K-of-N.jsonl`,
run on a worker. When every shard has succeeded, `mstimeline merge` runs here, on this machine, on the N
parts, and writes the timeline as `build` does (to stdout, or to -o). The output is byte for byte what
`mstimeline build INPUT` writes with the same options (tests/scale/dask_build.py checks it).

Parts are files in a directory that the workers and this machine share (`--parts`), not bytes sent back
through the scheduler: a part is about as large as the timeline's JSON, which Dask would hold in memory.
INPUT, --manifest, --topic, --catalog, --data-dir and --parts are made absolute here and must name the same
files on every worker (one shared mount point). With --local and no --parts, the parts go to a temporary
directory that is removed at the end; with --parts they are kept (`merge` or `extract --reuse` can use them).

Nothing is merged unless every shard succeeded: a shard that fails (extract exits non-zero, is killed, its
worker is lost, the binary is missing there, or its part is not the one this machine sees) is named on
stderr, with its stderr, and the run exits non-zero with no output written. Every shard's part header must
carry the same extraction fingerprint (the same mstimeline build, knowledge files and settings on every
worker), or the run fails naming the shard that differs.

Exit codes: 0 success; 1 --check found a difference (merge's); 2 usage error (distributed not importable
too), or a shard or the merge exited 2: input that cannot be used, or --strict and a warning; 3 mstimeline's
internal error in a shard or the merge; 4 a shard failed otherwise (killed, worker lost, binary not found,
part not visible here, another build's part), or the scheduler could not be reached or had no worker after
--wait-for-workers seconds. With several failed shards, the first in shard order gives the code.

Needs Debian's python3-distributed (hence /usr/bin/python3, which sees it); standard library otherwise.
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import uuid

PROG = "dask-build"


def part_tail(path):
    """The end line of a part (the last line, ending in a newline), or None."""
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            size = f.tell()
            f.seek(max(0, size - 4096))
            lines = f.read().split(b"\n")
    except OSError:
        return None
    return lines[-2] if len(lines) >= 2 and lines[-1] == b"" else None


def extract_shard(command, part):
    """Runs on a worker: one `mstimeline extract`. Returns what the client needs to judge it."""
    host = socket.gethostname()
    try:
        done = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, check=False)
    except OSError as e:
        return {"host": host, "returncode": None, "stderr": "", "error": f"cannot run {command[0]}: {e.strerror}"}
    result = {"host": host, "returncode": done.returncode, "stderr": done.stderr.decode("utf-8", "replace")}
    if done.returncode == 0:
        result["end"] = part_tail(part)
    return result


def read_header_fingerprint(path):
    with open(path, "rb") as f:
        line = f.readline()
    try:
        header = json.loads(line)
    except ValueError:
        return None
    return header.get("extraction") if isinstance(header, dict) and header.get("type") == "header" else None


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="scripts/dask-build.py",
        description="mstimeline build on a Dask cluster: extract --shard K/N on the workers, merge here. "
                    "The output is the bytes `mstimeline build` writes with the same options.",
        epilog="docs/scaling.md, \"Dask\", has the commands for a cluster of several machines.")
    p.add_argument("input", metavar="INPUT", help="folder of articles, the same path on every worker")
    p.add_argument("--shards", type=int, required=True, metavar="N", help="number of shards (tasks)")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--scheduler", metavar="ADDRESS", help="a running Dask scheduler, e.g. tcp://10.0.0.1:8786")
    where.add_argument("--local", type=int, metavar="W", help="start a LocalCluster of W workers on this machine")
    p.add_argument("--local-threads", action="store_true",
                   help="with --local: workers are threads of this process, not processes (faster to start)")
    p.add_argument("--parts", metavar="DIR",
                   help="directory for the parts, shared by the workers and this machine (needed with --scheduler); "
                        "kept after the run")
    p.add_argument("--mstimeline", default="mstimeline", metavar="PATH",
                   help="the mstimeline binary, the same build on every worker and here [default: mstimeline on PATH]")
    p.add_argument("--wait-for-workers", type=float, default=60, metavar="SECONDS",
                   help="with --scheduler: fail when no worker has joined it after this long [default: 60]")
    p.add_argument("--shard-jobs", type=int, default=1, metavar="J", help="extract -j of each shard [default: 1]")

    b = p.add_argument_group("build options, passed to extract (input) or merge (output)")
    for name in ("--title", "--manifest", "--lang", "--topic", "--catalog", "--max-file-size"):
        b.add_argument(name)
    for name in ("--no-topic", "--no-catalog", "--strict"):
        b.add_argument(name, action="store_true")
    b.add_argument("-j", "--jobs", help="merge -j")
    b.add_argument("-f", "--format")
    b.add_argument("-o", "--output")
    b.add_argument("--check", action="store_true")
    b.add_argument("--csv-safe", action="store_true")
    b.add_argument("--all-sources", action="store_true")
    for name in ("--locale", "--since", "--until", "--min-sources", "--top", "--quotes"):
        b.add_argument(name)
    b.add_argument("--kind", action="append", default=[])
    b.add_argument("--data-dir")
    quiet = b.add_mutually_exclusive_group()
    quiet.add_argument("-v", "--verbose", action="store_true")
    quiet.add_argument("-q", "--quiet", action="store_true")
    args = p.parse_args(argv)
    if args.shards < 1:
        p.error("--shards: N must be 1 or more")
    if args.local is not None and args.local < 1:
        p.error("--local: W must be 1 or more")
    if args.scheduler and not args.parts:
        p.error("--scheduler needs --parts DIR, a directory every worker and this machine share")
    if args.local_threads and args.local is None:
        p.error("--local-threads goes with --local")
    return args


def absolute(path):
    return os.path.abspath(path) if path else path


def is_inside(path, folder):
    path, folder = os.path.realpath(path), os.path.realpath(folder)
    return os.path.commonpath([path, folder]) == folder


def global_options(args):
    out = []
    if args.data_dir:
        out.append(f"--data-dir={absolute(args.data_dir)}")
    if args.verbose:
        out.append("-v")
    if args.quiet:
        out.append("-q")
    return out


def extract_command(binary, args, k, part):
    cmd = [binary, *global_options(args), "extract", absolute(args.input), f"--shard={k}/{args.shards}",
           f"--jobs={args.shard_jobs}", f"--output={part}"]
    for name in ("title", "lang", "max_file_size"):
        if getattr(args, name) is not None:
            cmd.append(f"--{name.replace('_', '-')}={getattr(args, name)}")
    for name in ("manifest", "topic", "catalog"):  # files: the same absolute path on the workers
        if getattr(args, name) is not None:
            cmd.append(f"--{name}={absolute(getattr(args, name))}")
    for name in ("no_topic", "no_catalog", "strict"):
        if getattr(args, name):
            cmd.append(f"--{name.replace('_', '-')}")
    return cmd


def merge_command(binary, args, parts):
    cmd = [binary, *global_options(args), "merge"]
    for name in ("jobs", "format", "output", "locale", "since", "until", "min_sources", "top", "quotes"):
        if getattr(args, name) is not None:
            cmd.append(f"--{name.replace('_', '-')}={getattr(args, name)}")
    cmd += [f"--kind={k}" for k in args.kind]
    for name in ("check", "csv_safe", "all_sources"):
        if getattr(args, name):
            cmd.append(f"--{name.replace('_', '-')}")
    return cmd + ["--", *parts]


def binary_path(name):
    # A path with a slash is made absolute (the workers' working directory is not ours); a bare name is
    # looked up on each machine's PATH.
    return os.path.abspath(name) if os.sep in name else name


def failure_code(returncode):
    return returncode if returncode in (2, 3) else 4


def judge(k, n, result, part):
    """None when shard k's part is whole and the one this machine sees, else (exit code, message)."""
    where = f"shard {k}/{n} on {result.get('host', '?')}"
    if "error" in result:
        return 4, f"{where}: {result['error']}"
    rc = result["returncode"]
    if rc != 0:
        how = f"killed by signal {-rc}" if rc < 0 else f"extract exited {rc}"
        return failure_code(rc), f"{where}: {how}"
    if result.get("end") is None:
        return 4, f"{where}: extract exited 0 but its part {part} has no end line there"
    if part_tail(part) != result["end"]:
        return 4, (f"{where}: its part {part} is not the one this machine sees "
                   f"(is --parts a directory every worker shares?)")
    return None


def run_shards(client, binary, args, parts):
    token = uuid.uuid4().hex[:8]
    futures = [client.submit(extract_shard, extract_command(binary, args, k, part), part,
                             key=f"extract-{k}-of-{args.shards}-{token}", pure=False)
               for k, part in enumerate(parts)]
    results = []
    for k, future in enumerate(futures):
        try:
            results.append(future.result())
        except Exception as e:  # a lost worker (KilledWorker), a task that could not run
            results.append({"host": "?", "error": f"the task failed: {type(e).__name__}: {e}"})
    return results


def report(args, results, parts):
    """Prints each shard's stderr in shard order, then its failure; the exit code of the first failure, or 0."""
    code, failed = 0, []
    fingerprint = None
    for k, (result, part) in enumerate(zip(results, parts)):
        sys.stderr.write(result.get("stderr", ""))
        verdict = judge(k, args.shards, result, part)
        if verdict is None:
            mine = read_header_fingerprint(part)
            if fingerprint is None:
                fingerprint = (k, mine)
            elif mine != fingerprint[1]:
                verdict = 4, (f"shard {k}/{args.shards} on {result['host']}: its part's extraction fingerprint "
                              f"differs from shard {fingerprint[0]}/{args.shards}'s (the same mstimeline build and "
                              f"knowledge files on every worker?)")
        if verdict is not None:
            print(f"{PROG}: {verdict[1]}", file=sys.stderr)
            code = code or verdict[0]
            failed.append(f"{k}/{args.shards}")
    if failed:
        print(f"{PROG}: {len(failed)} of {args.shards} shards failed ({', '.join(failed)}); nothing merged",
              file=sys.stderr)
    return code


def start_client(args):
    import logging
    from distributed import Client, LocalCluster
    if args.scheduler:
        client = Client(args.scheduler, timeout="30s")
        try:
            client.wait_for_workers(1, timeout=args.wait_for_workers)
        except BaseException:
            client.close()
            raise
        return client, None
    cluster = LocalCluster(n_workers=args.local, threads_per_worker=1, processes=not args.local_threads,
                           dashboard_address=None, silence_logs=logging.ERROR)
    return Client(cluster), cluster


def main(argv):
    args = parse_args(argv)
    if not os.path.exists(args.input):
        print(f"{PROG}: {args.input}: no such file or folder", file=sys.stderr)
        return 2
    # build never reads its own output; a shard's extract does not know it, so it must not be among the articles.
    for what, path in (("-o", args.output), ("--parts", args.parts)):
        if path and path != "-" and os.path.isdir(args.input) and is_inside(path, args.input):
            print(f"{PROG}: {what} {path} is inside the input folder {args.input}; the shards would read it: "
                  f"put it elsewhere", file=sys.stderr)
            return 2
    try:
        import distributed  # noqa: F401
    except ImportError:
        print(f"{PROG}: Python's distributed module is missing (Debian: apt-get install python3-distributed; "
              f"run with /usr/bin/python3)", file=sys.stderr)
        return 2
    binary = binary_path(args.mstimeline)
    temporary = None
    if args.parts:
        os.makedirs(args.parts, exist_ok=True)
        parts_dir = absolute(args.parts)
    else:
        parts_dir = temporary = tempfile.mkdtemp(prefix="mstl-dask-parts-")
    parts = [os.path.join(parts_dir, f"part-{k}-of-{args.shards}.jsonl") for k in range(args.shards)]
    try:
        for part in parts:  # an old part must never stand in for one this run did not write
            if os.path.lexists(part):
                os.unlink(part)
        try:
            client, cluster = start_client(args)
        except OSError as e:  # TimeoutError too: no scheduler, or no worker joined it
            print(f"{PROG}: cannot reach the scheduler {args.scheduler} or no worker joined it: {e}",
                  file=sys.stderr)
            return 4
        try:
            results = run_shards(client, binary, args, parts)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
        code = report(args, results, parts)
        if code:
            return code
        try:
            merged = subprocess.run(merge_command(binary, args, parts), stdin=subprocess.DEVNULL, check=False)
        except OSError as e:
            print(f"{PROG}: cannot run {binary} here: {e.strerror}", file=sys.stderr)
            return 4
        if merged.returncode < 0:
            print(f"{PROG}: merge killed by signal {-merged.returncode}", file=sys.stderr)
            return 4
        return merged.returncode
    finally:
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
