"""Differential tests of svs-ofctl's online commands against ovs-ofctl.

A switch daemon runs in a sandbox (tests/switch_sandbox.py: Debian's
ovs-vswitchd, and svs-vswitchd once it exists) with bridge br0 and dummy
ports p1..p3.  Every test runs the same command line with /usr/bin/ovs-ofctl
and with svs-ofctl, one right after the other, and requires the same
standard output, the same standard error and the same exit status, after
normalizing only what must differ: durations and ages (time passes between
the two runs), the program name, log timestamps.  The switch names a bridge
through OVS_RUNDIR/SVS_RUNDIR (the sandbox sets both) so that "br0" means
<sandbox>/br0.mgmt for both programs.

Besides, a fake OpenFlow peer (a Unix socket served by this test) checks
lib/vconn's handling of echo requests and malformed input, which a real
switch never sends, and the C program tests/test-vconn checks the
library's non-blocking handshake, transactions and multipart collection
against a fake switch thread.
"""

import os
import re
import socket
import struct
import subprocess
import sys
import threading
import time

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from conftest import BUILDDIR, program  # noqa: E402
import switch_sandbox  # noqa: E402

OVS_OFCTL = "/usr/bin/ovs-ofctl"
SVS_OFCTL = os.path.join(BUILDDIR, "utilities", "svs-ofctl")
TIMEOUT = 60

pytestmark = [
    pytest.mark.reference,
    pytest.mark.skipif(not os.path.exists("/usr/sbin/ovs-vswitchd")
                       or not os.path.exists(OVS_OFCTL),
                       reason="Debian's Open vSwitch (the reference) "
                       "missing"),
]

VERSIONS = ["OpenFlow10", "OpenFlow13", "OpenFlow14", "OpenFlow15"]


@pytest.fixture(scope="module", params=["ovs", "svs"])
def switch(request, tmp_path_factory):
    impl = request.param
    if impl == "svs":
        vswitchd = switch_sandbox.switch_programs("svs")["vswitchd"]
        if not os.access(vswitchd, os.X_OK):
            pytest.skip("svs-vswitchd is not built yet (%s): the same "
                        "tests will run against it once it exists"
                        % vswitchd)
    if not os.access(SVS_OFCTL, os.X_OK):
        pytest.fail("svs-ofctl not built (SVS_BUILDDIR=%s)" % BUILDDIR)
    tmpdir = tmp_path_factory.mktemp("ofctl-" + impl)
    sw = switch_sandbox.Switch(impl, tmpdir)
    sw.start()
    try:
        sw.add_bridge("br0", n_ports=3)
        yield sw
    finally:
        sw.stop()


def normalize(text):
    text = re.sub(r"duration=[0-9.]+s", "duration=?", text)
    text = re.sub(r"idle_age=[0-9]+", "idle_age=?", text)
    # hard_age is printed only while it differs from the duration in
    # seconds, which may change between the two runs.
    text = re.sub(r"hard_age=[0-9]+, ", "", text)
    text = re.sub(r"duration_sec=[0-9]+", "duration_sec=?", text)
    text = re.sub(r"duration=[0-9.]+s", "duration=?", text)
    text = re.sub(r"^(ovs|svs)-ofctl: ", "PROG: ", text, flags=re.M)
    text = re.sub(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\|\d+\|", "LOG|", text,
                  flags=re.M)
    # ovs-ofctl's flow parser also logs out-of-range tables and ports
    # before the error message (which is compared); svs's parser (shared
    # with parse-flow, outside svs-ofctl) does not log.
    text = re.sub(r"^LOG\|ofp_(table|port|group)\|WARN\|.*\n", "", text,
                  flags=re.M)
    return text


def run(sw, prog, args, input=None):
    p = subprocess.run([prog] + list(args), env=sw.env, capture_output=True,
                       text=True, timeout=TIMEOUT, input=input)
    return p.returncode, normalize(p.stdout), normalize(p.stderr)


def both(sw, *args, input=None, expect_rc=None):
    """Runs 'args' with both programs; asserts identical results and
    returns (rc, stdout, stderr)."""
    ref = run(sw, OVS_OFCTL, args, input)
    ours = run(sw, SVS_OFCTL, args, input)
    assert ours == ref, "svs-ofctl %s" % " ".join(args)
    if expect_rc is not None:
        assert ref[0] == expect_rc, ref
    return ref


def ofctl(sw, prog, *args, input=None):
    rc, out, err = run(sw, prog, args, input)
    assert rc == 0, (prog, args, out, err)
    return out


def reset_flows(sw):
    ofctl(sw, OVS_OFCTL, "del-flows", "br0")


