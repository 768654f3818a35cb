"""Network devices (lib/netdev.c and its providers), through
tests/test-netdev.

- dummy devices: netdev-dummy/receive (hex bytes, or datapath flow text
  composed into the same packets as Debian's ovs-vswitchd --enable-dummy
  builds) and set-admin-state through a unixctl server in the test
  program, packets captured with tx_pcap/rxq_pcap;
- TSO segmentation (dp_packet_segment_tso) checked field by field with
  scapy, IPv4 and IPv6;
- "system", "internal" and "afxdp": real traffic (ping and a TCP transfer,
  with the veths' offloads left on) between two network namespaces through
  a two-port forwarder in a third namespace.

The namespaces and veth pairs are created by the tests and removed at
teardown; traffic stays inside them.  Needs root (CI runs as root).
"""

import hashlib
import json
import os
import select
import shutil
import subprocess
import sys
import time

import pytest

from conftest import program, run

sys.path.insert(0, "/usr/lib/python3/dist-packages")
from scapy.all import (IP, IPv6, TCP, UDP, Ether, raw,  # noqa: E402
                       rdpcap)

pytestmark = pytest.mark.root

TIMEOUT = 60


def netdev_prog():
    return program("tests/test-netdev")


def need_root():
    if os.geteuid() != 0:
        pytest.skip("needs root for network namespaces")


# ---------------------------------------------------------------------------
# Helpers.

