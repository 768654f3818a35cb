"""svs-vsctl against a real switch (issue 3).

svs-vsctl drives Debian's ovsdb-server and Debian's ovs-vswitchd 3.1
(userspace datapath, datapath_type=netdev), waiting for the switch to
apply each change (no --no-wait: the tool bumps next_cfg and waits until
ovs-vswitchd reports it in cur_cfg).  Right after each command returns,
the switch must already show the change: `ovs-vsctl get Interface X
ofport` has the port number the switch assigned and `ovs-ofctl show` lists
the port.  The same scenario runs with ovs-vsctl (the reference, and the
only half while svs-vsctl is not built), and also with svsdb-server in
place of ovsdb-server.

Each ovs-vswitchd runs in a network namespace of its own (`ip netns add`,
needed because its userspace datapath creates a tap device "ovs-netdev"),
with every rundir/logdir/dbdir variable, pidfile, log file and unixctl
socket in the test's temporary directory.  Needs root.

Also: Debian's ovs-vsctl drives svsdb-server (--no-wait): every command of
a session building a rich state gives the same results as on Debian's
ovsdb-server.
"""

import itertools
import os
import re
import shutil
import signal
import subprocess
import time

import pytest

import sandbox
import vsctl_util as vu

_ns_counter = itertools.count()


def _need_root():
    if os.geteuid() != 0:
        pytest.skip("needs root (network namespaces for ovs-vswitchd)")
    for prog in (vu.OVS_VSWITCHD, vu.OVS_OFCTL):
        if not os.access(prog, os.X_OK):
            pytest.skip("%s is not installed" % prog)
    if shutil.which("ip") is None:
        pytest.skip("iproute2's ip is not installed")


class Switch(object):
    """Debian's ovs-vswitchd in its own network namespace, connected to
    'server' (a started sandbox.DbServer with an initialized
    Open_vSwitch database)."""

    def __init__(self, server):
        self.server = server
        self.dir = server.dir
        self.ns = "svsvt%d_%d" % (os.getpid(), next(_ns_counter))
        self.ctl = os.path.join(self.dir, "vswitchd.ctl")
        self.pidfile = os.path.join(self.dir, "vswitchd.pid")
        self.log_path = os.path.join(self.dir, "vswitchd.log")
        self.proc = None
        self.ns_added = False

    def start(self):
        subprocess.run(["ip", "netns", "add", self.ns], check=True,
                       capture_output=True, timeout=30)
        self.ns_added = True
        out = open(os.path.join(self.dir, "vswitchd.stderr"), "ab")
        try:
            # `ip netns exec` execs the daemon, so self.proc is the daemon.
            self.proc = subprocess.Popen(
                ["ip", "netns", "exec", self.ns, vu.OVS_VSWITCHD,
                 self.server.remote, "--pidfile=" + self.pidfile,
                 "--log-file=" + self.log_path, "--unixctl=" + self.ctl],
                env=self.server.env, cwd=self.dir, stdin=subprocess.DEVNULL,
                stdout=out, stderr=out)
        finally:
            out.close()
        deadline = time.monotonic() + sandbox.TIMEOUT
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError("ovs-vswitchd exited %d at startup\n%s"
                                   % (self.proc.returncode, self.log()))
            if sandbox.DbServer._accepts(self.ctl):
                break
            if time.monotonic() > deadline:
                raise RuntimeError("ovs-vswitchd did not start\n%s"
                                   % self.log())
            time.sleep(0.02)
        # Wait until it has configured itself once (cur_cfg == next_cfg).
        self.wait_cfg()
        return self

    def wait_cfg(self):
        deadline = time.monotonic() + sandbox.TIMEOUT
        while True:
            nxt, cur = self.cfgs()
            if cur == nxt:
                return
            if time.monotonic() > deadline:
                raise RuntimeError("cur_cfg %d never reached next_cfg %d\n%s"
                                   % (cur, nxt, self.log()))
            time.sleep(0.02)

    def cfgs(self):
        """Returns (next_cfg, cur_cfg) of the Open_vSwitch record."""
        out = vu.check_vsctl(vu.OVS_VSCTL, self.server, [
            "get", "Open_vSwitch", ".", "next_cfg", "cur_cfg"]).stdout
        nxt, cur = out.split()
        return int(nxt), int(cur)

    def ofctl(self, *args, check=True):
        """Runs ovs-ofctl inside the switch's namespace (it reaches the
        bridges through their management sockets in the rundir)."""
        proc = subprocess.run(["ip", "netns", "exec", self.ns, vu.OVS_OFCTL]
                              + list(args), env=self.server.env,
                              cwd=self.dir, capture_output=True, text=True,
                              timeout=sandbox.TIMEOUT)
        if check and proc.returncode:
            raise AssertionError("ovs-ofctl %s: %s\n%s" % (
                " ".join(args), proc.stderr, self.log()))
        return proc

    def log(self):
        return "--- ovs-vswitchd log:\n%s" % sandbox._read_text(
            self.log_path)[-4000:]

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            subprocess.run(["/usr/bin/ovs-appctl", "-t", self.ctl, "exit",
                            "--cleanup"], capture_output=True, timeout=30)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.send_signal(signal.SIGKILL)
                self.proc.wait()
        self.proc = None
        if self.ns_added:
            subprocess.run(["ip", "netns", "del", self.ns],
                           capture_output=True, timeout=30)
            self.ns_added = False