FLOWS = [
    "priority=5,ip,actions=output:3",
    "in_port=1,actions=drop",
    "priority=9,tcp,tp_dst=80,actions=output:1",
    "priority=9,tcp,tp_dst=22,actions=output:2",
    "table=3,priority=9,dl_vlan=7,actions=strip_vlan,output:2",
    "priority=100,cookie=0x5,arp,actions=NORMAL",
    "priority=7,udp,nw_src=10.0.0.0/8,idle_timeout=300,"
    "actions=mod_nw_dst:1.2.3.4,output:2",
    "priority=6,ipv6,ipv6_src=2001:db8::1,actions=controller",
]


# Switch information.

INFO_COMMANDS = [
    ["show", "br0"], ["dump-desc", "br0"], ["dump-tables", "br0"],
    ["dump-ports", "br0"], ["dump-ports", "br0", "2"],
    ["dump-ports-desc", "br0"], ["dump-ports-desc", "br0", "1"],
    ["queue-stats", "br0"], ["get-frags", "br0"], ["probe", "br0"],
    ["dump-groups", "br0"], ["dump-group-stats", "br0"],
    ["dump-groups", "br0", "5"], ["dump-groups", "br0", "nogroup"],
    ["dump-group-stats", "br0", "group_id=all"],
    # An error reply to a dump is printed like a reply.
    ["queue-stats", "br0", "1", "5"], ["queue-stats", "br0", "p2"],
]


@pytest.mark.parametrize("version", VERSIONS)
def test_info(switch, version):
    for command in INFO_COMMANDS:
        both(switch, "-O", version, *command, expect_rc=0)


@pytest.mark.parametrize("version", VERSIONS[1:])
def test_dump_table_features(switch, version):
    both(switch, "-O", version, "dump-table-features", "br0", expect_rc=0)


def test_default_version_is_openflow10(switch):
    rc, out, err = both(switch, "show", "br0", expect_rc=0)
    assert out.startswith("OFPT_FEATURES_REPLY (xid=0x2)")


def test_show_by_socket_path(switch):
    path = switch.path("br0.mgmt")
    both(switch, "show", path, expect_rc=0)
    both(switch, "dump-desc", "unix:" + path, expect_rc=0)


def test_set_frags(switch):
    for mode in ("drop", "reassemble", "normal"):
        both(switch, "set-frags", "br0", mode)
        rc, out, err = both(switch, "get-frags", "br0", expect_rc=0)
    assert out == "normal\n"


# Flows.

@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("adder", ["ovs", "svs"])
def test_flows_added_by_either_tool(switch, version, adder):
    reset_flows(switch)
    prog = OVS_OFCTL if adder == "ovs" else SVS_OFCTL
    for flow in FLOWS:
        ofctl(switch, prog, "-O", version, "add-flow", "br0", flow)
    for v in VERSIONS:
        both(switch, "-O", v, "dump-flows", "br0", expect_rc=0)
    rc, out, err = both(switch, "--no-stats", "dump-flows", "br0",
                        expect_rc=0)
    assert len(out.splitlines()) == len(FLOWS)


DUMP_OPTIONS = [
    [], ["--sort"], ["--rsort"], ["--sort=priority"], ["--rsort=priority"],
    ["--sort=tcp_dst"], ["--rsort=tcp_dst"], ["--sort=in_port",
                                               "--rsort=tcp_dst"],
    ["--no-stats"], ["--no-stats", "--sort"], ["--no-names"],
]

FILTERS = [
    "table=3", "tcp", "tcp,tp_dst=80", "in_port=1", "cookie=0x5/-1",
    "out_port=2", "table=0,tcp", "ipv6", "udp,nw_src=10.0.0.0/8",
]


@pytest.mark.parametrize("version", VERSIONS)
def test_dump_flows_options(switch, version):
    reset_flows(switch)
    ofctl(switch, OVS_OFCTL, "add-flows", "br0", "-",
          input="\n".join(FLOWS) + "\n")
    for options in DUMP_OPTIONS:
        both(switch, "-O", version, *options, "dump-flows", "br0",
             expect_rc=0)


@pytest.mark.parametrize("version", VERSIONS)
def test_dump_flows_filters(switch, version):
    reset_flows(switch)
    ofctl(switch, OVS_OFCTL, "add-flows", "br0", "-",
          input="\n".join(FLOWS) + "\n")
    for i, filter in enumerate(FILTERS):
        both(switch, "-O", version, "dump-flows", "br0", filter,
             expect_rc=0)
        # The other forms for some filters, in turn.
        if i % 3 == 0:
            both(switch, "-O", version, "dump-aggregate", "br0", filter,
                 expect_rc=0)
        elif i % 3 == 1:
            both(switch, "-O", version, "--sort", "dump-flows", "br0",
                 filter, expect_rc=0)


