#!/usr/bin/env python3
"""Runs the classifier benchmark (classifier-bench) several times and
reports the median of each figure next to Open vSwitch 3.1's reference
figures (see README.md in this directory).

Every shape runs in a process of its own, once with glibc's default heap
and once with the heap backed by transparent huge pages as a daemon sets
it up (lib/heap-thp.h), the two alternating run by run.

Usage: run.py [--builddir DIR] [--repeat N] [--seconds S] [--quick]
              [--no-tries] [--default-heap-only] [--json FILE] [SHAPE...]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))

FIELDS = ["insert_us", "insert_deferred_us", "remove_us", "lookups_per_s",
          "lookups_wc_per_s", "hit_rate", "bytes_per_rule",
          "heap_bytes_per_rule", "megaflows"]


def run_once(bench, args, shapes):
    """Runs every shape in a process of its own, so that each insertion
    starts, like Open vSwitch's benchmark, with a heap that no earlier
    shape warmed: on this machine a process's first touch of a page costs
    several microseconds, a large part of a one-by-one insertion."""
    results = []
    for shape in shapes:
        cmd = [bench, "--json"] + args + [shape]
        out = subprocess.run(cmd, check=True, capture_output=True,
                             text=True, timeout=1800).stdout
        results += json.loads(out)
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--builddir", default=os.environ.get("SVS_BUILDDIR",
                                                         SRCDIR))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=1.0)
    ap.add_argument("--quick", action="store_true",
                    help="tiny sizes and times: a smoke test")
    ap.add_argument("--no-tries", action="store_true",
                    help="no prefix tracking on nw_dst/nw_src")
    ap.add_argument("--json", help="write the medians to this file")
    ap.add_argument("--default-heap-only", action="store_true",
                    help="skip the runs with the huge-page heap")
    ap.add_argument("shapes", nargs="*")
    opts = ap.parse_args()

    bench = os.path.join(opts.builddir, "tests", "perf", "classifier",
                         "classifier-bench")
    if not os.access(bench, os.X_OK):
        sys.exit("%s: not built" % bench)
    args = ["--seconds", str(opts.seconds)]
    shapes = opts.shapes or subprocess.run(
        [bench, "--list"], check=True, capture_output=True,
        text=True).stdout.split()
    if opts.quick:
        args.append("--quick")
        opts.repeat = 1
    if opts.no_tries:
        args.append("--no-tries")

    heaps = [("glibc's default heap", [])]
    if not opts.default_heap_only:
        heaps.append(("huge-page heap (lib/heap-thp.h, --thp-heap)",
                      ["--thp-heap"]))
    all_results = []
    for heap_name, heap_args in heaps:
        # The two heaps alternate, run by run, so that a change in the
        # machine's load affects both alike.
        all_results.append((heap_name, heap_args, []))
    for _ in range(opts.repeat):
        for _, heap_args, runs in all_results:
            runs.append(run_once(bench, args + heap_args, shapes))

    json_out = []
    for heap_name, heap_args, runs in all_results:
        results = []
        for i, first in enumerate(runs[0]):
            row = dict(first)
            for f in FIELDS:
                row[f] = statistics.median(r[i][f] for r in runs)
            row["heap"] = "thp" if heap_args else "default"
            results.append(row)
        json_out += results
        print_results(results, heap_name, opts)
    if opts.json:
        with open(opts.json, "w") as f:
            json.dump(json_out, f, indent=2)


def print_results(results, heap_name, opts):
    print("Median of %d run(s), one thread, CPU time; prefix tracking %s; "
          "each shape in a fresh process; %s."
          % (opts.repeat, "off" if opts.no_tries else "on nw_dst,nw_src",
             heap_name))
    hdr = ("%-14s %7s %5s %8s %8s %8s %11s %11s %5s %6s %6s %9s"
           % ("shape", "rules", "subt", "ins_us", "insdf_us", "rem_us",
              "lookups/s", "wc_lkup/s", "hit%", "B/rule", "heapB",
              "megaflows"))
    print(hdr)
    for r in results:
        print("%-14s %7d %5d %8.3f %8.3f %8.3f %11.0f %11.0f %5.1f %6.0f "
              "%6.0f %9d" % (r["shape"], r["rules"], r["subtables"],
                             r["insert_us"], r["insert_deferred_us"],
                             r["remove_us"], r["lookups_per_s"],
                             r["lookups_wc_per_s"], 100 * r["hit_rate"],
                             r["bytes_per_rule"], r["heap_bytes_per_rule"],
                             r["megaflows"]))
        if r.get("ref_lookups_per_s"):
            print("%-14s %7s %5s %8.3f %8s %8s %11.0f %11.0f   ratio "
                  "%.2fx / %.2fx, insert %.2fx (deferred %.2fx); goal 1.5x"
                  % ("  OVS 3.1", "", "", r["ref_insert_us"], "", "",
                     r["ref_lookups_per_s"], r["ref_lookups_wc_per_s"],
                     r["lookups_per_s"] / r["ref_lookups_per_s"],
                     r["lookups_wc_per_s"] / r["ref_lookups_wc_per_s"],
                     r["ref_insert_us"] / r["insert_us"],
                     r["ref_insert_us"] / r["insert_deferred_us"]))
    print()


if __name__ == "__main__":
    main()
