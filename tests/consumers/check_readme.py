"""Every ```console block of README.md and docs/*.md runs as shown: each `$ `
line is run by bash (pipefail) in the repository root, with the built
binary first on PATH as `mstimeline`, and its stdout must be exactly the
lines below it. So the documented `jq` pipelines run against real output
with the real jq. A line `[...]` in the shown output stands for lines cut
from the page (none or more); every other shown line is still compared, in
order, from the start and to the end. Blocks that only illustrate are fenced
as ```text."""
import glob
import os
import re
import subprocess
import sys

from common import ROOT, binary, done, expect, need

need("jq")
bindir = os.path.dirname(os.path.abspath(binary()))
env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"], LC_ALL="C.UTF-8", TZ="UTC")
env.pop("NO_COLOR", None)

files = [os.path.join(ROOT, "README.md")] + sorted(glob.glob(os.path.join(ROOT, "docs", "*.md")))
CUT = "[...]"


def matches(got, want):
    """Whether the lines got are the lines want, each CUT line of want standing for any run of lines."""
    parts = [[]]
    for line in want:
        if line == CUT:
            parts.append([])
        else:
            parts[-1].append(line)
    if len(parts) == 1:
        return got == want
    first, middle, last = parts[0], parts[1:-1], parts[-1]
    if len(got) < len(first) + len(last) or got[:len(first)] != first or got[len(got) - len(last):] != last:
        return False
    at, end = len(first), len(got) - len(last)
    for part in middle:  # each as early as it fits, in order
        at = next((i + len(part) for i in range(at, end - len(part) + 1) if got[i:i + len(part)] == part), None)
        if at is None:
            return False
    return True


examples = 0
for path in files:
    text = open(path, encoding="utf-8").read()
    for block in re.findall(r"^```console\n(.*?)^```$", text, flags=re.S | re.M):
        command, expected = None, []
        for line in block.splitlines() + ["$ "]:
            if line.startswith("$ "):
                if command:
                    examples += 1
                    p = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=ROOT, env=env,
                                       capture_output=True, text=True)
                    want = "\n".join(expected).rstrip("\n")
                    got = p.stdout.rstrip("\n")
                    where = "%s: $ %s" % (os.path.relpath(path, ROOT), command)
                    expect(p.returncode == 0, "%s: exit %d: %s" % (where, p.returncode, p.stderr.strip()))
                    if not matches(got.split("\n"), want.split("\n")):
                        diff = [l for l in zip(got.splitlines(), want.splitlines()) if l[0] != l[1]][:2]
                        expect(False, "%s: output differs (got, want): %r" % (where, diff or (got[-200:], want[-200:])))
                command, expected = line[2:], []
            elif command is not None and command.endswith("\\") and not expected:
                command = command + "\n" + line  # a continued command line
            elif command is not None:
                expected.append(line)

expect(examples >= 5, "only %d console examples found" % examples)
print("%d examples" % examples, file=sys.stderr)
done()