@pytest.mark.parametrize("version", VERSIONS)
def test_mod_and_del_flows(switch, version):
    reset_flows(switch)
    ofctl(switch, SVS_OFCTL, "-O", version, "add-flows", "br0", "-",
          input="\n".join(FLOWS) + "\n")
    both(switch, "-O", version, "dump-aggregate", "br0", expect_rc=0)
    ofctl(switch, SVS_OFCTL, "-O", version, "mod-flows", "br0",
          "tcp,actions=output:3")
    both(switch, "-O", version, "dump-flows", "br0", expect_rc=0)
    ofctl(switch, SVS_OFCTL, "-O", version, "--strict", "mod-flows", "br0",
          "priority=9,tcp,tp_dst=22,actions=drop")
    both(switch, "-O", version, "dump-flows", "br0", expect_rc=0)
    ofctl(switch, SVS_OFCTL, "-O", version, "--strict", "del-flows", "br0",
          "tcp")
    rc, out, err = both(switch, "--no-stats", "dump-flows", "br0")
    assert "tp_dst=80" in out
    ofctl(switch, SVS_OFCTL, "-O", version, "del-flows", "br0", "tcp")
    rc, out, err = both(switch, "--no-stats", "dump-flows", "br0")
    assert "tp_dst" not in out
    ofctl(switch, SVS_OFCTL, "-O", version, "del-flows", "br0")
    rc, out, err = both(switch, "--no-stats", "dump-flows", "br0")
    assert out == ""


@pytest.mark.parametrize("version", VERSIONS)
def test_port_names_in_flows(switch, version):
    """Port names of the switch are accepted in flows, as numbers are."""
    reset_flows(switch)
    for flow in ["in_port=p1,actions=p2",
                 "priority=3,in_port=p1,actions=output:p2,enqueue:p3:1,"
                 "resubmit(p1,2),p3",
                 'priority=4,in_port="p2",actions=output:"p3"']:
        both(switch, "-O", version, "add-flow", "br0", flow, expect_rc=0)
    both(switch, "-O", version, "dump-flows", "br0", expect_rc=0)
    both(switch, "-O", version, "dump-flows", "br0", "in_port=p1",
         expect_rc=0)
    both(switch, "-O", version, "dump-aggregate", "br0", "out_port=p3",
         expect_rc=0)
    both(switch, "-O", version, "mod-flows", "br0",
         "in_port=p2,actions=output:p1", expect_rc=0)
    both(switch, "-O", version, "--strict", "del-flows", "br0",
         "priority=3,in_port=p1", expect_rc=0)
    rc, out, err = both(switch, "--no-stats", "--sort", "dump-flows", "br0")
    assert out.splitlines() == [" priority=4,in_port=2 actions=output:1",
                                " in_port=1 actions=output:2"]
    rc, out, err = both(switch, "add-flow", "br0", "in_port=p9,actions=drop")
    assert rc == 1


@pytest.mark.parametrize("version", VERSIONS)
def test_dump_flows_names(switch, version):
    reset_flows(switch)
    ofctl(switch, OVS_OFCTL, "add-flows", "br0", "-",
          input="\n".join(FLOWS + [
              "in_port=LOCAL,actions=output:1,enqueue:2:3,resubmit(3,2),"
              "resubmit:1,LOCAL,CONTROLLER,in_port",
              "in_port=3,actions=output:NXM_NX_REG0[0..15]"]) + "\n")
    for options in (["--names"], ["--names", "--sort"],
                    ["--names", "--no-stats"]):
        rc, out, err = both(switch, "-O", version, *options, "dump-flows",
                            "br0", expect_rc=0)
        assert "output:p1" in out and "in_port=p3" in out
    both(switch, "-O", version, "--names", "dump-flows", "br0",
         "in_port=p3", expect_rc=0)


def test_add_flows_from_file(switch, tmp_path):
    reset_flows(switch)
    f = tmp_path / "flows.txt"
    f.write_text("# comment\n\n" + "\n".join(FLOWS) + "\n")
    ofctl(switch, SVS_OFCTL, "add-flows", "br0", str(f))
    rc, out, err = both(switch, "--no-stats", "--sort", "dump-flows", "br0")
    assert len(out.splitlines()) == len(FLOWS)


@pytest.mark.parametrize("version", VERSIONS[1:])
def test_bundle(switch, version):
    reset_flows(switch)
    ofctl(switch, SVS_OFCTL, "-O", version, "--bundle", "add-flows", "br0",
          "-", input="\n".join(FLOWS) + "\n")
    both(switch, "--no-stats", "--sort", "dump-flows", "br0", expect_rc=0)
    # One bad flow-mod: nothing of the bundle is applied.
    rc, out, err = both(switch, "-O", version, "--bundle", "add-flows",
                        "br0", "-",
                        input="priority=1,actions=drop\n"
                        "table=254,actions=drop\n")
    assert rc == 1
    assert "OFPBRC_EPERM" in err
    rc, out, err = both(switch, "--no-stats", "dump-flows", "br0",
                        "priority=1")
    assert out == ""
    # A flow-mod that fails only at commit (its group does not exist): the
    # error about it comes before the commit's own.
    rc, out, err = both(switch, "-O", version, "--bundle", "add-flows",
                        "br0", "-",
                        input="priority=1,actions=drop\n"
                        "priority=2,actions=group:99\n")
    assert rc == 1
    assert "OFPBAC_BAD_OUT_GROUP" in err and "OFPBFC_MSG_FAILED" in err
    rc, out, err = both(switch, "--no-stats", "dump-flows", "br0",
                        "priority=1")
    assert out == ""
    both(switch, "--bundle", "del-flows", "br0", "tcp", expect_rc=0)


