"""Shared helpers of the svs-vsctl suites (tests/test_vsctl_*.py) and of
the svs-vsctl benchmark (tests/perf/vsctl/run.py).

What: finding the two programs compared (Debian's ovs-vsctl, the reference,
and our utilities/svs-vsctl), running either of them against a sandboxed
database server (tests/sandbox.py), building a rich Open_vSwitch database
state with one script of commands, dumping a whole database for
before/after comparisons, and normalising the program name in messages.

Design:
  - Every invocation passes --db=unix:<sandbox socket> and a --timeout, and
    runs with the sandbox's environment (OVS_RUNDIR etc. pointing into the
    sandbox), so that neither program can ever reach a system database.
  - svs-vsctl is optional while it is being written: svs_vsctl() returns
    None when it is not built and SVS_MISSING_REASON says why; the suites
    then run their scenarios with ovs-vsctl alone and skip the svs-vsctl
    half with that reason.  Once the program is built, everything runs.
  - dump_db() reads every table with one JSON-RPC "select" transaction, so
    it does not depend on either command-line tool.

Thread-safety: none needed; the functions keep no state except the
module-level constants.
"""

import json
import os
import re
import subprocess

import sandbox

OVS_VSCTL = "/usr/bin/ovs-vsctl"
OVS_OFCTL = "/usr/bin/ovs-ofctl"
OVS_VSWITCHD = "/usr/sbin/ovs-vswitchd"
DEBIAN_VSWITCH_SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema"
SVS_VSCTL = os.path.join(sandbox.BUILDDIR, "utilities", "svs-vsctl")

SVS_MISSING_REASON = ("utilities/svs-vsctl is not built yet (SVS_BUILDDIR=%s):"
                      " ran the ovs-vsctl half only" % sandbox.BUILDDIR)

# Per-invocation failure timeout (seconds), not a performance expectation.
TIMEOUT = 30

UUID_RE = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def svs_vsctl():
    """Returns the path of the built svs-vsctl, or None if it is not
    built."""
    return SVS_VSCTL if os.access(SVS_VSCTL, os.X_OK) else None


def _libtool_binary(path):
    """If 'path' is a libtool wrapper script for an uninstalled program,
    returns (real binary, library directory), else None.  The wrapper is a
    shell script that costs hundreds of milliseconds per run on a loaded
    machine, which would swamp both the suites' run time and the
    benchmark's figures."""
    real = os.path.join(os.path.dirname(path), ".libs",
                        os.path.basename(path))
    libdir = os.path.join(sandbox.BUILDDIR, "lib", ".libs")
    try:
        with open(path, "rb") as f:
            head = f.read(2)
    except OSError:
        return None
    if head == b"#!" and os.access(real, os.X_OK) and os.path.isdir(libdir):
        return real, libdir
    return None


def exec_args(prog, env):
    """Returns (path to execute, environment) to run program 'prog' with
    environment 'env' (a dict, not modified): for svs-vsctl built with
    shared libraries, the real binary behind libtool's wrapper with
    LD_LIBRARY_PATH pointing at the build's libraries, as the wrapper
    itself would do."""
    if prog == SVS_VSCTL:
        lt = _libtool_binary(prog)
        if lt is not None:
            real, libdir = lt
            env = dict(env)
            old = env.get("LD_LIBRARY_PATH")
            env["LD_LIBRARY_PATH"] = libdir + (":" + old if old else "")
            return real, env
    return prog, env


def tools():
    """Returns a dict name -> path of the vsctl programs available: always
    "ovs", plus "svs" once svs-vsctl is built."""
    out = {"ovs": OVS_VSCTL}
    if svs_vsctl():
        out["svs"] = SVS_VSCTL
    return out


def vsctl_argv(prog, server, args, wait=False, timeout=TIMEOUT):
    """Returns the command line that runs 'prog' (a path) with 'args'
    against 'server' (a sandbox.DbServer).  Without 'wait' it passes
    --no-wait."""
    argv = [prog, "--db=" + server.remote, "--timeout=%d" % timeout]
    if not wait:
        argv.append("--no-wait")
    return argv + list(args)


def run_vsctl(prog, server, args, wait=False, timeout=TIMEOUT, env=None):
    """Runs 'prog' with 'args' against 'server' and returns the
    CompletedProcess (text output, not checked)."""
    path, env = exec_args(prog, env or server.env)
    return subprocess.run(
        vsctl_argv(path, server, args, wait=wait, timeout=timeout),
        env=env, cwd=server.dir, capture_output=True,
        text=True, timeout=timeout + 30)


