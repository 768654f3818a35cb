"""svs-vsctl against ovs-vsctl, command by command.

Each test is a session: a list of command lines run one after the other,
once with Debian's ovs-vsctl (the reference) and once with svs-vsctl, each
against its own fresh svsdb-server database initialized the same way.
The outputs of every step must match: stdout, exit status and stderr
(with the program name and log prefixes normalized).  Things that
legitimately differ between two runs are normalized before comparing:
UUIDs (random), and the order of records in list/find output, of rows in
other table formats and of sibling blocks in "show" (hash or UUID order).
"""

import json
import os
import re
import subprocess
import threading
import time

import pytest

import sandbox
from conftest import program

OVS_VSCTL = "/usr/bin/ovs-vsctl"
UUID_RE = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
LOG_PREFIX_RE = re.compile(r"^\d{4}-\d\d-\d\dT[\d:.]+Z\|\d+\|", re.M)

# Normalizations of a step's stdout.
EXACT = "exact"          # compare as is (after UUID replacement)
RECORDS = "records"      # blank-line separated records, any order
ROWS = "rows"            # heading lines then rows, any order
CSV = "csv"              # heading line then rows, any order
SHOW = "show"            # indented tree, siblings in any order
JSON = "json"            # --format=json: rows of "data" in any order
LINES = "lines"          # lines in any order


def _sort_tree(lines):
    """Sorts the sibling blocks of an indented tree, recursively."""
    def depth(line):
        return len(line) - len(line.lstrip(" "))

    def build(i, level):
        blocks = []
        while i < len(lines) and depth(lines[i]) >= level:
            head = lines[i]
            i += 1
            children, i = build(i, depth(head) + 1)
            blocks.append("\n".join([head] + children))
        return sorted(blocks), i

    out, _ = build(0, 0)
    return "\n".join(out).split("\n") if out else []


def normalize_stdout(text, kind):
    text = UUID_RE.sub("<uuid>", text)
    if kind == EXACT:
        return text
    if kind == RECORDS:
        return sorted(r.strip("\n") for r in text.split("\n\n") if r.strip())
    if kind == ROWS:
        lines = text.splitlines()
        return lines[:2] + sorted(lines[2:])
    if kind == CSV:
        lines = text.splitlines()
        return lines[:1] + sorted(lines[1:])
    if kind == LINES:
        return sorted(text.splitlines())
    if kind == SHOW:
        return _sort_tree(text.splitlines())
    if kind == JSON:
        objs = []
        for line in text.splitlines():
            if line.strip():
                obj = json.loads(line)
                if "data" in obj:
                    obj["data"] = sorted(obj["data"], key=json.dumps)
                objs.append(obj)
        return objs
    raise ValueError(kind)


def normalize_stderr(text, prog):
    text = re.sub(r"\S*[os]vs-vsctl", "PROG", text)
    text = LOG_PREFIX_RE.sub("", text)
    text = UUID_RE.sub("<uuid>", text)
    return text


class Session(object):
    """A database server for one client program ('prog')."""

    def __init__(self, tmpdir, prog):
        self.prog = prog
        self.server = sandbox.DbServer("svs", tmpdir, schemas=["vswitch"])
        self.server.start()

    def run(self, args, wait=False, timeout=sandbox.TIMEOUT):
        argv = [self.prog]
        if not wait:
            argv.append("--no-wait")
        argv += ["--db=" + self.server.remote] + list(args)
        return subprocess.run(argv, env=self.server.env, cwd=self.server.dir,
                              capture_output=True, text=True,
                              timeout=timeout)

    def stop(self):
        self.server.stop()


@pytest.fixture
def sessions(tmp_path):
    """Two fresh servers: one for ovs-vsctl, one for svs-vsctl."""
    if not os.access(OVS_VSCTL, os.X_OK):
        pytest.skip("ovs-vsctl not installed")
    made = []

    def make():
        ref = Session(tmp_path / "ref", OVS_VSCTL)
        made.append(ref)
        svs = Session(tmp_path / "svs", program("utilities/svs-vsctl"))
        made.append(svs)
        return ref, svs

    yield make
    for s in made:
        s.stop()


def step(args, kind=EXACT):
    return (list(args), kind)


def compare(sessions, steps, init=True):
    """Runs 'steps' (lists of arguments, or (args, kind) pairs) in both
    sessions and checks that every step's results match."""
    ref, svs = sessions()
    if init:
        steps = [["init"]] + list(steps)
    for s in steps:
        args, kind = s if isinstance(s, tuple) else (s, EXACT)
        r = ref.run(args)
        o = svs.run(args)
        what = "step %r" % (args,)
        assert o.returncode == r.returncode, "%s: exit %d, expected %d\n" \
            "svs stderr: %s\nref stderr: %s" % (
                what, o.returncode, r.returncode, o.stderr, r.stderr)
        assert (normalize_stdout(o.stdout, kind)
                == normalize_stdout(r.stdout, kind)), \
            "%s stdout:\n%s\nexpected:\n%s" % (what, o.stdout, r.stdout)
        assert (normalize_stderr(o.stderr, svs.prog)
                == normalize_stderr(r.stderr, ref.prog)), \
            "%s stderr:\n%s\nexpected:\n%s" % (what, o.stderr, r.stderr)
    return ref, svs