class Proc:
    """A test-netdev process whose standard input is kept open: closing it
    makes the program exit cleanly (and print its counters).  Output is
    read from the raw pipe, so that select() sees every byte."""

    def __init__(self, args, ns=None):
        if ns:
            args = ["ip", "netns", "exec", ns] + args
        self.args = args
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.fd = self.proc.stdout.fileno()
        self.buf = b""
        self.eof = False

    def _fill(self, timeout):
        """Reads what is available within 'timeout' seconds; returns
        False on timeout."""
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return False
        data = os.read(self.fd, 65536)
        if not data:
            self.eof = True
        self.buf += data
        return True

    def readline(self, timeout=TIMEOUT):
        """Returns the next line of output (without newline); fails the test
        after 'timeout' seconds or at end of file."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buf:
            left = deadline - time.monotonic()
            if self.eof or left <= 0 or not self._fill(left):
                self.kill()
                pytest.fail("%s: no line within %ds (exit %s); stderr:\n%s"
                            % (self.args, timeout, self.proc.returncode,
                               self.proc.stderr.read().decode()))
        line, self.buf = self.buf.split(b"\n", 1)
        return line.decode()

    def wait_for(self, prefix, timeout=TIMEOUT):
        while True:
            line = self.readline(timeout)
            if line.startswith(prefix):
                return line

    def finish(self):
        """Closes standard input, waits for the program to exit 0 and
        returns the rest of its output as a dict of "key value" lines."""
        self.proc.stdin.close()
        deadline = time.monotonic() + TIMEOUT
        while not self.eof:
            left = deadline - time.monotonic()
            if left <= 0 or not self._fill(left):
                self.kill()
                pytest.fail("%s did not exit" % (self.args,))
        err = self.proc.stderr.read().decode()
        assert self.proc.wait(timeout=TIMEOUT) == 0, err
        result = {}
        for line in self.buf.decode().splitlines():
            key, _, value = line.partition(" ")
            result[key] = value
        return result

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


class Topology:
    """Namespaces PREFIX-sw (the switch), PREFIX-h1 and PREFIX-h2 (hosts
    10.9.0.1 and 10.9.0.2, each with eth0), linked by veth pairs s1-h1 and
    s2-h2 ends s1 and s2 in PREFIX-sw.  Offloads stay at their defaults
    (on)."""

    serial = 0

    def __init__(self):
        Topology.serial += 1
        self.prefix = "nd%d-%d" % (os.getpid(), Topology.serial)
        self.sw = self.prefix + "-sw"
        self.h1 = self.prefix + "-h1"
        self.h2 = self.prefix + "-h2"
        self.procs = []
        try:
            self._create()
        except BaseException:
            self.close()
            raise

    def _create(self):
        for ns in (self.sw, self.h1, self.h2):
            self.ip("netns", "add", ns)
        self.ip("link", "add", "s1", "netns", self.sw, "type", "veth",
                "peer", "name", "eth0", "netns", self.h1)
        self.ip("link", "add", "s2", "netns", self.sw, "type", "veth",
                "peer", "name", "eth0", "netns", self.h2)
        for ns in (self.sw, self.h1, self.h2):
            self.ip("-n", ns, "link", "set", "lo", "up")
        for dev in ("s1", "s2"):
            self.ip("-n", self.sw, "link", "set", dev, "up")
        for ns, addr in ((self.h1, "10.9.0.1"), (self.h2, "10.9.0.2")):
            self.ip("-n", ns, "addr", "add", addr + "/24", "dev", "eth0")
            self.ip("-n", ns, "link", "set", "eth0", "up")

    def multiqueue(self, n):
        """Recreates the s1 pair with 'n' queues on each end."""
        q = ["numtxqueues", str(n), "numrxqueues", str(n)]
        self.ip("-n", self.sw, "link", "del", "s1")
        self.ip(*(["link", "add", "s1", "netns", self.sw] + q
                  + ["type", "veth", "peer", "name", "eth0", "netns",
                     self.h1] + q))
        self.ip("-n", self.sw, "link", "set", "s1", "up")
        self.ip("-n", self.h1, "addr", "add", "10.9.0.1/24", "dev", "eth0")
        self.ip("-n", self.h1, "link", "set", "eth0", "up")

    @staticmethod
    def ip(*args):
        run(["ip"] + list(args))

    def start(self, args):
        p = Proc([netdev_prog()] + args, ns=self.sw)
        self.procs.append(p)
        return p

    def close(self):
        for p in self.procs:
            p.kill()
        for ns in (self.sw, self.h1, self.h2):
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)


@pytest.fixture
def topo():
    need_root()
    t = Topology()
    yield t
    t.close()


PING = r"""
import socket, struct, sys, time
def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff
dst, count = sys.argv[1], int(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
s.settimeout(1)
ok = 0
for seq in range(count * 10):
    payload = b"svs-netdev" * 10
    hdr = struct.pack("!BBHHH", 8, 0, 0, 0x4242, seq)
    pkt = struct.pack("!BBHHH", 8, 0, csum(hdr + payload), 0x4242, seq)
    s.sendto(pkt + payload, (dst, 0))
    try:
        while True:
            data, addr = s.recvfrom(2048)
            ihl = (data[0] & 15) * 4
            t, _, _, ident, rseq = struct.unpack("!BBHHH", data[ihl:ihl + 8])
            if t == 0 and ident == 0x4242 and rseq == seq:
                ok += 1
                break
    except socket.timeout:
        pass
    if ok >= count:
        break
print(ok)
sys.exit(0 if ok >= count else 1)
"""

TCP_SERVER = r"""
import hashlib, socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], 5201))
s.listen(1)
print("listening", flush=True)
s.settimeout(60)
c, _ = s.accept()
c.settimeout(60)
h, n = hashlib.sha256(), 0
while True:
    b = c.recv(1 << 16)
    if not b:
        break
    h.update(b)
    n += len(b)
c.sendall(h.hexdigest().encode())
c.close()
print(n, h.hexdigest())
"""

TCP_CLIENT = r"""
import hashlib, os, socket, sys
size = int(sys.argv[2])
data = os.urandom(1 << 20)
c = socket.create_connection((sys.argv[1], 5201), timeout=60)
h, sent = hashlib.sha256(), 0
while sent < size:
    chunk = data[:min(len(data), size - sent)]
    c.sendall(chunk)
    h.update(chunk)
    sent += len(chunk)
c.shutdown(socket.SHUT_WR)
reply = b""
while True:
    b = c.recv(100)
    if not b:
        break
    reply += b
