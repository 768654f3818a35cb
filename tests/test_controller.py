"""A real third-party OpenFlow controller (os-ken) drives the switch.

For each implementation (Debian's ovs-vswitchd, the reference, and
svs-vswitchd) one sandbox per module (tests/switch_sandbox.py): bridge br0
(datapath_type=netdev, fail-mode=secure) with two hosts in network
namespaces on veth pairs (tests/netns_util.py) as ports 1 and 2, and
osken-manager running tests/controller_app.py, listening on
127.0.0.1:6653 inside the switch's own network namespace, as br0's
controller.  The test talks to the application through files (see
controller_app.py) and sends real traffic between the hosts.

Shown here, with the same results for both implementations (each test
records what it saw for "ovs" and compares "svs" with it):
  a/b. the application's L2 learning switch forwards pings between the
       hosts over OpenFlow 1.3 and 1.0: packet-ins, flow-mods and
       packet-outs; dump-flows shows the learned flows and later pings
       no longer reach the controller;
  c.   the features reply and port descriptions the application sees match
       ovs-ofctl show (numbers, names, hardware addresses, config, state);
  d.   packet-outs (no buffer, in_port CONTROLLER or a port, output to a
       port or to TABLE) reach the host, which answers; packet-ins carry
       buffer_id 0xffffffff; flow-mods with that buffer_id and with an
       unknown one; echo and barrier;
  e.   role requests (master, slave, equal, stale generation; the Nicira
       role request of OpenFlow 1.0) and their effect on flow-mods and
       packet-ins; get-async and set-async;
  and table misses without a table-miss flow (packet-ins for OpenFlow 1.0
  controllers only), whole packets in packet-ins whatever max_len says.
"""

import json
import os
import re
import socket
import struct
import subprocess
import time

import pytest

import netns_util
import switch_sandbox

pytestmark = [
    pytest.mark.root,
    pytest.mark.reference,
    pytest.mark.skipif(not os.path.exists("/usr/sbin/ovs-vswitchd"),
                       reason="Debian's Open vSwitch (the reference) "
                       "missing"),
]

HERE = os.path.dirname(os.path.abspath(__file__))
OSKEN_MANAGER = "/usr/bin/osken-manager"
APP = os.path.join(HERE, "controller_app.py")
PORT = 6653
TIMEOUT = 30
NO_BUFFER = 0xffffffff
OFPP_LOCAL = {1: 0xfffe, 4: 0xfffffffe}
OFPP_CONTROLLER = {1: 0xfffd, 4: 0xfffffffd}

# What each test saw, per implementation: "svs" must see what "ovs" saw.
RESULTS = {}


def same_as_ovs(ctx, name, value):
    RESULTS[(name, ctx.impl)] = value
    if ctx.impl == "svs" and (name, "ovs") in RESULTS:
        assert value == RESULTS[(name, "ovs")], name


def wait_for(pred, what, timeout=TIMEOUT):
    deadline = time.time() + timeout
    while True:
        value = pred()
        if value:
            return value
        if time.time() > deadline:
            raise AssertionError("timed out waiting for " + what)
        time.sleep(0.02)


