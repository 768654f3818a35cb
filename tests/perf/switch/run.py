#!/usr/bin/python3
"""Switch benchmarks of issue 5: svs-vswitchd against Debian's ovs-vswitchd.

Both switch daemons run with the userspace datapath (datapath_type=netdev)
in the same run, freshly started for every repetition, in alternating
order; the traffic measurements also measure, in the same repetition, the
limits of the kernel: a direct veth pair and a Linux bridge.  Medians over
repetitions, and ratios ("x better": svs/ovs for rates, ovs/svs for times
and memory; the goal of issue 5 is 1.5 or more).

Measurements (full sizes; --quick uses small ones):
  flows      `ovs-ofctl add-flows` of 100,000 rules from a file: seconds,
             the switch daemon's CPU time, its resident memory
             afterwards; then `ovs-ofctl dump-flows` of them: seconds and
             CPU time.  The rule count is checked.
  tcp        iperf3 TCP throughput between two namespaces (5 s) through
             the switch (ports of type system, in_port rules, OVS with
             other_config:userspace-tso-enable=true); limits: veth pair,
             Linux bridge.
  pps        64-byte UDP frames from tests/perf/switch/pktgen (AF_PACKET,
             sendmmsg) for 3 s: offered packets/s (sender's tx counter)
             and delivered packets/s (receiver's rx counter); same limits.
  megaflows  a stream of 8,000 distinct flows (one packet per UDP source
             port, each port matched by its own exact rule, so every
             packet needs its own megaflow) paced at several rates: new
             megaflows per second until the last frame arrived (timed by
             `pktgen --recv` at the receiver) and the fraction delivered.
  ports      one vsctl transaction adding 1,000 dummy ports, then one
             deleting them all, each waiting for cur_cfg: seconds (and
             the switch daemon's CPU time for the deletion).
  restart    a standalone bridge (NORMAL) between the two hosts carries a
             UDP stream of 1,000 datagrams/s; the switch daemon is killed
             (SIGKILL) and started again in the same network namespace:
             seconds from the new process's start to the first datagram
             delivered again.

Needs root (network namespaces), iperf3, Debian's openvswitch-switch, and
a build directory with tests/perf/switch/pktgen (and svs-vswitchd,
svsdb-server, svs-vsctl for the svs side).  Run with /usr/bin/python3.

Usage: run.py [--quick] [--reps N] [--only LIST] [--impls ovs,svs]
              [--normal] [--json FILE] [--builddir DIR] [--keep]
See tests/perf/switch/README.md.
"""

import argparse
import json
import math
import os
import re
import resource
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))

OFCTL = "/usr/bin/ovs-ofctl"
TIMEOUT = 600

FULL = {"flows": 100000, "tcp_seconds": 5, "pps_seconds": 3,
        "mf_flows": 8000, "mf_rates": [25000, 50000, 100000, 200000],
        "ports": 1000, "reps": 3}
QUICK = {"flows": 1000, "tcp_seconds": 1, "pps_seconds": 0.5,
         "mf_flows": 500, "mf_rates": [20000], "ports": 50, "reps": 1}

ALL = ["flows", "tcp", "pps", "megaflows", "ports", "restart"]

# Addresses of the two traffic hosts.
HOST_IPS = ["10.77.0.1", "10.77.0.2"]
HOST_MACS = ["02:00:00:77:00:01", "02:00:00:77:00:02"]
# pktgen sends to an address nobody owns: the receiver counts the frame
# (its MAC is right) and drops it without answering.
SINK_IP = "10.77.0.99"
MF_SPORT = 10000


def log(msg):
    sys.stderr.write("%s %s\n" % (time.strftime("%H:%M:%S"), msg))
    sys.stderr.flush()


def run(args, check=True, timeout=TIMEOUT, **kw):
    kw.setdefault("capture_output", True)
    kw.setdefault("text", True)
    p = subprocess.run(list(args), timeout=timeout, **kw)
    if check and p.returncode:
        raise RuntimeError("%s failed (%d): %s%s" % (
            " ".join(args), p.returncode, p.stdout or "", p.stderr or ""))
    return p


# Network namespaces.  Every namespace this script creates has our pid in
# its name and is deleted by cleanup(), also on failure or a signal.

NS_PREFIX = "svsperf%d-" % os.getpid()
_namespaces = []


def ns_add(name):
    name = NS_PREFIX + name
    run(["ip", "netns", "add", name])
    _namespaces.append(name)
    return name


