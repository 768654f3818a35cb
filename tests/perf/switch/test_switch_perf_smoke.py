"""Smoke test of the switch benchmarks (tests/perf/switch/run.py).

Runs the benchmark with --quick on both switch daemons and checks that it
completes and that every figure is present, finite and sane (rates
positive, fractions between 0 and 1, the 64-byte generator reached the
receiver on every path), and that the summary prints a ratio for every
measurement.  No timing thresholds: the benchmark measures, make check
only proves that it works.  run.py itself verifies its work (dump-flows
returns every rule, the ports are really gone, frames really arrived).
"""

import json
import math
import os
import re
import subprocess
import sys

import pytest

import netns_util
import sandbox

pytestmark = [pytest.mark.root, pytest.mark.reference]

RUN_PY = os.path.join(sandbox.SRCDIR, "tests", "perf", "switch", "run.py")
TRAFFIC_TARGETS = ("veth", "bridge", "ovs", "svs")


def finite(v):
    return isinstance(v, (int, float)) and math.isfinite(v)


def run_py(*args, timeout=600):
    return subprocess.run(
        [sys.executable, RUN_PY, "--builddir", sandbox.BUILDDIR]
        + list(args), capture_output=True, text=True, timeout=timeout)


def test_quick_run(tmp_path):
    if not netns_util.need_root():
        pytest.skip("needs root")
    out = tmp_path / "perf.json"
    proc = run_py("--quick", "--json", str(out))
    assert proc.returncode == 0, "run.py failed:\n%s\n%s" % (proc.stdout,
                                                            proc.stderr)
    with open(out) as f:
        data = json.load(f)
    assert data["reps"] == 1 and data["impls"] == ["ovs", "svs"]
    res = data["results"][0]

    for impl in ("ovs", "svs"):
        fl = res[impl]["flows"]
        for key in ("add_seconds", "dump_seconds", "rss_after_add_mib"):
            assert finite(fl[key]) and fl[key] > 0, (impl, key, fl)
        # Rules take memory.
        assert fl["rss_after_add_mib"] >= fl["rss_idle_mib"] * 0.9, fl
        po = res[impl]["ports"]
        assert finite(po["add_seconds"]) and po["add_seconds"] > 0, po
        assert finite(po["del_seconds"]) and po["del_seconds"] > 0, po

    for target in TRAFFIC_TARGETS:
        tcp = res[target]["tcp"]
        assert finite(tcp["gbps"]) and tcp["gbps"] > 0, (target, tcp)
        pps = res[target]["pps"]
        assert pps["offered_pps"] > 0, (target, pps)
        assert pps["delivered_pps"] > 0, (target, pps)
        # Counted at the receiver; a few stray frames may add up.
        assert 0 < pps["delivered_fraction"] <= 1.01, (target, pps)

    for impl in ("ovs", "svs"):
        mf = res[impl]["megaflows"]
        assert len(mf["rates"]) == len(data["sizes"]["mf_rates"])
        for r in mf["rates"]:
            assert r["offered"] >= data["sizes"]["mf_flows"], r
            assert 0 <= r["delivered_fraction"] <= 1.01, r
            # A delivered packet of a new flow went through an upcall;
            # each installs at most one megaflow.
            assert 0 < r["megaflows"] <= r["offered"] + 1, (impl, r)
        assert mf["megaflows_per_second"] > 0, mf

    for impl in ("ovs", "svs"):
        rs = res[impl]["restart"]
        assert finite(rs["resume_seconds"]) and rs["resume_seconds"] > 0, \
            (impl, rs)

    summary = data["summary"]
    assert len(summary) == 15, sorted(summary)
    for name, entry in summary.items():
        adv = entry["svs_advantage"]
        if "cpu" in name:
            # A small run may use less CPU than the clock tick shows.
            for v in entry["median"].values():
                assert finite(v) and v >= 0, (name, entry)
            continue
        assert finite(adv) and adv > 0, (name, entry)
    for name in ("tcp.gbps", "pps.delivered_pps"):
        for key in ("ovs/veth", "ovs/bridge", "svs/veth", "svs/bridge"):
            assert finite(summary[name][key]), (name, summary[name])
    rows = [l for l in proc.stdout.splitlines()
            if re.search(r"\d\.\d\dx +(met|no|info)\b", l)]
    with_ratio = [n for n, e in summary.items()
                  if e["svs_advantage"] is not None]
    assert len(rows) == len(with_ratio) >= 10, proc.stdout


def test_refuses_bad_options(tmp_path):
    """Unknown measurements and missing programs are errors, not empty
    figures."""
    proc = run_py("--only", "flows,bogus")
    assert proc.returncode != 0
    assert "unknown measurement" in proc.stderr, proc.stderr
    if netns_util.need_root():
        proc = run_py("--quick", "--only", "pps", "--builddir",
                      str(tmp_path))
        assert proc.returncode != 0
        assert "not built" in proc.stderr, proc.stderr