def check_vsctl(prog, server, args, **kwargs):
    """Like run_vsctl() but raises AssertionError unless it exits 0."""
    proc = run_vsctl(prog, server, args, **kwargs)
    if proc.returncode != 0:
        raise AssertionError("%s %s exited %d\nstdout:\n%s\nstderr:\n%s" % (
            prog, " ".join(args), proc.returncode, proc.stdout, proc.stderr))
    return proc


def normalize_progname(text):
    """Returns 'text' with the program name of either tool (also as a
    path, as getopt prints argv[0]) replaced by "vsctl", and the timestamps
    of log lines ("2026-11-27T00:26:22Z|00002|module|WARN|...") replaced by
    "<time>", so that the messages of the two programs compare equal when
    they say the same thing."""
    text = re.sub(r"(?:[^\s'\"]*/)?\b(?:ovs|svs)-vsctl\b", "vsctl", text)
    return re.sub(r"(?m)^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z\|",
                  "<time>|", text)


# A rich database state: several bridges, fake bridges with VLAN parents, a
# bond, tunnels, external_ids and other_config maps, controllers, a
# manager, SSL, QoS with Queues, a mirror, NetFlow, sFlow, IPFIX, a flow
# table and values that need quoting.  Each entry is the argument list of
# one ovs-vsctl run.
RICH_STATE = [
    ["init"],
    ["add-br", "br0"],
    ["add-br", "br1", "--", "set", "Bridge", "br1", "datapath_type=netdev"],
    ["add-br", "br2"],
    ["add-br", "vlan10", "br0", "10"],
    ["add-br", "vlan20", "br0", "20"],
    ["add-br", "vlan30", "br1", "30"],
    ["add-port", "br0", "p1", "--", "set", "Port", "p1", "tag=5",
     "external_ids:owner=alice", "other_config:priority-tags=true"],
    ["add-port", "br0", "p2", "--", "set", "Interface", "p2",
     "type=internal", "mtu_request=1400"],
    ["add-port", "br0", "p3", "trunks=1,2,3,100", "vlan_mode=trunk"],
    ["add-port", "vlan10", "p10"],
    ["add-port", "vlan20", "p20", "--", "set", "Interface", "p20",
     "type=internal"],
    ["add-port", "vlan30", "p30"],
    ["add-bond", "br1", "bond0", "e1", "e2", "e3", "--", "set", "Port",
     "bond0", "bond_mode=balance-slb", "lacp=active",
     "other_config:bond-detect-mode=miimon",
     "other_config:bond-miimon-interval=100"],
    ["add-port", "br1", "tun0", "--", "set", "Interface", "tun0",
     "type=vxlan", "options:remote_ip=10.0.0.2", "options:key=flow",
     "options:dst_port=4789"],
    ["add-port", "br1", "gre0", "--", "set", "Interface", "gre0",
     "type=gre", "options:remote_ip=10.0.0.3"],
    ["add-port", "br2", "q1"],
    ["add-port", "br2", "q2", "--", "set", "Interface", "q2",
     "ofport_request=42", "mac=\"02:00:00:00:00:02\""],
    ["set", "Bridge", "br0", "external_ids:desc=\"main bridge\"",
     "other_config:hwaddr=\"00:11:22:33:44:55\"", "fail_mode=secure",
     "protocols=OpenFlow10,OpenFlow13", "stp_enable=true",
     "flood_vlans=7,8"],
    ["br-set-external-id", "br1", "bridge-id", "br1-id"],
    ["br-set-external-id", "br0", "key1", "value1"],
    ["set", "Bridge", "br2", "external_ids:\"weird key\"=\"a,b=c {x}\"",
     "external_ids:empty=\"\"", "external_ids:quote='\"q\"'",
     "other_config:disable-in-band=true"],
    ["set-controller", "br0", "tcp:127.0.0.1:6653", "ptcp:6654"],
    ["set-controller", "br1", "unix:/nonexistent/ctl.sock"],
    ["set-fail-mode", "br1", "standalone"],
    ["set", "Bridge", "br1", "other_config:in-band-queue=3"],
    ["set-manager", "ptcp:6640", "punix:/nonexistent/mgr.sock"],
    ["set-ssl", "/nonexistent/key.pem", "/nonexistent/cert.pem",
     "/nonexistent/cacert.pem"],
    ["--", "--id=@q", "create", "QoS", "type=linux-htb",
     "other_config:max-rate=1000000", "queues:0=@q0", "queues:1=@q1",
     "--", "--id=@q0", "create", "Queue", "other_config:min-rate=100",
     "--", "--id=@q1", "create", "Queue", "other_config:max-rate=500",
     "dscp=10", "external_ids:name=q1",
     "--", "set", "Port", "p1", "qos=@q"],
    ["--", "--id=@p1", "get", "Port", "p1", "--", "--id=@p2", "get", "Port",
     "p2", "--", "--id=@m", "create", "Mirror", "name=m0",
     "select-src-port=@p1", "select-dst-port=@p1", "output-port=@p2",
     "select_vlan=5,6", "--", "add", "Bridge", "br0", "mirrors", "@m"],
    ["--", "--id=@n", "create", "NetFlow", "targets=\"10.0.0.1:2055\"",
     "active_timeout=60", "--", "set", "Bridge", "br0", "netflow=@n"],
    ["--", "--id=@s", "create", "sFlow", "agent=eth0",
     "targets=\"10.0.0.1:6343\",\"10.0.0.2:6343\"", "header=128",
     "sampling=64", "polling=10", "--", "set", "Bridge", "br1", "sflow=@s"],
    ["--", "--id=@i", "create", "IPFIX", "targets=\"10.0.0.9:4739\"",
     "obs_domain_id=123", "--", "set", "Bridge", "br2", "ipfix=@i"],
    ["--", "--id=@ft", "create", "Flow_Table", "flow_limit=1000",
     "overflow_policy=evict", "name=t0",
     "groups='\"NXM_OF_IN_PORT[]\"'", "--", "set", "Bridge", "br0",
     "flow_tables:0=@ft"],
    ["set", "Open_vSwitch", ".", "external_ids:system-id=host1",
     "other_config:foo=bar", "other_config:n-handler-threads=2"],
    ["set", "Interface", "p1",
     "external_ids:attached-mac=\"aa:bb:cc:dd:ee:ff\"",
     "external_ids:iface-id=vif-1", "bfd:enable=false"],
]


