#!/usr/bin/python3
"""Benchmark of svs-vsctl against Debian's ovs-vsctl (issue 3).

Both tools talk to the same kind of freshly started database server,
svsdb-server by default (optionally also Debian's ovsdb-server), started
through tests/sandbox.py like the test suites do.  Every invocation is a
separate process, timed from fork to exit by this script (wall clock) and
by the kernel (CPU time of the child, user + system).  The tools alternate
inside every repetition (ovs, svs, then svs, ovs, ...) and each
measurement gets a fresh server, so slow drifts of a shared machine hit
both sides alike.  Medians over repetitions; ratio svs/ovs (the goal of
issue 3 is 0.5 or less: svs-vsctl at least twice as fast).

Measurements (sizes for full runs; --quick uses smaller ones):
  show         `show` on a database with 4 bridges of 10 ports, repeated
               50 times: ms per invocation
  list_br      `list-br` on the same database, 50 times: ms per invocation
  add_port     200 separate `--no-wait add-port br0 pN` invocations:
               total seconds
  bulk         one `--no-wait` invocation adding 1,000 ports to br0
               (add-port chained with --): seconds

Every measurement checks its result (the number of ports afterwards), so a
tool that fails cannot look fast.

Usage: run.py [--quick] [--reps N] [--tools ovs,svs] [--servers svs,ovs]
              [--only show,list_br,add_port,bulk] [--json FILE]
              [--builddir DIR] [--keep]
See tests/perf/vsctl/README.md.
"""

import argparse
import json
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))

OVS_VSCTL = "/usr/bin/ovs-vsctl"

# name: (title, unit, full size, quick size)
MEASUREMENTS = [
    ("show", "read-only `show`, x N runs", "ms/run", 50, 5),
    ("list_br", "read-only `list-br`, x N runs", "ms/run", 50, 5),
    ("add_port", "add-port, N separate runs", "s", 200, 20),
    ("bulk", "1 run adding N ports (--)", "s", 1000, 100),
]

# The database the read-only measurements read: 4 bridges of 10 ports.
READ_BRIDGES = 4
READ_PORTS = 10

TIMEOUT = 600


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Benchmark svs-vsctl against Debian's ovs-vsctl.")
    p.add_argument("--quick", action="store_true",
                   help="short smoke run (small sizes, one repetition)")
    p.add_argument("--reps", type=int, default=None,
                   help="repetitions (default 5, or 1 with --quick)")
    p.add_argument("--tools", default="ovs,svs",
                   help="comma-separated tools: ovs (ovs-vsctl), svs "
                   "(svs-vsctl); default ovs,svs")
    p.add_argument("--servers", default="svs",
                   help="comma-separated servers: svs (svsdb-server), ovs "
                   "(Debian's ovsdb-server); default svs")
    p.add_argument("--only", default=None,
                   help="comma-separated measurements (default all: "
                   + ",".join(m[0] for m in MEASUREMENTS) + ")")
    p.add_argument("--json", default=None, metavar="FILE",
                   help="also write every raw result to FILE as JSON")
    p.add_argument("--builddir", default=None,
                   help="build directory (default $SVS_BUILDDIR)")
    p.add_argument("--keep", action="store_true",
                   help="keep the temporary directory (server logs)")
    args = p.parse_args(argv)
    args.tools = [t for t in args.tools.split(",") if t]
    args.servers = [s for s in args.servers.split(",") if s]
    for name in args.tools + args.servers:
        if name not in ("ovs", "svs"):
            p.error("unknown implementation %r" % name)
    if not args.tools or not args.servers:
        p.error("need at least one tool and one server")
    if args.reps is None:
        args.reps = 1 if args.quick else 5
    if args.reps < 1:
        p.error("--reps must be at least 1")
    names = [m[0] for m in MEASUREMENTS]
    args.only = args.only.split(",") if args.only else names
    for name in args.only:
        if name not in names:
            p.error("unknown measurement %r" % name)
    return args


