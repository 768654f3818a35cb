#!/usr/bin/python3
"""Captures OpenFlow sessions between Debian's ovs-ofctl and ovs-vswitchd.

usage: capture.py [--outdir DIR] [--expected | --expected-only | --mutations]
                  [--versions 10,13,...]

What: starts Debian's ovsdb-server and ovs-vswitchd (userspace datapath,
datapath_type=netdev, dummy ports, in a private network namespace and a
temporary run directory), puts a recording proxy in front of the bridge's
management and snoop sockets, and runs a fixed script of ovs-ofctl commands
for each OpenFlow version through the proxy.  Every message that crosses
the proxy is written to DIR/captured-ofVV.txt (default: the directory of
this script) as one line

    DIR HEX  # ovs-ofctl -O OpenFlowVV COMMAND...

where DIR is ">" for ovs-ofctl to the switch and "<" for the switch to
ovs-ofctl.  Lines starting with "#" are comments.  With --expected, also
writes captured-ofVV.expected: "ovs-ofctl ofp-print HEX" of every message,
separated by lines "@@", so that the test suite can compare without
re-running ovs-ofctl.  With --mutations, writes mutated.txt (truncated and
corrupted variants of the stored captures) and mutated.expected.

Design: the proxy (Recorder) is a thread with one listening unix socket per
proxied socket; each accepted connection gets a connection to the real
socket and two forwarding threads, each of which splits its byte stream
into OpenFlow messages by the length in their headers.  The commands run
one at a time, and the recorder is drained (each command's connection has
closed) before the next command starts, so messages are attributed to the
right command.  Transaction ids are whatever ovs-ofctl chose; the corpus is
compared message by message, so they need not be stable across runs.

The test suite (tests/test_ofp_msgs.py) reads the stored files and can also
call capture() itself to re-capture a fresh session.
"""

import argparse
import concurrent.futures
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema"
VERSIONS = (10, 11, 12, 13, 14, 15)
TIMEOUT = 20

# An Ethernet/IPv4/UDP frame for packet-out and packet-in.
PACKET = ("ffffffffffff" "0a0b0c0d0e0f" "0800"
          "4500001c0001000040117ccd0a0000010a000002"
          "04d2162e00080000")


def of_name(v):
    return "OpenFlow%d" % v


