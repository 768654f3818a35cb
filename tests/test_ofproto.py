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
import struct
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
                      "br0").stdout.strip() == "1 in_port=1 ct_flush_zone=-1"
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
    both(svs, ovs, "-O", "OpenFlow14", "dump-table-desc", "br0")
    both(svs, ovs, "-O", "OpenFlow14", "mod-table", "br0", "1", "noevict")
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
    """Starts "ovs-ofctl monitor 'target' 'args'" ("-O VERSION" first in
    'args' if any)."""
    opts = list(args[:2]) if args[:1] == ("-O",) else []
    args = args[len(opts):]
    # ovs-ofctl monitor prints the messages on stderr when stdout is not
    # a terminal: read both.
    return subprocess.Popen([OFCTL] + opts + ["monitor", target]
                            + list(args),
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


@pytest.mark.parametrize("version", ["OpenFlow10", "OpenFlow13",
                                     "OpenFlow14"])
def test_flow_monitor(svs, ovs, version):
    outs = []
    for sw in (svs, ovs):
        sw.ofctl("add-flow", "br0", "priority=2,ip,actions=output:1")
        mon = monitor("br0", sw.env, "-O", version, "watch:")
        read_until(mon, r"FLOW_MONITOR reply")
        sw.ofctl("add-flow", "br0", "priority=9,arp,actions=output:2")
        sw.ofctl("-O", version, "mod-flows", "br0", "arp,actions=output:1")
        # One change deleting two flows: one message with two updates.
        sw.ofctl("del-flows", "br0")
        sw.ofctl("add-flow", "br0", "priority=1,icmp,actions=output:2")
        text = read_until(mon, r"icmp actions=output:2")
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


@pytest.mark.parametrize("args", [
    ("dump-tables",), ("-O", "OpenFlow11", "dump-tables"),
    ("-O", "OpenFlow12", "dump-tables"), ("-O", "OpenFlow13", "dump-tables"),
    ("-O", "OpenFlow13", "dump-table-features"),
    ("-O", "OpenFlow15", "dump-table-features"),
    ("-O", "OpenFlow14", "dump-table-desc"),
    ("-O", "OpenFlow13", "dump-group-features"),
    ("-O", "OpenFlow13", "meter-features"),
    ("get-frags",), ("-O", "OpenFlow13", "dump-groups"),
    ("-O", "OpenFlow13", "dump-meters"),
])
def test_switch_wide_replies(svs, ovs, args):
    both(svs, ovs, *args, "br0")


def test_packet_in(svs, ovs):
    pkt = ("ffffffffffff" "0000000000aa" "0800" "4500001c0000000040"
           "11f9d20a0000010a000002" "0001000200080000")
    outs = []
    for sw, inject in (
            (svs, lambda: svs.appctl("ofproto-test/packet-in", "br0",
                                     pkt)),
            (ovs, lambda: ovs.appctl("netdev-dummy/receive", "p1", pkt))):
        mon = monitor("br0", sw.env, "65534")
        time.sleep(0.5)
        inject()
        text = read_until(mon, r"udp_csum")
        mon.kill()
        mon.wait()
        mon.stdout.close()
        outs.append(normalize(text))
    assert outs[0] == outs[1]
    assert "PACKET_IN" in outs[0]


def test_snoop(svs):
    ctrl = os.path.join(svs.dir, "ctrl.sock")
    svs.appctl("ofproto-test/set-controller", "br0", "punix:" + ctrl)
    deadline = time.time() + TIMEOUT
    while not os.path.exists(ctrl):
        assert time.time() < deadline
        time.sleep(0.05)
    snoop = subprocess.Popen([OFCTL, "snoop", "br0"], env=svs.env,
                             stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT)
    time.sleep(0.5)
    # A controller connection: its traffic shows on the snoop socket.
    out = svs.ofctl("-O", "OpenFlow13", "dump-desc", "unix:" + ctrl).stdout
    assert "OFPST_DESC reply" in out
    text = read_until(snoop, r"OFPST_DESC reply")
    assert "OFPST_DESC request" in text
    snoop.kill()
    snoop.wait()
    snoop.stdout.close()
    # Controller targets changed: the listener is gone.
    svs.appctl("ofproto-test/set-controller", "br0")
    assert svs.ofctl("show", "unix:" + ctrl, check=False).returncode


def of13_conn(path):
    """Connects to 'path', exchanges OpenFlow 1.3 hellos; returns the
    socket."""
    import socket
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(TIMEOUT)
    s.connect(path)
    s.sendall(struct.pack("!BBHI", 4, 0, 8, 1))
    assert recv_msg(s)[1] == 0      # HELLO
    return s


def recv_msg(s):
    hdr = b""
    while len(hdr) < 8:
        hdr += s.recv(8 - len(hdr))
    version, type_, length, xid = struct.unpack("!BBHI", hdr)
    body = b""
    while len(body) < length - 8:
        body += s.recv(length - 8 - len(body))
    return version, type_, xid, body


def role_request(s, role, generation_id, xid):
    """Sends an OpenFlow 1.3 role request; returns the reply."""
    s.sendall(struct.pack("!BBHIIIQ", 4, 24, 24, xid, role, 0,
                          generation_id))
    return recv_msg(s)


def test_roles(svs):
    ctrl = os.path.join(svs.dir, "ctrl.sock")
    svs.appctl("ofproto-test/set-controller", "br0", "punix:" + ctrl)
    deadline = time.time() + TIMEOUT
    while not os.path.exists(ctrl):
        assert time.time() < deadline
        time.sleep(0.05)
    a = of13_conn(ctrl)
    b = of13_conn(ctrl)
    MASTER, SLAVE = 2, 3
    v, t, xid, body = role_request(a, MASTER, 5, 7)
    assert (t, xid) == (25, 7)                  # ROLE_REPLY
    assert struct.unpack("!IIQ", body) == (MASTER, 0, 5)
    # A stale generation id is refused.
    v, t, xid, body = role_request(b, MASTER, 3, 8)
    assert t == 1                               # ERROR
    assert struct.unpack("!HH", body[:4]) == (11, 0)  # ROLE_REQUEST_FAILED,
                                                      # STALE
    # A newer one takes over; the old master becomes a slave, which may
    # not change the tables.
    v, t, xid, body = role_request(b, MASTER, 6, 9)
    assert struct.unpack("!IIQ", body) == (MASTER, 0, 6)
    v, t, xid, body = role_request(a, 0, 0, 10)     # NOCHANGE
    assert struct.unpack("!IIQ", body)[0] == SLAVE
    # OFPT_FLOW_MOD delete-all from the slave: OFPBRC_IS_SLAVE.
    fm = struct.pack("!QQBBHHHIIIH2x", 0, 0, 255, 3, 0, 0, 0, 0xffffffff,
                     0xffffffff, 0xffffffff, 0) + struct.pack(
                         "!HH4x", 1, 4)
    a.sendall(struct.pack("!BBHI", 4, 14, 8 + len(fm), 11) + fm)
    v, t, xid, body = recv_msg(a)
    assert (t, xid) == (1, 11)
    assert struct.unpack("!HH", body[:4]) == (1, 10)   # BAD_REQUEST,
                                                       # IS_SLAVE
    a.close()
    b.close()


def test_active_controller(svs):
    """The switch connects to an active tcp: target, negotiates OpenFlow
    1.3 with it and answers its requests; it reconnects after the
    controller drops the connection."""
    import socket
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(TIMEOUT)
    port = listener.getsockname()[1]
    svs.appctl("ofproto-test/set-controller", "br0",
               "tcp:127.0.0.1:%d" % port)
    for attempt in range(2):
        conn, _ = listener.accept()
        conn.settimeout(TIMEOUT)
        version, type_, xid, body = recv_msg(conn)
        assert type_ == 0                       # The switch's HELLO.
        conn.sendall(struct.pack("!BBHI", 4, 0, 8, 1))
        conn.sendall(struct.pack("!BBHI", 4, 5, 8, 42))    # FEATURES_REQ
        while True:
            version, type_, xid, body = recv_msg(conn)
            if type_ == 6:                      # FEATURES_REPLY
                break
        assert (version, xid) == (4, 42)
        dpid, n_buffers, n_tables = struct.unpack("!QIB", body[:13])
        assert (n_buffers, n_tables) == (0, 254)
        conn.close()
    listener.close()
    svs.appctl("ofproto-test/set-controller", "br0")


def test_port_status(svs):
    mon = monitor("br0", svs.env, "65534")
    time.sleep(0.5)
    svs.appctl("ofproto-test/port-link", "br0", "1", "down")
    text = read_until(mon, r"state: +LINK_DOWN")
    assert "OFPT_PORT_STATUS" in text and "MOD: 1(p1)" in text
    svs.ofctl("mod-port", "br0", "p2", "down")
    text = read_until(mon, r"config: +PORT_DOWN")
    assert "MOD: 2(p2)" in text
    mon.kill()
    mon.wait()
    mon.stdout.close()


def test_flow_mod_semantics(svs, ovs):
    seq = [
        ("-O", "OpenFlow13", "add-flow", "br0",
         "table=2,priority=10,ip,actions=output:1"),
        # OpenFlow 1.3 modify without a match adds nothing.
        ("-O", "OpenFlow13", "mod-flows", "br0", "arp,actions=output:2"),
        ("-O", "OpenFlow13", "--strict", "mod-flows", "br0",
         "table=2,priority=10,ip,actions=output:2"),
        # Re-adding an identical flow replaces it.
        ("add-flow", "br0", "table=2,priority=10,ip,actions=drop"),
        ("-O", "OpenFlow13", "dump-flows", "br0"),
        ("-O", "OpenFlow14", "add-flow", "br0",
         "table=3,importance=7,priority=3,tcp,actions=output:1"),
        ("-O", "OpenFlow14", "dump-flows", "br0", "table=3"),
        ("-O", "OpenFlow13", "del-flows", "br0", "table=3,out_port=2"),
        ("-O", "OpenFlow13", "dump-flows", "br0"),
        ("-O", "OpenFlow13", "--strict", "del-flows", "br0",
         "table=3,priority=3,tcp,out_port=1"),
        ("-O", "OpenFlow15", "dump-flows", "br0"),
        ("add-flow", "br0",
         "priority=2,dl_src=00:00:00:00:00:01/ff:ff:ff:00:00:00,"
         "actions=mod_dl_src:00:00:00:00:00:02,output:1"),
        ("add-flow", "br0", "priority=2,ipv6,ipv6_src=2001:db8::/32,"
         "actions=dec_ttl,output:1"),
        ("add-flow", "br0", "priority=2,reg0=5,actions=resubmit(,4)"),
        ("dump-flows", "br0"),
        ("dump-aggregate", "br0", "table=2"),
        ("del-flows", "br0", "table=2"),
        ("dump-flows", "br0"),
    ]
    for args in seq:
        both(svs, ovs, *args)


def test_hidden_table(svs):
    """The provider's internal flow in table 254 is invisible to
    controllers, survives their deletions and shows in bridge/dump-flows,
    as in ovs-vswitchd."""
    svs.ofctl("add-flow", "br0", "priority=3,actions=output:1")
    assert "reg0" not in svs.ofctl("dump-flows", "br0").stdout
    svs.ofctl("del-flows", "br0")
    out = svs.appctl("bridge/dump-flows", "br0").stdout
    assert out.splitlines() == [
        "table_id=254, duration=%s, n_packets=0, n_bytes=0, "
        "priority=0,reg0=0x2,actions=drop"
        % re.search(r"duration=(\d+s)", out).group(1)]
    assert svs.appctl("ofproto/list").stdout.split() == ["br0"]


@pytest.mark.parametrize("args", [
    ("queue-get-config", "br0"),
    ("-O", "OpenFlow13", "queue-get-config", "br0", "1"),
    ("-O", "OpenFlow13", "queue-get-config", "br0", "7"),
    ("queue-get-config", "br0", "1", "5"),
    ("dump-ipfix-bridge", "br0"),
    ("-O", "OpenFlow13", "dump-flows", "br0", "table=255"),
    ("-O", "OpenFlow13", "mod-table", "br0", "all", "drop"),
])
def test_misc_requests(svs, ovs, args):
    both(svs, ovs, *args, check=False)


def test_statistics(svs):
    o13 = ("-O", "OpenFlow13")
    svs.ofctl(*o13, "add-group", "br0", "group_id=4,type=all,bucket=output:1")
    svs.ofctl(*o13, "add-flow", "br0", "priority=5,ip,actions=group:4")
    svs.ofctl(*o13, "add-flow", "br0", "priority=6,arp,actions=output:2")
    svs.appctl("ofproto-test/credit", "br0", "3", "180")
    out = svs.ofctl("dump-flows", "br0").stdout
    assert out.count("n_packets=3, n_bytes=180") == 2
    assert "packet_count=6 byte_count=360 flow_count=2" in \
        svs.ofctl("dump-aggregate", "br0").stdout
    out = svs.ofctl(*o13, "dump-group-stats", "br0").stdout
    assert "group_id=4,duration=" in out
    assert "ref_count=1,packet_count=3,byte_count=180," \
        "bucket0:packet_count=3,byte_count=180" in out
    # OpenFlow 1.3 modify keeps the counters unless asked to reset them;
    # OpenFlow 1.0 modify always resets them.
    svs.ofctl(*o13, "mod-flows", "br0", "ip,actions=output:1")
    assert re.search(r"n_packets=3, n_bytes=180, .*priority=5,ip",
                     svs.ofctl("dump-flows", "br0").stdout)
    svs.ofctl(*o13, "mod-flows", "br0", "reset_counts,ip,actions=output:2")
    assert re.search(r"n_packets=0, n_bytes=0, .*priority=5,ip",
                     svs.ofctl("dump-flows", "br0").stdout)
    svs.ofctl("mod-flows", "br0", "arp,actions=output:1")
    assert re.search(r"n_packets=0, n_bytes=0, .*priority=6,arp",
                     svs.ofctl("dump-flows", "br0").stdout)


@pytest.mark.parametrize("policy", ["refuse", "evict"])
def test_table_full(svs, ovs, policy):
    svs.appctl("ofproto-test/table-config", "br0", "0", "2", policy)
    ovs.vsctl("--", "--id=@ft", "create", "Flow_Table", "flow_limit=2",
              "overflow_policy=" + policy, "--", "set", "Bridge", "br0",
              "flow_tables:0=@ft")
    try:
        both(svs, ovs, "add-flow", "br0",
             "hard_timeout=500,priority=1,ip,actions=output:1")
        both(svs, ovs, "add-flow", "br0",
             "hard_timeout=300,priority=2,ip,actions=output:1")
        # Replacing an existing flow needs no room.
        both(svs, ovs, "add-flow", "br0",
             "hard_timeout=300,priority=2,ip,actions=output:2")
        both(svs, ovs, "add-flow", "br0", "priority=3,arp,actions=drop",
             check=False)
        both(svs, ovs, "dump-flows", "br0")
    finally:
        ovs.vsctl("clear", "Bridge", "br0", "flow_tables")


def of_conn(path, version):
    """Connects to 'path' and exchanges hellos for 'version'."""
    import socket
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(TIMEOUT)
    s.connect(path)
    s.sendall(struct.pack("!BBHI", version, 0, 8, 1))
    assert recv_msg(s)[1] == 0
    return s


def transact_with_barrier(s, msg, xid, version=5):
    """Sends 'msg' then a barrier; returns what came before the barrier
    reply as (type, detail) pairs: for errors (error type, code), for
    bundle control replies the reply type."""
    s.sendall(msg + struct.pack("!BBHI", version, 20, 8, xid + 1000))
    out = []
    while True:
        version, type_, rxid, body = recv_msg(s)
        if type_ == 21 and rxid == xid + 1000:
            return out
        if type_ == 1:
            out.append(("error", struct.unpack("!HH", body[:4])))
        elif type_ == 33:
            out.append(("bundle", struct.unpack("!IH", body[:6])))
        else:
            out.append(("type", type_))


def bundle_ctrl(bid, type_, flags, xid):
    return struct.pack("!BBHIIHH", 5, 33, 16, xid, bid, type_, flags)


def bundle_add(bid, flags, inner, xid):
    """A bundle-add of 'inner' (whose xid must be 'xid')."""
    return struct.pack("!BBHIIHH", 5, 34, 16 + len(inner), xid, bid, 0,
                       flags) + inner


def flow_mod_add_drop(priority, xid):
    body = struct.pack("!QQBBHHHIIIHH", 0, 0, 0, 0, 0, 0, priority,
                       0xffffffff, 0xffffffff, 0xffffffff, 0, 0)
    body += struct.pack("!HH4x", 1, 4)      # An empty OXM match.
    return struct.pack("!BBHI", 5, 14, 8 + len(body), xid) + body


def test_pipelined_messages(svs):
    """Many messages in one burst, split across two writes, the ones after
    an odd-length echo request lying misaligned in the switch's receive
    buffer: each is handled, in order.  A dump longer than one reply
    message (65535 bytes) then shows every rule once, in every version."""
    s = of_conn(os.path.join(svs.dir, "br0.mgmt"), 5)
    try:
        burst = struct.pack("!BBHI", 5, 2, 13, 7) + b"hello"
        for i in range(2000):
            burst += flow_mod_add_drop(1000 + i, 100 + i)
        burst += struct.pack("!BBHI", 5, 20, 8, 9999)
        half = len(burst) // 2 + 3
        s.sendall(burst[:half])
        s.sendall(burst[half:])
        got = []
        while not got or got[-1][0] != 21:
            version, type_, xid, body = recv_msg(s)
            got.append((type_, xid, body))
        assert got == [(3, 7, b"hello"), (21, 9999, b"")]
    finally:
        s.close()
    for version in ("OpenFlow10", "OpenFlow13", "OpenFlow15"):
        out = svs.ofctl("-O", version, "dump-flows", "br0").stdout
        prios = sorted(int(p) for p in re.findall(r"priority=(\d+)", out))
        assert prios == list(range(1000, 3000)), version


def test_bundle_errors(svs, ovs):
    """Bundle control semantics, message by message (OpenFlow 1.4)."""
    ATOMIC, ORDERED = 1, 2
    seq = [
        bundle_ctrl(9, 4, ATOMIC, 1),           # Commit unknown bundle.
        bundle_ctrl(1, 0, ATOMIC, 2),           # Open.
        bundle_ctrl(1, 0, ATOMIC, 3),           # Open again.
        bundle_ctrl(2, 0, ATOMIC, 4),
        bundle_add(2, ORDERED, flow_mod_add_drop(5, 5), 5),  # Bad flags.
        bundle_ctrl(3, 0, ATOMIC, 6),
        bundle_ctrl(3, 2, ATOMIC, 7),           # Close.
        bundle_add(3, ATOMIC, flow_mod_add_drop(6, 8), 8),  # Closed.
        bundle_ctrl(4, 6, ATOMIC, 9),           # Discard unknown.
        bundle_add(5, ATOMIC, flow_mod_add_drop(7, 10), 10),  # Implicit.
        bundle_add(5, ATOMIC, flow_mod_add_drop(8, 11), 11),
        bundle_ctrl(5, 4, ATOMIC, 12),          # Commit.
        bundle_ctrl(6, 0, ATOMIC, 13),
        bundle_ctrl(6, 6, ATOMIC, 14),          # Discard.
        bundle_add(7, ATOMIC, flow_mod_add_drop(9, 99), 15),  # Bad xid.
    ]
    results = []
    for path in (os.path.join(svs.dir, "br0.mgmt"),
                 ovs.path("br0.mgmt")):
        s = of_conn(path, 5)
        results.append([transact_with_barrier(s, m, 100 + i)
                        for i, m in enumerate(seq)])
        s.close()
    assert results[0] == results[1]
    # The commit and discard replies came; errors were reported.
    assert ("bundle", (5, 5)) in results[0][11]
    assert any(r and r[0][0] == "error" for r in results[0])
    both(svs, ovs, "-O", "OpenFlow15", "dump-flows", "br0")


def raw(version, type_, xid, body=b""):
    return struct.pack("!BBHI", version, type_, 8 + len(body), xid) + body


def test_raw_requests_differential(svs, ovs):
    """Odd and malformed requests on OpenFlow 1.3 get the same answers
    (message types, error types and codes) from both switches, and the
    connection keeps serving."""
    V = 4
    seq = [
        raw(V, 99, 1),                                  # Unknown type.
        raw(V, 18, 2, struct.pack("!HH4x", 0x7777, 0)),  # Unknown stats.
        raw(1, 5, 3),                                   # Wrong version.
        raw(V, 2, 4, b"hello"),                         # Echo.
        raw(V, 24, 5, struct.pack("!I4xQ", 2, 5)),      # Role on mgmt.
        raw(V, 7, 6),                                   # Get config.
        raw(V, 9, 7, struct.pack("!HH", 0, 0x80)),      # Set config.
        raw(V, 7, 8),
        raw(V, 4, 9, struct.pack("!II", 0x00abcdef, 1)),  # Experimenter.
        raw(V, 14, 10, struct.pack("!QQBBHHHIIIH2x", 0, 0, 0, 9, 0, 0, 0,
                                   0xffffffff, 0xffffffff, 0xffffffff, 0)
            + struct.pack("!HH4x", 1, 4)),              # Bad command.
        raw(V, 15, 11, struct.pack("!HBxI", 2, 0, 0xfffffffc)),  # Del all.
        raw(V, 29, 12, struct.pack("!HHI", 0, 1, 1)     # Meter 1, kbps,
            + struct.pack("!HHII4x", 1, 16, 1000, 0)),  # drop band.
        raw(V, 18, 13, struct.pack("!HH4xI4x", 10, 0, 0xffffffff)),
        raw(V, 18, 14, struct.pack("!HH4xI4x", 12, 0, 0)[:8]),
        raw(V, 20, 15),                                 # Barrier.
    ]
    results = []
    for path in (os.path.join(svs.dir, "br0.mgmt"),
                 ovs.path("br0.mgmt")):
        s = of_conn(path, V)
        results.append([transact_with_barrier(s, m, 200 + i, V)
                        for i, m in enumerate(seq)])
        s.close()
    assert results[0] == results[1]
    assert [("type", 3)] in results[0]              # The echo reply.


def test_ct_flush_zone(svs, ovs):
    both(svs, ovs, "ct-flush-zone", "br0", "7")
    assert svs.appctl("ofproto-test/packet-outs", "br0").stdout.strip() \
        == "0 in_port=0 ct_flush_zone=7"


def test_two_bridges(tmp_path):
    h = Harness(tmp_path, bridges=("br0:p1", "br1:p2,p3"))
    try:
        h.ofctl("add-flow", "br0", "priority=3,actions=output:1")
        assert "priority=3" not in h.ofctl("dump-flows", "br1").stdout
        out = h.ofctl("dump-ports-desc", "br1").stdout
        assert re.findall(r"^ (\S+)\((\S+)\)", out, re.M) == [
            ("1", "p2"), ("2", "p3"), ("LOCAL", "br1")]
        assert h.appctl("ofproto/list").stdout.split() == ["br0", "br1"]
    finally:
        h.stop()


def test_allowed_versions(svs, ovs):
    svs.appctl("ofproto-test/protocols", "br0", "OpenFlow10,OpenFlow13")
    ovs.vsctl("set", "Bridge", "br0", "protocols=OpenFlow10,OpenFlow13")
    try:
        both(svs, ovs, "-O", "OpenFlow13", "dump-flows", "br0")
        # No common version: both refuse, with the same complaint.
        a = svs.ofctl("-O", "OpenFlow14", "dump-flows", "br0", check=False)
        b = ovs.ofctl("-O", "OpenFlow14", "dump-flows", "br0", check=False)
        assert a.returncode and b.returncode
        assert "version negotiation failed" in a.stderr
        assert "version negotiation failed" in b.stderr
    finally:
        ovs.vsctl("clear", "Bridge", "br0", "protocols")
