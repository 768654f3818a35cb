"""Smoke test of the OVSDB server benchmark (tests/perf/ovsdb/run.py).

Runs the benchmark with --quick and checks that it completes and that its
figures are sane: present, positive, finite, with plausible memory
readings.  No timing thresholds: the benchmark measures, make check only
proves it works.
"""

import json
import math
import os
import subprocess
import sys

import pytest

import sandbox

RUN_PY = os.path.join(sandbox.SRCDIR, "tests", "perf", "ovsdb", "run.py")
BENCH = os.path.join(sandbox.BUILDDIR, "tests", "perf", "ovsdb",
                     "ovsdb-bench")
MEASUREMENTS = ["seq_insert", "seq_update", "pipeline", "bulk", "monitor",
                "memory", "select"]


def run_quick(tmp_path, impls):
    if not os.access(BENCH, os.X_OK):
        pytest.fail("%s is not built (SVS_BUILDDIR=%s)"
                    % (BENCH, sandbox.BUILDDIR))
    for impl in impls:
        try:
            for prog in ("server", "tool"):
                sandbox.require_program(sandbox.impl_programs(impl)[prog])
        except sandbox.ProgramMissing as e:
            pytest.fail(str(e))
    out = tmp_path / "perf.json"
    proc = subprocess.run(
        [sys.executable, RUN_PY, "--quick", "--impls", ",".join(impls),
         "--json", str(out), "--builddir", sandbox.BUILDDIR],
        capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, "run.py failed:\n%s\n%s" % (proc.stdout,
                                                            proc.stderr)
    with open(out) as f:
        return proc.stdout, json.load(f)


def check_sane(data, impl):
    for name in MEASUREMENTS:
        res = data["results"][name][impl]
        assert len(res["values"]) == data["reps"] == 1
        v = res["median"]
        assert isinstance(v, (int, float)) and math.isfinite(v) and v > 0, \
            (name, v)
        for raw in res["raw"]:
            if "cpu_percent" in raw:
                # A single-threaded client: at most one core, give or take
                # the clock's granularity.
                assert 0 <= raw["cpu_percent"] <= 150, raw
    raw = data["results"]["memory"][impl]["raw"][0]
    assert raw["rows"] == 5000
    # Resident memory between 1 MiB and 4 GiB, and holding the rows did
    # not shrink it.
    assert 1024 <= raw["rss_kib"] <= 4 * 1024 * 1024, raw
    assert raw["rss_kib"] >= raw["rss_before_kib"] * 0.9, raw
    assert data["results"]["bulk"][impl]["raw"][0]["rows"] == 1000
    assert data["results"]["monitor"][impl]["raw"][0]["clients"] == 10
    assert data["results"]["pipeline"][impl]["raw"][0]["count"] == 2000


def test_perf_smoke(impl, tmp_path):
    text, data = run_quick(tmp_path, [impl])
    check_sane(data, impl)
    assert "(e) server RSS holding 5000 rows" in text


def test_perf_smoke_both_svs_and_ovs(tmp_path):
    """Both implementations in one run, as the benchmark is meant to be
    used: the summary has a ratio for every measurement."""
    text, data = run_quick(tmp_path, ["ovs", "svs"])
    for impl in ("ovs", "svs"):
        check_sane(data, impl)
    lines = [l for l in text.splitlines() if l.startswith("(")]
    assert len(lines) == len(MEASUREMENTS)
    for line in lines:
        assert line.rstrip().endswith(("higher", "lower")), line