class Runner(object):
    def __init__(self, args, sandbox, vu, workdir):
        self.args = args
        self.sandbox = sandbox
        self.vu = vu
        self.workdir = workdir
        self.progs = {"ovs": OVS_VSCTL, "svs": vu.SVS_VSCTL}
        self.n_servers = 0

    def size(self, name):
        for m in MEASUREMENTS:
            if m[0] == name:
                return m[4] if self.args.quick else m[3]
        raise KeyError(name)

    def fresh_server(self, server_impl, label):
        self.n_servers += 1
        sub = os.path.join(self.workdir, "%s-%s-%d" % (
            server_impl, label, self.n_servers))
        server = self.sandbox.DbServer(server_impl, sub,
                                       schemas=["vswitch"])
        server.start()
        self.vsctl(OVS_VSCTL, server, ["init"])
        return server

    def vsctl(self, prog, server, args):
        """Runs one --no-wait invocation; returns (wall s, cpu s, stdout).
        Raises RuntimeError if it fails."""
        path, env = self.vu.exec_args(prog, server.env)
        argv = [path, "--db=" + server.remote, "--no-wait",
                "--timeout=%d" % TIMEOUT] + list(args)
        ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.run(argv, env=env, cwd=server.dir,
                              capture_output=True, text=True,
                              timeout=TIMEOUT + 60)
        t1 = time.perf_counter()
        ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode != 0:
            raise RuntimeError("%s failed (exit %d): %s\n%s" % (
                " ".join(argv[:8]) + (" ..." if len(argv) > 8 else ""),
                proc.returncode, proc.stderr.strip(),
                server.diagnostics()))
        cpu = ((ru1.ru_utime - ru0.ru_utime)
               + (ru1.ru_stime - ru0.ru_stime))
        return t1 - t0, cpu, proc.stdout

    def count_ports(self, server, bridge):
        _, _, out = self.vsctl(OVS_VSCTL, server, ["list-ports", bridge])
        return len(out.split())

    def read_state(self, server):
        """Builds the read-only database in one ovs-vsctl invocation."""
        args = []
        for b in range(READ_BRIDGES):
            br = "br%d" % b
            args += ["--", "add-br", br, "--", "br-set-external-id", br,
                     "owner", "bench"]
            for p in range(READ_PORTS):
                port = "%s-p%d" % (br, p)
                args += ["--", "add-port", br, port, "tag=%d" % (p + 1),
                         "--", "set", "Interface", port,
                         "external_ids:iface-id=vif-%d-%d" % (b, p)]
        self.vsctl(OVS_VSCTL, server, args)

    def measure(self, server_impl, tool, name):
        """Runs measurement 'name' with 'tool' on a fresh server of
        'server_impl'; returns (value, raw dict)."""
        prog = self.progs[tool]
        n = self.size(name)
        server = self.fresh_server(server_impl, "%s-%s" % (tool, name))
        try:
            if name in ("show", "list_br"):
                self.read_state(server)
                cmd = ["show"] if name == "show" else ["list-br"]
                # One untimed warm-up run (page cache, lazy binding).
                _, _, first = self.vsctl(prog, server, cmd)
                wall = cpu = 0.0
                for _ in range(n):
                    w, c, out = self.vsctl(prog, server, cmd)
                    wall += w
                    cpu += c
                    if out != first:
                        raise RuntimeError("%s %s output changed between "
                                           "runs" % (tool, name))
                if name == "list_br" and first.split() != [
                        "br%d" % b for b in range(READ_BRIDGES)]:
                    raise RuntimeError("%s list-br printed %r"
                                       % (tool, first))
                value = wall / n * 1000
                raw = {"runs": n, "wall_s": wall, "cpu_s": cpu,
                       "cpu_ms_per_run": cpu / n * 1000}
            elif name == "add_port":
                self.vsctl(OVS_VSCTL, server, ["add-br", "br0"])
                wall = cpu = 0.0
                for i in range(n):
                    w, c, _ = self.vsctl(prog, server,
                                         ["add-port", "br0", "p%d" % i])
                    wall += w
                    cpu += c
                got = self.count_ports(server, "br0")
                if got != n:
                    raise RuntimeError("%s add_port: %d ports, expected %d"
                                       % (tool, got, n))
                value = wall
                raw = {"runs": n, "wall_s": wall, "cpu_s": cpu,
                       "ms_per_run": wall / n * 1000}
            elif name == "bulk":
                self.vsctl(OVS_VSCTL, server, ["add-br", "br0"])
                args = []
                for i in range(n):
                    args += ["--", "add-port", "br0", "p%d" % i]
                wall, cpu, _ = self.vsctl(prog, server, args)
                got = self.count_ports(server, "br0")
                if got != n:
                    raise RuntimeError("%s bulk: %d ports, expected %d"
                                       % (tool, got, n))
                value = wall
                raw = {"ports": n, "wall_s": wall, "cpu_s": cpu}
            else:
                raise KeyError(name)
        finally:
            status = server.stop()
        if status not in (0, -15, None):
            raise RuntimeError("%s server exited with status %s after %s\n%s"
                               % (server_impl, status, name,
                                  server.diagnostics()))
        return value, raw


def fmt(v):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    if v >= 100:
        return "%.0f" % v
    if v >= 10:
        return "%.1f" % v
    if v >= 1:
        return "%.2f" % v
    return "%.3f" % v


