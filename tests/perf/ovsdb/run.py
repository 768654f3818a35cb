#!/usr/bin/python3
"""Benchmark of svsdb-server against Debian's ovsdb-server.

Starts each implementation through tests/sandbox.py (the same code path the
test suites use), each in its own temporary directory with the same schema
(tests/perf/ovsdb/bench.ovsschema), drives it with the C client
ovsdb-bench, and prints medians over several repetitions plus the ratio
svs/ovs.  Implementations alternate inside every repetition (ovs, svs, then
svs, ovs, ...) and every measurement runs on a freshly started server, so
that slow drifts of a shared machine hit both sides alike.

Measurements:
  seq_insert   sequential small transactions per second (one insert each,
               one client, waiting for each reply)
  seq_update   the same with one update per transaction
  pipeline     transactions per second with several clients, each with
               many requests in flight
  bulk         latency of one transaction inserting 10,000 rows
  monitor      time until 100 "monitor_cond" clients have all seen one
               insert (median over several inserts)
  memory       resident memory (VmRSS) of the server holding 100,000 rows
               with a string, an integer, a 3-entry map and a 3-element set
  select       latency of a select of a whole 10,000-row table (the client
               parsing the reply included), one at a time

Usage: run.py [--quick] [--reps N] [--impls ovs,svs] [--json FILE]
              [--builddir DIR] [--keep]
See tests/perf/ovsdb/README.md.
"""

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
SCHEMA = os.path.join(HERE, "bench.ovsschema")

# What each measurement runs, in full and in --quick runs: ovsdb-bench
# arguments, then how to read the figure out of its output.
#   name: (title, unit, better, full args, quick args, key, scale)
MEASUREMENTS = [
    ("seq_insert", "(a) sequential insert txns", "txn/s", "higher",
     ["seq", "--op=insert", "--count=5000"],
     ["seq", "--op=insert", "--count=200"], "rate", 1),
    ("seq_update", "(a) sequential update txns", "txn/s", "higher",
     ["seq", "--op=update", "--count=5000"],
     ["seq", "--op=update", "--count=200"], "rate", 1),
    ("pipeline", "(b) pipelined insert txns", "txn/s", "higher",
     ["pipeline", "--count=40000", "--clients=4", "--depth=64"],
     ["pipeline", "--count=2000", "--clients=2", "--depth=16"], "rate", 1),
    ("bulk", "(c) one txn inserting N rows", "ms", "lower",
     ["bulk", "--rows=10000"], ["bulk", "--rows=1000"], "latency", 1000),
    ("monitor", "(d) N monitors all see 1 insert", "ms", "lower",
     ["monitor", "--clients=100", "--rounds=5"],
     ["monitor", "--clients=10", "--rounds=2"], "latency", 1000),
    ("memory", "(e) server RSS holding N rows", "MiB", "lower",
     ["fill", "--rows=100000", "--batch=1000"],
     ["fill", "--rows=5000", "--batch=1000"], None, 1),
    ("select", "(f) select of an N-row table", "ms", "lower",
     ["select", "--rows=10000", "--count=20"],
     ["select", "--rows=1000", "--count=3"], "latency", 1000),
]


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Benchmark svsdb-server against Debian's ovsdb-server.")
    p.add_argument("--quick", action="store_true",
                   help="short smoke run (small sizes, one repetition)")
    p.add_argument("--reps", type=int, default=None,
                   help="repetitions (default 5, or 1 with --quick)")
    p.add_argument("--impls", default="ovs,svs",
                   help="comma-separated implementations (default ovs,svs)")
    p.add_argument("--only", default=None,
                   help="comma-separated measurements to run (default all: "
                   + ",".join(m[0] for m in MEASUREMENTS) + ")")
    p.add_argument("--json", default=None, metavar="FILE",
                   help="also write every raw result to FILE as JSON")
    p.add_argument("--builddir", default=None,
                   help="build directory (default $SVS_BUILDDIR)")
    p.add_argument("--keep", action="store_true",
                   help="keep the temporary directory (server logs)")
    args = p.parse_args(argv)
    args.impls = [i for i in args.impls.split(",") if i]
    for impl in args.impls:
        if impl not in ("ovs", "svs"):
            p.error("unknown implementation %r" % impl)
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


def read_rss_kib(pid):
    """Returns the VmRSS of process 'pid' in KiB."""
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS for pid %d" % pid)


def size_of(argv):
    """Returns the N that a measurement's title refers to."""
    for a in argv:
        for opt in ("--rows=", "--clients="):
            if a.startswith(opt):
                return int(a[len(opt):])
    return None