print(h.hexdigest(), reply.decode())
sys.exit(0 if reply.decode() == h.hexdigest() else 1)
"""


def nsrun(ns, args, **kwargs):
    return run(["ip", "netns", "exec", ns] + args, **kwargs)


def ping(ns, dst, count=3):
    nsrun(ns, ["/usr/bin/python3", "-c", PING, dst, str(count)],
          timeout=TIMEOUT)


def tcp_transfer(ns_client, ns_server, server_ip, size=64 << 20):
    """Sends 'size' random bytes over TCP and checks their SHA-256 at the
    other end."""
    server = subprocess.Popen(
        ["ip", "netns", "exec", ns_server, "/usr/bin/python3", "-c",
         TCP_SERVER, server_ip], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout.readline().strip() == "listening"
        out = nsrun(ns_client, ["/usr/bin/python3", "-c", TCP_CLIENT,
                                server_ip, str(size)], timeout=TIMEOUT * 2)
        digest, reply = out.stdout.split()
        assert digest == reply
        sout, _ = server.communicate(timeout=TIMEOUT)
        n, sdigest = sout.split()
        assert int(n) == size and sdigest == digest
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def iperf3(ns_client, ns_server, server_ip):
    """A short iperf3 TCP run, if iperf3 is installed; returns whether it
    ran."""
    if not shutil.which("iperf3"):
        return False
    server = subprocess.Popen(["ip", "netns", "exec", ns_server, "iperf3",
                               "-s", "-1", "-B", server_ip],
                              stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + TIMEOUT
        while True:
            out = nsrun(ns_client, ["iperf3", "-c", server_ip, "-t", "2",
                                    "-J"], check=False, timeout=TIMEOUT)
            if out.returncode == 0 and '"error"' not in out.stdout:
                break
            # The server may not be listening yet.
            assert time.monotonic() < deadline, out.stdout + out.stderr
            time.sleep(0.2)
        result = json.loads(out.stdout)
        received = result["end"]["sum_received"]["bytes"]
        assert received > 0
        server.communicate(timeout=TIMEOUT)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    return True


def ethtool_offloads_on(ns, dev):
    """Whether 'dev' has TX checksum offload and TSO on (where ethtool is
    installed to tell)."""
    if not shutil.which("ethtool"):
        return True
    out = nsrun(ns, ["ethtool", "-k", dev]).stdout
    return ("tx-checksumming: on" in out
            and "tcp-segmentation-offload: on" in out)


# ---------------------------------------------------------------------------
# Registry.

def test_types():
    out = run([netdev_prog(), "types"]).stdout.split()
    for t in ("system", "internal", "tap", "afxdp", "dummy",
              "dummy-internal"):
        assert t in out


def test_open_unknown_type():
    proc = run([netdev_prog(), "info", "x", "no-such-type"], check=False)
    assert proc.returncode != 0
    assert "not supported" in proc.stderr or "Address family" in proc.stderr


def test_open_missing_system_device():
    proc = run([netdev_prog(), "info", "no-such-dev0", "system"],
               check=False)
    assert proc.returncode != 0
    assert "No such device" in proc.stderr


# ---------------------------------------------------------------------------
# Dummy devices.

ARP = ("ffffffffffff" "000000000001" "0806" "0001080006040001"
       "000000000001" "c0a80001" "000000000000" "c0a80002")


@pytest.fixture
def dummy(tmp_path):
    ctl = str(tmp_path / "ctl")
    p = Proc([netdev_prog(), "dummy", ctl,
              "tx_pcap=%s/%%s-tx.pcap" % tmp_path,
              "rxq_pcap=%s/%%s-rx.pcap" % tmp_path])
    assert p.readline() == "ready"

    def appctl(*args, check=True):
        return run(["ovs-appctl", "-t", ctl] + list(args), check=check)
    appctl.dir = tmp_path
    yield appctl
    appctl("exit", check=False)
    p.finish()


def test_dummy_receive_and_pcap(dummy):
    udp = raw(Ether(src="00:00:00:00:00:01", dst="00:00:00:00:00:02")
              / IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=1, dport=2)
              / b"hello")
    dummy("netdev-dummy/receive", "p1", ARP, udp.hex())
    # p1 -> p2 in the program: p2's transmit capture shows both, in order.
    deadline = time.monotonic() + TIMEOUT
    while True:
        pkts = rdpcap(str(dummy.dir / "p2-tx.pcap"))
        if len(pkts) == 2 or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert [raw(p).hex() for p in pkts] == [ARP, udp.hex()]
    rx = rdpcap(str(dummy.dir / "p1-rx.pcap"))
    assert [raw(p).hex() for p in rx] == [ARP, udp.hex()]
    assert len(rdpcap(str(dummy.dir / "p2-rx.pcap"))) == 0


def test_dummy_receive_errors(dummy):
    r = dummy("netdev-dummy/receive", "nosuch", ARP, check=False)
    assert r.returncode != 0 and "no such dummy netdev" in r.stderr
    # Neither hex bytes of an Ethernet frame nor a datapath flow: the
    # error of the flow parser, as in ovs-vswitchd.
    for bad in ("zz", "0102", "abc"):
        r = dummy("netdev-dummy/receive", "p1", bad, check=False)
        assert r.returncode != 0
        assert "syntax error at " + bad in r.stderr
    r = dummy("netdev-dummy/receive", "p1", "--qid", check=False)
    assert r.returncode != 0


def test_dummy_receive_queues(tmp_path):
    """--qid picks the receive queue (n_rxq=2); a packet for a queue that
    does not exist is captured on receive but goes nowhere."""
    ctl = str(tmp_path / "ctl")
    p = Proc([netdev_prog(), "dummy", ctl, "n_rxq=2",
              "tx_pcap=%s/%%s-tx.pcap" % tmp_path,
              "rxq_pcap=%s/%%s-rx.pcap" % tmp_path])
    assert p.readline() == "ready"
    try:
        app = ["ovs-appctl", "-t", ctl, "netdev-dummy/receive", "p1"]
        run(app + ["--qid", "1", ARP])
        run(app + ["--qid", "5", ARP[:-2] + "ff"])
        run(app + [ARP[:-2] + "ee"])
        rx = wait_for_pcap(tmp_path / "p1-rx.pcap", 3)
        assert [x.hex() for x in rx] == [ARP, ARP[:-2] + "ff",
                                         ARP[:-2] + "ee"]
        tx = wait_for_pcap(tmp_path / "p2-tx.pcap", 2)
        assert sorted(x.hex() for x in tx) == sorted([ARP, ARP[:-2] + "ee"])
        run(["ovs-appctl", "-t", ctl, "exit"])
        p.finish()
    finally:
        p.kill()


def test_dummy_set_admin_state(dummy):
    assert dummy("netdev-dummy/set-admin-state", "p1", "up").stdout \
        .strip() == "OK"
    assert dummy("netdev-dummy/set-admin-state", "down").stdout \
        .strip() == "OK"
    r = dummy("netdev-dummy/set-admin-state", "p1", "sideways", check=False)
    assert r.returncode != 0 and "Invalid Admin State" in r.stderr
    r = dummy("netdev-dummy/set-admin-state", "nosuch", "up", check=False)
    assert r.returncode != 0 and "Unknown Dummy Interface" in r.stderr


def test_dummy_segments_tso_on_send(tmp_path):
    """A dummy device cannot take TSO: the bridge-less path here is the TSO
    unit below; this checks that a big received TCP packet passes through
    p1 -> p2 unchanged when it is not marked TSO."""
    ctl = str(tmp_path / "ctl")
    p = Proc([netdev_prog(), "dummy", ctl,
              "tx_pcap=%s/%%s-tx.pcap" % tmp_path])
    assert p.readline() == "ready"
    try:
        pkt = raw(Ether() / IP(src="1.1.1.1", dst="2.2.2.2")
                  / TCP(sport=1, dport=2) / (b"x" * 3000))
        run(["ovs-appctl", "-t", ctl, "netdev-dummy/receive", "p1",
             pkt.hex()])
        deadline = time.monotonic() + TIMEOUT
        while True:
            got = rdpcap(str(tmp_path / "p2-tx.pcap"))
            if got or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert [raw(x) for x in got] == [pkt]
        run(["ovs-appctl", "-t", ctl, "exit"])
        p.finish()
    finally:
        p.kill()


FLOWS = [
    "in_port(1),eth(src=00:00:00:00:00:01,dst=00:00:00:00:00:02),"
    "eth_type(0x0800),ipv4(src=1.1.1.1,dst=2.2.2.2,proto=17,tos=0,ttl=64,"
    "frag=no),udp(src=1,dst=2)",
    "in_port(1),eth(src=50:54:00:00:00:05,dst=50:54:00:00:00:07),"
    "eth_type(0x0800),ipv4(src=192.168.0.1,dst=192.168.0.2,proto=6,tos=0,"
    "ttl=64,frag=no),tcp(src=8,dst=9)",
    "in_port(1),eth(src=50:54:00:00:00:05,dst=50:54:00:00:00:07),"
    "eth_type(0x0800),ipv4(src=192.168.0.1,dst=192.168.0.2,proto=1,tos=0,"
    "ttl=128,frag=no),icmp(type=8,code=0)",
    "in_port(1),eth(src=50:54:00:00:00:05,dst=ff:ff:ff:ff:ff:ff),"
    "eth_type(0x0806),arp(sip=10.0.0.1,tip=10.0.0.2,op=1,"
    "sha=50:54:00:00:00:05,tha=00:00:00:00:00:00)",
    "in_port(1),eth(src=00:00:00:00:00:01,dst=00:00:00:00:00:02),"
    "eth_type(0x86dd),ipv6(src=fd00::1,dst=fd00::2,label=0,proto=17,"
    "tclass=0,hlimit=64,frag=no),udp(src=53,dst=53)",
]


def wait_for_pcap(path, n):
    deadline = time.monotonic() + TIMEOUT
    while True:
        pkts = rdpcap(str(path)) if os.path.exists(str(path)) else []
        if len(pkts) >= n or time.monotonic() > deadline:
            return [raw(p) for p in pkts]
        time.sleep(0.05)


@pytest.mark.reference
def test_dummy_receive_flow_text_like_ovs(dummy, tmp_path):
    """Datapath flow text becomes the same packets as in ovs-vswitchd
    --enable-dummy (compared through both rxq_pcap captures)."""
    import switch_sandbox
    for f in FLOWS:
        dummy("netdev-dummy/receive", "p1", f)
    ours = wait_for_pcap(dummy.dir / "p1-rx.pcap", len(FLOWS))

    ovsdir = tmp_path / "ovs"
    ovsdir.mkdir()
    sw = switch_sandbox.Switch("ovs", ovsdir)
    sw.start()
    try:
        sw.add_bridge(n_ports=1)
        pcap = ovsdir / "p1-rx.pcap"
        sw.vsctl("set", "Interface", "p1", "options:rxq_pcap=%s" % pcap)
        deadline = time.monotonic() + TIMEOUT
        while not os.path.exists(str(pcap)):
            assert time.monotonic() < deadline, "ovs never opened the pcap"
            time.sleep(0.05)
        for f in FLOWS:
            sw.appctl("netdev-dummy/receive", "p1", f)
        theirs = wait_for_pcap(pcap, len(FLOWS))
    finally:
        sw.stop()
    assert [p.hex() for p in ours] == [p.hex() for p in theirs]


def test_dummy_receive_flow_len(dummy):
    f = FLOWS[0]
    dummy("netdev-dummy/receive", "p1", f, "--len", "100")
    pkts = wait_for_pcap(dummy.dir / "p1-rx.pcap", 1)
    assert len(pkts) == 1 and len(pkts[0]) == 100
    p = Ether(pkts[0])
    assert p[IP].len == 86 and p[UDP].sport == 1
    r = dummy("netdev-dummy/receive", "p1", f, "--len", "10", check=False)
    assert r.returncode != 0 and "too small packet len" in r.stderr


def test_dummy_tso_send_segments(tmp_path):
    """A TSO packet sent to a dummy is segmented in software: the pcap
    shows what a wire would carry."""
    ctl = str(tmp_path / "ctl")
    p = Proc([netdev_prog(), "dummy", ctl, "test_tso_mss=1000",
              "tx_pcap=%s/%%s-tx.pcap" % tmp_path])
    assert p.readline() == "ready"
    try:
        payload = bytes(range(250)) * 10
        pkt = (Ether() / IP(src="1.1.1.1", dst="2.2.2.2", id=5)
               / TCP(sport=1, dport=2, seq=100, flags="PA") / payload)
        run(["ovs-appctl", "-t", ctl, "netdev-dummy/receive", "p1",
             raw(pkt).hex()])
        deadline = time.monotonic() + TIMEOUT
        while True:
            got = rdpcap(str(tmp_path / "p2-tx.pcap"))
            if len(got) >= 3 or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert [len(bytes(g[TCP].payload)) for g in got] == [1000, 1000, 500]
        assert [g[TCP].seq for g in got] == [100, 1100, 2100]
        assert b"".join(bytes(g[TCP].payload) for g in got) == payload
        for g in got:
            check_csums(Ether(raw(g)))
        run(["ovs-appctl", "-t", ctl, "exit"])
        p.finish()
    finally:
        p.kill()


def test_dummy_override():
    """netdev_dummy_register(true) serves "system" and "internal" with
    dummy devices (ovs-vswitchd --enable-dummy=override)."""
    for t in ("system", "internal"):
        out = run([netdev_prog(), "override", "nosuchdev0", t]).stdout
        typ, mac = out.split()
        assert typ == t and mac.startswith("aa:55:aa:55:")


# ---------------------------------------------------------------------------
# TSO segmentation.

def segment(pkt, mss):
    out = run([netdev_prog(), "tso", raw(pkt).hex(), str(mss)]).stdout
    return out.split()


def check_csums(seg):
    """Asserts that 'seg''s IP and TCP checksums are right."""
    fresh = seg.copy()
    if IP in fresh:
        del fresh[IP].chksum
    del fresh[TCP].chksum
    fresh = Ether(raw(fresh))
    if IP in seg:
        assert seg[IP].chksum == fresh[IP].chksum
    assert seg[TCP].chksum == fresh[TCP].chksum