# A database with real and fake bridges, bonds, controllers and so on.
SETUP = [
    ["add-br", "br0"],
    ["add-br", "br1"],
    ["add-port", "br0", "p1"],
    ["add-port", "br0", "p2", "tag=5"],
    ["add-bond", "br0", "bond0", "e1", "e2"],
    ["add-br", "fake5", "br0", "5"],
    ["add-port", "fake5", "pf"],
    ["add-port", "br1", "q1", "--", "add-port", "br1", "q2"],
]


# Open vSwitch commands.

def test_init_show(sessions):
    compare(sessions, [["init"], step(["show"], SHOW)] + SETUP + [
        ["set-controller", "br0", "tcp:1.2.3.4:6653", "ptcp:6633"],
        ["set-fail-mode", "br0", "secure"],
        ["set-manager", "ptcp:6640"],
        ["set", "Bridge", "br0", "datapath_type=netdev"],
        ["set", "Port", "p1", "trunks=1,2,3"],
        ["set", "Interface", "p1", "type=vxlan",
         "options:remote_ip=1.1.1.1", "error=bad"],
        ["set", "Open_vSwitch", ".", "ovs_version=3.1"],
        step(["show"], SHOW)])


def test_emer_reset(sessions):
    compare(sessions, SETUP + [
        ["set-controller", "br0", "tcp:1.2.3.4:6653"],
        ["set-manager", "ptcp:6640"],
        ["set-ssl", "/k", "/c", "/ca"],
        ["set", "Bridge", "br0", "other_config:hwaddr=00:11:22:33:44:55",
         "other_config:x=y", "flood_vlans=1,2", "fail_mode=standalone"],
        ["set", "Port", "p1", "other_config:a=b"],
        ["set", "Interface", "p1", "ingress_policing_rate=10"],
        ["emer-reset"],
        step(["show"], SHOW),
        ["get", "Bridge", "br0", "other_config", "flood_vlans", "fail_mode",
         "controller"],
        ["get", "Port", "p1", "other_config"],
        ["get", "Interface", "p1", "ingress_policing_rate"],
        ["get-manager"], ["get-ssl"],
        step(["list", "Controller"], RECORDS),
        step(["list", "Manager"], RECORDS)])


# Bridge commands.

def test_add_del_list_br(sessions):
    compare(sessions, [
        ["add-br", "br0"], ["list-br"], ["add-br", "br0"],
        ["--may-exist", "add-br", "br0"],
        ["add-br", "a1", "--", "add-br", "a2"], ["list-br"],
        ["add-br"], ["add-br", "x", "br0"],
        ["add-br", "f1", "br0", "10"], ["add-br", "f2", "br9", "10"],
        ["add-br", "f3", "br0", "5000"], ["add-br", "f4", "br0", "-1"],
        ["add-br", "f5", "f1", "3"],
        ["--may-exist", "add-br", "f1", "br0", "10"],
        ["--may-exist", "add-br", "f1", "br0", "11"],
        ["--may-exist", "add-br", "f1", "a1", "10"],
        ["--may-exist", "add-br", "f1"],
        ["--may-exist", "add-br", "br0", "a1", "3"],
        ["list-br"], ["--real", "list-br"], ["--fake", "list-br"],
        ["del-br", "br9"], ["--if-exists", "del-br", "br9"],
        ["del-br", "f1"], ["list-br"], ["del-br", "br0"], ["list-br"],
        step(["list", "Port"], RECORDS),
        step(["list", "Interface"], RECORDS),
        ["list-br", "extra"],
        ["list-br", "--oneline"]])


def test_br_exists_vlan_parent(sessions):
    compare(sessions, SETUP + [
        ["br-exists", "br0"], ["br-exists", "fake5"], ["br-exists", "nob"],
        ["br-to-vlan", "br0"], ["br-to-vlan", "fake5"],
        ["br-to-vlan", "nob"],
        ["br-to-parent", "br0"], ["br-to-parent", "fake5"],
        ["br-to-parent", "nob"]])


def test_br_external_id(sessions):
    compare(sessions, SETUP + [
        ["br-set-external-id", "br0", "a", "b"],
        ["br-set-external-id", "br0", "c", "d"],
        ["br-get-external-id", "br0"], ["br-get-external-id", "br0", "a"],
        ["br-get-external-id", "br0", "zz"],
        ["br-set-external-id", "br0", "a"],
        ["br-get-external-id", "br0"],
        ["br-set-external-id", "fake5", "k", "v"],
        ["br-get-external-id", "fake5"],
        ["br-get-external-id", "fake5", "k"],
        ["get", "Port", "fake5", "external_ids"],
        ["br-set-external-id", "fake5", "k"],
        ["br-get-external-id", "fake5"],
        ["br-get-external-id", "nob"]])