@pytest.mark.parametrize("version", VERSIONS)
def test_add_replaces_cookie(switch, version):
    """An add that replaces a flow gives it the new cookie, in every
    version, except an all-ones one, which keeps the old cookie."""
    reset_flows(switch)
    ofctl(switch, SVS_OFCTL, "add-flow", "br0",
          "priority=100,cookie=0x5,arp,actions=NORMAL")
    ofctl(switch, SVS_OFCTL, "-O", version, "add-flow", "br0",
          "priority=100,cookie=0x7,arp,actions=drop")
    rc, out, err = both(switch, "--no-stats", "dump-flows", "br0")
    assert out == " cookie=0x7, priority=100,arp actions=drop\n"
    ofctl(switch, SVS_OFCTL, "-O", version, "add-flow", "br0",
          "priority=100,cookie=0xffffffffffffffff,arp,actions=drop")
    ofctl(switch, SVS_OFCTL, "-O", version, "add-flow", "br0",
          "priority=101,cookie=0xffffffffffffffff,arp,actions=drop")
    rc, out, err = both(switch, "--no-stats", "--sort", "dump-flows", "br0")
    assert out == (" cookie=0x7, priority=100,arp actions=drop\n"
                   " cookie=0xffffffffffffffff, priority=101,arp "
                   "actions=drop\n")


def test_table_id_negotiation(switch):
    """OpenFlow 1.0 needs NXT_FLOW_MOD_TABLE_ID for a table in a flow-mod;
    the switch's error about table 254 must carry the same xid."""
    reset_flows(switch)
    both(switch, "add-flow", "br0", "table=2,actions=drop", expect_rc=0)
    rc, out, err = both(switch, "add-flow", "br0", "table=254,actions=drop")
    assert rc == 1 and "OFPBRC_EPERM" in err


def diff_both(sw, *args):
    """Runs diff-flows with both programs.  ovs-ofctl prints the flows of
    a table in the order of its classifier's hash tables, which svs-ofctl
    does not reproduce (it keeps the sources' order), so the lines are
    compared as sorted lists; all else must be identical."""
    ref = run(sw, OVS_OFCTL, ["diff-flows"] + list(args))
    ours = run(sw, SVS_OFCTL, ["diff-flows"] + list(args))
    sort = lambda r: (r[0], sorted(r[1].splitlines()), r[2])  # noqa: E731
    assert sort(ours) == sort(ref)
    return ref


@pytest.mark.parametrize("version", VERSIONS)
def test_replace_and_diff_flows(switch, version, tmp_path):
    reset_flows(switch)
    ofctl(switch, OVS_OFCTL, "add-flows", "br0", "-",
          input="\n".join(FLOWS) + "\n")
    f = tmp_path / "new.txt"
    f.write_text("\n".join([
        "in_port=1,actions=drop",                       # Unchanged.
        "priority=5,ip,actions=output:1",               # New actions.
        "priority=100,arp,actions=NORMAL",              # Cookie dropped.
        # New timeouts.  (Not mod_nw_dst: OpenFlow 1.2+ dumps it as
        # set_field, which compares different from the file's action.)
        "priority=7,udp,nw_src=10.0.0.0/8,hard_timeout=30,"
        "actions=output:2",
        "table=4,priority=1,actions=drop",              # New.
    ]) + "\n")
    rc, out, err = diff_both(switch, "-O", version, "br0", str(f))
    assert rc == 2 and out
    diff_both(switch, "-O", version, str(f), "br0")
    ofctl(switch, SVS_OFCTL, "-O", version, "replace-flows", "br0", str(f))
    rc, out, err = diff_both(switch, "-O", version, "br0", str(f))
    assert rc == 0 and out == "", (out, err)
    rc, out, err = both(switch, "--no-stats", "--sort", "dump-flows", "br0")
    assert len(out.splitlines()) == 5
    diff_both(switch, "br0", "br0")

    # The same with ovs-ofctl replacing flows, in a bundle.
    reset_flows(switch)
    ofctl(switch, SVS_OFCTL, "add-flows", "br0", "-",
          input="\n".join(FLOWS) + "\n")
    ofctl(switch, OVS_OFCTL, "--bundle", "-O", version, "replace-flows",
          "br0", str(f))
    rc, out, err = diff_both(switch, "br0", str(f))
    assert rc == 0


