#!/usr/bin/env python3
"""Compares the megaflows of svs's classifier with Debian's Open vSwitch 3.1
on the same rule sets and packets (see README.md in this directory).

Usage: run.py [--builddir DIR] [--workloads acl,l2,l3] [--scale F]
              [--packets N] [--seed N] [--keep DIR] [--json FILE] [--quick]

For each workload it generates a rule set (ovs-ofctl add-flows syntax) and
a packet set (flows in ofproto/trace syntax) from one seeded generator,
then:
  - svs: tests/perf/megaflow/megaflow-bench loads the rules into
    lib/classifier and looks every packet up with wildcard tracking;
  - OVS: Debian's ovsdb-server + ovs-vswitchd run in a temporary sandbox
    (own network namespace), the rules go in with ovs-ofctl add-flows and
    every packet goes through `ofproto/trace`, whose "Megaflow:" line is
    the datapath flow the packet would install;
and prints the distinct megaflows of each, their ratio, and how many
packets got a different rule (must be 0).  Must be run as root (unshare).
Run with /usr/bin/python3 (python3-openvswitch).
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

import ovs.unixctl.client

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema"
TIMEOUT = 60
N_PORTS = 4


# Generators.  Each returns (rules, packets): lists of strings.

def ip4(x):
    return "%d.%d.%d.%d" % ((x >> 24) & 255, (x >> 16) & 255,
                            (x >> 8) & 255, x & 255)


def prefix(x, plen):
    return x & ((0xffffffff << (32 - plen)) & 0xffffffff) if plen else 0


def mac(x):
    return ":".join("%02x" % ((x >> (8 * (5 - i))) & 255) for i in range(6))


def out(rng):
    return "actions=output:%d" % (2 + rng.randrange(N_PORTS - 1))


def packet(rng, proto=None, nw_src=None, nw_dst=None, tp_src=None,
           tp_dst=None, dl_dst=None, vlan=None):
    proto = proto or rng.choice(["tcp", "udp"])
    f = ["in_port=1", proto]
    if vlan is not None:
        f.append("dl_vlan=%d" % vlan)
    f.append("dl_src=%s" % mac(0x020000000000 | rng.randrange(1 << 24)))
    f.append("dl_dst=%s" % mac(dl_dst if dl_dst is not None
                               else 0x020000000000 | rng.randrange(1 << 24)))
    f.append("nw_src=%s" % ip4(nw_src if nw_src is not None
                               else rng.randrange(1 << 32)))
    f.append("nw_dst=%s" % ip4(nw_dst if nw_dst is not None
                               else rng.randrange(1 << 32)))
    f.append("nw_ttl=64")
    # ofproto/trace wants the protocol's own names for UDP ports.
    f.append("%s_src=%d" % (proto, tp_src if tp_src is not None
                            else 1024 + rng.randrange(60000)))
    f.append("%s_dst=%d" % (proto, tp_dst if tp_dst is not None
                            else rng.randrange(65536)))
    return ",".join(f)


def gen_acl(rng, n_rules, n_packets):
    """A firewall-like ACL over 5-tuples: source and destination prefixes
    of various lengths, protocols, exact and masked (range-like) ports,
    unique priorities in rule order, and a default rule."""
    plens = [0, 8, 16, 16, 24, 24, 24, 28, 32, 32]
    port_masks = [0xffff, 0xffff, 0xffff, 0xff00, 0xfff0, 0xfc00]
    rules, specs = [], []
    for i in range(n_rules - 1):
        src = 0x0a000000 | rng.randrange(1 << 20) << 4
        dst = 0xac100000 | rng.randrange(1 << 16)
        sp, dp = rng.choice(plens), rng.choice(plens)
        f = ["priority=%d" % (n_rules - i)]
        spec = {"src": src, "dst": dst, "sp": sp, "dp": dp}
        if rng.randrange(5):
            proto = "tcp" if rng.randrange(3) else "udp"
            f.append(proto)
            spec["proto"] = proto
        else:
            f.append("ip")
        if sp:
            f.append("nw_src=%s/%d" % (ip4(prefix(src, sp)), sp))
        if dp:
            f.append("nw_dst=%s/%d" % (ip4(prefix(dst, dp)), dp))
        if "proto" in spec:
            port = (rng.randrange(1024) if rng.randrange(3)
                    else rng.randrange(65536))
            m = rng.choice(port_masks)
            spec["tp_dst"] = port & m
            f.append("%s_dst=%d" % (proto, port & m) if m == 0xffff
                     else "%s_dst=0x%x/0x%x" % (proto, port & m, m))
            if rng.randrange(6) == 0:
                sport = rng.randrange(65536)
                m = rng.choice(port_masks)
                f.append("%s_src=0x%x/0x%x" % (proto, sport & m, m))
        f.append(out(rng))
        rules.append(",".join(f))
        specs.append(spec)
    rules.append("priority=0,actions=output:1")

    # Traffic between pools of hosts (half of them inside the rules'
    # prefixes) on a pool of service ports, from random ephemeral ports:
    # packets share megaflows as far as the masks allow.
    hb = lambda p: (1 << (32 - p)) - 1
    srcs, dsts = [], []
    for _ in range(50):
        s = rng.choice(specs)
        srcs.append(prefix(s["src"], s["sp"])
                    | (rng.randrange(1 << 32) & hb(s["sp"]))
                    if rng.randrange(2) else
                    0x0a000000 | rng.randrange(1 << 24))
        s = rng.choice(specs)
        dsts.append(prefix(s["dst"], s["dp"])
                    | (rng.randrange(1 << 32) & hb(s["dp"]))
                    if rng.randrange(2) else
                    0xac100000 | rng.randrange(1 << 16))
    ports = [s["tp_dst"] for s in rng.sample(specs, 20) if "tp_dst" in s]
    ports += [rng.randrange(65536) for _ in range(5)]
    packets = []
    for _ in range(n_packets):
        packets.append(packet(rng, nw_src=rng.choice(srcs),
                              nw_dst=rng.choice(dsts),
                              tp_dst=rng.choice(ports)))
    return rules, packets


def gen_l2(rng, n_rules, n_packets):
    """An L2 forwarding table: exact (VLAN, destination MAC) rules and a
    flood-like default."""
    macs = rng.sample(range(1 << 24), n_rules - 1)
    rules, keys = [], []
    for i, m in enumerate(macs):
        vlan = 1 + i % 100
        dst = 0x020000000000 | m
        rules.append("priority=100,dl_vlan=%d,dl_dst=%s,%s"
                     % (vlan, mac(dst), out(rng)))
        keys.append((vlan, dst))
    rules.append("priority=0,actions=output:1")
    stations = []
    for _ in range(1000):
        if rng.randrange(10):
            stations.append(rng.choice(keys))
        else:
            stations.append((1 + rng.randrange(100),
                             0x020000000000 | rng.randrange(1 << 24)))
    packets = []
    for _ in range(n_packets):
        vlan, dst = rng.choice(stations)
        packets.append(packet(rng, vlan=vlan, dl_dst=dst))
    return rules, packets


def gen_l3(rng, n_rules, n_packets):
    """An IPv4 routing table: destination prefixes, priority = prefix
    length (longest prefix match), mostly /24, and a default route."""
    plens = [24, 24, 24, 24, 24, 24, 23, 22, 20, 16, 32, 32, 28, 26, 19, 12]
    seen, rules, routes = set(), [], []
    while len(routes) < n_rules - 1:
        plen = rng.choice(plens)
        net = prefix(rng.randrange(1 << 32), plen)
        if (net, plen) in seen:
            continue
        seen.add((net, plen))
        routes.append((net, plen))
        rules.append("priority=%d,ip,nw_dst=%s/%d,%s"
                     % (plen, ip4(net), plen, out(rng)))
    rules.append("priority=0,ip,actions=output:1")
    dsts = []
    for _ in range(1000):
        if rng.randrange(10):
            net, plen = rng.choice(routes)
            dsts.append(net | (rng.randrange(1 << 32)
                               & ((1 << (32 - plen)) - 1)))
        else:
            dsts.append(rng.randrange(1 << 32))
    packets = [packet(rng, nw_dst=rng.choice(dsts))
               for _ in range(n_packets)]
    return rules, packets


WORKLOADS = {
    # name: (generator, rules, packets)
    "acl": (gen_acl, 2000, 3000),
    "l2": (gen_l2, 10000, 3000),
    "l3": (gen_l3, 10000, 3000),
}


# Open vSwitch.

class OvsSandbox:
    """Debian's ovsdb-server + ovs-vswitchd in a temporary directory, the
    switch in its own network namespace, with bridge br0 (userspace
    datapath) and dummy ports p1..p4 (OpenFlow ports 1..4)."""

    def __init__(self, workdir):
        self.dir = workdir
        self.env = dict(os.environ)
        for var in ("OVS_RUNDIR", "OVS_DBDIR", "OVS_LOGDIR",
                    "OVS_SYSCONFDIR"):
            self.env[var] = workdir
        self.env["OVS_PKGDATADIR"] = "/usr/share/openvswitch"
        self.procs = []
        self.client = None

    def path(self, name):
        return os.path.join(self.dir, name)

    def run(self, *args):
        return subprocess.run(list(args), env=self.env, check=True,
                              capture_output=True, text=True,
                              timeout=600)

    def wait_for(self, name):
        deadline = time.time() + TIMEOUT
        while not os.path.exists(self.path(name)):
            if time.time() > deadline:
                raise RuntimeError("%s did not appear" % name)
            time.sleep(0.05)

    def vsctl(self, *args):
        return self.run("ovs-vsctl", "--db=unix:" + self.path("db.sock"),
                        "--timeout=%d" % TIMEOUT, *args)

    def start(self):
        db = self.path("conf.db")
        if os.path.exists(db):
            os.unlink(db)
        self.run("ovsdb-tool", "create", db, SCHEMA)
        self.procs.append(subprocess.Popen(
            ["ovsdb-server", db, "--remote=punix:" + self.path("db.sock"),
             "--pidfile=" + self.path("ovsdb-server.pid"),
             "--log-file=" + self.path("ovsdb-server.log"),
             "--unixctl=" + self.path("ovsdb-server.ctl")],
            env=self.env, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL))
        self.wait_for("db.sock")
        self.vsctl("--no-wait", "init")
        self.procs.append(subprocess.Popen(
            ["unshare", "--net", "ovs-vswitchd", "--enable-dummy",
             "unix:" + self.path("db.sock"),
             "--pidfile=" + self.path("ovs-vswitchd.pid"),
             "--log-file=" + self.path("ovs-vswitchd.log"),
             "--unixctl=" + self.path("ovs-vswitchd.ctl"),
             "-vconsole:off"],
            env=self.env, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL))
        self.wait_for("ovs-vswitchd.ctl")
        self.vsctl("add-br", "br0", "--", "set", "bridge", "br0",
                   "datapath_type=netdev", "fail-mode=secure")
        for i in range(1, N_PORTS + 1):
            self.vsctl("add-port", "br0", "p%d" % i, "--", "set",
                       "interface", "p%d" % i, "type=dummy",
                       "ofport_request=%d" % i)
        self.wait_for("br0.mgmt")
        err, self.client = ovs.unixctl.client.UnixctlClient.create(
            self.path("ovs-vswitchd.ctl"))
        if err:
            raise RuntimeError("unixctl connect: %s" % os.strerror(err))

    def load(self, rules_file):
        self.run("ovs-ofctl", "del-flows", "br0")
        self.run("ovs-ofctl", "add-flows", "br0", rules_file)
        self.run("ovs-appctl", "--target=" + self.path("ovs-vswitchd.ctl"),
                 "revalidator/purge")

    def trace(self, flow):
        err, error, result = self.client.transact("ofproto/trace",
                                                  ["br0", flow])
        if err or error:
            raise RuntimeError("ofproto/trace %s: %s" % (flow, err or error))
        return result

    def stop(self):
        if self.client:
            self.client.close()
        for p in reversed(self.procs):
            p.terminate()
            try:
                p.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


RULE_RE = re.compile(r"^ 0\. .*priority (\d+)", re.M)


def parse_trace(text):
    """Returns (megaflow, priority or None) from ofproto/trace output."""
    mega = None
    for line in text.splitlines():
        if line.startswith("Megaflow: "):
            mega = line[len("Megaflow: "):].strip()
    if mega is None:
        raise RuntimeError("no Megaflow line in trace:\n" + text)
    m = RULE_RE.search(text)
    if m:
        return mega, int(m.group(1))
    # A catch-all rule prints as " 0. priority 0".
    m = re.search(r"^ 0\. priority (\d+)", text, re.M)
    return mega, int(m.group(1)) if m else None


# Fields Open vSwitch's translation un-wildcards for every packet; svs's
# "megaflows" figure ORs the same fields in (megaflow-bench.c).
OVS_FIXED = ("recirc_id", "eth", "in_port", "nw_frag")


def run_workload(name, opts, rng, workdir, bench, switch):
    gen, n_rules, n_packets = WORKLOADS[name]
    n_rules = max(10, int(n_rules * opts.scale))
    n_packets = opts.packets or max(50, int(n_packets * opts.scale))
    rules, packets = gen(rng, n_rules, n_packets)
    rules_file = os.path.join(workdir, "%s.rules" % name)
    packets_file = os.path.join(workdir, "%s.packets" % name)
    with open(rules_file, "w") as f:
        f.write("\n".join(rules) + "\n")
    with open(packets_file, "w") as f:
        f.write("\n".join(packets) + "\n")

    # svs.
    results_file = os.path.join(workdir, "%s.svs-results" % name)
    t0 = time.time()
    svs = json.loads(subprocess.run(
        [bench, "--results", results_file,
         "--dump", os.path.join(workdir, "%s.svs-megaflows" % name),
         rules_file, packets_file],
        check=True, capture_output=True, text=True, timeout=600).stdout)
    svs_seconds = time.time() - t0
    with open(results_file) as f:
        svs_results = [l.rstrip("\n").split("\t") for l in f]
    svs_prios = [None if r[0] == "miss" else int(r[0]) for r in svs_results]

    # Open vSwitch.
    t0 = time.time()
    switch.load(rules_file)
    megaflows, mismatches = set(), 0
    pairs = open(os.path.join(workdir, "%s.pairs" % name), "w")
    with open(os.path.join(workdir, "%s.ovs-megaflows" % name), "w") as f:
        for i, p in enumerate(packets):
            mega, prio = parse_trace(switch.trace(p))
            pairs.write("%s\n  ovs %s\n  svs %s\n"
                        % (p, mega, svs_results[i][1]))
            if mega not in megaflows:
                megaflows.add(mega)
                f.write(mega + "\n")
            if prio != svs_prios[i]:
                mismatches += 1
                if mismatches <= 5:
                    sys.stderr.write("%s: packet %d (%s): ovs priority %s, "
                                     "svs %s\n" % (name, i + 1, p, prio,
                                                   svs_prios[i]))
    pairs.close()
    ovs_seconds = time.time() - t0
    stripped = set(",".join(x for x in m.split(",")
                            if x.split("=")[0] not in OVS_FIXED)
                   for m in megaflows)
    return {
        "workload": name, "rules": n_rules, "packets": n_packets,
        "svs_subtables": svs["subtables"],
        "svs_megaflows": svs["megaflows"],
        "svs_megaflows_raw": svs["megaflows_raw"],
        "ovs_megaflows": len(megaflows),
        "ovs_megaflows_stripped": len(stripped),
        "ratio": svs["megaflows"] / len(megaflows),
        "rule_mismatches": mismatches,
        "svs_seconds": round(svs_seconds, 2),
        "ovs_seconds": round(ovs_seconds, 2),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--builddir", default=os.environ.get("SVS_BUILDDIR",
                                                         SRCDIR))
    ap.add_argument("--workloads", default="acl,l2,l3")
    ap.add_argument("--scale", type=float, default=1.0,
                    help="multiply rule and packet counts")
    ap.add_argument("--packets", type=int, default=0,
                    help="packets per workload (default: per workload)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--quick", action="store_true",
                    help="small sizes: a smoke test")
    ap.add_argument("--keep", help="directory for the generated files "
                    "(kept); default a temporary one, removed")
    ap.add_argument("--json", help="write the results to this file")
    opts = ap.parse_args()
    if opts.quick:
        opts.scale = min(opts.scale, 0.05)

    bench = os.path.join(opts.builddir, "tests", "perf", "megaflow",
                         "megaflow-bench")
    if not os.access(bench, os.X_OK):
        sys.exit("%s: not built" % bench)
    for prog in ("ovsdb-server", "ovs-vswitchd", "ovs-ofctl", "unshare"):
        if not shutil.which(prog):
            sys.exit("%s: not found" % prog)

    workdir = opts.keep or tempfile.mkdtemp(prefix="svs-megaflow-")
    os.makedirs(workdir, exist_ok=True)
    ovsdir = os.path.join(workdir, "ovs")
    os.makedirs(ovsdir, exist_ok=True)
    switch = OvsSandbox(ovsdir)
    results = []
    try:
        switch.start()
        for name in opts.workloads.split(","):
            rng = random.Random("%d-%s" % (opts.seed, name))
            results.append(run_workload(name, opts, rng, workdir, bench,
                                        switch))
    finally:
        switch.stop()
        if not opts.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    print("Distinct megaflows for the same rules and packets (svs: "
          "classifier + OVS's always-exact fields; OVS 3.1: ofproto/trace)")
    print("%-8s %7s %7s %6s %11s %11s %9s %7s %10s" % (
        "workload", "rules", "packets", "subt", "svs", "OVS 3.1",
        "svs/OVS", "svs_raw", "mismatches"))
    for r in results:
        print("%-8s %7d %7d %6d %11d %11d %9.3f %7d %10d" % (
            r["workload"], r["rules"], r["packets"], r["svs_subtables"],
            r["svs_megaflows"], r["ovs_megaflows"], r["ratio"],
            r["svs_megaflows_raw"], r["rule_mismatches"]))
    if opts.json:
        with open(opts.json, "w") as f:
            json.dump(results, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