# Controller and Manager records found by their target, with some settings.
RICH_STATE += [
    ["--", "--id=@c", "create", "Controller", "target=\"tcp:10.1.1.1:6653\"",
     "max_backoff=5000", "inactivity_probe=3000",
     "connection_mode=out-of-band", "external_ids:role=backup",
     "--", "add", "Bridge", "br2", "controller", "@c"],
    ["--", "--id=@mg", "create", "Manager", "target=\"ssl:10.2.2.2:6640\"",
     "max_backoff=8000", "other_config:dscp=0",
     "--", "add", "Open_vSwitch", ".", "manager_options", "@mg"],
]


def build_rich_state(server, prog=OVS_VSCTL):
    """Runs RICH_STATE with 'prog' (default: ovs-vsctl) against 'server',
    which must serve an empty Open_vSwitch database, without waiting for a
    switch."""
    for args in RICH_STATE:
        check_vsctl(prog, server, args)


def start_vswitch_db(factory, impl, schema="vswitch", init=True):
    """Starts and returns a server of 'impl' from 'factory' (a
    sandbox.ServerFactory or the db_server fixture) serving an
    Open_vSwitch database from 'schema', initialized with `ovs-vsctl
    --no-wait init` when 'init'."""
    server = factory(impl=impl, schemas=[schema])
    if init:
        check_vsctl(OVS_VSCTL, server, ["init"])
    return server


def table_names(server):
    """Returns the sorted table names of the Open_vSwitch database that
    'server' serves, read from its schema file."""
    with open(server.schemas[0]) as f:
        return sorted(json.load(f)["tables"])


def dump_db(server):
    """Returns the whole Open_vSwitch database of 'server' as a canonical
    text: every row of every table, rows sorted by UUID, members sorted,
    one JSON text.  Two dumps are equal iff the contents are."""
    tables = table_names(server)
    ops = [{"op": "select", "table": t, "where": []} for t in tables]
    with sandbox.JsonRpcClient(server.sock_path) as client:
        results = client.transact("Open_vSwitch", *ops)
    out = {}
    for table, res in zip(tables, results):
        rows = sorted(res["rows"], key=lambda r: r["_uuid"][1])
        out[table] = rows
    return json.dumps(out, sort_keys=True, indent=1)


def diff_text(a, b, name_a="expected", name_b="got"):
    """Returns a unified diff of two texts (for assertion messages)."""
    import difflib
    return "".join(difflib.unified_diff(
        a.splitlines(True), b.splitlines(True), name_a, name_b))