def test_aa_mapping(sessions):
    """Auto Attach mappings: a fake bridge's are its parent's; an I-SID
    already mapped keeps its VLAN; deleting needs the right VLAN; bad
    numbers and out-of-range values fail like ovs-vsctl."""
    compare(sessions, SETUP + [
        ["get-aa-mapping", "br0"],
        ["add-aa-mapping", "br0", "100", "5"],
        ["add-aa-mapping", "br0", "200", "6"],
        ["get-aa-mapping", "br0"],
        ["add-aa-mapping", "fake5", "300", "7"],
        ["get-aa-mapping", "fake5"],
        ["add-aa-mapping", "br0", "100", "9"],
        ["get-aa-mapping", "br0"],
        ["del-aa-mapping", "br0", "100", "9"],
        ["del-aa-mapping", "br0", "100", "5"],
        ["del-aa-mapping", "br0", "200", "6", "--",
         "add-aa-mapping", "br0", "200", "8"],
        ["get-aa-mapping", "br0"],
        ["add-aa-mapping", "br0", "x", "5"],
        ["add-aa-mapping", "br0", "5", "y"],
        ["add-aa-mapping", "br0", "5x", "7"],
        ["add-aa-mapping", "br0", "1", "4096"],
        ["get-aa-mapping", "br0"],
        ["add-aa-mapping", "nob", "1", "2"],
        ["get-aa-mapping", "nob"],
        ["del-aa-mapping", "br1", "1", "1"],
        ["get-aa-mapping", "br1"],
        ["add-aa-mapping", "br0", "1"],
        ["--columns=mappings", "list", "AutoAttach"]])


# Port and interface commands.

def test_ports(sessions):
    compare(sessions, SETUP + [
        ["list-ports", "br0"], ["list-ports", "fake5"],
        ["list-ports", "br1"], ["list-ports", "nob"],
        ["add-port", "nob", "x"], ["add-port", "br0", "p1"],
        ["add-port", "br0", "br1"], ["add-port", "br0", "e1"],
        ["--may-exist", "add-port", "br0", "p1"],
        ["--may-exist", "add-port", "br1", "p1"],
        ["--may-exist", "add-port", "br0", "bond0"],
        ["--may-exist", "add-bond", "br0", "bond0", "e2", "e1"],
        ["--may-exist", "add-bond", "br0", "bond0", "e1", "e3"],
        ["add-port", "br0", "p3", "nosuch=1"],
        ["add-port", "br0", "p3", "tag=5000"],
        ["add-port", "br0", "p3", "tag=7", "other_config:a=b"],
        ["get", "Port", "p3", "tag", "other_config"],
        ["add-bond", "br0", "b1", "x1"], ["add-bond", "br0", "b1", "x1",
                                          "lacp=active"],
        ["--fake-iface", "add-bond", "br0", "b2", "y1", "y2",
         "bond_mode=balance-slb"],
        ["get", "Port", "b2", "bond_fake_iface", "bond_mode"],
        ["port-to-br", "p1"], ["port-to-br", "pf"], ["port-to-br", "nop"],
        ["port-to-br", "br0"],
        ["list-ifaces", "br0"], ["list-ifaces", "fake5"],
        ["iface-to-br", "e1"], ["iface-to-br", "pf"],
        ["iface-to-br", "noi"], ["iface-to-br", "br0"],
        ["list-ports", "br0"]])


def test_del_port(sessions):
    compare(sessions, SETUP + [
        ["del-port", "nop"], ["--if-exists", "del-port", "nop"],
        ["del-port", "br0", "nop"], ["del-port", "e1"],
        ["del-port", "br1", "p1"], ["del-port", "br0", "pf"],
        ["del-port", "fake5", "pf"], ["list-ports", "fake5"],
        ["del-port", "br0", "p1"], ["list-ports", "br0"],
        ["--with-iface", "del-port", "e9"],
        ["--with-iface", "del-port", "br0", "e9"],
        ["--with-iface", "--if-exists", "del-port", "e9"],
        ["--with-iface", "del-port", "e1"], ["list-ports", "br0"],
        ["list-ifaces", "br0"],
        ["del-port", "q1", "--", "del-port", "q2"], ["list-ports", "br1"],
        step(["--columns=name", "list", "Interface"], RECORDS)])


# Controllers, fail mode, managers, SSL.

def test_bond_iface(sessions):
    """add-bond-iface and del-bond-iface: a port with one interface
    becomes a bond and back; their errors and options."""
    compare(sessions, SETUP + [
        ["add-bond-iface", "bond0", "e3"],
        ["list-ifaces", "br0"],
        ["add-bond-iface", "bond0", "e3"],
        ["--may-exist", "add-bond-iface", "bond0", "e3"],
        ["add-bond-iface", "bond0", "p1"],
        ["--may-exist", "add-bond-iface", "bond0", "p1"],
        ["add-bond-iface", "bond0", "br1"],
        ["add-bond-iface", "nosuch", "e9"],
        ["add-bond-iface", "br0", "e9"],
        ["add-bond-iface", "pf", "pf2"],
        ["list-ifaces", "fake5"],
        ["iface-to-br", "pf2"],
        ["add-bond-iface", "bond0"],
        ["add-bond-iface", "bond0", "e4", "e5"],
        ["del-bond-iface", "pf2"],
        ["del-bond-iface", "pf2"],
        ["--if-exists", "del-bond-iface", "pf2"],
        ["--if-exists", "del-bond-iface", "nob", "pf2"],
        ["--if-exists", "del-bond-iface", "nob", "pf"],
        ["del-bond-iface", "bond0", "p1"],
        ["del-bond-iface", "nob", "e1"],
        ["del-bond-iface", "pf"],
        ["del-bond-iface", "a", "b", "c"],
        ["del-bond-iface", "bond0", "e3", "--", "del-bond-iface", "e2"],
        ["del-bond-iface", "bond0", "e1"],
        (["--columns=name", "list", "Interface"], RECORDS),
        (["--columns=name,interfaces", "list", "Port"], RECORDS),
        ["add-bond-iface", "bond0", "e7", "--", "list-ifaces", "br0",
         "--", "del-bond-iface", "e7", "--", "list-ifaces", "br0"],
        ["list-ifaces", "br0"],
    ])


