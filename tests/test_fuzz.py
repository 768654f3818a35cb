"""Runs the libFuzzer targets of tests/fuzz/ for a bounded time.

Each target starts from its seed corpus (copied, so the tree stays clean)
and runs for SVS_FUZZ_SECONDS seconds (default 20); any crash, leak or
sanitizer report fails the test and leaves the reproducer in the log.
The targets are built with clang by `make check`; a missing target is a
failure, not a skip, so that CI cannot silently stop fuzzing.
"""

import os
import re
import shutil
import subprocess

import pytest

from conftest import BUILDDIR, SRCDIR



def fuzz_targets():
    """The targets listed in FUZZ_ALL of tests/automake.mk, so that a new
    target is fuzzed as soon as the build knows it."""
    names = []
    with open(os.path.join(SRCDIR, "tests", "automake.mk")) as f:
        for line in f:
            m = re.match(r"FUZZ_ALL\s*\+?=\s*(.*)", line)
            if m:
                names += [os.path.basename(w) for w in m.group(1).split()]
    return names


TARGETS = fuzz_targets()
assert TARGETS, "no FUZZ_ALL in tests/automake.mk"


@pytest.mark.parametrize("target", TARGETS)
def test_fuzz_target(target, tmp_path):
    program = os.path.join(BUILDDIR, "tests", "fuzz", target)
    assert os.path.exists(program), \
        "%s not built: configure needs clang (FUZZ_CC)" % program
    seconds = int(os.environ.get("SVS_FUZZ_SECONDS", "20"))
    corpus = tmp_path / "corpus"
    seeds = os.path.join(SRCDIR, "tests", "fuzz", "corpus",
                         target[len("fuzz-"):])
    shutil.copytree(seeds, corpus)
    proc = subprocess.run(
        [program, "-max_total_time=%d" % seconds, "-timeout=10",
         "-rss_limit_mb=2048", "-max_len=65536",
         "-artifact_prefix=%s/" % tmp_path, str(corpus)],
        capture_output=True, text=True, timeout=seconds + 300)
    assert proc.returncode == 0, proc.stderr[-6000:]
    assert "Done" in proc.stderr, proc.stderr[-3000:]
