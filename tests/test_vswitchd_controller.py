"""Controllers of a bridge as the database configures them, on both
switches (Debian's ovs-vswitchd and svs-vswitchd): the Controller table's
status columns, the flow table flushes when a bridge gains or loses its
controllers or changes fail mode, fail-open of a standalone bridge whose
controller is unreachable, and "pssl:" controller listeners that take their
key and certificates from the SSL table (ovs-vsctl set-ssl); and Debian's
ovs-testcontroller, a third-party OpenFlow controller, running a learning
switch for two hosts in network namespaces.

Each implementation gets one sandbox for the whole module; every test
makes and deletes its own bridge.
"""

import os
import re
import shutil
import socket
import struct
import subprocess
import threading
import time

import pytest

import netns_util
import switch_sandbox

OFCTL = "/usr/bin/ovs-ofctl"


@pytest.fixture(scope="module", params=["ovs", "svs"])
def sw(request, tmp_path_factory):
    impl = request.param
    s = switch_sandbox.Switch(impl, tmp_path_factory.mktemp("ctl-" + impl))
    s.start()
    try:
        yield s
    finally:
        s.stop()


@pytest.fixture
def br0(sw):
    sw.add_bridge("br0", n_ports=2, fail_mode="standalone")
    try:
        yield sw
    finally:
        sw.vsctl("--if-exists", "del-br", "br0")


def wait_for(pred, timeout=30, what="condition"):
    deadline = time.time() + timeout
    while True:
        v = pred()
        if v:
            return v
        if time.time() > deadline:
            raise AssertionError("timed out waiting for " + what)
        time.sleep(0.1)


def controller(sw, column):
    out = sw.vsctl("--columns=" + column, "list", "controller").stdout
    return out.split(":", 1)[1].strip()


def flows(sw):
    """The OpenFlow flows of br0 as "priority=... actions" strings,
    sorted."""
    out = sw.run(OFCTL, "dump-flows", "br0").stdout
    res = []
    for line in out.splitlines()[1:]:
        m = re.search(r"(priority=\S*(?:,\S+)?)\s+(actions=\S+)", line)
        assert m, line
        res.append(m.group(1) + " " + m.group(2))
    return sorted(res)


class FakeController(object):
    """A minimal OpenFlow 1.3 controller on a Unix socket: answers the
    switch's hello and echo requests and, if 'talk', sends a features
    request (a controller that talks is "admitted")."""

    def __init__(self, path, talk=True):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.bind(path)
        self.sock.listen(4)
        self.talk = talk
        self.conn = None
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        try:
            c, _ = self.sock.accept()
        except OSError:
            return
        self.conn = c
        c.sendall(struct.pack("!BBHI", 4, 0, 8, 1))
        if self.talk:
            c.sendall(struct.pack("!BBHI", 4, 5, 8, 2))
        buf = b""
        while True:
            try:
                data = c.recv(65536)
            except OSError:
                return
            if not data:
                return
            buf += data
            while len(buf) >= 8:
                version, type_, length, xid = struct.unpack("!BBHI",
                                                            buf[:8])
                if len(buf) < length:
                    break
                msg, buf = buf[:length], buf[length:]
                if type_ == 2:      # Echo request.
                    try:
                        c.sendall(struct.pack("!BBHI", version, 3, length,
                                              xid) + msg[8:])
                    except OSError:
                        return

    def close(self):
        if self.conn:
            try:
                self.conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self.conn.close()
        self.sock.close()


def test_controller_status_columns(br0):
    sw = br0
    path = sw.path("ctl.sock")
    if os.path.exists(path):
        os.unlink(path)
    ctl = FakeController(path)
    try:
        sw.vsctl("set-controller", "br0", "unix:" + path)
        wait_for(lambda: controller(sw, "is_connected") == "true",
                 what="is_connected")
        assert controller(sw, "role") == "other"
        status = wait_for(lambda: "sec_since_connect" in
                          controller(sw, "status")
                          and controller(sw, "status"),
                          what="status with sec_since_connect")
        assert "state=ACTIVE" in status, status
        assert "last_error" not in status, status
    finally:
        ctl.close()
    wait_for(lambda: controller(sw, "is_connected") == "false",
             what="is_connected false")
    status = wait_for(lambda: "state=BACKOFF" in controller(sw, "status")
                      and controller(sw, "status"), what="BACKOFF")
    assert "last_error=" in status and "sec_since_disconnect" in status, \
        status
    assert controller(sw, "role") == "[]"
    sw.vsctl("del-controller", "br0")