@pytest.mark.parametrize("version", [4, 6])
def test_tso_segmentation(version):
    payload = bytes(range(256)) * 20                    # 5120 bytes.
    l3 = (IP(src="10.0.0.1", dst="10.0.0.2", id=1000, flags="DF")
          if version == 4 else IPv6(src="fd00::1", dst="fd00::2"))
    pkt = (Ether(src="00:00:00:00:00:01", dst="00:00:00:00:00:02") / l3
           / TCP(sport=1234, dport=80, seq=4000000000, ack=7,
                 flags="FPAC", options=[("NOP", None), ("NOP", None),
                                        ("Timestamp", (1, 2))])
           / payload)
    segs = [Ether(bytes.fromhex(h)) for h in segment(pkt, 1000)]
    assert len(segs) == 6
    data = b""
    for i, seg in enumerate(segs):
        check_csums(seg)
        tcp = seg[TCP]
        chunk = bytes(tcp.payload)
        assert len(chunk) == (1000 if i < 5 else 120)
        assert tcp.seq == (4000000000 + 1000 * i) % (1 << 32)
        assert tcp.ack == 7 and tcp.options == pkt[TCP].options
        flags = str(tcp.flags)
        assert ("F" in flags) == (i == 5)
        assert ("P" in flags) == (i == 5)
        assert ("C" in flags) == (i == 0)
        assert "A" in flags
        if version == 4:
            assert seg[IP].len == 20 + 32 + len(chunk)
            assert seg[IP].id == 1000 + i
        else:
            assert seg[IPv6].plen == 32 + len(chunk)
        data += chunk
    assert data == payload