def test_controller_fail_mode(sessions):
    compare(sessions, SETUP + [
        ["get-controller", "br0"],
        ["set-controller", "br0", "tcp:1.2.3.4:6653", "ptcp:6633"],
        ["get-controller", "br0"], ["get-controller", "fake5"],
        ["set-controller", "fake5", "tcp:1.1.1.1"],
        ["set-controller", "br0", "unix:/x"], ["get-controller", "br0"],
        step(["--columns=target", "list", "Controller"], RECORDS),
        ["del-controller", "br0"], ["get-controller", "br0"],
        ["del-controller", "nob"], ["get-controller", "nob"],
        ["get-fail-mode", "br0"], ["set-fail-mode", "br0", "secure"],
        ["get-fail-mode", "br0"], ["get-fail-mode", "fake5"],
        ["set-fail-mode", "br0", "bad"], ["set-fail-mode", "fake5", "secure"],
        ["del-fail-mode", "br0"], ["get-fail-mode", "br0"],
        ["del-fail-mode", "fake5"]])


def test_inactivity_probe(sessions):
    """--inactivity-probe=MSECS of set-controller and set-manager, read
    like ovs-vsctl reads it (leading digits, none gives 0)."""
    compare(sessions, SETUP + [
        ["--", "--inactivity-probe=3000", "set-controller", "br0",
         "tcp:1.2.3.4:6653", "tcp:1.2.3.5:6653"],
        ["--columns=target,inactivity_probe", "find", "Controller",
         "target=tcp\\:1.2.3.4\\:6653"],
        ["--bare", "--columns=inactivity_probe", "list", "Controller"],
        ["--", "--inactivity-probe=-5", "set-manager", "ptcp:6640"],
        ["--bare", "--columns=target,inactivity_probe", "list", "Manager"],
        ["--", "--inactivity-probe=abc", "set-manager", "ptcp:6641"],
        ["--bare", "--columns=inactivity_probe", "list", "Manager"],
        ["--", "--inactivity-probe=12x", "set-controller", "br1",
         "tcp:9.9.9.9"],
        ["--", "--inactivity-probe", "set-manager", "ptcp:6642"],
        ["--", "--inactivity-probe=5", "get-manager"],
        ["get-controller", "br1"],
        ["--bare", "--columns=inactivity_probe", "find", "Controller",
         "target=tcp\\:9.9.9.9"]])


def test_manager_ssl(sessions):
    compare(sessions, [
        ["get-manager"], ["set-manager", "ptcp:6640", "tcp:1.2.3.4:6640"],
        ["get-manager"], ["set-manager", "punix:/x"], ["get-manager"],
        step(["--columns=target", "list", "Manager"], RECORDS),
        ["del-manager"], ["get-manager"],
        ["get-ssl"], ["set-ssl", "/k", "/c", "/ca"], ["get-ssl"],
        ["--bootstrap", "set-ssl", "/k2", "/c2", "/ca2"], ["get-ssl"],
        step(["list", "SSL"], RECORDS), ["del-ssl"], ["get-ssl"],
        ["set-ssl", "/k"]])


# Database commands.

def test_list_get(sessions):
    compare(sessions, SETUP + [
        step(["list", "Bridge"], RECORDS),
        step(["list", "Bridge", "br0"], RECORDS),
        step(["list", "br", "br0", "br1"], RECORDS),
        ["list", "Bridge", "nob"], ["--if-exists", "list", "Bridge", "nob"],
        ["list", "Nosuch"], ["list", "Open"],
        step(["--columns=name,ports", "list", "Bridge"], RECORDS),
        ["--columns=nme", "list", "Bridge"],
        step(["list", "Open_vSwitch", "."], RECORDS),
        step(["list", "Interface", "e1"], RECORDS),
        ["get", "Bridge", "br0", "name", "stp_enable", "fail_mode"],
        ["get", "Bridge", "nob", "name"], ["get", "Bridge", "br0", "nosuch"],
        ["get", "Brid", "br0", "name"],
        ["get", "Port", "p2", "tag"], ["get", "Open_vSwitch", ".",
                                       "bridges"],
        ["get", "Bridge", "br0", "other_config:x"],
        ["--if-exists", "get", "Bridge", "br0", "other_config:x", "name"],
        ["get", "Bridge", "br0", "name:x"],
        ["get", "Bridge", "br0", "_uuid"],
        ["--id=@b", "get", "Bridge", "br0", "--", "--id=@b", "get",
         "Bridge", "br1"],
        ["--id=b", "get", "Bridge", "br0"],
        ["get", "Bridge", "br0"],
        ["--oneline", "get", "Bridge", "br0", "name", "stp_enable"]])