def test_flows_flushed_on_controller_and_fail_mode_change(br0):
    sw = br0
    normal = ["priority=0 actions=NORMAL"]
    mine = ["priority=5,in_port=1 actions=output:2"]
    sw.run(OFCTL, "add-flow", "br0", "priority=5,in_port=1,actions=2")
    assert flows(sw) == sorted(normal + mine)

    # First controller: every flow goes, NORMAL too.
    sw.vsctl("set-controller", "br0", "tcp:127.0.0.1:1")
    assert flows(sw) == []
    sw.run(OFCTL, "add-flow", "br0", "priority=5,in_port=1,actions=2")
    # Another controller target: the flows stay.
    sw.vsctl("set-controller", "br0", "tcp:127.0.0.1:2")
    assert flows(sw) == mine
    # No controller any more: a fresh table with the NORMAL flow.
    sw.vsctl("del-controller", "br0")
    assert flows(sw) == normal
    sw.run(OFCTL, "add-flow", "br0", "priority=5,in_port=1,actions=2")
    # Fail mode secure: empty; back to standalone: NORMAL only.
    sw.vsctl("set", "bridge", "br0", "fail_mode=secure")
    assert flows(sw) == []
    sw.run(OFCTL, "add-flow", "br0", "priority=5,in_port=1,actions=2")
    sw.vsctl("set", "bridge", "br0", "fail_mode=standalone")
    assert flows(sw) == normal


def packet_hex(src, dst):
    eth = bytes.fromhex(dst.replace(":", "") + src.replace(":", "")
                        + "0800")
    ip = bytes.fromhex("45000054000040004001" "0000" "0a000001" "0a000002")
    return (eth + ip + bytes(64)).hex()


def test_fail_open(br0):
    """A standalone bridge whose only controller is unreachable acts as a
    learning switch (a hidden NORMAL flow, priority 0xf0f0f0) once the
    controller has been silent for three inactivity probe intervals, and
    stops when it is no longer standalone."""
    sw = br0
    sw.vsctl("set", "interface", "p2",
             "options:tx_pcap=" + sw.path("fo-p2.pcap"))
    sw.vsctl("set-controller", "br0", "unix:" + sw.path("nobody.sock"))
    assert flows(sw) == []

    def hidden():
        out = sw.appctl("bridge/dump-flows", "br0").stdout
        return "priority=15790320" in out and out
    out = wait_for(hidden, timeout=60, what="the fail-open flow")
    line = [l for l in out.splitlines() if "priority=15790320" in l][0]
    assert line.endswith("actions=NORMAL"), out
    # Hidden from OpenFlow.
    assert flows(sw) == []
    # And forwarding: a frame from p1 is flooded to p2.
    sw.appctl("netdev-dummy/receive", "p1",
              packet_hex("50:54:00:00:00:01", "50:54:00:00:00:02"))
    wait_for(lambda: os.path.getsize(sw.path("fo-p2.pcap")) > 24,
             what="the frame flooded to p2")

    sw.vsctl("set", "bridge", "br0", "fail_mode=secure")
    wait_for(lambda: "priority=15790320" not in
             sw.appctl("bridge/dump-flows", "br0").stdout,
             what="the fail-open flow to go")
    sw.vsctl("del-controller", "br0")


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    d = str(tmp_path_factory.mktemp("pki"))

    def openssl(*args):
        subprocess.run(["openssl"] + list(args), cwd=d, check=True,
                       capture_output=True, timeout=60)
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
            "ca-key.pem", "-out", "ca-cert.pem", "-days", "2", "-subj",
            "/CN=svs test ca")
    for name in ("sw", "ctl"):
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout",
                name + "-key.pem", "-out", name + ".csr", "-subj",
                "/CN=" + name)
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca-cert.pem",
                "-CAkey", "ca-key.pem", "-CAcreateserial", "-out",
                name + "-cert.pem", "-days", "2")
    return lambda name: os.path.join(d, name + ".pem")