class Recorder:
    """A recording proxy in front of some unix sockets (see module doc)."""

    def __init__(self, proxies):
        # 'proxies' maps a proxy socket path to the real socket path.
        self.lock = threading.Lock()
        self.messages = []          # (direction, bytes, label)
        self.label = ""
        self.active = 0
        self.listeners = []
        self.stopping = False
        for path, target in proxies.items():
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.bind(path)
            s.listen(8)
            self.listeners.append(s)
            t = threading.Thread(target=self._accept, args=(s, target),
                                 daemon=True)
            t.start()

    def _accept(self, listener, target):
        while not self.stopping:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            server.connect(target)
            with self.lock:
                self.active += 2
                label = self.label
            for src, dst, d in ((client, server, ">"), (server, client, "<")):
                threading.Thread(target=self._forward,
                                 args=(src, dst, d, label),
                                 daemon=True).start()

    def _forward(self, src, dst, direction, label):
        buf = b""
        try:
            while True:
                try:
                    data = src.recv(65536)
                except OSError:
                    data = b""
                if not data:
                    break
                buf += data
                while len(buf) >= 8:
                    length = struct.unpack(">H", buf[2:4])[0]
                    if length < 8 or len(buf) < length:
                        break
                    with self.lock:
                        self.messages.append((direction, buf[:length],
                                              label))
                    buf = buf[length:]
                try:
                    dst.sendall(data)
                except OSError:
                    break
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            with self.lock:
                self.active -= 1
            src.close()

    def set_label(self, label):
        with self.lock:
            self.label = label

    def drain(self, timeout=TIMEOUT):
        """Waits until every proxied connection has closed."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            with self.lock:
                if not self.active:
                    return
            time.sleep(0.01)
        raise RuntimeError("proxied connections did not close")

    def close(self):
        self.stopping = True
        for s in self.listeners:
            s.close()


class Switch:
    """Debian's ovsdb-server + ovs-vswitchd in a temporary directory."""

    def __init__(self, workdir):
        self.dir = workdir
        self.env = dict(os.environ)
        for var in ("OVS_RUNDIR", "OVS_DBDIR", "OVS_LOGDIR",
                    "OVS_SYSCONFDIR"):
            self.env[var] = workdir
        self.env["OVS_PKGDATADIR"] = "/usr/share/openvswitch"
        self.procs = []

    def path(self, name):
        return os.path.join(self.dir, name)

    def run(self, *args, check=True, **kw):
        return subprocess.run(list(args), env=self.env, check=check,
                              capture_output=True, text=True,
                              timeout=TIMEOUT, **kw)

    def wait_for(self, path):
        deadline = time.time() + TIMEOUT
        while not os.path.exists(path):
            if time.time() > deadline:
                raise RuntimeError("%s did not appear" % path)
            time.sleep(0.05)

    def start(self):
        db = self.path("conf.db")
        self.run("ovsdb-tool", "create", db, SCHEMA)
        self.procs.append(subprocess.Popen(
            ["ovsdb-server", db, "--remote=punix:" + self.path("db.sock"),
             "--pidfile=" + self.path("ovsdb-server.pid"),
             "--log-file=" + self.path("ovsdb-server.log"),
             "--unixctl=" + self.path("ovsdb-server.ctl")],
            env=self.env, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL))
        self.wait_for(self.path("db.sock"))
        self.vsctl("--no-wait", "init")
        # Its own network namespace: the netdev datapath creates a tap
        # device "ovs-netdev" that must not clash with other instances.
        self.procs.append(subprocess.Popen(
            ["unshare", "--net", "ovs-vswitchd", "--enable-dummy",
             "unix:" + self.path("db.sock"),
             "--pidfile=" + self.path("ovs-vswitchd.pid"),
             "--log-file=" + self.path("ovs-vswitchd.log"),
             "--unixctl=" + self.path("ovs-vswitchd.ctl"),
             "-vconsole:off"],
            env=self.env, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL))
        self.wait_for(self.path("ovs-vswitchd.ctl"))
        self.vsctl("add-br", "br0", "--", "set", "bridge", "br0",
                   "datapath_type=netdev",
                   "other-config:datapath-id=0000000000000001",
                   "fail-mode=secure")
        for i in (1, 2, 3):
            self.vsctl("add-port", "br0", "p%d" % i, "--", "set",
                       "interface", "p%d" % i, "type=dummy",
                       "ofport_request=%d" % i)
        self.vsctl("--", "set", "bridge", "br0",
                   "protocols=OpenFlow10,OpenFlow11,OpenFlow12,"
                   "OpenFlow13,OpenFlow14,OpenFlow15")
        self.wait_for(self.path("br0.mgmt"))
        self.wait_for(self.path("br0.snoop"))

    def vsctl(self, *args):
        return self.run("ovs-vsctl", "--db=unix:" + self.path("db.sock"),
                        "--timeout=%d" % TIMEOUT, *args)

    def stop(self):
        for p in reversed(self.procs):
            p.terminate()
            try:
                p.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def script(v):
    """The ovs-ofctl commands run for OpenFlow version 'v': a list of
    (args, None) pairs."""
    o = ["-O", of_name(v)]
    c = []

    def cmd(*args):
        c.append((o + list(args), None))

    cmd("show", "br0")
    cmd("dump-desc", "br0")
    cmd("get-frags", "br0")
    cmd("set-frags", "br0", "drop")
    cmd("set-frags", "br0", "normal")
    cmd("dump-ports", "br0")
    cmd("dump-ports", "br0", "1")
    cmd("dump-ports-desc", "br0")
    cmd("dump-tables", "br0")
    cmd("mod-port", "br0", "p1", "no-flood")
    cmd("mod-port", "br0", "p1", "flood")
    cmd("mod-port", "br0", "p2", "down")
    cmd("mod-port", "br0", "p2", "up")
    cmd("add-flow", "br0", "priority=100,ip,nw_dst=10.0.0.2,actions=output:2")
    cmd("add-flow", "br0", "in_port=1,actions=output:3")
    cmd("mod-flows", "br0", "in_port=1,actions=output:2")
    cmd("dump-flows", "br0")
    cmd("dump-aggregate", "br0")
    cmd("del-flows", "br0", "in_port=1")
    cmd("packet-out", "br0", "in_port=1 packet=%s actions=output:2" % PACKET)
    if v in (11, 12):
        cmd("mod-table", "br0", "0", "drop")
        cmd("mod-table", "br0", "0", "controller")
    if v >= 14:
        cmd("mod-table", "br0", "0", "evict")
        cmd("mod-table", "br0", "0", "noevict")
    if v >= 11:
        cmd("dump-groups", "br0")
        cmd("add-group", "br0",
            "group_id=1,type=all,bucket=output:1,bucket=output:2")
        cmd("add-group", "br0",
            "group_id=2,type=select,bucket=weight:10,output:1,"
            "bucket=weight:20,output:3")
        cmd("mod-group", "br0", "group_id=1,type=all,bucket=output:3")
        cmd("dump-groups", "br0")
        cmd("dump-group-stats", "br0")
        cmd("del-groups", "br0", "group_id=2")
        cmd("queue-stats", "br0")
    else:
        cmd("queue-stats", "br0")
    if v >= 12:
        cmd("dump-group-features", "br0")
    if v >= 13:
        cmd("dump-table-features", "br0")
        cmd("add-meter", "br0", "meter=1,kbps,band=type=drop,rate=1000")
        cmd("add-meter", "br0",
            "meter=2,pktps,burst,stats,band=type=drop,rate=100,burst_size=10")
        cmd("mod-meter", "br0", "meter=1,kbps,band=type=drop,rate=2000")
        cmd("dump-meters", "br0")
        cmd("meter-stats", "br0")
        cmd("meter-features", "br0")
        cmd("del-meters", "br0")
    if v >= 14:
        cmd("--bundle", "add-flows", "br0", "-")
        cmd("dump-table-desc", "br0")
        cmd("dump-ipfix-bridge", "br0")
    cmd("del-flows", "br0")
    if v >= 11:
        cmd("del-groups", "br0")
    return c