@pytest.mark.parametrize("version", VERSIONS)
def test_mod_port(switch, version):
    changes = [("p1", "down"), ("p1", "up"), ("2", "no-flood"),
               ("2", "no-receive"), ("2", "no-forward"),
               ("2", "no-packet-in"), ("2", "flood"), ("2", "receive"),
               ("2", "forward"), ("2", "packet-in")]
    for i, (port, action) in enumerate(changes):
        both(switch, "-O", version, "mod-port", "br0", port, action,
             expect_rc=0)
        if i % 2:
            # Changed by both programs, seen the same by both.
            both(switch, "-O", version, "dump-ports-desc", "br0",
                 expect_rc=0)


@pytest.mark.parametrize("version", VERSIONS)
def test_packet_out(switch, version):
    reset_flows(switch)
    packet = ("ffffffffffff00000000000108004500001c000100004011f9cc"
              "c0a80001c0a80002003500350008ad94")
    both(switch, "-O", version, "packet-out", "br0",
         "in_port=1 packet=%s actions=output:2" % packet, expect_rc=0)
    both(switch, "-O", version, "packet-out", "br0",
         "in_port=p2 packet=%s actions=output:1,output:3" % packet,
         expect_rc=0)
    both(switch, "-O", version, "packet-out", "br0",
         "packet=%s" % packet, expect_rc=0)
    both(switch, "-O", version, "packet-out", "br0", "1", "output:2",
         packet, packet, expect_rc=0)
    # The packets went out: p2's and p3's transmit counters moved.
    rc, out, err = both(switch, "-O", version, "dump-ports", "br0", "3",
                        expect_rc=0)
    assert "tx pkts=0" not in out


# monitor.

WARMUP_SRC = "00:00:00:00:00:99"
END_SRC = "00:00:00:00:00:98"
LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\|")
MSG_START = re.compile(r"^[A-Z][A-Z0-9_]*( [a-z]+)?( \(OF[^)]*\))? \(xid=")


def eth_packet(src):
    return "ffffffffffff" + src.replace(":", "") + "0800" + "00" * 20


# An IPv4 packet with TTL 1 (UDP, no payload).
TTL1_PACKET = ("ffffffffffff000000000001080045000014000100000111f9cc"
               "0a0000010a000002")


