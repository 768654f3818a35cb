"""Smoke test of the classifier benchmark (tests/perf/classifier/run.py).

Runs it with --quick and checks that every shape reports sane figures.
No timing thresholds: make check proves the benchmark works; the figures
come from run.py on an idle machine (README.md)."""

import json
import math
import os
import subprocess
import sys

from conftest import BUILDDIR, SRCDIR, program

RUN_PY = os.path.join(SRCDIR, "tests", "perf", "classifier", "run.py")
SHAPES = ["exact-1x10k", "8sub-100prio", "32sub-100prio", "acl-5tuple",
          "l2-100k", "l3-100k"]


def test_classifier_bench_quick(tmp_path):
    program("tests/perf/classifier/classifier-bench")
    out = tmp_path / "perf.json"
    proc = subprocess.run(
        [sys.executable, RUN_PY, "--quick", "--builddir", BUILDDIR,
         "--json", str(out)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    results = json.loads(out.read_text())
    assert [r["shape"] for r in results] == SHAPES * 2
    assert [r["heap"] for r in results] == (["default"] * len(SHAPES)
                                            + ["thp"] * len(SHAPES))
    for r in results:
        for key in ("insert_us", "insert_deferred_us", "remove_us",
                    "lookups_per_s", "lookups_wc_per_s", "bytes_per_rule"):
            assert math.isfinite(r[key]) and r[key] > 0, (r["shape"], key)
        assert 0 < r["megaflows"] <= r["packets"]
        assert r["subtables"] >= 1
    assert "OVS 3.1" in proc.stdout