def ns_exec(ns, *args, **kw):
    return run(["ip", "netns", "exec", ns] + list(args), **kw)


def cleanup_namespaces():
    while _namespaces:
        run(["ip", "netns", "del", _namespaces.pop()], check=False)


class Topology(object):
    """Two hosts (namespaces with "eth0", addresses HOST_IPS/HOST_MACS and
    static neighbour entries) and what connects them: "veth" (the two
    eth0 are the two ends of one veth pair), "bridge" (a Linux bridge in a
    third namespace) or a switch daemon's network namespace ('switch_pid';
    the switch ends are named 'ports[0]' and 'ports[1]' there)."""

    def __init__(self, kind, switch_pid=None):
        self.kind = kind
        self.hosts = [ns_add("a"), ns_add("b")]
        self.ports = []
        try:
            self._wire(switch_pid)
            for i, ns in enumerate(self.hosts):
                # No IPv6 chatter (router solicitations, ...) in the
                # counters.
                ns_exec(ns, "sysctl", "-qw",
                        "net.ipv6.conf.all.disable_ipv6=1")
                ns_exec(ns, "sysctl", "-qw",
                        "net.ipv6.conf.eth0.disable_ipv6=1")
                ns_exec(ns, "ip", "link", "set", "eth0", "address",
                        HOST_MACS[i])
                ns_exec(ns, "ip", "addr", "add", HOST_IPS[i] + "/24",
                        "dev", "eth0")
                ns_exec(ns, "ip", "link", "set", "eth0", "up")
                ns_exec(ns, "ip", "link", "set", "lo", "up")
                ns_exec(ns, "ip", "neigh", "replace", HOST_IPS[1 - i],
                        "lladdr", HOST_MACS[1 - i], "dev", "eth0", "nud",
                        "permanent")
        except Exception:
            self.destroy()
            raise

    def _wire(self, switch_pid):
        a, b = self.hosts
        if self.kind == "veth":
            run(["ip", "-n", a, "link", "add", "eth0", "type", "veth",
                 "peer", "name", "eth0", "netns", b])
            return
        if self.kind == "bridge":
            self.br = ns_add("br")
            run(["ip", "-n", self.br, "link", "add", "br0", "type",
                 "bridge"])
            run(["ip", "-n", self.br, "link", "set", "br0", "up"])
            where = ["netns", self.br]
        else:
            where = ["netns", str(switch_pid)]
        for i, ns in enumerate(self.hosts):
            port = "pp%d" % (i + 1)
            run(["ip", "-n", ns, "link", "add", "eth0", "type", "veth",
                 "peer", "name", port] + where)
            self.ports.append(port)
            if self.kind == "bridge":
                run(["ip", "-n", self.br, "link", "set", port, "master",
                     "br0"])
                run(["ip", "-n", self.br, "link", "set", port, "up"])
            else:
                run(["nsenter", "--net=/proc/%d/ns/net" % switch_pid,
                     "ip", "link", "set", port, "up"])

    def counter(self, host, name):
        """Returns statistic 'name' (e.g. rx_packets) of 'host''s eth0."""
        out = ns_exec(self.hosts[host], "cat",
                      "/sys/class/net/eth0/statistics/" + name).stdout
        return int(out)

    def destroy(self):
        for ns in self.hosts + ([self.br] if hasattr(self, "br") else []):
            if ns in _namespaces:
                _namespaces.remove(ns)
            run(["ip", "netns", "del", ns], check=False)


# Switches.

def cpu_seconds(pid):
    """Returns the user + system CPU time of process 'pid' (all of its
    threads) so far, in seconds."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # Fields 14 and 15 of the line (utime, stime), counted from 1.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children_cpu():
    """Returns the user + system CPU time of this script's waited-for
    children so far, in seconds."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def rss_kib(pid):
    """Returns (VmRSS, VmHWM) of process 'pid' in KiB."""
    vals = {}
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                vals[key] = int(rest.split()[0])
    return vals["VmRSS"], vals["VmHWM"]


