"""Smoke test of the megaflow comparison (tests/perf/megaflow/run.py).

Runs it with --quick (small rule and packet sets) against Debian's
ovs-vswitchd and checks that it reports a count for every workload and
that svs and Open vSwitch chose the same rule for every packet.  No
thresholds on the counts: the comparison itself is in README.md."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import BUILDDIR, SRCDIR, program

RUN_PY = os.path.join(SRCDIR, "tests", "perf", "megaflow", "run.py")


@pytest.mark.reference
@pytest.mark.root
@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("ovs-vswitchd"),
                    reason="needs root (unshare) and Debian's ovs-vswitchd")
def test_megaflow_quick(tmp_path):
    program("tests/perf/megaflow/megaflow-bench")
    out = tmp_path / "megaflow.json"
    proc = subprocess.run(
        [sys.executable, RUN_PY, "--quick", "--builddir", BUILDDIR,
         "--keep", str(tmp_path / "work"), "--json", str(out)],
        capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = json.loads(out.read_text())
    assert [r["workload"] for r in results] == ["acl", "l2", "l3"]
    for r in results:
        assert r["rule_mismatches"] == 0, r
        assert 0 < r["svs_megaflows"] <= r["packets"], r
        assert 0 < r["ovs_megaflows"] <= r["packets"], r
        assert r["svs_megaflows_raw"] <= r["svs_megaflows"], r