def test_tso_rejects_non_tcp():
    pkt = Ether() / IP() / UDP() / (b"x" * 3000)
    assert segment(pkt, 1000) == ["error", "Invalid", "argument"]


# ---------------------------------------------------------------------------
# "system": AF_PACKET with TPACKET_V3 and vnet headers.

def test_system_info(topo):
    out = nsrun(topo.sw, [netdev_prog(), "info", "s1", "system"]).stdout
    info = dict(line.split(": ", 1) if ": " in line else (line[:-1], "")
                for line in out.splitlines())
    link = json.loads(nsrun(topo.sw, ["ip", "-j", "link", "show", "s1"])
                      .stdout)[0]
    assert info["mac"] == link["address"]
    assert int(info["mtu"]) == link["mtu"]
    assert int(info["ifindex"]) == link["ifindex"]
    assert info["up"] == "true"
    assert info["carrier"] == "true"
    assert info["status.driver_name"] == "veth"
    assert int(info["speed"]) == 10000
    assert "stats.rx_packets" in info


def test_system_open_twice_is_one_device(topo):
    out = nsrun(topo.sw, [netdev_prog(), "open-close", "s1", "system"])
    assert out.stdout.split("\n")[1] == "closed"


def check_bridge_traffic(topo, ports, options=()):
    assert ethtool_offloads_on(topo.h1, "eth0")
    br = topo.start(["bridge"] + list(ports) + list(options))
    assert br.readline() == "ready"
    ping(topo.h1, "10.9.0.2")
    ping(topo.h2, "10.9.0.1")
    tcp_transfer(topo.h1, topo.h2, "10.9.0.2")
    tcp_transfer(topo.h2, topo.h1, "10.9.0.1", size=8 << 20)
    iperf3(topo.h1, topo.h2, "10.9.0.2")
    return br.finish()