class Bench(object):
    def __init__(self, opts, switch_sandbox, workdir):
        self.opts = opts
        self.ss = switch_sandbox
        self.workdir = workdir
        self.size = QUICK if opts.quick else FULL
        self.pktgen = os.path.join(opts.builddir, "tests", "perf", "switch",
                                   "pktgen")
        self.counter = 0

    def start_switch(self, impl, other_config=()):
        """Starts a fresh database server + switch daemon of 'impl' with
        Open_vSwitch other_config keys 'other_config' set before the
        switch daemon starts."""
        self.counter += 1
        d = os.path.join(self.workdir, "%s-%d" % (impl, self.counter))
        os.makedirs(d)
        sw = self.ss.Switch(impl, d)
        try:
            sw.start_db()
            args = ["--no-wait", "init"]
            for kv in other_config:
                args += ["--", "set", "open_vswitch", ".",
                         "other_config:" + kv]
            sw.vsctl(*args)
            sw.start_vswitchd()
        except Exception:
            sw.stop()
            raise
        return sw

    def vsctl(self, sw, *args):
        """Runs 'sw''s own vsctl with a long timeout; returns seconds."""
        t0 = time.monotonic()
        run([sw.progs["vsctl"], "--db=" + sw.db_remote,
             "--timeout=%d" % TIMEOUT] + list(args), env=sw.env)
        return time.monotonic() - t0

    def ofctl(self, sw, *args, **kw):
        return run([OFCTL] + list(args), env=sw.env, **kw)

    # Measurement: flows.

    def write_flows(self, n):
        """Writes 'n' distinct rules in four shapes (five subtables) into a
        file; returns its name."""
        path = os.path.join(self.workdir, "flows-%d.txt" % n)
        if os.path.exists(path):
            return path
        with open(path, "w") as f:
            for i in range(n):
                a, b, c = (i >> 16) & 255, (i >> 8) & 255, i & 255
                shape = i % 4
                if shape == 0:
                    m = "tcp,nw_dst=10.%d.%d.%d,tp_dst=%d" % (
                        a, b, c, 1 + i % 1000)
                elif shape == 1:
                    m = "udp,nw_src=172.%d.%d.%d,udp_dst=53" % (
                        16 + a, b, c)
                elif shape == 2:
                    m = "ip,nw_src=192.%d.%d.%d,nw_dst=198.18.0.%d" % (
                        a, b, c, i % 7)
                else:
                    m = "dl_dst=02:00:%02x:%02x:%02x:%02x" % (
                        a, b, c, i % 251) + (
                        ",dl_vlan=%d" % (1 + i % 4000) if i % 8 == 3 else "")
                f.write("priority=%d,in_port=%d,%s,actions=output:%d\n"
                        % (100 + i % 1000, 1 + i % 2, m, 3 + i % 2))
        return path

    def measure_flows(self, impl):
        n = self.size["flows"]
        path = self.write_flows(n)
        sw = self.start_switch(impl)
        try:
            sw.add_bridge(n_ports=4)
            pid = sw.vs_proc.pid
            rss0, _ = rss_kib(pid)
            c0 = cpu_seconds(pid)
            k0 = children_cpu()
            t0 = time.monotonic()
            self.ofctl(sw, "add-flows", "br0", path)
            add_s = time.monotonic() - t0
            c1 = cpu_seconds(pid)
            k1 = children_cpu()
            rss1, hwm1 = rss_kib(pid)
            out = os.path.join(sw.dir, "dump.txt")
            with open(out, "w") as f:
                t0 = time.monotonic()
                run([OFCTL, "dump-flows", "br0"], env=sw.env, stdout=f,
                    capture_output=False)
                dump_s = time.monotonic() - t0
            c2 = cpu_seconds(pid)
            with open(out) as f:
                got = sum(1 for line in f if "actions=" in line)
            if got != n:
                raise RuntimeError("%s: dump-flows shows %d rules, not %d"
                                   % (impl, got, n))
            rss2, hwm2 = rss_kib(pid)
        finally:
            sw.stop()
        return {"add_seconds": add_s, "dump_seconds": dump_s,
                "add_cpu_seconds": c1 - c0, "dump_cpu_seconds": c2 - c1,
                "ofctl_add_cpu_seconds": k1 - k0,
                "rss_idle_mib": rss0 / 1024.0,
                "rss_after_add_mib": rss1 / 1024.0,
                "rss_after_dump_mib": rss2 / 1024.0,
                "hwm_mib": max(hwm1, hwm2) / 1024.0}

    # Measurement: ports.

    def measure_ports(self, impl):
        n = self.size["ports"]
        sw = self.start_switch(impl)
        try:
            sw.add_bridge(n_ports=0)
            args = []
            for i in range(n):
                args += ["--", "add-port", "br0", "q%d" % i, "--", "set",
                         "interface", "q%d" % i, "type=dummy"]
            add_s = self.vsctl(sw, *args[1:])
            ports = sw.vsctl("list-ports", "br0").stdout.split()
            if len(ports) != n:
                raise RuntimeError("%s: %d ports after adding %d"
                                   % (impl, len(ports), n))
            args = []
            for i in range(n):
                args += ["--", "del-port", "br0", "q%d" % i]
            c0 = cpu_seconds(sw.vs_proc.pid)
            del_s = self.vsctl(sw, *args[1:])
            del_cpu = cpu_seconds(sw.vs_proc.pid) - c0
            ports = sw.vsctl("list-ports", "br0").stdout.split()
            if ports:
                raise RuntimeError("%s: %d ports left after deleting"
                                   % (impl, len(ports)))
            rss, _ = rss_kib(sw.vs_proc.pid)
        finally:
            sw.stop()
        return {"add_seconds": add_s, "del_seconds": del_s,
                "del_cpu_seconds": del_cpu,
                "rss_after_mib": rss / 1024.0}

    # Measurement: restart.

    def measure_restart(self, impl):
        # (With userspace TSO, Open vSwitch reads the veth's partial
        # checksums too, as for the traffic measurements.)
        sw = self.start_switch(impl, ["userspace-tso-enable=true"])
        holder = topo = sender = receiver = None
        try:
            # A process that keeps the switch's network namespace (and the
            # ports in it) after the switch daemon dies.
            pid = sw.vs_proc.pid
            holder = subprocess.Popen(["nsenter", "--net=/proc/%d/ns/net"
                                       % pid, "sleep", "3600"])
            sw.netns_path = "/proc/%d/ns/net" % holder.pid
            topo = Topology(impl, pid)
            args = ["add-br", "br0", "--", "set", "bridge", "br0",
                    "datapath_type=netdev"]
            for port in topo.ports:
                args += ["--", "add-port", "br0", port, "--", "set",
                         "interface", port, "type=system"]
            self.vsctl(sw, *args)
            self.check_connectivity(impl, topo)
            receiver = subprocess.Popen(
                ["ip", "netns", "exec", topo.hosts[1], "/usr/bin/python3",
                 "-c", RESTART_RECEIVER], stdout=subprocess.PIPE)
            if receiver.stdout.readline().strip() != b"ready":
                raise RuntimeError("restart: receiver did not start")
            sender = subprocess.Popen(
                ["ip", "netns", "exec", topo.hosts[0], "/usr/bin/python3",
                 "-c", RESTART_SENDER % HOST_IPS[1]])
            ready, _, _ = select.select([receiver.stdout], [], [], 10)
            if not ready or not receiver.stdout.readline():
                raise RuntimeError("%s: the UDP stream does not get "
                                   "through" % impl)
            time.sleep(0.5)
            sw.vs_proc.kill()
            sw.vs_proc.wait()
            t0 = time.time()
            sw.start_vswitchd()
            # The receiver prints the end of each gap in the stream.
            resumed = None
            buf = b""
            deadline = time.monotonic() + 60
            while resumed is None and time.monotonic() < deadline:
                ready, _, _ = select.select([receiver.stdout], [], [], 1)
                if ready:
                    data = os.read(receiver.stdout.fileno(), 4096)
                    if not data:
                        break
                    buf += data
                    for line in buf.split(b"\n")[:-1]:
                        if float(line) > t0:
                            resumed = float(line) - t0
                            break
                    buf = buf.split(b"\n")[-1]
            if resumed is None:
                raise RuntimeError("%s: no traffic within 60 s of the "
                                   "restart" % impl)
        finally:
            for p in (sender, receiver, holder):
                if p is not None:
                    p.kill()
                    p.wait()
            if topo is not None:
                topo.destroy()
            sw.stop()
        return {"resume_seconds": resumed}

    # Traffic: tcp, pps, megaflows, on one topology.

    def traffic_target(self, target, todo):
        """Builds the topology of 'target' ("veth", "bridge", "ovs",
        "svs"), runs the traffic measurements in 'todo' on it and tears it
        down.  Returns {measurement: result}."""
        sw = None
        topo = None
        res = {}
        try:
            if target in ("ovs", "svs"):
                sw = self.start_switch(target, [
                    "userspace-tso-enable=true", "max-idle=60000"])
                topo = Topology(target, sw.vs_proc.pid)
                args = ["add-br", "br0", "--", "set", "bridge", "br0",
                        "datapath_type=netdev", "fail-mode=secure"]
                for i, port in enumerate(topo.ports):
                    args += ["--", "add-port", "br0", port, "--", "set",
                             "interface", port, "type=system",
                             "ofport_request=%d" % (i + 1)]
                self.vsctl(sw, *args)
                for port in topo.ports:
                    ofport = sw.vsctl("get", "interface", port,
                                      "ofport").stdout.strip()
                    if ofport in ("-1", "[]"):
                        raise RuntimeError("%s: port %s did not come up: %s"
                                           % (target, port, sw.vsctl(
                                               "get", "interface", port,
                                               "error").stdout))
                if self.opts.normal:
                    self.ofctl(sw, "add-flow", "br0",
                               "priority=0,actions=NORMAL")
                else:
                    self.ofctl(sw, "add-flow", "br0",
                               "in_port=1,actions=output:2")
                    self.ofctl(sw, "add-flow", "br0",
                               "in_port=2,actions=output:1")
            else:
                topo = Topology(target)
            self.check_connectivity(target, topo)
            if "tcp" in todo:
                res["tcp"] = self.measure_tcp(topo)
            if "pps" in todo:
                res["pps"] = self.measure_pps(topo)
            if "megaflows" in todo and sw is not None:
                res["megaflows"] = self.measure_megaflows(sw, topo)
        finally:
            if topo is not None:
                topo.destroy()
            if sw is not None:
                sw.stop()
        return res

    def check_connectivity(self, target, topo):
        """Proves the path from host 0 to host 1 before measuring (and
        fills the switch's caches): 100 frames, at least one must arrive.
        (The machines have no ping.)"""
        _, tx, rx = self.send(topo, count=100, rate=10000)
        if rx == 0:
            raise RuntimeError("%s: none of %d frames from host 0 reached "
                               "host 1" % (target, tx))

    def measure_tcp(self, topo):
        secs = self.size["tcp_seconds"]
        server = subprocess.Popen(
            ["ip", "netns", "exec", topo.hosts[1], "iperf3", "-s", "-1",
             "-p", "5201"], stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        try:
            deadline = time.time() + 30
            while True:
                p = ns_exec(topo.hosts[0], "iperf3", "-c", HOST_IPS[1],
                            "-p", "5201", "-t", str(secs), "-J",
                            check=False, timeout=secs + 60)
                # iperf3 -J can exit 0 with an "error" member (e.g. when
                # the server is not listening yet).
                try:
                    data = json.loads(p.stdout)
                except ValueError:
                    data = {"error": "no JSON output"}
                if p.returncode == 0 and "error" not in data:
                    break
                if time.time() > deadline or server.poll() is not None:
                    raise RuntimeError("iperf3 failed: %s %s"
                                       % (data.get("error"), p.stderr))
                time.sleep(0.1)
            server.wait(timeout=30)
        finally:
            if server.poll() is None:
                server.kill()
                server.wait()
        end = data["end"]
        return {"gbps": end["sum_received"]["bits_per_second"] / 1e9,
                "retransmits": end["sum_sent"].get("retransmits", 0)}

    def pktgen_cmd(self, topo, **kw):
        cmd = ["ip", "netns", "exec", topo.hosts[0], self.pktgen,
               "--dev", "eth0", "--src-mac", HOST_MACS[0],
               "--dst-mac", HOST_MACS[1], "--src-ip", HOST_IPS[0],
               "--dst-ip", SINK_IP]
        for key, val in sorted(kw.items()):
            cmd += ["--" + key.replace("_", "-"), str(val)]
        return cmd

    def send(self, topo, settle=0.3, **kw):
        """Runs pktgen on host 0 with options 'kw'; returns (pktgen's
        JSON, packets sent by host 0's eth0, packets received by host 1's
        eth0), the counters read before and 'settle' seconds after."""
        rx0 = topo.counter(1, "rx_packets")
        tx0 = topo.counter(0, "tx_packets")
        gen = json.loads(run(self.pktgen_cmd(topo, **kw)).stdout)
        time.sleep(settle)
        return (gen, topo.counter(0, "tx_packets") - tx0,
                topo.counter(1, "rx_packets") - rx0)

    def measure_pps(self, topo):
        # Warm up.
        self.send(topo, count=1000, rate=20000)
        gen, tx, rx = self.send(topo, seconds=self.size["pps_seconds"])
        secs = gen["seconds"]
        return {"offered_pps": tx / secs, "delivered_pps": rx / secs,
                "delivered_fraction": rx / tx if tx else 0.0,
                "generator_pps": gen["pps"],
                "generator_cpu_seconds": gen["cpu_seconds"],
                "seconds": secs}

    def dp_flow_count(self, sw):
        out = sw.appctl("dpctl/show").stdout
        m = re.search(r"flows: *(\d+)", out)
        if not m:
            raise RuntimeError("no flow count in dpctl/show:\n" + out)
        return int(m.group(1))

    def measure_megaflows(self, sw, topo):
        n = self.size["mf_flows"]
        path = os.path.join(self.workdir, "mf-%d.txt" % n)
        with open(path, "w") as f:
            for p in range(MF_SPORT, MF_SPORT + n):
                f.write("priority=40000,udp,in_port=1,udp_src=%d,"
                        "actions=output:2\n" % p)
        self.ofctl(sw, "add-flows", "br0", path)
        results = []
        for rate in self.size["mf_rates"]:
            sw.appctl("revalidator/purge")
            base = self.dp_flow_count(sw)
            rx0 = topo.counter(1, "rx_packets")
            tx0 = topo.counter(0, "tx_packets")
            # A counter on host 1 timestamps the first and last frame of
            # the stream: the switch is done when the last one arrives.
            recv = subprocess.Popen(
                ["ip", "netns", "exec", topo.hosts[1], self.pktgen,
                 "--recv", "--dev", "eth0", "--count", str(n), "--idle",
                 "1", "--seconds", "60"],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            try:
                if recv.stdout.readline().strip() != "ready":
                    raise RuntimeError("pktgen --recv did not start: "
                                       + recv.stderr.read())
                g = json.loads(run(self.pktgen_cmd(
                    topo, sport=MF_SPORT, sport_count=n, count=n,
                    rate=rate)).stdout)
                out, err = recv.communicate(timeout=120)
            finally:
                if recv.poll() is None:
                    recv.kill()
                    recv.communicate()
            if recv.returncode:
                raise RuntimeError("pktgen --recv failed: " + err)
            r = json.loads(out)
            # The megaflows stay (max-idle is a minute).
            made = self.dp_flow_count(sw) - base
            tx = topo.counter(0, "tx_packets") - tx0
            rx = topo.counter(1, "rx_packets") - rx0
            secs = (r["last"] - g["start"] if r["packets"]
                    else g["seconds"])
            results.append({
                "rate": rate, "offered": tx,
                "offered_pps": tx / g["seconds"] if g["seconds"] else 0,
                "delivered": r["packets"], "rx_packets": rx,
                "delivered_fraction": r["packets"] / tx if tx else 0.0,
                "megaflows": made, "stream_seconds": g["seconds"],
                "seconds": secs,
                "megaflows_per_second": made / secs if secs > 0 else 0.0})
        best = max(results, key=lambda r: r["megaflows_per_second"])
        return {"rates": results,
                "megaflows_per_second": best["megaflows_per_second"],
                "delivered_fraction_min": min(r["delivered_fraction"]
                                              for r in results)}


# The restart measurement's UDP stream: the receiver prints the arrival
# time of each datagram that follows a gap of 50 ms or more, the sender sends one per millisecond until it is
# killed.
RESTART_RECEIVER = """
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("0.0.0.0", 9977))
print("ready", flush=True)
last = 0
while True:
    s.recv(2048)
    now = time.time()
    if now - last > 0.05:
        print("%.6f" % now, flush=True)
    last = now
"""
RESTART_SENDER = """
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
while True:
    s.sendto(b"x" * 64, ("%s", 9977))
    time.sleep(0.001)
"""


# Summary.

# (measurement, key, label, unit, higher is better)
FIGURES = [
    ("flows", "add_seconds", "add-flows of {flows} rules", "s", False),
    ("flows", "rss_after_add_mib", "RSS after add-flows", "MiB", False),
    ("flows", "add_cpu_seconds", "  switch CPU during add-flows", "s",
     False),
    ("flows", "ofctl_add_cpu_seconds", "  ovs-ofctl CPU (same client)", "s",
     False),
    ("flows", "dump_seconds", "dump-flows of {flows} rules", "s", False),
    ("flows", "dump_cpu_seconds", "  switch CPU during dump-flows", "s",
     False),
    ("tcp", "gbps", "TCP throughput (iperf3 {tcp_seconds} s)", "Gbit/s",
     True),
    # The generator's own rate depends on the receiving side (a veth
    # delivers in the sender's context): reported, not a goal.
    ("pps", "offered_pps", "64-byte frames offered", "pps", True),
    ("pps", "delivered_pps", "64-byte frames delivered", "pps", True),
    ("megaflows", "megaflows_per_second",
     "new megaflows/s (best of rates)", "1/s", True),
    ("megaflows", "delivered_fraction_min",
     "delivered fraction (worst rate)", "", True),
    ("ports", "add_seconds", "add {ports} ports, 1 txn, wait", "s", False),
    ("ports", "del_seconds", "del {ports} ports, 1 txn, wait", "s", False),
    ("ports", "del_cpu_seconds", "  switch CPU during del", "s", False),
    ("restart", "resume_seconds", "kill -9, restart: forwarding again",
     "s", False),
]
BASELINED = ("tcp", "pps")
NO_GOAL = ("pps.offered_pps", "flows.ofctl_add_cpu_seconds")


def fmt(v):
    if v is None:
        return "-"
    if v >= 10000:
        return "{:,.0f}".format(v)
    if v >= 100:
        return "%.0f" % v
    if v >= 1:
        return "%.2f" % v
    return "%.3f" % v


def median_of(reps, target, meas, key):
    vals = [r[target][meas][key] for r in reps
            if target in r and meas in r[target]]
    return statistics.median(vals) if vals else None


def summarize(reps, opts, size):
    impls = opts.impls
    targets = impls + (["veth", "bridge"]
                       if set(BASELINED) & set(opts.only) else [])
    summary = {}
    lines = []
    head = "%-42s %10s %10s %8s %5s" % ("", "ovs", "svs", "svs adv.",
                                        "goal")
    if set(BASELINED) & set(opts.only):
        head += "  %10s %10s" % ("veth", "bridge")
    lines.append(head)
    for meas, key, label, unit, higher in FIGURES:
        if meas not in opts.only:
            continue
        name = "%s.%s" % (meas, key)
        med = {t: median_of(reps, t, meas, key) for t in targets
               if t in impls or meas in BASELINED}
        entry = {"median": med, "unit": unit, "higher_is_better": higher}
        adv = None
        o, s = med.get("ovs"), med.get("svs")
        if o is not None and s is not None and o > 0 and s > 0:
            adv = s / o if higher else o / s
        entry["svs_advantage"] = adv
        if meas in BASELINED:
            for t in ("ovs", "svs"):
                for limit in ("veth", "bridge"):
                    if med.get(t) and med.get(limit):
                        entry["%s/%s" % (t, limit)] = med[t] / med[limit]
        summary[name] = entry
        title = label.format(**size) + (" [%s]" % unit if unit else "")
        row = "%-42s %10s %10s" % (title[:42], fmt(o), fmt(s))
        if adv is not None:
            goal = ("info" if name in NO_GOAL
                    else "met" if adv >= 1.5 else "no")
            row += " %7.2fx %5s" % (adv, goal)
        else:
            row += " %8s %5s" % ("-", "")
        if meas in BASELINED:
            row += "  %10s %10s" % (fmt(med.get("veth")),
                                    fmt(med.get("bridge")))
        lines.append(row)
        if meas in BASELINED:
            parts = ["%s/%s %.2f" % (k.split("/")[0], k.split("/")[1],
                                     entry[k])
                     for k in sorted(entry) if "/" in k]
            if parts:
                lines.append("%-42s %s" % ("", ", ".join(parts)))
    return summary, lines


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true",
                    help="small sizes, 1 repetition: a smoke run")
    ap.add_argument("--reps", type=int, help="repetitions (default 3, "
                    "--quick 1)")
    ap.add_argument("--only", default=",".join(ALL),
                    help="comma-separated subset of " + ",".join(ALL))
    ap.add_argument("--impls", default="ovs,svs",
                    help="switches to measure (default ovs,svs)")
    ap.add_argument("--normal", action="store_true",
                    help="traffic through one priority-0 NORMAL rule "
                    "(MAC learning) instead of in_port rules")
    ap.add_argument("--json", help="write all results to this file")
    ap.add_argument("--builddir", default=os.environ.get("SVS_BUILDDIR",
                                                         SRCDIR))
    ap.add_argument("--keep", action="store_true",
                    help="keep the temporary directory (daemon logs)")
    opts = ap.parse_args(argv)
    opts.only = [x for x in opts.only.split(",") if x]
    opts.impls = [x for x in opts.impls.split(",") if x]
    for x in opts.only:
        if x not in ALL:
            ap.error("--only: unknown measurement %r" % x)
    for x in opts.impls:
        if x not in ("ovs", "svs"):
            ap.error("--impls: unknown implementation %r" % x)
    if not opts.impls:
        ap.error("--impls: none given")
    return opts


def check_programs(opts):
    need = ["/usr/sbin/ovsdb-server", "/usr/sbin/ovs-vswitchd", OFCTL,
            "/usr/bin/ovs-vsctl", "/usr/bin/ovs-appctl"]
    if set(opts.only) & {"tcp"}:
        need.append(shutil.which("iperf3") or "iperf3")
    if set(opts.only) & {"tcp", "pps", "megaflows"}:
        need.append(os.path.join(opts.builddir, "tests", "perf", "switch",
                                 "pktgen"))
    if "svs" in opts.impls:
        for rel in ("vswitchd/svs-vswitchd", "ovsdb/svsdb-server",
                    "ovsdb/svsdb-tool", "utilities/svs-vsctl",
                    "utilities/svs-appctl"):
            need.append(os.path.join(opts.builddir, rel))
    missing = [p for p in need if not os.access(p, os.X_OK)]
    if missing:
        sys.exit("run.py: not built or not installed: " + ", ".join(missing))


def _on_signal(signum, frame):
    raise SystemExit("run.py: signal %d" % signum)


def main(argv):
    opts = parse_args(argv)
    opts.builddir = os.path.abspath(opts.builddir)
    if os.geteuid() != 0:
        sys.exit("run.py: needs root (network namespaces)")
    check_programs(opts)
    size = dict(QUICK if opts.quick else FULL)
    reps = opts.reps or size["reps"]
    os.environ["SVS_BUILDDIR"] = opts.builddir
    os.environ.setdefault("SVS_SRCDIR", SRCDIR)
    sys.path.insert(0, os.path.join(SRCDIR, "tests"))
    import switch_sandbox

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    workdir = tempfile.mkdtemp(prefix="svs-switch-perf-")
    bench = Bench(opts, switch_sandbox, workdir)
    results = []
    traffic = [m for m in ("tcp", "pps", "megaflows") if m in opts.only]
    try:
        for rep in range(reps):
            order = opts.impls if rep % 2 == 0 else opts.impls[::-1]
            res = {}
            for meas in ("flows", "ports", "restart"):
                if meas not in opts.only:
                    continue
                for impl in order:
                    log("rep %d: %s on %s" % (rep + 1, meas, impl))
                    res.setdefault(impl, {})[meas] = getattr(
                        bench, "measure_" + meas)(impl)
            if traffic:
                targets = list(order)
                if set(traffic) & set(BASELINED):
                    targets = ["veth", "bridge"] + targets
                for target in targets:
                    log("rep %d: %s on %s" % (rep + 1, ",".join(traffic),
                                              target))
                    res.setdefault(target, {}).update(
                        bench.traffic_target(target, traffic))
            results.append(res)
    finally:
        cleanup_namespaces()
        if opts.keep:
            log("kept " + workdir)
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    summary, lines = summarize(results, opts, size)
    print("Switch benchmarks (issue 5): medians of %d repetition(s); "
          "svs adv. = how many times better svs is (goal 1.5x)" % reps)
    if traffic:
        print("traffic forwarded by %s" % (
            "a NORMAL rule" if opts.normal else "in_port rules"))
    print("\n".join(lines))
    if "megaflows" in opts.only:
        print("\nnew megaflows by offered rate (medians of the "
              "repetitions): rate -> megaflows/s, delivered fraction")
        for impl in opts.impls:
            per_rate = []
            for i, rate in enumerate(size["mf_rates"]):
                rows = [r[impl]["megaflows"]["rates"][i] for r in results
                        if "megaflows" in r.get(impl, {})]
                if rows:
                    per_rate.append("%s -> %s/s, %.3f" % (
                        rate, fmt(statistics.median(
                            x["megaflows_per_second"] for x in rows)),
                        statistics.median(x["delivered_fraction"]
                                          for x in rows)))
            print("  %s: %s" % (impl, "; ".join(per_rate)))
    if opts.json:
        with open(opts.json, "w") as f:
            json.dump({"sizes": size, "reps": reps, "impls": opts.impls,
                       "normal": opts.normal,
                       "only": opts.only, "results": results,
                       "summary": summary}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