def test_formats(sessions):
    compare(sessions, SETUP + [
        step(["--format=table", "--columns=name,stp_enable", "list",
              "Bridge"], ROWS),
        step(["--format=csv", "--columns=name,tag", "list", "Port"], CSV),
        step(["--format=json", "list", "Bridge", "br0"], JSON),
        step(["--format=json", "--pretty", "--columns=name", "list",
              "Bridge", "br0"], EXACT),
        step(["--format=html", "--columns=name", "list", "Bridge", "br1"],
             EXACT),
        step(["--bare", "--columns=name", "find", "Bridge"], LINES),
        step(["--no-headings", "--format=table", "--columns=name", "list",
              "Bridge"], LINES),
        step(["-f", "list", "--columns=name", "list", "Bridge", "br0"],
             RECORDS),
        ["--format=bogus", "list", "Bridge"],
        step(["--oneline", "list-br", "--", "list-ports", "br0", "--",
              "br-to-vlan", "fake5"]),
    ])


def test_set_add_remove_clear(sessions):
    compare(sessions, SETUP + [
        ["set", "Bridge", "br0", "stp_enable=true", "other_config:a=b",
         "external_ids={x=y, z=w}"],
        ["get", "Bridge", "br0", "stp_enable", "other_config",
         "external_ids"],
        ["set", "Bridge", "br0", "stp_enable=maybe"],
        ["set", "Bridge", "br0", "fail_mode=xx"],
        ["set", "Interface", "p1", "ofport_request=0"],
        ["set", "Bridge", "br0", "name=x"],
        ["set", "Bridge", "br0", "nosuch=1"],
        ["set", "Bridge", "br0", "stp_enable"],
        ["set", "Bridge", "br0", "stp_enable:k=v"],
        ["set", "Bridge", "nob", "stp_enable=true"],
        ["--if-exists", "set", "Bridge", "nob", "stp_enable=true"],
        ["add", "Bridge", "br0", "flood_vlans", "1", "2-4"],
        ["get", "Bridge", "br0", "flood_vlans"],
        ["add", "Bridge", "br0", "flood_vlans", "5000"],
        ["add", "Bridge", "br0", "flood_vlans", ""],
        ["add", "Bridge", "br0", "other_config", "a=c", "d=e"],
        ["get", "Bridge", "br0", "other_config"],
        ["add", "Bridge", "br0", "other_config", "a"],
        ["add", "Bridge", "br0", "name", "x"],
        ["add", "Port", "p2", "tag", "6"],
        # Too many values for a column: the server's constraint
        # violation, its "details" included.
        ["set", "Bridge", "br0", "fail_mode=secure"],
        ["add", "Bridge", "br0", "fail_mode", "standalone"],
        ["add", "Bridge", "br0", "fail_mode", "secure"],
        ["get", "Bridge", "br0", "fail_mode"],
        ["add", "Bridge", "br0", "flood_vlans", "7", "--", "add", "Port",
         "p2", "tag", "8"],
        ["clear", "Bridge", "br0", "fail_mode"],
        ["remove", "Bridge", "br0", "flood_vlans", "2", "3-4"],
        ["get", "Bridge", "br0", "flood_vlans"],
        ["remove", "Bridge", "br0", "other_config", "a", "d=x"],
        ["get", "Bridge", "br0", "other_config"],
        ["remove", "Bridge", "br0", "other_config", "d=e"],
        ["remove", "Bridge", "br0", "other_config", "a=b=c"],
        ["remove", "Port", "p1", "interfaces",
         "00000000-0000-0000-0000-000000000000"],
        ["clear", "Bridge", "br0", "flood_vlans", "external_ids"],
        ["get", "Bridge", "br0", "flood_vlans", "external_ids"],
        ["clear", "Port", "p1", "interfaces"],
        ["clear", "Bridge", "br0", "name"],
        ["--if-exists", "clear", "Bridge", "nob", "name"],
        ["set", "Port", "p1", 'external_ids:"a b"="c d"'],
        ["get", "Port", "p1", "external_ids"],
        ["set", "Port", "p1", 'external_ids:q="unterminated'],
        ["set", "Port", "p1", "trunks=[1,2", ],
        ["set", "Port", "p1", "trunks=[1,2]x"],
    ])


def test_create_destroy(sessions):
    compare(sessions, SETUP + [
        ["create", "Bridge"],
        step(["create", "Bridge", "name=x"], EXACT),
        ["list-br"],
        step(["--id=@q", "create", "QoS", "type=linux-htb"], EXACT),
        ["--id=q", "create", "QoS", "type=x"],
        step(["--", "--id=@m", "create", "Manager", 'target="ptcp:1"'],
             EXACT),
        step(["--", "--id=@m", "create", "Manager", 'target="ptcp:2"', "--",
              "add", "Open_vSwitch", ".", "manager_options", "@m"]),
        ["get-manager"],
        ["add", "Open_vSwitch", ".", "manager_options", "@nope"],
        step(["--", "set", "Port", "p1", "qos=@q", "--", "--id=@q",
              "create", "QoS", "type=linux-htb", "queues:0=@q0", "--",
              "--id=@q0", "create", "Queue", "other_config:max-rate=10"]),
        ["--columns=type,other_config", "list", "Queue"],
        step(["--columns=type", "list", "QoS"], RECORDS),
        ["destroy", "QoS", "nope"], ["--if-exists", "destroy", "QoS",
                                     "nope"],
        ["destroy", "QoS"], ["--all", "destroy", "QoS", "x"],
        ["--all", "destroy", "Queue"],
        ["--all", "destroy", "QoS"],
        step(["--columns=type", "list", "QoS"], RECORDS),
        ["destroy", "Bridge", "br1"], ["list-br"],
        ["clear", "Port", "p1", "qos"],
        ["--all", "destroy", "QoS"],
        step(["list", "QoS"], RECORDS),
    ])


