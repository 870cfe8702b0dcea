"""Shared by the consumer tests: run the built binary, fail with a message."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FAILURES = []


def binary():
    if len(sys.argv) < 2:
        sys.exit("usage: %s PATH/TO/mstimeline" % sys.argv[0])
    return sys.argv[1]


def run(args, stdin=None, check=True, env=None):
    """Runs the binary in the repository root; returns (exit code, stdout bytes, stderr text)."""
    full_env = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC")
    full_env.pop("NO_COLOR", None)
    if env:
        full_env.update(env)
    p = subprocess.run([binary()] + args, cwd=ROOT, input=stdin, capture_output=True, env=full_env)
    if check and p.returncode != 0:
        sys.exit("mstimeline %s: exit %d\n%s" % (" ".join(args), p.returncode, p.stderr.decode()))
    return p.returncode, p.stdout, p.stderr.decode()


def need(program):
    from shutil import which
    path = which(program)
    if not path:
        sys.exit("%s is not installed; run: bash scripts/setup.sh --tests" % program)
    return path


def expect(condition, message):
    if not condition:
        FAILURES.append(message)
        print("FAIL: " + message, file=sys.stderr)


def done():
    if FAILURES:
        sys.exit("%d check(s) failed" % len(FAILURES))
    print("ok")
