"""Smoke test of the svs-vsctl benchmark (tests/perf/vsctl/run.py).

Runs the benchmark with --quick and checks that it completes, that every
figure is present, positive and finite, and that the summary prints a
svs/ovs ratio for every measurement.  No timing thresholds: the benchmark
measures, make check only proves it works.  While utilities/svs-vsctl is
not built, the ovs-vsctl half runs alone and the ratio check is skipped,
saying why.
"""

import json
import math
import os
import subprocess
import sys

import pytest

import sandbox
import vsctl_util as vu

RUN_PY = os.path.join(sandbox.SRCDIR, "tests", "perf", "vsctl", "run.py")
MEASUREMENTS = ["show", "list_br", "add_port", "bulk"]
QUICK_SIZES = {"show": 5, "list_br": 5, "add_port": 20, "bulk": 100}


def run_quick(tmp_path, tools, servers=("svs",)):
    for impl in servers:
        try:
            for prog in ("server", "tool"):
                sandbox.require_program(sandbox.impl_programs(impl)[prog])
        except sandbox.ProgramMissing as e:
            pytest.fail(str(e))
    out = tmp_path / "perf.json"
    proc = subprocess.run(
        [sys.executable, RUN_PY, "--quick", "--tools", ",".join(tools),
         "--servers", ",".join(servers), "--json", str(out),
         "--builddir", sandbox.BUILDDIR],
        capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, "run.py failed:\n%s\n%s" % (proc.stdout,
                                                            proc.stderr)
    with open(out) as f:
        return proc.stdout, json.load(f)


def check_sane(data, server, tool):
    assert data["sizes"] == QUICK_SIZES
    for name in MEASUREMENTS:
        res = data["results"][server][name][tool]
        assert len(res["values"]) == data["reps"] == 1
        for v in (res["median"], res["cpu_median"]):
            assert isinstance(v, (int, float)) and math.isfinite(v), v
        assert res["median"] > 0, (name, res)
        assert res["cpu_median"] >= 0, (name, res)


def test_perf_smoke(tmp_path):
    """Both tools on svsdb-server, as the benchmark is meant to be used:
    every measurement has figures and a ratio.  While svs-vsctl is not
    built, the ovs-vsctl half runs alone (on both servers) and the ratio
    part is skipped."""
    if vu.svs_vsctl() is None:
        text, data = run_quick(tmp_path, ["ovs"], ("svs", "ovs"))
        for server in ("svs", "ovs"):
            check_sane(data, server, "ovs")
        assert "1 run adding 100 ports (--)" in text
        pytest.skip(vu.SVS_MISSING_REASON)
    text, data = run_quick(tmp_path, ["ovs", "svs"])
    for tool in ("ovs", "svs"):
        check_sane(data, "svs", tool)
    for name in MEASUREMENTS:
        for key in ("ratio", "cpu_ratio"):
            ratio = data["results"]["svs"][name][key]
            assert math.isfinite(ratio) and ratio > 0, (name, key, ratio)
    assert "1 run adding 100 ports (--)" in text
    assert "add-port, 20 separate runs" in text
    rows = [l for l in text.splitlines()
            if l.rstrip().endswith(("met", "not met"))]
    assert len(rows) == len(MEASUREMENTS), text


def test_run_py_refuses_missing_tool(tmp_path):
    """Asked for a tool that is not built, run.py says so instead of
    printing figures."""
    proc = subprocess.run(
        [sys.executable, RUN_PY, "--quick", "--tools", "ovs,svs",
         "--builddir", str(tmp_path)], capture_output=True, text=True,
        timeout=120)
    assert proc.returncode != 0
    assert "not built" in proc.stderr, proc.stderr