def run_commands(sw, rec, proxydir, v, log):
    env = dict(sw.env)
    env["OVS_RUNDIR"] = proxydir
    bundle_flows = ("priority=5,in_port=1,actions=output:2\n"
                    "priority=6,in_port=2,actions=drop\n")
    for args, _ in script(v):
        full = ["ovs-ofctl", "--timeout=%d" % TIMEOUT] + args
        label = "ovs-ofctl " + " ".join(args)
        rec.set_label(label)
        stdin = bundle_flows if "-" in args else None
        p = subprocess.run(full, env=env, input=stdin, capture_output=True,
                           text=True, timeout=TIMEOUT * 2)
        log.append((label, p.returncode, p.stderr.strip()))
        rec.drain()

    # Asynchronous messages: a monitor that asks for packet-ins (in the
    # packet-in formats of this version) and for flow updates, while
    # another command sends a packet to the controller and changes flows.
    formats = ["standard", "nxt_packet_in2"]
    if v == 10:
        formats.append("nxt_packet_in")
    for fmt in formats:
        args = ["-O", of_name(v), "-P", fmt, "monitor", "br0", "65534",
                "watch:"]
        label = "ovs-ofctl " + " ".join(args)
        rec.set_label(label)
        mon = subprocess.Popen(["ovs-ofctl"] + args, env=env,
                               stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
        time.sleep(0.5)
        rec.set_label(label + " (packet-out, add-flow)")
        for a in (["add-flow", "br0", "priority=7,udp,actions=controller"],
                  ["packet-out", "br0",
                   "in_port=controller packet=%s actions=controller" % PACKET],
                  ["packet-out", "br0", "in_port=1 packet=%s "
                   "actions=controller(reason=action,userdata=01.02.03,"
                   "max_len=40)" % PACKET],
                  ["packet-out", "br0",
                   "in_port=1 packet=%s actions=resubmit(,0)" % PACKET],
                  ["del-flows", "br0"]):
            subprocess.run(["ovs-ofctl", "-O", of_name(v)] + a, env=env,
                           capture_output=True, timeout=TIMEOUT)
        time.sleep(0.5)
        mon.send_signal(signal.SIGTERM)
        mon.wait(timeout=TIMEOUT)
        rec.drain()

    # Snoop: a controller connection's traffic, mirrored.
    if v == 13:
        label = "ovs-ofctl -O OpenFlow13 snoop br0"
        rec.set_label(label)
        snoop = subprocess.Popen(["ovs-ofctl", "-O", of_name(v), "snoop",
                                  "br0"], env=env,
                                 stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        time.sleep(0.5)
        snoop.send_signal(signal.SIGTERM)
        snoop.wait(timeout=TIMEOUT)
        rec.drain()


def capture(outdir, versions=VERSIONS, expected=False):
    """Captures the sessions of 'versions' into 'outdir'.  Returns a dict
    from version to the list of (direction, hex, label)."""
    workdir = tempfile.mkdtemp(prefix="svs-capture-")
    proxydir = os.path.join(workdir, "proxy")
    os.mkdir(proxydir)
    sw = Switch(workdir)
    results = {}
    try:
        sw.start()
        rec = Recorder({
            os.path.join(proxydir, "br0.mgmt"): sw.path("br0.mgmt"),
            os.path.join(proxydir, "br0.snoop"): sw.path("br0.snoop"),
        })
        for v in versions:
            log = []
            start = len(rec.messages)
            run_commands(sw, rec, proxydir, v, log)
            msgs = dedup(rec.messages[start:])
            results[v] = msgs
            write_corpus(outdir, v, msgs, log, expected)
        rec.close()
    finally:
        sw.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    return results


def dedup(messages):
    """Drops messages that repeat an earlier one apart from the xid (ovs-ofctl
    sends the same hello, features and table requests for every command)."""
    seen = set()
    out = []
    for d, m, label in messages:
        key = (d, m[:4] + m[8:])
        if key not in seen:
            seen.add(key)
            out.append((d, m.hex(), label))
    return out


def write_corpus(outdir, v, msgs, log, expected):
    path = os.path.join(outdir, "captured-of%d.txt" % v)
    with open(path, "w") as f:
        f.write("# OpenFlow messages between Debian's ovs-ofctl and "
                "ovs-vswitchd, captured by\n# tests/ofp-corpus/capture.py "
                "(\">\" ovs-ofctl to switch, \"<\" switch to ovs-ofctl).\n")
        for label, rc, err in log:
            if rc:
                f.write("# exit %d: %s: %s\n"
                        % (rc, label, err.replace("\n", " | ")))
        for d, h, label in msgs:
            f.write("%s %s  # %s\n" % (d, h, label))
    if expected:
        write_expected(path, [h for _, h, _ in msgs])


def ovs_print(hexes):
    """Returns the list of "ovs-ofctl ofp-print HEX" outputs (stdout only:
    its log messages on stderr carry timestamps), 4 at a time."""
    def one(h):
        p = subprocess.run(["ovs-ofctl", "ofp-print", h],
                           capture_output=True, timeout=TIMEOUT)
        return p.stdout.decode("latin1")
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        return list(pool.map(one, hexes))


def write_expected(path, hexes):
    with open(path[:-4] + ".expected", "w", encoding="latin1") as f:
        for text in ovs_print(hexes):
            f.write(text)
            f.write("@@\n")


# Larger messages (table features, port descriptions) are left out of the
# mutated corpus to keep it small.
MAX_MUTATED = 1024


def mutations(h):
    """Returns malformed variants of message 'h' (hex): truncations (with the
    length field adjusted, so that the body is short) and single-byte
    corruptions of the headers and the start of the body."""
    b = bytes.fromhex(h)
    size = len(b)
    out = []
    for n in sorted({8, 12, 16, 24, size - 8, size - 4, size - 1, size // 2}):
        if 8 <= n < size:
            m = bytearray(b[:n])
            m[2:4] = struct.pack(">H", n)
            out.append(bytes(m).hex())
    for pos in sorted({8, 9, 10, 11, 16, 17, 20, 24, 25, 26, 27, 28, 32, 40,
                       size - 1}):
        if 8 <= pos < size:
            for x in (0xff, 0x01):
                m = bytearray(b)
                m[pos] ^= x
                out.append(bytes(m).hex())
    return out


def write_mutations(outdir, expected):
    """Writes DIR/mutated.txt: the mutations() of one message of each kind
    (version, type, direction) of the stored captures (up to MAX_MUTATED
    bytes long), and with 'expected'
    their "ovs-ofctl ofp-print" outputs in DIR/mutated.expected."""
    seen = set()
    hexes = []
    for v in VERSIONS:
        path = os.path.join(outdir, "captured-of%d.txt" % v)
        for d, h, _ in read_corpus(path):
            b = bytes.fromhex(h)
            key = (b[0], b[1], b[8:12] if b[1] in (4, 16, 17, 18, 19)
                   else b"", d)
            if key not in seen and len(b) <= MAX_MUTATED:
                seen.add(key)
                hexes += mutations(h)
    hexes = list(dict.fromkeys(hexes))
    path = os.path.join(outdir, "mutated.txt")
    with open(path, "w") as f:
        f.write("\n".join(hexes) + "\n")
    if expected:
        write_expected(path, hexes)
    return hexes


def read_corpus(path):
    """Returns the list of (direction, hex, label) of a captured file."""
    out = []
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            body, _, label = line.partition("  # ")
            d, h = body.split()
            out.append((d, h, label))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--outdir", default=HERE)
    ap.add_argument("--expected", action="store_true")
    ap.add_argument("--expected-only", action="store_true",
                    help="only rewrite the .expected files of the stored "
                    "captures")
    ap.add_argument("--mutations", action="store_true",
                    help="only write mutated.txt/.expected from the stored "
                    "captures")
    ap.add_argument("--versions", default=",".join(map(str, VERSIONS)))
    args = ap.parse_args()
    versions = [int(x) for x in args.versions.split(",")]
    if args.mutations:
        write_mutations(args.outdir, True)
        return 0
    if args.expected_only:
        for v in versions:
            path = os.path.join(args.outdir, "captured-of%d.txt" % v)
            write_expected(path, [h for _, h, _ in read_corpus(path)])
        return 0
    res = capture(args.outdir, versions, args.expected)
    for v in versions:
        print("OpenFlow%d: %d messages" % (v, len(res[v])))


if __name__ == "__main__":
    sys.exit(main())
