"""Runs the libFuzzer targets of tests/fuzz/ for a bounded time.

Each target starts from its seed corpus (copied, so the tree stays clean)
and runs for SVS_FUZZ_SECONDS seconds (default 20); any crash, leak or
sanitizer report fails the test and leaves the reproducer in the log.
The targets are built with clang by `make check`; a missing target is a
failure, not a skip, so that CI cannot silently stop fuzzing.
"""

import os
import shutil
import subprocess

import pytest

from conftest import BUILDDIR, SRCDIR

TARGETS = ["fuzz-ovsdb-txn"]


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