class Runner(object):
    def __init__(self, args, sandbox, workdir):
        self.args = args
        self.sandbox = sandbox
        self.workdir = workdir
        self.bench = os.path.join(sandbox.BUILDDIR, "tests", "perf",
                                  "ovsdb", "ovsdb-bench")
        if not os.access(self.bench, os.X_OK):
            raise SystemExit("run.py: %s is not built (make it in the build "
                             "directory, or set SVS_BUILDDIR)" % self.bench)
        self.n_servers = 0

    def run_bench(self, server, bench_args):
        argv = [self.bench, "--remote=" + server.remote, "--timeout=600"]
        argv += bench_args
        proc = subprocess.run(argv, capture_output=True, text=True,
                              timeout=900)
        if proc.returncode != 0:
            raise RuntimeError("%s failed (exit %d): %s\n%s" % (
                " ".join(argv), proc.returncode, proc.stderr.strip(),
                server.diagnostics()))
        return json.loads(proc.stdout)

    def measure(self, impl, name, bench_args, key, scale):
        """Runs one measurement on a fresh server of 'impl'; returns (value,
        raw result dict)."""
        self.n_servers += 1
        sub = os.path.join(self.workdir, "%s-%s-%d" % (impl, name,
                                                       self.n_servers))
        server = self.sandbox.DbServer(impl, sub, schemas=[SCHEMA])
        server.start()
        try:
            if name == "memory":
                rss0 = read_rss_kib(server.pid)
                raw = self.run_bench(server, bench_args)
                time.sleep(0.5)
                rss1 = read_rss_kib(server.pid)
                raw["rss_before_kib"] = rss0
                raw["rss_kib"] = rss1
                value = rss1 / 1024.0
            else:
                raw = self.run_bench(server, bench_args)
                value = raw[key] * scale
        finally:
            status = server.stop()
        if status not in (0, -15, None):
            raise RuntimeError("%s exited with status %s after %s\n%s" % (
                impl, status, name, server.diagnostics()))
        return value, raw


def fmt(v):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    if v >= 100:
        return "%.0f" % v
    if v >= 10:
        return "%.1f" % v
    return "%.2f" % v


def summarize(results, impls, args):
    """Returns the summary table as text.  'results' maps measurement name
    to impl to a list of (value, raw) pairs."""
    lines = []
    header = "%-34s %-6s" % ("measurement", "unit")
    for impl in impls:
        header += " %10s" % impl
    both = "ovs" in impls and "svs" in impls
    if both:
        header += " %8s  %s" % ("svs/ovs", "better")
    lines.append(header)
    lines.append("-" * len(header))
    max_cpu = {}
    for (name, title, unit, better, full, quick, key,
         scale) in MEASUREMENTS:
        if name not in results:
            continue
        argv = quick if args.quick else full
        n = size_of(argv)
        label = title.replace(" N ", " %d " % n) if n else title
        row = "%-34s %-6s" % (label, unit)
        medians = {}
        for impl in impls:
            values = [v for v, raw in results[name][impl]]
            medians[impl] = statistics.median(values)
            row += " %10s" % fmt(medians[impl])
            for v, raw in results[name][impl]:
                if "cpu_percent" in raw:
                    max_cpu[impl] = max(max_cpu.get(impl, 0.0),
                                        raw["cpu_percent"])
        if both:
            ratio = (medians["svs"] / medians["ovs"]
                     if medians["ovs"] else float("nan"))
            row += " %7sx  %s" % (fmt(ratio), better)
        lines.append(row)
    row = "%-34s %-6s" % ("bench client CPU (max over runs)", "%")
    for impl in impls:
        row += " %10s" % fmt(max_cpu.get(impl))
    lines.append(row)
    lines.append("")
    lines.append("Medians of %d repetition%s; every figure from a fresh "
                 "server; implementations" % (args.reps,
                                              "" if args.reps == 1 else "s"))
    lines.append("alternated within each repetition.  The client's CPU "
                 "is a share of one core over")
    lines.append("the measured interval: far below 100% means the client "
                 "was not the bottleneck.")
    return "\n".join(lines)


def main(argv):
    args = parse_args(argv)
    if args.builddir:
        os.environ["SVS_BUILDDIR"] = os.path.abspath(args.builddir)
    os.environ.setdefault("SVS_SRCDIR", SRCDIR)
    sys.path.insert(0, os.path.join(SRCDIR, "tests"))
    import sandbox

    for impl in args.impls:
        for prog in ("server", "tool"):
            try:
                sandbox.require_program(sandbox.impl_programs(impl)[prog])
            except sandbox.ProgramMissing as e:
                raise SystemExit("run.py: %s" % e)

    workdir = tempfile.mkdtemp(prefix="svs-perf-ovsdb-")
    runner = Runner(args, sandbox, workdir)
    results = {}
    selected = [m for m in MEASUREMENTS if m[0] in args.only]
    try:
        for rep in range(args.reps):
            order = args.impls if rep % 2 == 0 else args.impls[::-1]
            for (name, title, unit, better, full, quick, key,
                 scale) in selected:
                bench_args = quick if args.quick else full
                for impl in order:
                    value, raw = runner.measure(impl, name, bench_args, key,
                                                scale)
                    results.setdefault(name, {}).setdefault(
                        impl, []).append((value, raw))
                    print("rep %d/%d %-10s %-4s %s %s" % (
                        rep + 1, args.reps, name, impl, fmt(value),
                        [m[2] for m in MEASUREMENTS if m[0] == name][0]),
                        file=sys.stderr, flush=True)
    finally:
        if args.keep:
            print("run.py: kept %s" % workdir, file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    versions = []
    for impl in args.impls:
        server = sandbox.impl_programs(impl)["server"]
        out = subprocess.run([server, "--version"], capture_output=True,
                             text=True).stdout.splitlines()
        versions.append("%s = %s" % (impl, out[0] if out else server))
    print("OVSDB server benchmark (%s)%s" % (
        "; ".join(versions), ", quick run" if args.quick else ""))
    print(summarize(results, args.impls, args))

    if args.json:
        out = {"quick": args.quick, "reps": args.reps, "impls": args.impls,
               "versions": versions, "results": {}}
        for name, per_impl in results.items():
            out["results"][name] = {}
            for impl, runs in per_impl.items():
                out["results"][name][impl] = {
                    "median": statistics.median(v for v, raw in runs),
                    "values": [v for v, raw in runs],
                    "raw": [raw for v, raw in runs],
                }
        with open(args.json, "w") as f:
            json.dump(out, f, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