def test_system_bridge_traffic(topo):
    counters = check_bridge_traffic(topo, ["s1:system", "s2:system"])
    assert int(counters["forwarded"]) > 0
    # The veths' offloads were on, and the state came through.
    assert int(counters["csum_partial"]) > 0
    assert int(counters["tso"]) > 0


def test_system_changes_and_removal(topo):
    p = topo.start(["changes", "s1", "system"])
    assert p.readline() == "ready"
    topo.ip("-n", topo.sw, "link", "set", "s1", "mtu", "1400")
    p.wait_for("change carrier=true mtu=1400")
    topo.ip("-n", topo.sw, "link", "set", "s1", "down")
    p.wait_for("change carrier=false")
    topo.ip("-n", topo.sw, "link", "del", "s1")
    p.wait_for("change carrier=false mtu=0")
    p.wait_for("rxq error")
    p.finish()


# ---------------------------------------------------------------------------
# "internal": a tap device created by the switch.

def link_exists(ns, name):
    return nsrun(ns, ["ip", "link", "show", name], check=False) \
        .returncode == 0


def test_internal_tap_traffic(topo):
    """s1 (system) <-> tap0 (internal): the switch namespace itself talks
    to h1 through the tap."""
    assert not link_exists(topo.sw, "tap0")
    br = topo.start(["bridge", "s1:system", "tap0:internal"])
    assert br.readline() == "ready"
    link = json.loads(nsrun(topo.sw, ["ip", "-d", "-j", "link", "show",
                                      "tap0"]).stdout)[0]
    # Left administratively down, as ovs-vswitchd leaves its internal
    # ports, until the user brings it up.
    assert "UP" not in link["flags"]
    assert link["linkinfo"]["info_kind"] == "tun"
    topo.ip("-n", topo.sw, "link", "set", "tap0", "up")
    topo.ip("-n", topo.sw, "addr", "add", "10.9.0.3/24", "dev", "tap0")
    ping(topo.sw, "10.9.0.1")
    ping(topo.h1, "10.9.0.3")
    tcp_transfer(topo.h1, topo.sw, "10.9.0.3")
    tcp_transfer(topo.sw, topo.h1, "10.9.0.1")
    counters = br.finish()
    assert int(counters["tso"]) > 0
    # The switch created tap0, so it is gone with the switch.
    assert not link_exists(topo.sw, "tap0")