def summarize(summary, args, runner):
    lines = []
    both = "ovs" in args.tools and "svs" in args.tools
    for server_impl in args.servers:
        srvname = {"svs": "svsdb-server",
                   "ovs": "Debian's ovsdb-server"}[server_impl]
        lines.append("Server: %s" % srvname)
        header = "%-36s %-7s" % ("measurement", "unit")
        for tool in args.tools:
            header += " %10s" % (tool + "-vsctl")
        if both:
            header += " %8s  %s" % ("svs/ovs", "goal <= 0.5")
        lines.append(header)
        lines.append("-" * len(header))
        for name, title, unit, full, quick in MEASUREMENTS:
            if name not in args.only:
                continue
            row = "%-36s %-7s" % (title.replace(" N ", " %d " % runner.size(
                name)), unit)
            res = summary[server_impl][name]
            for tool in args.tools:
                row += " %10s" % fmt(res[tool]["median"])
            if both:
                row += " %7sx  %s" % (fmt(res["ratio"]),
                                      "met" if res["ratio"] <= 0.5
                                      else "not met")
            lines.append(row)
        # CPU time of the tool processes, the part the tool controls.
        for name, title, unit, full, quick in MEASUREMENTS:
            if name not in args.only:
                continue
            row = "%-36s %-7s" % ("  tool CPU (total), " + name, "s")
            res = summary[server_impl][name]
            for tool in args.tools:
                row += " %10s" % fmt(res[tool]["cpu_median"])
            if both:
                row += " %7sx" % fmt(res["cpu_ratio"])
            lines.append(row)
        lines.append("")
    lines.append("Medians of %d repetition%s; every figure from a fresh "
                 "server; tools alternated" % (args.reps,
                                               "" if args.reps == 1 else "s"))
    lines.append("within each repetition.  Wall time includes process "
                 "start-up and the server's")
    lines.append("work; \"tool CPU\" is the user+system time of the tool "
                 "processes alone.")
    return "\n".join(lines)


def main(argv):
    args = parse_args(argv)
    if args.builddir:
        os.environ["SVS_BUILDDIR"] = os.path.abspath(args.builddir)
    os.environ.setdefault("SVS_SRCDIR", SRCDIR)
    sys.path.insert(0, os.path.join(SRCDIR, "tests"))
    import sandbox
    import vsctl_util

    for impl in args.servers:
        for prog in ("server", "tool"):
            try:
                sandbox.require_program(sandbox.impl_programs(impl)[prog])
            except sandbox.ProgramMissing as e:
                raise SystemExit("run.py: %s" % e)
    workdir = tempfile.mkdtemp(prefix="svs-perf-vsctl-")
    runner = Runner(args, sandbox, vsctl_util, workdir)
    for tool in args.tools:
        if not os.access(runner.progs[tool], os.X_OK):
            raise SystemExit("run.py: %s is not built (use --tools=ovs to "
                             "measure ovs-vsctl alone)" % runner.progs[tool])

    raw = {s: {m: {t: [] for t in args.tools} for m in args.only}
           for s in args.servers}
    try:
        for rep in range(args.reps):
            order = list(args.tools)
            if rep % 2:
                order.reverse()
            for server_impl in args.servers:
                for name, _, _, _, _ in MEASUREMENTS:
                    if name not in args.only:
                        continue
                    for tool in order:
                        value, r = runner.measure(server_impl, tool, name)
                        raw[server_impl][name][tool].append((value, r))
                        sys.stderr.write("rep %d %s-server %s %s: %s\n" % (
                            rep + 1, server_impl, name, tool, fmt(value)))
    finally:
        if args.keep:
            sys.stderr.write("kept %s\n" % workdir)
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    summary = {}
    for server_impl in args.servers:
        summary[server_impl] = {}
        for name in args.only:
            res = {}
            for tool in args.tools:
                values = [v for v, _ in raw[server_impl][name][tool]]
                cpus = [r["cpu_s"] for _, r in raw[server_impl][name][tool]]
                res[tool] = {"values": values,
                             "median": statistics.median(values),
                             "cpu_median": statistics.median(cpus),
                             "raw": [r for _, r in
                                     raw[server_impl][name][tool]]}
            if "ovs" in res and "svs" in res:
                res["ratio"] = (res["svs"]["median"] / res["ovs"]["median"]
                                if res["ovs"]["median"] else float("nan"))
                res["cpu_ratio"] = (
                    res["svs"]["cpu_median"] / res["ovs"]["cpu_median"]
                    if res["ovs"]["cpu_median"] else float("nan"))
            summary[server_impl][name] = res

    print(summarize(summary, args, runner))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"reps": args.reps, "quick": args.quick,
                       "tools": args.tools, "servers": args.servers,
                       "sizes": {m: runner.size(m) for m in args.only},
                       "results": summary}, f, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