def test_pssl_listener_from_ssl_table(br0, pki):
    """set-ssl plus a "pssl:" controller target: Debian's ovs-ofctl
    connects over SSL with a certificate of the same CA."""
    sw = br0
    netns = ["nsenter", "--net=/proc/%d/ns/net" % sw.vs_proc.pid]
    subprocess.run(netns + ["ip", "link", "set", "lo", "up"], check=True)
    sw.vsctl("set-ssl", pki("sw-key"), pki("sw-cert"), pki("ca-cert"))
    sw.vsctl("set-controller", "br0", "pssl:6653:127.0.0.1")
    cmd = netns + [OFCTL, "-t", "5", "-p", pki("ctl-key"), "-c",
                   pki("ctl-cert"), "-C", pki("ca-cert"), "show",
                   "ssl:127.0.0.1:6653"]

    def shown():
        r = subprocess.run(cmd, capture_output=True, text=True,
                           timeout=30)
        return r.returncode == 0 and r.stdout
    out = wait_for(shown, what="ovs-ofctl show over SSL")
    assert "OFPT_FEATURES_REPLY" in out and "(p1)" in out, out
    sw.vsctl("del-controller", "br0")
    sw.vsctl("del-ssl")


TESTCONTROLLER = "/usr/bin/ovs-testcontroller"