def test_tap_existing_persistent(topo):
    """A persistent tap that exists before the switch opens it stays after
    the switch closes it."""
    topo.ip("-n", topo.sw, "tuntap", "add", "dev", "ptap0", "mode", "tap")
    out = nsrun(topo.sw, [netdev_prog(), "open-close", "ptap0", "tap"])
    assert "closed" in out.stdout
    assert link_exists(topo.sw, "ptap0")


def test_internal_name_taken_by_veth(topo):
    r = nsrun(topo.sw, [netdev_prog(), "info", "s1", "internal"],
              check=False)
    assert r.returncode != 0


# ---------------------------------------------------------------------------
# "afxdp": AF_XDP sockets through libxdp (native copy mode on veth).

def xdp_attached(ns, dev):
    link = json.loads(nsrun(ns, ["ip", "-d", "-j", "link", "show", dev])
                      .stdout)[0]
    return "xdp" in link


def test_afxdp_bridge_traffic(topo):
    counters = check_bridge_traffic(topo, ["s1:afxdp", "s2:afxdp"])
    assert int(counters["forwarded"]) > 0
    # The peers' checksum offload left partial checksums, which the
    # receive side recognized.
    assert int(counters["csum_partial"]) > 0
    # Closing the devices removed the XDP program.
    assert not xdp_attached(topo.sw, "s1")
    assert not xdp_attached(topo.sw, "s2")