class Monitor(object):
    """A monitor command of one program, run with its standard output a
    pipe.  ovs-ofctl then prints the messages that arrive to standard error
    (as it does whenever its standard output is a pipe), so that is what is
    read here, by a thread; the initial flows of "watch:" still go to
    standard output."""

    def __init__(self, sw, prog, args):
        self.proc = subprocess.Popen([prog] + args, env=sw.env,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        self.lines = []
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        for line in self.proc.stderr:
            self.lines.append(line)

    def text(self):
        return "".join(self.lines)

    def stop(self):
        self.proc.kill()
        self.proc.wait(TIMEOUT)
        self.thread.join(TIMEOUT)
        out = self.proc.stdout.read()
        self.proc.stdout.close()
        self.proc.stderr.close()
        return out

    def __repr__(self):
        return "<%s: rc=%s output=%r>" % (self.proc.args, self.proc.poll(),
                                          self.text())

    def messages(self):
        """The printed messages, each a string of its lines."""
        msgs = []
        for line in self.lines:
            if LOG_LINE.match(line):
                continue
            if MSG_START.match(line) or not msgs:
                msgs.append(line)
            else:
                msgs[-1] += line
        return msgs


def wait_for(monitors, markers, poke=None):
    """Waits until each monitor printed one of 'markers', calling 'poke'
    meanwhile."""
    deadline = time.time() + TIMEOUT
    while not all(any(mark in m.text() for mark in markers)
                  for m in monitors):
        assert time.time() < deadline, monitors
        if poke:
            poke()
        time.sleep(0.05)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("args", [
    ["65000"], ["watch:"], ["128", "watch:!initial,in_port=1"],
    ["watch:table=0,tcp"], ["65000", "invalid_ttl"],
])
def test_monitor(switch, version, args):
    """Both monitors see the same messages: packet-ins (a service
    connection gets them once it sets a miss-len; those for an expired
    TTL only with invalid_ttl), flow monitor updates and port status
    changes."""
    if "invalid_ttl" in args and version != "OpenFlow10":
        pytest.skip("invalid_ttl is an OpenFlow 1.0 setting")
    reset_flows(switch)
    ofctl(switch, OVS_OFCTL, "add-flow", "br0", "in_port=1,actions=drop")
    ofctl(switch, OVS_OFCTL, "add-flow", "br0", "tcp,actions=output:2")
    cmd = ["-O", version, "monitor", "br0"] + args
    monitors = [Monitor(switch, OVS_OFCTL, cmd),
                Monitor(switch, SVS_OFCTL, cmd)]

    def mark(src, cookie):
        ofctl(switch, OVS_OFCTL, "packet-out", "br0",
              "in_port=controller packet=%s actions=controller"
              % eth_packet(src))
        ofctl(switch, OVS_OFCTL, "add-flow", "br0",
              "cookie=%s,priority=1234,tcp,in_port=1,actions=drop" % cookie)

    try:
        # Both are set up once both see a warm-up packet-in or flow.
        warmup = ["dl_src=" + WARMUP_SRC, "cookie=0x99"]
        wait_for(monitors, warmup, lambda: mark(WARMUP_SRC, "0x99"))
        ofctl(switch, OVS_OFCTL, "packet-out", "br0",
              "in_port=controller packet=%s actions=controller"
              % eth_packet("00:00:00:00:00:01"))
        ofctl(switch, OVS_OFCTL, "add-flow", "br0",
              "priority=7,tcp,actions=drop")
        ofctl(switch, SVS_OFCTL, "add-flow", "br0",
              "in_port=1,priority=9,actions=output:3")
        ofctl(switch, OVS_OFCTL, "mod-port", "br0", "p3", "down")
        ofctl(switch, OVS_OFCTL, "mod-port", "br0", "p3", "up")
        ofctl(switch, OVS_OFCTL, "del-flows", "br0", "tcp")
        ofctl(switch, OVS_OFCTL, "add-flow", "br0",
              "priority=3,in_port=2,ip,actions=dec_ttl,output:3")
        switch.appctl("netdev-dummy/receive", "p2", TTL1_PACKET)
        mark(END_SRC, "0x98")
        wait_for(monitors, ["dl_src=" + END_SRC, "cookie=0x98"])
    finally:
        outputs = [m.stop() for m in monitors]
    # The initial flows of "watch:" go to standard output; a monitor that
    # started later may have seen warm-up flows among them.
    initial = ["".join(line for line in normalize(out).splitlines(True)
                       if "cookie=0x99" not in line) for out in outputs]
    assert initial[1] == initial[0]
    # Each monitor saw at least one of the end markers, and so everything
    # before them; whether it saw the other one too is a race.
    ignore = warmup + ["dl_src=" + END_SRC, "cookie=0x98"]
    ref, ours = [[normalize(msg) for msg in m.messages()
                  if not any(w in msg for w in ignore)] for m in monitors]
    assert ours == ref
    assert len(ref) >= 1
    if "65000" in args:
        assert (any("(via invalid_ttl)" in msg for msg in ref)
                == ("invalid_ttl" in args)), ref


# snoop.

class Controller(threading.Thread):
    """A minimal OpenFlow controller of 'version' on Unix socket 'path'
    (the switch runs in its own network namespace): answers the switch's
    hello and echo requests and sends what the test asks."""

    def __init__(self, version, path):
        super().__init__(daemon=True)
        self.version = version
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(path)
        self.server.listen(1)
        self.server.settimeout(TIMEOUT)
        self.path = path
        self.conn = None
        self.connected = threading.Event()
        self.stopping = False
        self.lock = threading.Lock()

    def send(self, msg):
        with self.lock:
            self.conn.sendall(msg)

    def run(self):
        conn, _ = self.server.accept()
        conn.settimeout(TIMEOUT)
        self.conn = conn
        self.send(ofp_msg(self.version, 0, 1))
        self.connected.set()
        buf = b""
        while not self.stopping:
            try:
                data = conn.recv(65536)
            except OSError:
                break
            if not data:
                break
            buf += data
            while len(buf) >= 8:
                length = struct.unpack("!H", buf[2:4])[0]
                if len(buf) < length:
                    break
                msg, buf = buf[:length], buf[length:]
                if msg[1] == 2:                 # OFPT_ECHO_REQUEST
                    self.send(bytes([msg[0], 3]) + msg[2:])

    def stop(self):
        self.stopping = True
        if self.conn:
            self.conn.close()
        self.server.close()


@pytest.mark.parametrize("controller_version", [1, 4])
def test_snoop(switch, controller_version):
    # A Unix controller socket must be in the switch's run directory.
    path = switch.path("controller%d" % controller_version)
    if os.path.exists(path):
        os.unlink(path)
    ctl = Controller(controller_version, path)
    ctl.start()
    monitors = []
    try:
        # The switch accepts snoopers only while it has a controller.
        switch.vsctl("set-controller", "br0", "unix:" + ctl.path)
        assert ctl.connected.wait(TIMEOUT)
        monitors = [Monitor(switch, OVS_OFCTL, ["snoop", "br0"]),
                    Monitor(switch, SVS_OFCTL, ["snoop", "br0"])]
        v = controller_version
        # Warm up with echo requests until both snoopers see them.
        wait_for(monitors, ["OFPT_ECHO_REQUEST"],
                 lambda: ctl.send(ofp_msg(v, 2, 0x77)))
        ctl.send(ofp_msg(v, 5, 0x101))                  # FEATURES_REQUEST
        ctl.send(ofp_msg(v, 7, 0x102))                  # GET_CONFIG_REQUEST
        ctl.send(ofp_msg(v, 18 if v == 1 else 20, 0x103))   # BARRIER
        wait_for(monitors, ["BARRIER_REPLY (xid=0x103)",
                            "BARRIER_REPLY (OF1.3) (xid=0x103)"])
    finally:
        outputs = [m.stop() for m in monitors]
        switch.vsctl("del-controller", "br0")
        ctl.stop()
    ref, ours = [[normalize(msg) for msg in m.messages()
                  if "ECHO" not in msg.split("\n")[0]] for m in monitors]
    assert ours == ref
    assert any("OFPT_FEATURES_REPLY" in msg for msg in ref)
    assert outputs[0] == outputs[1] == ""


# Errors.

@pytest.mark.parametrize("args", [
    ["show", "nobridge"],
    ["show", "unix:/nonexistent/socket"],
    ["dump-flows", "br0", "foo=1"],
    ["add-flow", "br0", "in_port=1,actions=bogus"],
    ["add-flow", "br0", "table=300,actions=drop"],
    ["add-flow", "br0", "in_port=1,actions=output:99999"],
    ["-O", "OpenFlow13", "add-flow", "br0", "table=254,actions=drop"],
    ["set-frags", "br0", "sometimes"],
    ["--sort=nosuchfield", "dump-flows", "br0"],
    ["-F", "OXM-OpenFlow13", "dump-flows", "br0"],
    ["add-flow", "br0"],
    ["add-flow", "nobridge", "foo=1"],
    ["dump-flows", "nobridge", "foo=1"],
    ["frobnicate", "br0"],
    ["dump-flows", "br0", "priority=5"],
    ["dump-table-features", "br0"],
    ["dump-group-stats", "br0", "5"],
    ["mod-port", "br0", "p1", "sideways"],
    ["mod-port", "br0", "p9", "up"],
    ["mod-port", "br0", "99", "down"],
    ["packet-out", "br0", "in_port=1 actions=output:2"],
    ["packet-out", "br0", "in_port=1 packet=ffff actions=output:2"],
    ["packet-out", "br0", "in_port=1 packet=zz actions=output:2"],
    ["packet-out", "br0", "in_port=p9 packet=ffffffffffff00000000000108"
     "00 actions=output:2"],
    ["packet-out", "br0", "in_port=1 packet=ffffffffffff00000000000108"
     "00 foo=1 actions=output:2"],
])
def test_errors(switch, args):
    rc, out, err = both(switch, *args)
    assert rc != 0


def test_tcp_refused(switch):
    port = switch_sandbox.sandbox.free_tcp_port()
    rc, out, err = both(switch, "show", "tcp:127.0.0.1:%d" % port)
    assert rc == 1 and "Connection refused" in err


def test_not_a_socket(switch, tmp_path):
    rc, out, err = both(switch, "show", str(tmp_path))
    assert rc == 1


def test_version_negotiation_failure(switch):
    switch.vsctl("set", "bridge", "br0", "protocols=OpenFlow13")
    try:
        # The switch reconfigures asynchronously: wait until it refuses
        # OpenFlow 1.0 (bounded by the test timeout).
        for _ in range(200):
            rc, out, err = run(switch, OVS_OFCTL, ["show", "br0"])
            if rc:
                break
        # ovs-ofctl sometimes reports "Broken pipe" instead (the switch
        # closes the connection while it sends its error message).
        ref = run(switch, OVS_OFCTL, ["show", "br0"])
        ours = run(switch, SVS_OFCTL, ["show", "br0"])
        assert ours == (ref[0], ref[1],
                        ref[2].replace("(Broken pipe)", "(Protocol error)"))
        rc, out, err = ours
        assert rc == 1
        assert "failed to connect to socket (Protocol error)" in err
        assert "version negotiation failed" in err
        both(switch, "-O", "OpenFlow13", "dump-desc", "br0", expect_rc=0)
    finally:
        switch.vsctl("clear", "bridge", "br0", "protocols")
        for _ in range(200):
            rc, out, err = run(switch, OVS_OFCTL, ["show", "br0"])
            if not rc:
                break


# lib/vconn against a fake peer.

@pytest.mark.parametrize("command", ["negotiate", "session"])
def test_vconn_unit(command, tmp_path):
    """tests/test-vconn: the non-blocking handshake for pairs of version
    bitmaps; echo, error replies, multipart collection (it aborts on a
    failed check)."""
    p = subprocess.run([program("tests/test-vconn"), command], cwd=tmp_path,
                       capture_output=True, text=True, timeout=TIMEOUT)
    assert p.returncode == 0, p.stderr
    assert p.stdout.endswith("negotiations\n" if command == "negotiate"
                             else "sessions\n")


def ofp_msg(version, type_, xid, body=b""):
    return struct.pack("!BBHI", version, type_, 8 + len(body), xid) + body


class FakePeer(threading.Thread):
    """Accepts one connection on Unix socket 'path', answers the hello with
    OpenFlow 1.0, then runs 'script' (a function of the socket)."""

    def __init__(self, path, script):
        super().__init__(daemon=True)
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(path)
        self.server.listen(1)
        self.server.settimeout(TIMEOUT)
        self.script = script
        self.error = None
        self.received = []

    def recv_msg(self, conn):
        hdr = b""
        while len(hdr) < 8:
            chunk = conn.recv(8 - len(hdr))
            if not chunk:
                return None
            hdr += chunk
        length = struct.unpack("!H", hdr[2:4])[0]
        body = b""
        while len(body) < length - 8:
            chunk = conn.recv(length - 8 - len(body))
            if not chunk:
                return None
            body += chunk
        self.received.append(hdr + body)
        return hdr + body

    def run(self):
        try:
            conn, _ = self.server.accept()
            conn.settimeout(TIMEOUT)
            with conn:
                conn.sendall(ofp_msg(1, 0, 1))      # OFPT_HELLO
                self.recv_msg(conn)                 # Its hello.
                self.script(self, conn)
        except Exception as e:  # noqa: BLE001 (reported by the test)
            self.error = e
        finally:
            self.server.close()


def run_against_peer(tmp_path, script, *args):
    path = str(tmp_path / "peer.sock")
    peer = FakePeer(path, script)
    peer.start()
    p = subprocess.run([SVS_OFCTL] + list(args) + [path],
                       capture_output=True, text=True, timeout=TIMEOUT)
    peer.join(TIMEOUT)
    assert peer.error is None, peer.error
    return p, peer


def test_vconn_answers_echo(tmp_path):
    def script(peer, conn):
        req = peer.recv_msg(conn)               # OFPT_ECHO_REQUEST (probe)
        conn.sendall(ofp_msg(1, 2, 0x77, b"ping"))  # Our own echo request.
        reply = peer.recv_msg(conn)
        assert reply == ofp_msg(1, 3, 0x77, b"ping"), reply
        conn.sendall(ofp_msg(1, 3, struct.unpack("!I", req[4:8])[0]))

    p, peer = run_against_peer(tmp_path, script, "probe")
    assert p.returncode == 0, p.stderr


@pytest.mark.parametrize("garbage,message", [
    (struct.pack("!BBHI", 1, 6, 4, 2), "received too-short ofp_header "
     "(4 bytes)"),
    (struct.pack("!BBHI", 1, 6, 64, 2) + b"\0" * 10,
     "connection dropped mid-packet"),
    (struct.pack("!BBHI", 4, 6, 8, 2), "received OpenFlow version 0x04 != "
     "expected 01"),
])
def test_vconn_malformed_input(tmp_path, garbage, message):
    def script(peer, conn):
        peer.recv_msg(conn)                     # OFPT_FEATURES_REQUEST
        conn.sendall(garbage)

    p, peer = run_against_peer(tmp_path, script, "dump-desc")
    assert p.returncode == 1
    assert "talking to unix:" in p.stderr
    assert message in p.stderr, p.stderr
    assert "(Protocol error)" in p.stderr, p.stderr


def test_vconn_hello_without_common_version(tmp_path):
    path = str(tmp_path / "peer.sock")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(1)
    received = []

    def serve():
        conn, _ = server.accept()
        with conn:
            # An OpenFlow 1.5 hello whose version bitmap has only 1.5.
            conn.sendall(ofp_msg(6, 0, 1, struct.pack("!HHI", 1, 8,
                                                      1 << 6)))
            conn.settimeout(TIMEOUT)
            try:
                while True:
                    data = conn.recv(4096)
                    if not data:
                        break
                    received.append(data)
            except OSError:
                pass

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    p = subprocess.run([SVS_OFCTL, "-O", "OpenFlow10,OpenFlow13", "show",
                        path], capture_output=True, text=True,
                       timeout=TIMEOUT)
    t.join(TIMEOUT)
    server.close()
    assert p.returncode == 1
    assert ("version negotiation failed (we support version 0x01, 0x04, "
            "peer supports version 0x06)") in p.stderr, p.stderr
    assert "failed to connect to socket (Protocol error)" in p.stderr
    # The switch is told why (OFPT_ERROR, OFPET_HELLO_FAILED).
    data = b"".join(received)
    hello_len = struct.unpack("!H", data[2:4])[0]
    assert data[hello_len + 1] == 1, data