@pytest.mark.root
def test_testcontroller_learning_switch(sw):
    """Debian's ovs-testcontroller (a learning switch controller: packet-in,
    packet-out, flow-mods) makes a fail-secure bridge forward real traffic
    between two hosts, and installs flows that the switch then uses."""
    if not netns_util.need_root():
        pytest.skip("needs root")
    if not os.access(TESTCONTROLLER, os.X_OK):
        pytest.fail("ovs-testcontroller is not installed "
                    "(openvswitch-testcontroller)")
    from test_vswitchd_traffic import setup_bridge
    sock = sw.path("testcontroller.sock")
    ctl = subprocess.Popen([TESTCONTROLLER, "punix:" + sock,
                            "--log-file=" + sw.path("testcontroller.log"),
                            "--unixctl=" + sw.path("testcontroller.ctl"),
                            "-vconsole:off"],
                           env=sw.env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    hosts = None
    try:
        wait_for(lambda: os.path.exists(sock), what="the controller")
        hosts = setup_bridge(sw, "system")
        sw.vsctl("set-controller", "br0", "unix:" + sock)
        wait_for(lambda: controller(sw, "is_connected") == "true",
                 what="the controller connection")
        # Without the controller's help nothing would pass (secure mode,
        # no flows); the controller floods the first packets and installs
        # a flow per learned destination.
        wait_for(lambda: hosts.ping(0, 1, count=1,
                                    check=False).returncode == 0,
                 what="ping through the controller")
        hosts.ping(1, 0)
        hosts.ping(0, 1, count=3)
        out = sw.run(OFCTL, "dump-flows", "br0").stdout
        learned = [l for l in out.splitlines()
                   if "dl_dst=%s" % hosts.macs[1] in l
                   or "dl_dst=%s" % hosts.macs[0] in l]
        assert learned, out
        # The switch forwards by them (the flows of the last packets of
        # each direction may be installed after those packets).
        used = sum(int(re.search(r"n_packets=(\d+)", l).group(1))
                   for l in learned)
        assert used > 0, out
    finally:
        if hosts:
            hosts.cleanup()
        ctl.terminate()
        ctl.wait(timeout=30)
        sw.vsctl("--if-exists", "del-br", "br0")


class Monitor(object):
    """ovs-ofctl monitor of br0 (receiving packet-ins) with its output
    collected by a thread."""

    def __init__(self, sw, version):
        self.proc = subprocess.Popen(
            [OFCTL, "-O", version, "monitor", "br0", "65534"], env=sw.env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines = []
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line)

    def text(self):
        return "".join(self.lines)

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self.thread.join(timeout=30)


SYNC_MAC = "50:54:00:00:00:09"


def sync_monitor(sw, mon, n):
    """Sends frames from SYNC_MAC into p1 until monitor 'mon' has shown
    'n' packet-ins from it (needs the SYNC_MAC flow of
    add_sync_flow())."""
    sync = packet_hex(SYNC_MAC, "50:54:00:00:00:02")

    def synced():
        sw.appctl("netdev-dummy/receive", "p1", sync)
        time.sleep(0.1)
        return mon.text().count("dl_src=" + SYNC_MAC) >= n
    wait_for(synced, what="%d packet-ins from %s" % (n, SYNC_MAC))


def add_sync_flow(sw):
    sw.run(OFCTL, "add-flow", "br0",
           "priority=100,dl_src=%s,actions=controller" % SYNC_MAC)


@pytest.mark.parametrize("flow,version,reasons", [
    # A controller action in a table-miss flow (priority 0, matching
    # everything) is a table miss for OpenFlow 1.3+, an action before.
    ("priority=0,actions=controller", "OpenFlow10", ["action"]),
    ("priority=0,actions=controller", "OpenFlow13", ["no_match"]),
    ("priority=0,in_port=1,actions=controller", "OpenFlow13", ["action"]),
    # A miss without a table-miss flow goes to OpenFlow 1.0-1.2
    # connections only.
    ("table=1,actions=controller", "OpenFlow10", ["no_match"]),
    ("table=1,actions=controller", "OpenFlow13", []),
])
def test_packet_in_reasons(br0, flow, version, reasons):
    sw = br0
    sw.run(OFCTL, "del-flows", "br0")
    sw.run(OFCTL, "add-flow", "br0", flow)
    # Packets from SYNC_MAC always reach the monitor: one that arrives
    # shows the monitor connected, one sent after the test packet that
    # arrives shows the test packet handled.
    add_sync_flow(sw)
    mon = Monitor(sw, version)
    try:
        sync_monitor(sw, mon, 1)
        n = mon.text().count("dl_src=" + SYNC_MAC)
        sw.appctl("netdev-dummy/receive", "p1",
                  packet_hex("50:54:00:00:00:01", "50:54:00:00:00:02"))
        sync_monitor(sw, mon, n + 1)
    finally:
        mon.stop()
    out = mon.text()
    got = re.findall(r"\(via (\w+)\).*\n.*dl_src=50:54:00:00:00:01", out)
    assert got == reasons, out


def local_port(sw):
    """The LOCAL port's lines of `ovs-ofctl show br0`."""
    out = sw.run(OFCTL, "show", "br0").stdout
    return out.split("LOCAL(br0):", 1)[1].split("OFPT_GET_CONFIG")[0]


def test_port_follows_device(br0):
    """The OpenFlow port of the bridge's internal device follows the
    device: down when the switch creates it, up (and a port-status
    message to the controllers) when the user brings it up, and down
    again."""
    sw = br0
    ns = ["nsenter", "--net=/proc/%d/ns/net" % sw.vs_proc.pid]
    first = local_port(sw)
    assert "config:     PORT_DOWN" in first, first
    assert "state:      LINK_DOWN" in first, first
    assert "current:    10GB-FD COPPER" in first, first
    add_sync_flow(sw)
    mon = Monitor(sw, "OpenFlow13")
    try:
        sync_monitor(sw, mon, 1)
        subprocess.run(ns + ["ip", "link", "set", "br0", "up"], check=True)
        up = wait_for(lambda: "config:     0\n" in local_port(sw)
                      and local_port(sw), what="LOCAL up")
        assert "state:      LIVE" in up or "state:      0" in up, up
        wait_for(lambda: "OFPT_PORT_STATUS" in mon.text(),
                 what="a port-status message")
        subprocess.run(ns + ["ip", "link", "set", "br0", "down"],
                       check=True)
        down = wait_for(lambda: "PORT_DOWN" in local_port(sw)
                        and local_port(sw), what="LOCAL down")
        assert "state:      LINK_DOWN" in down, down
    finally:
        mon.stop()
    status = mon.text()
    assert "MOD: LOCAL(br0)" in status, status