def test_afxdp_to_system_traffic(topo):
    counters = check_bridge_traffic(topo, ["s1:afxdp:xdp-mode=native",
                                           "s2:system"])
    assert int(counters["forwarded"]) > 0
    assert int(counters["tso"]) > 0         # From s2, to the AF_XDP side.
    assert not xdp_attached(topo.sw, "s1")


def test_afxdp_generic_mode_ping(topo):
    """Generic XDP takes whole GSO packets, which do not fit a umem frame,
    so TCP with TSO on the peer needs native mode; ping works in both."""
    br = topo.start(["bridge", "s1:afxdp:xdp-mode=generic",
                     "s2:afxdp:xdp-mode=generic"])
    assert br.readline() == "ready"
    assert xdp_attached(topo.sw, "s1")
    ping(topo.h1, "10.9.0.2")
    counters = br.finish()
    assert int(counters["forwarded"]) >= 4
    assert not xdp_attached(topo.sw, "s1")


def test_afxdp_changes(topo):
    p = topo.start(["changes", "s1", "afxdp"])
    assert p.readline() == "ready"
    topo.ip("-n", topo.sw, "link", "set", "s1", "mtu", "1400")
    p.wait_for("change carrier=true mtu=1400")
    topo.ip("-n", topo.sw, "link", "set", "s1", "down")
    p.wait_for("change carrier=false")
    topo.ip("-n", topo.sw, "link", "set", "s1", "up")
    p.wait_for("change carrier=true")
    topo.ip("-n", topo.sw, "link", "del", "s1")
    p.wait_for("rxq error")
    p.finish()


def test_afxdp_multiqueue(topo):
    """n_rxq=2 on a two-queue veth: a socket per queue, traffic flows."""
    topo.multiqueue(2)
    counters = check_bridge_traffic(topo, ["s1:afxdp:n_rxq=2",
                                           "s2:system"])
    assert counters["rxqs"] == "2 1"
    assert int(counters["forwarded"]) > 0
    assert not xdp_attached(topo.sw, "s1")


def test_afxdp_bad_options(topo):
    r = nsrun(topo.sw, [netdev_prog(), "bridge", "s1:afxdp:xdp-mode=bogus",
                        "s2:afxdp"], check=False, input="")
    assert r.returncode != 0
    assert 'unknown xdp-mode "bogus"' in r.stderr
    r = nsrun(topo.sw, [netdev_prog(), "bridge", "s1:afxdp:n_rxq=0",
                        "s2:afxdp"], check=False, input="")
    assert r.returncode != 0 and "n_rxq" in r.stderr
    assert not xdp_attached(topo.sw, "s1")