@pytest.fixture(params=["ovs", "svs"],
                ids=["ovsdb-server", "svsdb-server"])
def switch(request, tmp_path):
    """ovs-vswitchd on a fresh server: Debian's ovsdb-server with Debian's
    schema, or svsdb-server with ours."""
    _need_root()
    factory = sandbox.ServerFactory(tmp_path)
    sw = None
    try:
        schema = (vu.DEBIAN_VSWITCH_SCHEMA if request.param == "ovs"
                  else "vswitch")
        try:
            server = vu.start_vswitch_db(factory, request.param, schema)
        except sandbox.ProgramMissing as e:
            pytest.fail(str(e))
        sw = Switch(server)
        sw.start()
        yield sw
    finally:
        if sw is not None:
            sw.stop()
        factory.close()


def _tool(name):
    if name == "ovs":
        return vu.OVS_VSCTL
    if vu.svs_vsctl() is None:
        pytest.skip(vu.SVS_MISSING_REASON)
    return vu.SVS_VSCTL


TOOLS = pytest.mark.parametrize("tool", ["svs", "ovs"],
                                ids=["svs-vsctl", "ovs-vsctl"])


def _ofport(sw, iface):
    return vu.check_vsctl(vu.OVS_VSCTL, sw.server, [
        "get", "Interface", iface, "ofport"]).stdout.strip()


def _waiting(prog, sw, args):
    """Runs 'prog' with 'args', waiting for the switch (no --no-wait), and
    checks that it succeeded and that the switch caught up."""
    proc = vu.run_vsctl(prog, sw.server, args, wait=True)
    assert proc.returncode == 0, "%s %s: %s\n%s" % (
        prog, " ".join(args), proc.stderr, sw.log())
    nxt, cur = sw.cfgs()
    assert cur == nxt, "returned before the switch applied next_cfg " \
        "%d (cur_cfg %d)" % (nxt, cur)
    return proc


@pytest.mark.root
@TOOLS
def test_drives_vswitchd(switch, tool):
    prog = _tool(tool)
    sw = switch
    nxt0, _ = sw.cfgs()

    _waiting(prog, sw, ["add-br", "br0", "--", "set", "Bridge", "br0",
                        "datapath_type=netdev"])
    assert sw.cfgs()[0] == nxt0 + 1, "next_cfg was not bumped once"
    # No sleeping: the switch has applied it when the tool returned.
    assert _ofport(sw, "br0") == "65534"
    assert "LOCAL(br0)" in sw.ofctl("show", "br0").stdout

    _waiting(prog, sw, ["add-port", "br0", "p1", "--", "set", "Interface",
                        "p1", "type=internal", "ofport_request=7"])
    assert _ofport(sw, "p1") == "7"
    assert " 7(p1): " in sw.ofctl("show", "br0").stdout

    # A fake bridge and a port on it (the switch tags it with the VLAN).
    _waiting(prog, sw, ["add-br", "vlan10", "br0", "10"])
    _waiting(prog, sw, ["add-port", "vlan10", "p2", "--", "set",
                        "Interface", "p2", "type=internal"])
    port = _ofport(sw, "p2")
    assert port.isdigit() and 0 < int(port) < 65280, port
    assert " %s(p2): " % port in sw.ofctl("show", "br0").stdout

    # Something the switch writes back itself: the datapath ID.
    _waiting(prog, sw, ["set", "Bridge", "br0",
                        "other_config:datapath-id=0000000000000abc"])
    assert "dpid:0000000000000abc" in sw.ofctl("show", "br0").stdout
    assert vu.check_vsctl(prog, sw.server, ["get", "Bridge", "br0",
                                            "datapath_id"]).stdout == \
        '"0000000000000abc"\n'

    _waiting(prog, sw, ["del-port", "br0", "p1"])
    assert "(p1)" not in sw.ofctl("show", "br0").stdout

    _waiting(prog, sw, ["del-br", "br0"])
    proc = sw.ofctl("show", "br0", check=False)
    assert proc.returncode != 0
    assert vu.check_vsctl(prog, sw.server, ["list-br"]).stdout == ""