def test_find(sessions):
    compare(sessions, SETUP + [
        ["set", "Bridge", "br0", "other_config:x=y", "flood_vlans=1,2"],
        step(["--columns=name", "find", "Bridge", "name=br0"], RECORDS),
        step(["--columns=name", "find", "Bridge"], RECORDS),
        step(["--columns=name", "find", "Bridge", "name!=br0"], RECORDS),
        step(["--columns=name", "find", "Port", "tag=5"], RECORDS),
        step(["--columns=name", "find", "Port", "tag<6"], RECORDS),
        step(["--columns=name", "find", "Port", "tag>=5"], RECORDS),
        step(["--columns=name", "find", "Port", "tag{<=}[5,6]"], RECORDS),
        step(["--columns=name", "find", "Bridge", "other_config:x=y"],
             RECORDS),
        step(["--columns=name", "find", "Bridge", "other_config:q!=y"],
             RECORDS),
        step(["--columns=name", "find", "Bridge", "other_config:q{!=}y"],
             RECORDS),
        step(["--columns=name", "find", "Bridge",
              "other_config:x{in}[y,z]"], RECORDS),
        step(["--columns=name", "find", "Bridge", "flood_vlans{>=}1"],
             RECORDS),
        step(["--columns=name", "find", "Bridge", "flood_vlans{>}[1,2]"],
             RECORDS),
        step(["--columns=name", "find", "Bridge", "flood_vlans{not-in}3"],
             RECORDS),
        step(["--columns=name", "find", "Bridge", "flood_vlans=[1,2]"],
             RECORDS),
        step(["--columns=name", "find", "Interface", "type=internal",
              "name!=br1"], RECORDS),
        ["find", "Bridge", "name="], ["find", "Bridge", "nm=x"],
        ["find", "Bridge", "name~x"], ["find", "Bridge", "name:x=1"],
        ["find", "Bridge", "name{in}[br0,x]"],
    ])


def test_wait_until(sessions):
    compare(sessions, SETUP + [
        ["wait-until", "Bridge", "br0"],
        ["wait-until", "Bridge", "br0", "name=br0"],
        ["wait-until", "Port", "p2", "tag=5", "--", "list-br"],
    ])


