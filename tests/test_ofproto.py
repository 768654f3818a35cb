"""The OpenFlow switch core (vswitchd/ofproto*.c, connmgr.c), driven with
Debian's ovs-ofctl, differentially against Debian's ovs-vswitchd.

tests/test-ofproto runs the real ofproto and connmgr with an in-memory
provider (bridge br0, ports p1 and p2 on OpenFlow ports 1 and 2).  The
reference is ovs-vswitchd with a netdev bridge br0, dummy ports p1 and p2,
fail-mode secure (tests/switch_sandbox.py).  The same ovs-ofctl commands go
to both and their outputs must match after normalization (durations, ages,
transaction ids, line order of flow dumps).
"""

import os
import re
import select
import subprocess
import time

import pytest

import sandbox
import switch_sandbox

OFCTL = "/usr/bin/ovs-ofctl"
APPCTL = "/usr/bin/ovs-appctl"
TIMEOUT = sandbox.TIMEOUT


class Harness(object):
    """tests/test-ofproto in directory 'tmpdir'."""

    def __init__(self, tmpdir, bridges=("br0:p1,p2",), extra=()):
        self.dir = str(tmpdir)
        os.makedirs(self.dir, exist_ok=True)
        self.env = sandbox.sandbox_env(self.dir)
        self.ctl = os.path.join(self.dir, "test-ofproto.ctl")
        prog = os.path.join(sandbox.BUILDDIR, "tests", "test-ofproto")
        if not os.path.exists(prog):
            pytest.fail("tests/test-ofproto not built")
        self.proc = subprocess.Popen(
            [prog, "--unixctl=" + self.ctl, "-vconsole:off",
             "--log-file=" + os.path.join(self.dir, "test-ofproto.log")]
            + list(extra) + list(bridges),
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.time() + TIMEOUT
        for b in bridges:
            mgmt = os.path.join(self.dir, b.split(":")[0] + ".mgmt")
            while not os.path.exists(mgmt):
                assert self.proc.poll() is None, self.proc.stderr.read()
                assert time.time() < deadline, "%s did not appear" % mgmt
                time.sleep(0.02)

    def ofctl(self, *args, check=True, input=None):
        return run([OFCTL] + list(args), self.env, check, input)

    def appctl(self, *args, check=True):
        return run([APPCTL, "--target=" + self.ctl] + list(args), self.env,
                   check)

    def stop(self):
        if self.proc.poll() is None:
            self.appctl("exit", check=False)
            try:
                self.proc.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stderr.close()


def run(args, env, check=True, input=None):
    p = subprocess.run(args, env=env, capture_output=True, text=True,
                       timeout=TIMEOUT * 2, input=input)
    if check and p.returncode:
        raise RuntimeError("%s failed (%d): %s%s" % (
            " ".join(args), p.returncode, p.stdout, p.stderr))
    return p


@pytest.fixture
def svs(tmp_path):
    h = Harness(tmp_path / "svs")
    yield h
    h.stop()


@pytest.fixture(scope="module")
def ovs_switch(tmp_path_factory):
    d = tmp_path_factory.mktemp("ovs")
    sw = switch_sandbox.Switch("ovs", d)
    sw.start()
    sw.add_bridge("br0", n_ports=2, fail_mode="secure")
    yield sw
    sw.stop()


@pytest.fixture
def ovs(ovs_switch):
    ovs_switch.ofctl("del-flows", "br0")
    ovs_switch.ofctl("-O", "OpenFlow13", "del-groups", "br0")
    return ovs_switch


def normalize(text):
    """Removes what legitimately differs between two switches."""
    text = re.sub(r"xid=0x[0-9a-f]+", "xid=X", text)
    text = re.sub(r"duration=?[0-9.]+s", "duration=D", text)
    text = re.sub(r" idle[0-9]+ ", " idle ", text)
    text = re.sub(r"duration_sec=[0-9]+", "duration_sec=D", text)
    text = re.sub(r"duration_nsec=[0-9]+", "duration_nsec=D", text)
    text = re.sub(r"(idle_age|hard_age)=[0-9]+,? ?", "", text)
    text = re.sub(r"ovs-ofctl: [^:\n]*(\.mgmt|br0): ", "ovs-ofctl: ", text)
    text = re.sub(r"\S*/br0\.mgmt", "br0.mgmt", text)
    lines = text.splitlines()
    head = [l for l in lines if not l.startswith(" ")]
    body = sorted(l for l in lines if l.startswith(" "))
    return "\n".join(head + body)


def both(svs, ovs, *args, check=True, input=None):
    """Runs ovs-ofctl 'args' (with "br0") against both switches and checks
    that the normalized outputs and exit codes agree.  Returns svs's."""
    a = svs.ofctl(*args, check=False, input=input)
    b = ovs.ofctl(*args, check=False, input=input)
    assert a.returncode == b.returncode, (args, a.stdout + a.stderr,
                                          b.stdout + b.stderr)
    assert normalize(a.stdout) == normalize(b.stdout), args
    assert normalize(a.stderr) == normalize(b.stderr), args
    if check:
        assert a.returncode == 0, a.stderr
    return a


FLOWS = [
    "priority=5,ip,nw_dst=10.0.0.1,actions=output:1",
    "priority=6,in_port=2,actions=output:1",
    "table=1,priority=7,tcp,tp_dst=80,actions=drop",
    "cookie=0x10,priority=8,dl_vlan=5,actions=strip_vlan,output:2",
    "cookie=0x20,priority=8,arp,actions=NORMAL",
    "idle_timeout=100,hard_timeout=200,priority=9,udp,actions=output:2",
]


def add_flows(svs, ovs):
    for f in FLOWS:
        both(svs, ovs, "add-flow", "br0", f)


@pytest.mark.parametrize("version", ["OpenFlow10", "OpenFlow13",
                                     "OpenFlow14", "OpenFlow15"])
def test_dump_flows_versions(svs, ovs, version):
    add_flows(svs, ovs)
    both(svs, ovs, "-O", version, "dump-flows", "br0")
    both(svs, ovs, "-O", version, "dump-flows", "br0", "table=1")
    both(svs, ovs, "-O", version, "dump-flows", "br0", "ip")
    both(svs, ovs, "-O", version, "dump-aggregate", "br0")


def test_modify_and_delete(svs, ovs):
    add_flows(svs, ovs)
    both(svs, ovs, "mod-flows", "br0", "ip,actions=output:2")
    both(svs, ovs, "--strict", "mod-flows", "br0",
         "priority=6,in_port=2,actions=drop")
    both(svs, ovs, "dump-flows", "br0")
    both(svs, ovs, "--strict", "del-flows", "br0", "priority=8,arp")
    both(svs, ovs, "dump-flows", "br0")
    # A strict delete that names no existing flow deletes nothing.
    both(svs, ovs, "--strict", "del-flows", "br0", "priority=1,arp")
    both(svs, ovs, "del-flows", "br0", "out_port=2")
    both(svs, ovs, "dump-flows", "br0")
    # Modify without a match adds the flow (OpenFlow 1.0).
    both(svs, ovs, "mod-flows", "br0", "priority=3,icmp,actions=output:1")
    both(svs, ovs, "dump-flows", "br0")
    both(svs, ovs, "del-flows", "br0")
    both(svs, ovs, "dump-flows", "br0")


def test_cookies(svs, ovs):
    add_flows(svs, ovs)
    both(svs, ovs, "dump-flows", "br0", "cookie=0x10/-1")
    both(svs, ovs, "mod-flows", "br0",
         "cookie=0x20/0xff,actions=output:1")
    both(svs, ovs, "del-flows", "br0", "cookie=0x10/0x10")
    both(svs, ovs, "dump-flows", "br0")


def test_overlap_error(svs, ovs):
    both(svs, ovs, "add-flow", "br0", "priority=5,ip,actions=output:1")
    for version in ("OpenFlow10", "OpenFlow13"):
        both(svs, ovs, "-O", version, "--flags=check_overlap", "add-flow",
             "br0", "priority=5,ip,nw_src=1.2.3.4,actions=output:2",
             check=False)
    both(svs, ovs, "dump-flows", "br0")


def test_errors(svs, ovs):
    # Hidden table, bad table, missing group, OF1.3 goto backward.
    both(svs, ovs, "add-flow", "br0", "table=254,actions=drop",
         check=False)
    both(svs, ovs, "add-flow", "br0", "actions=group:5", check=False)
    both(svs, ovs, "-O", "OpenFlow13", "add-flow", "br0",
         "table=3,actions=goto_table:1", check=False)
    both(svs, ovs, "dump-flows", "br0")


def test_reset_counts_and_flags(svs, ovs):
    both(svs, ovs, "-O", "OpenFlow13", "add-flow", "br0",
         "priority=1,send_flow_rem,reset_counts,no_packet_counts,"
         "importance=3,actions=drop")
    both(svs, ovs, "-O", "OpenFlow14", "dump-flows", "br0")


def test_ports(svs, ovs):
    out = svs.ofctl("dump-ports-desc", "br0").stdout
    names = re.findall(r"^ (\S+)\((\S+)\)", out, re.M)
    assert names == [("1", "p1"), ("2", "p2"), ("LOCAL", "br0")]
    ref = ovs.ofctl("dump-ports-desc", "br0").stdout
    assert re.findall(r"^ (\S+)\((\S+)\)", ref, re.M) == names
    # Port stats: one entry per port.
    for version in ("OpenFlow10", "OpenFlow13", "OpenFlow14"):
        a = svs.ofctl("-O", version, "dump-ports", "br0").stdout
        b = ovs.ofctl("-O", version, "dump-ports", "br0").stdout
        assert a.splitlines()[0].split("(")[0] == \
            b.splitlines()[0].split("(")[0]
        assert sorted(re.findall(r"port +(\S+): rx", a)) == \
            sorted(re.findall(r"port +(\S+): rx", b))
    both(svs, ovs, "dump-ports", "br0", "7")


def test_port_mod(svs, ovs):
    both(svs, ovs, "mod-port", "br0", "p1", "no-flood")
    out = svs.ofctl("show", "br0").stdout
    assert re.search(r"1\(p1\).*\n.*config: +NO_FLOOD", out)
    both(svs, ovs, "mod-port", "br0", "p1", "flood")
    both(svs, ovs, "mod-port", "br0", "p9", "flood", check=False)


def test_packet_out(svs, ovs):
    pkt = ("ffffffffffff" "0000000000aa" "0800" "4500001c0000000040"
           "11f9d20a0000010a000002" "0001000200080000")
    svs.ofctl("packet-out", "br0",
              "in_port=1 packet=%s actions=output:2" % pkt)
    assert svs.appctl("ofproto-test/packet-outs",
                      "br0").stdout.strip() == "1 in_port=1"
    # A missing group is an error; so is a bad input port.
    both(svs, ovs, "packet-out", "br0",
         "in_port=1 packet=%s actions=group:9" % pkt, check=False)
    both(svs, ovs, "packet-out", "br0",
         "in_port=65000 packet=%s actions=output:1" % pkt, check=False)


def test_groups(svs, ovs):
    o13 = ("-O", "OpenFlow13")
    both(svs, ovs, *o13, "add-group", "br0",
         "group_id=1,type=all,bucket=output:1,bucket=output:2")
    both(svs, ovs, *o13, "add-group", "br0",
         "group_id=2,type=select,bucket=weight:10,output:1")
    both(svs, ovs, *o13, "add-group", "br0",
         "group_id=1,type=all,bucket=output:1", check=False)
    both(svs, ovs, *o13, "mod-group", "br0",
         "group_id=7,type=all,bucket=output:1", check=False)
    both(svs, ovs, *o13, "add-flow", "br0", "priority=3,actions=group:1")
    both(svs, ovs, *o13, "dump-groups", "br0")
    both(svs, ovs, *o13, "dump-group-stats", "br0")
    both(svs, ovs, *o13, "mod-group", "br0",
         "group_id=1,type=all,bucket=output:2")
    both(svs, ovs, *o13, "dump-groups", "br0")
    # Deleting a group deletes the flows that use it.
    both(svs, ovs, *o13, "del-groups", "br0", "group_id=1")
    both(svs, ovs, *o13, "dump-flows", "br0")
    both(svs, ovs, *o13, "dump-groups", "br0")
    o15 = ("-O", "OpenFlow15")
    both(svs, ovs, *o15, "insert-buckets", "br0",
         "group_id=2,command_bucket_id=last,bucket=bucket_id:5,output:2")
    both(svs, ovs, *o15, "dump-groups", "br0")
    both(svs, ovs, *o15, "remove-buckets", "br0",
         "group_id=2,command_bucket_id=first")
    both(svs, ovs, *o15, "dump-groups", "br0")


def test_bundles(svs, ovs):
    flows = "\n".join(FLOWS) + "\n"
    both(svs, ovs, "-O", "OpenFlow14", "--bundle", "add-flows", "br0", "-",
         input=flows)
    both(svs, ovs, "dump-flows", "br0")
    # A bundle with a bad flow changes nothing at all.
    bad = "priority=50,actions=output:1\npriority=51,actions=group:77\n"
    both(svs, ovs, "-O", "OpenFlow14", "--bundle", "add-flows", "br0", "-",
         input=bad, check=False)
    both(svs, ovs, "dump-flows", "br0")
    # The OpenFlow 1.3 ONF extension.
    both(svs, ovs, "-O", "OpenFlow13", "--bundle", "add-flow", "br0",
         "priority=60,actions=output:2")
    both(svs, ovs, "dump-flows", "br0")


def test_tables(svs, ovs):
    add_flows(svs, ovs)
    a = svs.ofctl("-O", "OpenFlow13", "dump-tables", "br0").stdout
    b = ovs.ofctl("-O", "OpenFlow13", "dump-tables", "br0").stdout
    def active(text):
        return re.findall(r"^ +(\d+): active=(\d+)", text, re.M)
    assert active(a) == active(b)
    both(svs, ovs, "-O", "OpenFlow14", "mod-table", "br0", "1", "evict")
    both(svs, ovs, "-O", "OpenFlow14", "mod-table", "br0", "254", "evict",
         check=False)


def test_barrier_waits_for_datapath(svs):
    """A barrier reply (here ending add-flow) must not come before the
    provider reports that the datapath reflects the flow."""
    svs.appctl("ofproto-test/freeze-sync", "br0", "on")
    p = subprocess.Popen([OFCTL, "add-flow", "br0",
                          "priority=1,actions=output:1"],
                         env=svs.env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    # The flow is in the tables while the barrier is held.  (ovs-ofctl
    # itself sends barriers, so look with bridge/dump-flows.)
    deadline = time.time() + TIMEOUT
    while "priority=1" not in svs.appctl("bridge/dump-flows",
                                         "br0").stdout:
        assert time.time() < deadline
        time.sleep(0.05)
    assert p.poll() is None, "barrier reply came before the datapath sync"
    svs.appctl("ofproto-test/freeze-sync", "br0", "off")
    out, err = p.communicate(timeout=TIMEOUT)
    assert p.returncode == 0, err


def monitor(target, env, *args):
    # ovs-ofctl monitor prints the messages on stderr when stdout is not
    # a terminal: read both.
    return subprocess.Popen([OFCTL, "monitor", target] + list(args),
                            env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)


def read_until(proc, pattern):
    """Reads 'proc''s output until it matches 'pattern' (failing after
    TIMEOUT seconds); returns everything read."""
    data = b""
    fd = proc.stdout.fileno()
    deadline = time.time() + TIMEOUT
    while time.time() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            data += chunk
            if re.search(pattern, data.decode()):
                return data.decode()
    proc.kill()
    raise AssertionError("no %r in %r" % (pattern, data))


def test_timeouts_flow_removed(svs, ovs):
    outs = []
    for sw in (svs, ovs):
        mon = monitor("br0", sw.env, "65534")
        time.sleep(0.5)
        sw.ofctl("add-flow", "br0", "hard_timeout=1,send_flow_rem,"
                 "priority=4,ip,actions=output:1")
        sw.ofctl("add-flow", "br0", "idle_timeout=1,send_flow_rem,"
                 "priority=3,ip,actions=output:1")
        text = read_until(mon, r"reason=idle")
        mon.kill()
        mon.wait()
        mon.stdout.close()
        outs.append(text)
        assert "priority=4" not in sw.ofctl("dump-flows", "br0").stdout
    a = [l for l in normalize(outs[0]).splitlines() if "REMOVED" in l]
    b = [l for l in normalize(outs[1]).splitlines() if "REMOVED" in l]
    assert a == b and len(a) == 2, outs


def test_flow_monitor(svs, ovs):
    outs = []
    for sw in (svs, ovs):
        sw.ofctl("add-flow", "br0", "priority=2,ip,actions=output:1")
        mon = monitor("br0", sw.env, "watch:")
        read_until(mon, r"NXST_FLOW_MONITOR reply")
        sw.ofctl("add-flow", "br0", "priority=9,arp,actions=output:2")
        sw.ofctl("del-flows", "br0", "ip")
        text = read_until(mon, r"event=DELETED")
        mon.kill()
        mon.wait()
        mon.stdout.close()
        outs.append(normalize(text))
    assert outs[0] == outs[1]


def test_fail_mode_standalone(tmp_path):
    h = Harness(tmp_path, extra=["--standalone"])
    try:
        out = h.ofctl("dump-flows", "br0").stdout
        assert re.search(r"priority=0 actions=NORMAL", out)
        h.appctl("ofproto-test/fail-mode", "br0", "secure")
        assert "NORMAL" not in h.ofctl("dump-flows", "br0").stdout
    finally:
        h.stop()
    # The reference agrees: a fresh bridge without fail-mode has the flow.
    (tmp_path / "ovs").mkdir()
    with switch_sandbox.Switch("ovs", tmp_path / "ovs") as sw:
        sw.add_bridge("br0", n_ports=1, fail_mode=None)
        out = sw.ofctl("dump-flows", "br0").stdout
        assert re.search(r"priority=0 actions=NORMAL", out)


def test_version_negotiation_and_junk(svs):
    for version in ("OpenFlow10", "OpenFlow11", "OpenFlow12", "OpenFlow13",
                    "OpenFlow14", "OpenFlow15"):
        out = svs.ofctl("-O", version, "show", "br0").stdout
        assert "n_tables:254" in out
    # Echo.
    svs.ofctl("probe", "br0")