@pytest.mark.root
@TOOLS
def test_wait_until_and_no_wait(switch, tool):
    """--no-wait returns before the switch acts; wait-until then waits for
    the switch's own write-back (the assigned ofport)."""
    prog = _tool(tool)
    sw = switch
    _waiting(prog, sw, ["add-br", "br0", "--", "set", "Bridge", "br0",
                        "datapath_type=netdev"])
    proc = vu.run_vsctl(prog, sw.server, [
        "add-port", "br0", "p3", "--", "set", "Interface", "p3",
        "type=internal", "ofport_request=9"])
    assert proc.returncode == 0, proc.stderr
    proc = vu.run_vsctl(prog, sw.server, [
        "wait-until", "Interface", "p3", "ofport=9"])
    assert proc.returncode == 0, proc.stderr
    assert _ofport(sw, "p3") == "9"
    sw.wait_cfg()
    assert " 9(p3): " in sw.ofctl("show", "br0").stdout


@pytest.mark.root
def test_same_switch_state_from_both_tools(tmp_path):
    """The same commands given by svs-vsctl and by ovs-vsctl to two
    switches leave the same `ovs-ofctl show` port list and the same
    interface numbers."""
    _need_root()
    results = {}
    for tool in ("ovs", "svs"):
        if tool == "svs" and vu.svs_vsctl() is None:
            pytest.skip(vu.SVS_MISSING_REASON)
        factory = sandbox.ServerFactory(tmp_path / tool)
        sw = None
        try:
            server = vu.start_vswitch_db(factory, "ovs",
                                         vu.DEBIAN_VSWITCH_SCHEMA)
            sw = Switch(server).start()
            prog = _tool(tool)
            _waiting(prog, sw, ["add-br", "br0", "--", "set", "Bridge",
                                "br0", "datapath_type=netdev"])
            for i in range(1, 6):
                _waiting(prog, sw, [
                    "add-port", "br0", "q%d" % i, "--", "set", "Interface",
                    "q%d" % i, "type=internal",
                    "ofport_request=%d" % (10 + i)])
            _waiting(prog, sw, ["del-port", "br0", "q3"])
            show = sw.ofctl("show", "br0").stdout
            ports = sorted(m.group(1) for m in re.finditer(
                r"(?m)^ (\S+\(\S+\)): addr:", show))
            results[tool] = ports
        finally:
            if sw is not None:
                sw.stop()
            factory.close()
    assert results["svs"] == results["ovs"]
    assert results["ovs"] == sorted(["11(q1)", "12(q2)", "14(q4)",
                                     "15(q5)", "LOCAL(br0)"])


def test_ovs_vsctl_drives_svsdb_server(tmp_path):
    """Debian's ovs-vsctl (--no-wait) on svsdb-server: every command of
    the rich-state session, and a set of queries after it, give the same
    exit status and output as on Debian's ovsdb-server (UUIDs numbered by
    first appearance)."""
    factory = sandbox.ServerFactory(tmp_path)
    try:
        outs = {}
        for impl in ("ovs", "svs"):
            try:
                server = vu.start_vswitch_db(factory, impl, init=False)
            except sandbox.ProgramMissing as e:
                pytest.fail(str(e))
            texts = []
            for args in vu.RICH_STATE + [
                    ["list-br"], ["list-ports", "br0"], ["list-ifaces", "br1"],
                    ["get", "Bridge", "br2", "external_ids"],
                    ["--columns=name,tag,trunks", "find", "Port", "tag>0"],
                    ["set", "Port", "p1", "tag=5000"],
                    ["del-br", "br1"], ["list-br"],
                    ["--columns=name", "list", "Interface"]]:
                proc = vu.run_vsctl(vu.OVS_VSCTL, server, args)
                texts.append("$ %s\n%d\n%s%s" % (
                    " ".join(args), proc.returncode,
                    _sorted_records(proc.stdout), proc.stderr))
            outs[impl] = _number_uuids("".join(texts))
        assert outs["svs"] == outs["ovs"], vu.diff_text(
            outs["ovs"], outs["svs"], "ovsdb-server", "svsdb-server")
    finally:
        factory.close()


def _sorted_records(text):
    """Sorts the blank-line separated records of a `list`/`find` output
    (their order follows UUIDs, which differ between the two servers) and
    the lines of one-record outputs (the order of set members does too)."""
    records = text.rstrip("\n").split("\n\n")
    if len(records) > 1:
        records.sort(key=lambda r: vu.UUID_RE.sub("U", r))
    return "\n\n".join(records) + ("\n" if text else "")


def _number_uuids(text):
    """Replaces UUIDs by "U": the two servers generate different ones, and
    the order of set members in outputs follows them."""
    return vu.UUID_RE.sub("U", text)