def test_wait_until_blocks(sessions):
    """wait-until waits for the condition, then succeeds."""
    ref, svs = sessions()
    for s in (ref, svs):
        assert s.run(["init"]).returncode == 0
        proc = subprocess.Popen(
            [s.prog, "--no-wait", "--db=" + s.server.remote,
             "--timeout=20", "wait-until", "Bridge", "brw",
             "stp_enable=true"],
            env=s.server.env, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
        time.sleep(0.3)
        assert proc.poll() is None
        assert s.run(["add-br", "brw"]).returncode == 0
        time.sleep(0.2)
        assert proc.poll() is None
        assert s.run(["set", "Bridge", "brw",
                      "stp_enable=true"]).returncode == 0
        out, err = proc.communicate(timeout=20)
        assert proc.returncode == 0, err


def test_references_and_values(sessions):
    """Typical multi-command recipes (mirrors, NetFlow, QoS) and the value
    syntax: quoting, escapes, ranges, abbreviations, errors."""
    compare(sessions, [
        ["add-br", "br0", "--", "add-port", "br0", "p1", "--", "set",
         "Interface", "p1", "type=internal"],
        ["add-port", "br0", "p2", "--", "set", "Interface", "p2",
         "ofport_request=5", "--", "get", "Interface", "p2",
         "ofport_request"],
        ["--", "set", "Bridge", "br0", "mirrors=@m", "--", "--id=@p1",
         "get", "Port", "p1", "--", "--id=@m", "create", "Mirror",
         "name=m0", "select-dst-port=@p1", "select-src-port=@p1",
         "output-port=@p1"],
        step(["--columns=name,select_dst_port", "list", "Mirror"], RECORDS),
        ["get", "Mirror", "m0", "name"],
        ["set", "Bridge", "br0", "protocols=OpenFlow10,OpenFlow13"],
        ["get", "Bridge", "br0", "protocols"],
        ["set", "Bridge", "br0", "protocols=OpenFlow99"],
        step(["--", "--id=@nf", "create", "NetFlow",
              'targets="1.2.3.4:5566"', "--", "set", "Bridge", "br0",
              "netflow=@nf"]),
        step(["--columns=targets", "list", "NetFlow", "br0"], RECORDS),
        ["set", "NetFlow", "br0", "active_timeout=-5"],
        ["set", "NetFlow", "br0", "active_timeout=abc"],
        step(["--", "set", "Port", "p1", "qos=@newqos", "--", "--id=@newqos",
              "create", "QoS", "type=linux-htb",
              "other-config:max-rate=1000000", "queues=0=@q0", "--",
              "--id=@q0", "create", "Queue", "other-config:min-rate=100"]),
        step(["--columns=other_config", "list", "Queue"], RECORDS),
        ["get", "QoS", "p1", "type"],
        ["set", "Open", ".", "other_config:foo=bar", "external_ids:a=b"],
        ["get", "Open", ".", "other_config:foo"],
        ["remove", "Open", ".", "other_config", "foo"],
        ["set", "Interface", "p1", "options:peer=p2", "type=patch"],
        ["get", "Interface", "p1", "options:peer"],
        ["set", "Port", "p1", "vlan_mode=trunk", "trunks=10-12"],
        ["get", "Port", "p1", "trunks", "vlan_mode"],
        ["set", "Port", "p1", "tag=[]"], ["get", "Port", "p1", "tag"],
        ["set", "Bridge", "br0", 'external_ids:k="a b"',
         'other_config:z="x\\ny"'],
        ["get", "Bridge", "br0", "external_ids", "other_config"],
        ["--oneline", "get", "Bridge", "br0", "other_config"],
        step(["--format=table", "--columns=name,other_config", "list",
              "Bridge"], ROWS),
        step(["--data=json", "--columns=name,external_ids", "list",
              "Bridge"], RECORDS),
        step(["--data=bare", "--columns=name,external_ids", "list",
              "Bridge"], RECORDS),
        ["set", "Bridge", "br0", "other_config:q=a\\"],
        ["set", "Bridge", "br0", "other_config=a"],
        ["set", "Bridge", "br0", "other_config={a=b"],
        ["set", "Bridge", "br0", "other_config={a=b}}"],
        ["set", "Bridge", "br0", "other_config={a=b,a=c}"],
        ["set", "Bridge", "br0", "flood_vlans=[1,1]"],
        ["set", "Bridge", "br0", "flood_vlans=5-3"],
        ["set", "Bridge", "br0", "flood_vlans=1-5000"],
        ["set", "Bridge", "br0", "stp-enable=yes"],
        ["get", "bridge", "br0", "STP_ENABLE"],
        ["set", "Interface", "p1", "mtu_request=1.5"],
        ["set", "Interface", "p2", "=3"], ["set", "Interface", "p2", ":k=3"],
        ["--id=@a", "create", "QoS", "--", "add", "Port", "p1", "qos",
         "@a"],
        ["add", "Port", "p1", "qos", "@zz"],
        ["remove", "Bridge", "br0", "flood_vlans", "["],
        step(["--columns=name", "find", "Port", "trunks{>=}[10,11]",
              "name!=x"], RECORDS),
        ["list", "Port", "p9", "p1"],
        ["set-manager", "ptcp:6640", "ptcp:6641"],
        step(["--columns=target", "list", "Manager", "ptcp:6640"], RECORDS),
        ["get", "Manager", "ptcp:6641", "target"],
    ])


def test_command_line_errors(sessions):
    compare(sessions, [
        [], ["foo"], ["--", "list-br"], ["list-br", "--"],
        ["--may-exist", "list-br"], ["--id", "create", "Bridge"],
        ["--if-exists=1", "del-br", "x"],
        ["--if-exists", "--if-exists", "del-br", "x"],
        ["--may-exist"], ["add-port", "br0"],
        ["del-port", "a", "b", "c"],
        ["--dry-run", "add-br", "brd"], ["list-br"],
        ["comment", "hello", "--", "list-br"],
    ], init=False)


def test_one_transaction(sessions):
    """A failing command leaves the database unchanged."""
    compare(sessions, [
        ["add-br", "br0", "--", "add-port", "br0", "p1", "--",
         "add-port", "br0", "p1"],
        ["list-br"],
        ["add-br", "br0", "--", "add-port", "br0", "p1", "--",
         "set", "Port", "p1", "tag=9999"],
        ["list-br"],
        ["add-br", "br0", "--", "add-port", "br0", "p1", "--",
         "list-ports", "br0", "--", "port-to-br", "p1"],
        ["del-br", "br0", "--", "list-br", "--", "add-br", "br0", "--",
         "list-ports", "br0"],
    ])


def test_wait_for_reload(sessions):
    """Without --no-wait the tool waits until cur_cfg reaches next_cfg;
    read-only commands do not wait."""
    ref, svs = sessions()
    for s in (ref, svs):
        assert s.run(["init"]).returncode == 0
        # Read-only: no wait.
        assert s.run(["list-br"], wait=True, timeout=10).returncode == 0
        proc = subprocess.Popen(
            [s.prog, "--db=" + s.server.remote, "--timeout=20", "add-br",
             "brw"], env=s.server.env, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 10
        next_cfg = 0
        while time.monotonic() < deadline:
            r = s.run(["get", "Open_vSwitch", ".", "next_cfg"])
            next_cfg = int(r.stdout)
            if next_cfg > 0:
                break
            time.sleep(0.05)
        assert next_cfg == 1
        time.sleep(0.2)
        assert proc.poll() is None
        assert s.run(["set", "Open_vSwitch", ".",
                      "cur_cfg=%d" % next_cfg]).returncode == 0
        out, err = proc.communicate(timeout=20)
        assert proc.returncode == 0, err
        assert s.run(["br-exists", "brw"]).returncode == 0


def test_timeout(sessions):
    ref, svs = sessions()
    errs = []
    for s in (ref, svs):
        assert s.run(["init"]).returncode == 0
        r = s.run(["--timeout=1", "wait-until", "Bridge", "nob"], timeout=10)
        assert r.returncode == -14, (s.prog, r.returncode, r.stderr)
        errs.append(re.sub(r"\|\d+\|", "|", r.stderr[20:]))
    assert errs[0] == errs[1]


def test_wait_on_fresh_database(sessions):
    """On a database without an Open_vSwitch row, the row is created
    with next_cfg 1 and the tool waits for cur_cfg to reach it."""
    ref, svs = sessions()
    for s in (ref, svs):
        r = s.run(["--timeout=1", "init"], wait=True, timeout=10)
        assert r.returncode == -14, (s.prog, r.returncode, r.stderr)
        r = s.run(["get", "Open_vSwitch", ".", "next_cfg", "cur_cfg"])
        assert r.stdout == "1\n0\n", (s.prog, r.stdout)


def test_no_server(tmp_path):
    outs = []
    for prog in (OVS_VSCTL, program("utilities/svs-vsctl")):
        r = subprocess.run([prog, "--db=unix:%s/none.sock" % tmp_path,
                            "list-br"], capture_output=True, text=True,
                           timeout=30)
        outs.append((r.returncode, r.stdout,
                     normalize_stderr(r.stderr, prog)))
    assert outs[1] == outs[0]


def test_default_db_from_rundir(sessions):
    """Without --db, the socket is <rundir>/db.sock (SVS_RUNDIR or
    OVS_RUNDIR)."""
    ref, svs = sessions()
    os.symlink(svs.server.sock_path,
               os.path.join(svs.server.dir, "db.sock")) \
        if svs.server.sock_path != os.path.join(svs.server.dir,
                                                "db.sock") else None
    env = dict(svs.server.env)
    env.pop("SVS_RUNDIR", None)
    env["OVS_RUNDIR"] = svs.server.dir
    r = subprocess.run([svs.prog, "--no-wait", "init", "--", "list-br"],
                       env=env, capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr


def test_help_version():
    prog = program("utilities/svs-vsctl")
    r = subprocess.run([prog, "--help"], capture_output=True, text=True)
    assert r.returncode == 0 and "add-br" in r.stdout
    r = subprocess.run([prog, "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and "svs-vsctl" in r.stdout
    r = subprocess.run([prog, "--commands"], capture_output=True, text=True)
    assert r.returncode == 0 and ",add-port," in r.stdout


from test_db_ssl import pki  # noqa: E402,F401  (fixture)


def test_tcp_and_ssl_remotes(tmp_path, pki):  # noqa: F811
    """--db=tcp: and --db=ssl: with -p/-c/-C, for both tools."""
    port = sandbox.free_tcp_port()
    server = sandbox.DbServer("svs", tmp_path / "srv", schemas=["vswitch"],
                              tcp=True, extra_args=[
                                  "--remote=pssl:%d:127.0.0.1" % port,
                                  "--private-key=" + pki("srv-key"),
                                  "--certificate=" + pki("srv-cert"),
                                  "--ca-cert=" + pki("ca-cert")])
    server.start()
    try:
        ssl_args = ["-p", pki("cli-key"), "-c", pki("cli-cert"),
                    "-C", pki("ca-cert")]
        remotes = {"tcp": ["--db=tcp:127.0.0.1:%d" % server.tcp_port],
                   "ssl": ["--db=ssl:127.0.0.1:%d" % port] + ssl_args}
        for i, prog in enumerate((OVS_VSCTL,
                                  program("utilities/svs-vsctl"))):
            for kind, args in sorted(remotes.items()):
                br = "br%s%d" % (kind, i)
                r = subprocess.run([prog, "--no-wait", "--timeout=20"]
                                   + args + ["add-br", br, "--",
                                             "br-exists", br],
                                   capture_output=True, text=True,
                                   timeout=30)
                assert r.returncode == 0, (prog, kind, r.stderr)
        outs = []
        for prog in (OVS_VSCTL, program("utilities/svs-vsctl")):
            r = subprocess.run([prog, "--no-wait", "--timeout=20"]
                               + remotes["ssl"] + ["list-br"],
                               capture_output=True, text=True, timeout=30)
            outs.append((r.returncode, r.stdout))
        assert outs[0] == outs[1] == (0, "brssl0\nbrssl1\nbrtcp0\nbrtcp1\n")
        # A client without a good certificate fails.
        r = subprocess.run([program("utilities/svs-vsctl"), "--no-wait",
                            "--timeout=5", "--db=ssl:127.0.0.1:%d" % port,
                            "-p", pki("bad-key"), "-c", pki("bad-cert"),
                            "-C", pki("ca-cert"), "list-br"],
                           capture_output=True, text=True, timeout=30)
        assert r.returncode != 0
    finally:
        server.stop()