class Controller(object):
    """osken-manager running controller_app.py in the network namespace of
    process 'pid', with its command channel in 'chan_dir'."""

    def __init__(self, pid, chan_dir):
        self.dir = str(chan_dir)
        os.makedirs(self.dir, exist_ok=True)
        self.cmds = os.path.join(self.dir, "cmds")
        self.events_path = os.path.join(self.dir, "events")
        open(self.cmds, "w").close()
        open(self.events_path, "w").close()
        self.events = []
        self.pos = 0
        self.next_id = 0
        self.version = None
        env = dict(os.environ, SVS_CONTROLLER_DIR=self.dir,
                   EVENTLET_NO_GREENDNS="yes")
        self.log = open(os.path.join(self.dir, "osken.log"), "w")
        self.proc = subprocess.Popen(
            ["nsenter", "--net=/proc/%d/ns/net" % pid, "/usr/bin/python3",
             OSKEN_MANAGER, "--ofp-listen-host", "127.0.0.1",
             "--ofp-tcp-listen-port", str(PORT), APP],
            env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_listening(self, pid):
        """Waits until osken-manager listens (in the network namespace of
        process 'pid'), so that the switch's first connection attempt
        succeeds instead of backing off."""
        local = "0100007F:%04X" % PORT

        def listening():
            self.poll()
            with open("/proc/%d/net/tcp" % pid) as f:
                return any(line.split()[1] == local
                           and line.split()[3] == "0A"
                           for line in f.readlines()[1:])
        wait_for(listening, "osken-manager to listen")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()

    def poll(self):
        with open(self.events_path) as f:
            f.seek(self.pos)
            text = f.read()
        while "\n" in text:
            line, text = text.split("\n", 1)
            self.pos += len(line) + 1
            self.events.append(json.loads(line))
        if self.proc.poll() is not None:
            raise AssertionError("osken-manager exited with %d"
                                 % self.proc.returncode)

    def mark(self):
        self.poll()
        return len(self.events)

    def since(self, mark, ev=None):
        self.poll()
        return [e for e in self.events[mark:] if ev is None or e["ev"] == ev]

    def wait(self, mark, ev, what=None, **match):
        """Waits for event 'ev' (with the given fields) at or after
        position 'mark'; returns it."""
        def find():
            for e in self.since(mark, ev):
                if all(e.get(k) == v for k, v in match.items()):
                    return e
            return None
        return wait_for(find, what or "%s %s" % (ev, match))

    def cmd(self, op, **kw):
        """Has the application send one request; returns its xid."""
        mark = self.mark()
        self.next_id += 1
        kw.update(op=op, id=self.next_id)
        with open(self.cmds, "a") as f:
            f.write(json.dumps(kw) + "\n")

        def done():
            for e in self.since(mark):
                if e.get("id") == kw["id"]:
                    return e
            return None
        e = wait_for(done, "command %s" % op)
        assert e["ev"] == "sent", e
        return e["xid"]

    def request(self, op, reply, **kw):
        """Sends a request and returns its reply (event 'reply') or the
        error the switch sent for it."""
        mark = self.mark()
        xid = self.cmd(op, **kw)

        def find():
            for e in self.since(mark):
                if e.get("xid") == xid and e["ev"] in (reply, "error"):
                    return e
            return None
        return wait_for(find, "reply to %s" % op)

    def errors(self, op, **kw):
        """Sends a request followed by a barrier; returns the errors the
        switch sent for the request (as (type, code) pairs) once the barrier
        reply is in."""
        mark = self.mark()
        xid = self.cmd(op, **kw)
        bxid = self.cmd("barrier")
        self.wait(mark, "barrier_reply", xid=bxid)
        return [(e["type"], e["code"])
                for e in self.since(mark, "error") if e["xid"] == xid]

    def barrier(self):
        assert self.errors("barrier") == []


class Context(object):
    pass


@pytest.fixture(scope="module", params=["ovs", "svs"])
def ctx(request, tmp_path_factory):
    if not netns_util.need_root():
        pytest.skip("needs root")
    if not os.path.exists(OSKEN_MANAGER):
        pytest.fail("os-ken is not installed (python3-os-ken)")
    impl = request.param
    tmpdir = tmp_path_factory.mktemp("controller-" + impl)
    sw = switch_sandbox.Switch(impl, tmpdir)
    sw.start()
    hosts = ctl = None
    try:
        # osken-manager takes seconds to start: let it load while the
        # hosts are set up.
        netns_util.run("nsenter", "--net=/proc/%d/ns/net" % sw.vs_proc.pid,
                       "ip", "link", "set", "lo", "up")
        ctl = Controller(sw.vs_proc.pid, tmpdir / "controller")
        hosts = netns_util.Hosts(sw.vs_proc.pid, prefix="oc")
        for i in range(2):
            hosts.exec(i, "sysctl", "-q", "-w",
                       "net.ipv6.conf.all.disable_ipv6=1")
        args = ["add-br", "br0", "--", "set", "bridge", "br0",
                "datapath_type=netdev", "fail-mode=secure",
                "protocols=OpenFlow13"]
        for i, port in enumerate(hosts.ports):
            args += ["--", "add-port", "br0", port, "--", "set",
                     "interface", port, "type=system",
                     "ofport_request=%d" % (i + 1)]
        sw.vsctl(*args)
        ctl.wait_listening(sw.vs_proc.pid)
        sw.vsctl("set-controller", "br0", "tcp:127.0.0.1:%d" % PORT)
        sw.vsctl("set", "controller", "br0", "connection_mode=out-of-band")
        e = ctl.wait(0, "connected", "the switch to connect")
        ctl.version = e["version"]
        assert ctl.version == 4
        c = Context()
        c.impl, c.sw, c.hosts, c.ctl = impl, sw, hosts, ctl
        yield c
    finally:
        if ctl:
            ctl.stop()
        if hosts:
            hosts.cleanup()
        sw.stop()


def use_version(ctx, version, learn):
    """Makes the controller connection use OpenFlow 'version' (1 or 4),
    deletes all flows, installs the table-miss flow (1.3) and turns the
    application's learning on or off."""
    ctl = ctx.ctl
    if ctl.version != version:
        mark = ctl.mark()
        ctx.sw.vsctl("set", "bridge", "br0", "protocols=%s"
                     % {1: "OpenFlow10", 4: "OpenFlow13"}[version])
        e = ctl.wait(mark, "connected", "reconnection with version %d"
                     % version, version=version)
        ctl.version = e["version"]
    ofctl(ctx, "del-flows", "br0")
    ctl.cmd("learn", on=learn)
    if version == 4:
        ctl.cmd("flow_mod", match={}, actions=["controller"], priority=0)
    ctl.barrier()


def ofctl(ctx, *args):
    version = {1: "OpenFlow10", 4: "OpenFlow13"}[ctx.ctl.version]
    return ctx.sw.ofctl("-O", version, "--no-names", *args).stdout


def ipv4_packet_ins(events):
    return [e for e in events
            if e["ev"] == "packet_in" and e["data"][24:28] == "0800"]


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    s = (s >> 16) + (s & 0xffff)
    s += s >> 16
    return ~s & 0xffff


def icmp_echo(hosts, src, dst, ident):
    """An ICMP echo request from host 'src' to host 'dst' (Ethernet
    frame), with ICMP identifier 'ident'."""
    icmp = struct.pack("!BBHHH", 8, 0, 0, ident, 1) + b"svs-controller"
    icmp = icmp[:2] + struct.pack("!H", checksum(icmp)) + icmp[4:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(icmp), ident,
                     0x4000, 64, 1, 0, socket.inet_aton(hosts.ips[src]),
                     socket.inet_aton(hosts.ips[dst]))
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    eth = (bytes.fromhex(hosts.macs[dst].replace(":", ""))
           + bytes.fromhex(hosts.macs[src].replace(":", "")) + b"\x08\x00")
    return eth + ip + icmp


def icmp_of(event):
    """(ICMP type, identifier) of the packet in a packet-in event, or
    None."""
    data = bytes.fromhex(event["data"])
    if len(data) < 42 or data[12:14] != b"\x08\x00" or data[23] != 1:
        return None
    return data[34], struct.unpack("!H", data[38:40])[0]


def wait_for_reply(ctx, mark, ident):
    """Waits for a packet-in of host 1's echo reply with 'ident'
    (received on port 2); returns the event."""
    def find():
        for e in ctx.ctl.since(mark, "packet_in"):
            if e["in_port"] == 2 and icmp_of(e) == (0, ident):
                return e
        return None
    return wait_for(find, "echo reply %d from host 1" % ident)


# ---------------------------------------------------------------------------
# a, b: the learning switch.

def learned_flows(ctx):
    flows = {}
    for line in ofctl(ctx, "dump-flows", "br0").splitlines():
        m = re.search(r"n_packets=(\d+),.*priority=1,in_port=(\d+),"
                      r"dl_dst=([0-9a-f:]+) actions=output:(\d+)", line)
        if m:
            flows[(int(m.group(2)), m.group(3), int(m.group(4)))] = \
                int(m.group(1))
    return flows


@pytest.mark.parametrize("version", [4, 1])
def test_learning_switch(ctx, version):
    use_version(ctx, version, learn=True)
    hosts, ctl = ctx.hosts, ctx.ctl
    mark = ctl.mark()
    hosts.ping(0, 1, count=3)
    first = ipv4_packet_ins(ctl.since(mark))
    # Request 1 (flooded), reply 1 (learns host 1's port: flow to host 0),
    # request 2 (flow to host 1); the rest follows the flows.
    assert len(first) == 3, first
    assert [e["in_port"] for e in first] == [1, 2, 1]
    assert all(e["buffer_id"] == NO_BUFFER for e in first)

    expected = {(1, hosts.macs[1], 2), (2, hosts.macs[0], 1)}
    assert set(learned_flows(ctx)) == expected

    mark = ctl.mark()
    hosts.ping(0, 1, count=3)
    hosts.ping(1, 0, count=2)
    ctl.barrier()
    assert ipv4_packet_ins(ctl.since(mark)) == []
    # At least the packets that must have followed the flows: 1 + 3 + 2
    # towards host 1 and 2 + 3 + 2 towards host 0.
    a, b = (1, hosts.macs[1], 2), (2, hosts.macs[0], 1)
    wait_for(lambda: (learned_flows(ctx)[a] >= 6
                      and learned_flows(ctx)[b] >= 7),
             "flow counters (%s)" % learned_flows(ctx))
    same_as_ovs(ctx, "learning%d" % version,
                [(e["in_port"], e["reason"], e["total_len"])
                 for e in first])


# ---------------------------------------------------------------------------
# c: features and ports.

CONFIG_BITS = {"PORT_DOWN": 1, "NO_STP": 2, "NO_RECV": 4, "NO_RECV_STP": 8,
               "NO_FLOOD": 0x10, "NO_FWD": 0x20, "NO_PACKET_IN": 0x40}
STATE_BITS = {1: {"LINK_DOWN": 1, "STP_LISTEN": 0, "STP_LEARN": 0x100,
                  "STP_FORWARD": 0x200, "STP_BLOCK": 0x300},
              4: {"LINK_DOWN": 1, "BLOCKED": 2, "LIVE": 4}}


def show_ports(ctx):
    """Ports as ovs-ofctl show (or svs-ofctl show) reports them."""
    version = ctx.ctl.version
    out = ofctl(ctx, "show", "br0")
    ports = {}
    for m in re.finditer(r"^ (\w+)\(([^)]+)\): addr:(\S+)\n"
                         r"\s+config:\s+(.*)\n\s+state:\s+(.*)\n",
                         out, re.M):
        no = OFPP_LOCAL[version] if m.group(1) == "LOCAL" \
            else int(m.group(1))
        config = sum(CONFIG_BITS[w] for w in m.group(4).split()
                     if w != "0")
        state = sum(STATE_BITS[version][w] for w in m.group(5).split()
                    if w != "0")
        ports[no] = {"port_no": no, "name": m.group(2),
                     "hw_addr": m.group(3), "config": config,
                     "state": state}
    dpid = int(re.search(r"dpid:([0-9a-f]+)", out).group(1), 16)
    n_tables = int(re.search(r"n_tables:(\d+)", out).group(1))
    return dpid, n_tables, ports


@pytest.mark.parametrize("version", [4, 1])
def test_features_and_ports(ctx, version):
    use_version(ctx, version, learn=False)
    ctl = ctx.ctl
    dpid, n_tables, ports = show_ports(ctx)
    assert set(ports) == {1, 2, OFPP_LOCAL[version]}
    assert [ports[1]["name"], ports[2]["name"]] == ctx.hosts.ports
    assert ports[OFPP_LOCAL[version]]["name"] == "br0"

    # What os-ken collected when the switch connected.
    conn = [e for e in ctl.since(0, "connected")
            if e["version"] == version][-1]
    assert conn["dpid"] == dpid
    assert {p["port_no"]: p for p in conn["ports"]} == ports

    reply = ctl.request("features", "features")
    assert reply["ev"] == "features", reply
    assert reply["datapath_id"] == dpid
    assert reply["n_tables"] == n_tables
    assert reply["n_buffers"] == 0
    if version == 1:
        assert {p["port_no"]: p for p in reply["ports"]} == ports
    else:
        assert reply["auxiliary_id"] == 0
        desc = ctl.request("port_desc", "port_desc_reply")
        assert desc["ev"] == "port_desc_reply", desc
        assert {p["port_no"]: p for p in desc["ports"]} == ports

    def norm(p):
        if p["name"] == "br0":
            # svs-vswitchd brings the bridge's own internal device up;
            # ovs-vswitchd leaves it down until the administrator ups it.
            return (p["port_no"],)
        return (p["port_no"], p["config"], p["state"])
    same_as_ovs(ctx, "features%d" % version,
                (reply["n_tables"], reply["n_buffers"],
                 reply["capabilities"], reply.get("actions"),
                 sorted(norm(p) for p in ports.values())))


# ---------------------------------------------------------------------------
# d: packet-out, buffer ids, echo and barrier.

def test_packet_out_and_buffer_ids(ctx):
    use_version(ctx, 4, learn=False)
    hosts, ctl = ctx.hosts, ctx.ctl
    seen = {}

    # No buffer, from the controller, straight to port 2: host 1 answers,
    # and its reply misses the table (packet-in from port 2).
    mark = ctl.mark()
    assert ctl.errors("packet_out", in_port="controller", actions=[2],
                      data=icmp_echo(hosts, 0, 1, 101).hex()) == []
    e = wait_for_reply(ctx, mark, 101)
    seen["reply"] = (e["buffer_id"], e["reason"], e["table_id"],
                     e["cookie"], e["total_len"], len(e["data"]) // 2,
                     e["match"])
    assert e["buffer_id"] == NO_BUFFER
    assert e["total_len"] == len(e["data"]) // 2

    # From port 1 through the tables: the rule for in_port=1 sends it on.
    assert ctl.errors("flow_mod", match={"in_port": 1}, actions=[2],
                      priority=10) == []
    mark = ctl.mark()
    assert ctl.errors("packet_out", in_port=1, actions=["table"],
                      data=icmp_echo(hosts, 0, 1, 102).hex()) == []
    wait_for_reply(ctx, mark, 102)
    assert ipv4_packet_ins(ctl.since(mark))[0]["in_port"] == 2

    # Unknown buffer ids.
    seen["packet_out_buffer"] = ctl.errors(
        "packet_out", in_port=1, actions=[2], buffer_id=0x1234)
    assert seen["packet_out_buffer"] == [(1, 8)]   # BAD_REQUEST/BUFFER_UNKNOWN
    ofctl(ctx, "del-flows", "br0", "in_port=1")

    # A flow-mod with the buffer id of a packet-in (the switch does not
    # buffer: NO_BUFFER) installs the flow and sends nothing back.
    mark = ctl.mark()
    hosts.ping(0, 1, count=1, check=False)
    pin = ipv4_packet_ins(ctl.since(mark))[0]
    assert pin["buffer_id"] == NO_BUFFER
    assert ctl.errors("flow_mod", match={"in_port": 1, "eth_type": 0x0800},
                      actions=[2], priority=20,
                      buffer_id=pin["buffer_id"]) == []
    # A flow-mod with an unknown buffer id: whether the flow goes in, and
    # the error, as Open vSwitch.
    seen["flow_mod_buffer"] = ctl.errors(
        "flow_mod", match={"in_port": 2, "eth_type": 0x0800}, actions=[1],
        priority=20, buffer_id=0x1234)
    flows = ofctl(ctx, "dump-flows", "br0")
    assert "priority=20,ip,in_port=1 actions=output:2" in flows, flows
    seen["flow_mod_buffer_installed"] = \
        "priority=20,ip,in_port=2 actions=output:1" in flows
    mark = ctl.mark()
    if seen["flow_mod_buffer_installed"]:
        hosts.ping(0, 1, count=1)
        assert ipv4_packet_ins(ctl.since(mark)) == []

    # Echo (with data) and barrier.
    e = ctl.request("echo", "echo_reply", data="0102abcdef")
    assert e["ev"] == "echo_reply" and e["data"] == "0102abcdef", e
    ctl.barrier()
    same_as_ovs(ctx, "packet_out", seen)


def send_udp_to(ctx, port, size=1):
    """Sends a UDP datagram with 'size' bytes of payload from host 0 to UDP
    port 'port' of host 1."""
    ctx.hosts.exec(0, "/usr/bin/python3", "-c",
                   "import socket; socket.socket(socket.AF_INET, "
                   "socket.SOCK_DGRAM).sendto(b'a' * %d, ('%s', %d))"
                   % (size, ctx.hosts.ips[1], port))


def udp_port_of(event):
    data = bytes.fromhex(event["data"])
    if len(data) < 38 or data[12:14] != b"\x08\x00" or data[23] != 17:
        return None
    return struct.unpack("!H", data[36:38])[0]


@pytest.mark.parametrize("version", [4, 1])
def test_miss_without_table_miss_flow(ctx, version):
    """No flow matches and there is no table-miss flow: an OpenFlow 1.0
    controller gets the packet (reason NO_MATCH), an OpenFlow 1.3 one does
    not (the packet is dropped).  Packet-ins carry the whole packet and no
    buffer id, whatever the miss_send_len (default 128) or the controller
    action's max_len (64 here) say: nothing is buffered.  A second
    packet, sent by the host after the first left it, hits a flow that
    sends it to the controller: the switch takes both from the same port's
    queue, in order, so its packet-in comes after any packet-in of the
    first."""
    use_version(ctx, version, learn=False)
    ctl = ctx.ctl
    ofctl(ctx, "del-flows", "br0")
    ofctl(ctx, "add-flow", "br0", "udp,tp_dst=4002,actions=CONTROLLER:64")
    mark = ctl.mark()
    send_udp_to(ctx, 4001, 300)
    send_udp_to(ctx, 4002, 300)
    ctl.wait(mark, "packet_in", "the packet-in of the second datagram",
             reason=1, in_port=1)

    ports = [(udp_port_of(e), e["reason"], e["total_len"],
              len(e["data"]) // 2, e["buffer_id"])
             for e in ctl.since(mark, "packet_in") if udp_port_of(e)]
    expected = [(4002, 1, 342, 342, NO_BUFFER)]
    if version == 1:
        expected.insert(0, (4001, 0, 342, 342, NO_BUFFER))
    assert ports[:len(expected)] == expected, ports
    same_as_ovs(ctx, "miss%d" % version, ports[:len(expected)])


# ---------------------------------------------------------------------------
# e: roles and asynchronous configuration.

def table_miss_packets(ctx):
    m = re.search(r"n_packets=(\d+),.*priority=0 actions=CONTROLLER",
                  ofctl(ctx, "dump-flows", "br0"))
    return int(m.group(1)) if m else None


def send_udp(ctx, ident):
    """Sends one UDP datagram from host 0 to host 1 and waits until the
    table-miss flow has counted it, so that its packet-in (if any) has
    been sent."""
    before = table_miss_packets(ctx)
    ctx.hosts.exec(0, "/usr/bin/python3", "-c",
                   "import socket; socket.socket(socket.AF_INET, "
                   "socket.SOCK_DGRAM).sendto(b'x%d', ('%s', 9))"
                   % (ident, ctx.hosts.ips[1]))
    wait_for(lambda: table_miss_packets(ctx) > before, "table-miss count")


def test_roles_and_async(ctx):
    use_version(ctx, 4, learn=False)
    ctl = ctx.ctl
    seen = {}

    def role(name, gen=0):
        e = ctl.request("role", "role_reply", role=name, generation_id=gen)
        if e["ev"] == "error":
            return ("error", e["type"], e["code"])
        return (e["role"], e["generation_id"])

    seen["nochange"] = role("nochange")
    assert seen["nochange"][0] == 1                  # EQUAL
    assert role("master", 5) == (2, 5)
    assert role("slave", 4) == ("error", 11, 0)     # ROLE_REQUEST_FAILED/STALE
    assert role("slave", 6) == (3, 6)

    # A slave may not modify the tables and gets no packet-ins.
    seen["slave_flow_mod"] = ctl.errors("flow_mod", match={"in_port": 1},
                                        actions=[2])
    assert seen["slave_flow_mod"] == [(1, 10)]      # BAD_REQUEST/IS_SLAVE
    seen["slave_packet_out"] = ctl.errors(
        "packet_out", actions=[2], data=icmp_echo(ctx.hosts, 0, 1, 1).hex())
    assert seen["slave_packet_out"] == [(1, 10)]
    slave_async = ctl.request("get_async", "get_async_reply")
    mark = ctl.mark()
    send_udp(ctx, 1)
    ctl.barrier()
    assert ipv4_packet_ins(ctl.since(mark)) == []

    assert role("equal", 0) == (1, 6)
    mark = ctl.mark()
    send_udp(ctx, 2)
    ctl.wait(mark, "packet_in", reason=0)            # NO_MATCH
    assert ctl.errors("flow_mod", match={"in_port": 1}, actions=[2],
                      priority=5, command="delete") == []

    # Asynchronous configuration.
    default = ctl.request("get_async", "get_async_reply")
    assert default["ev"] == "get_async_reply", default
    seen["async_default"] = [default[k] for k in ("packet_in_mask",
                                                  "port_status_mask",
                                                  "flow_removed_mask")]
    seen["async_slave"] = [slave_async.get(k) for k in ("packet_in_mask",
                                                        "port_status_mask",
                                                        "flow_removed_mask")]
    assert seen["async_default"][0] == [3, 0] or \
        seen["async_default"][0][1] == 0
    # Only packet-ins for the "action" reason: table misses stay quiet,
    # an explicit controller action still comes through.
    assert ctl.errors("set_async", packet_in_mask=[2, 0],
                      port_status_mask=[7, 7],
                      flow_removed_mask=[1, 0]) == []
    e = ctl.request("get_async", "get_async_reply")
    assert (e["packet_in_mask"], e["port_status_mask"],
            e["flow_removed_mask"]) == ([2, 0], [7, 7], [1, 0])
    mark = ctl.mark()
    send_udp(ctx, 3)
    ctl.barrier()
    assert ipv4_packet_ins(ctl.since(mark)) == []
    assert ctl.errors("flow_mod", match={"in_port": 1, "eth_type": 0x0800},
                      actions=["controller"], priority=5) == []
    mark = ctl.mark()
    ctx.hosts.exec(0, "/usr/bin/python3", "-c",
                   "import socket; socket.socket(socket.AF_INET, "
                   "socket.SOCK_DGRAM).sendto(b'y', ('%s', 9))"
                   % ctx.hosts.ips[1])
    e = ctl.wait(mark, "packet_in", "an action packet-in", in_port=1)
    seen["action_reason"] = e["reason"]
    assert e["reason"] == 1                           # ACTION
    assert ctl.errors("set_async", packet_in_mask=[3, 0],
                      port_status_mask=[7, 7],
                      flow_removed_mask=[15, 0]) == []
    same_as_ovs(ctx, "roles", seen)


def test_roles_openflow10(ctx):
    """The Nicira role request of OpenFlow 1.0: replies for master, other
    and slave, and a slave may not modify the tables.  (os-ken 2.5 drops
    the connection on any OpenFlow 1.0 error message, a bug of its own:
    the test waits for the switch to reconnect.)"""
    use_version(ctx, 1, learn=False)
    ctl = ctx.ctl
    for role, code in (("master", 1), ("other", 0), ("slave", 2)):
        e = ctl.request("nx_role", "vendor", role=role)
        assert e["ev"] == "vendor" and e["role"] == code, e
    mark = ctl.mark()
    xid = ctl.cmd("flow_mod", match={"in_port": 1}, actions=[2],
                  priority=7)
    e = ctl.wait(mark, "error", "the slave's flow-mod error", xid=xid)
    same_as_ovs(ctx, "roles10", (e["type"], e["code"]))
    e = ctl.wait(mark, "connected", "the switch to reconnect", version=1)
    assert "priority=7" not in ofctl(ctx, "dump-flows", "br0")
