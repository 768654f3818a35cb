"""Real OVSDB clients against both database servers: Debian's ovsdb-client,
ovs-vsctl and the python IDL (python3-openvswitch) talk to Debian's
ovsdb-server ("ovs") and to svsdb-server ("svs") over the unix socket, on
a database made from our schemas/vswitch.ovsschema and initialized with
`ovs-vsctl --no-wait init`.

For svs, the outputs of every command must equal those the reference gives
for the same commands (UUIDs normalized); for ovs, the tests check the
facts the comparison relies on.
"""

import json
import re
import subprocess
import threading
import time


import sandbox
from test_schema_vswitch import DEBIAN_SCHEMA, normalize_schema

UUID_RE = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

OVSDB_CLIENT = "/usr/bin/ovsdb-client"
OVS_VSCTL = "/usr/bin/ovs-vsctl"


def _run(server, argv, check=False):
    return subprocess.run(argv, env=server.env, cwd=server.dir,
                          capture_output=True, text=True,
                          timeout=sandbox.TIMEOUT, check=check)


def vsctl(server, *args):
    """Runs ovs-vsctl against 'server' without waiting for a switch."""
    return _run(server, [OVS_VSCTL, "--no-wait", "--timeout=%d"
                         % sandbox.TIMEOUT, "--db=" + server.remote]
                + list(args))


def dbclient(server, command, *args):
    return _run(server, [OVSDB_CLIENT, command, server.remote] + list(args))


def vswitch_server(db_server):
    server = db_server(schemas=["vswitch"])
    proc = vsctl(server, "init")
    assert proc.returncode == 0, proc.stderr
    return server


def normalize_outputs(texts):
    """Returns 'texts' (the outputs of a session's commands) with the
    records of each `list`/`find` output (blank-line separated, in hash
    order) put in a canonical order, then UUIDs numbered by first
    appearance across all of them."""
    mapping = {}

    def repl(m):
        return mapping.setdefault(m.group(0), "<u%d>" % (len(mapping) + 1))
    out = []
    for text in texts:
        records = text.rstrip("\n").split("\n\n")
        records.sort(key=lambda r: UUID_RE.sub("<uuid>", r))
        text = "\n\n".join(records) + ("\n" if text else "")
        out.append(UUID_RE.sub(repl, text))
    return out


# A session of ovs-vsctl commands touching every kind of change the tool
# makes: each entry is the argument list of one ovs-vsctl run.
VSCTL_SESSION = [
    ["add-br", "br0"],
    ["add-port", "br0", "p1"],
    ["add-port", "br0", "p2", "--", "set", "Interface", "p2",
     "type=internal"],
    ["list-br"],
    ["list-ports", "br0"],
    ["list-ifaces", "br0"],
    ["br-exists", "br0"],
    ["port-to-br", "p1"],
    ["iface-to-br", "p2"],
    ["set", "Bridge", "br0", "fail_mode=secure",
     "other_config:hwaddr=\"00:11:22:33:44:55\"", "external_ids:k=v"],
    ["get", "Bridge", "br0", "fail_mode", "other_config:hwaddr",
     "external_ids"],
    ["set", "Port", "p1", "tag=10", "trunks=1,2,3"],
    ["get", "Port", "p1", "tag", "trunks"],
    ["remove", "Port", "p1", "trunks", "2"],
    ["add", "Port", "p1", "trunks", "7"],
    ["clear", "Port", "p1", "tag"],
    ["--columns=name,tag,trunks", "list", "Port", "p1"],
    ["--columns=name,type", "list", "Interface"],
    ["--columns=name", "find", "Interface", "type=internal"],
    ["add", "Bridge", "br0", "protocols", "OpenFlow13"],
    ["get", "Bridge", "br0", "protocols"],
    ["--id=@c", "create", "Controller", "target=\"tcp:127.0.0.1:6653\"",
     "--", "set", "Bridge", "br0", "controller=@c"],
    ["get-controller", "br0"],
    ["list", "Controller"],
    ["del-controller", "br0"],
    ["list", "Controller"],
    ["--id=@q", "create", "QoS", "type=linux-htb",
     "other_config:max-rate=1000000", "--", "set", "Port", "p1", "qos=@q"],
    ["--columns=type,other_config", "list", "QoS"],
    ["clear", "Port", "p1", "qos"],
    ["--all", "destroy", "QoS"],
    ["list", "QoS"],
    ["get", "Open_vSwitch", ".", "next_cfg"],
    ["set", "Bridge", "nosuchbridge", "fail_mode=secure"],
    ["add-br", "br0"],
    ["set", "Port", "p1", "tag=5000"],
    ["set", "Bridge", "br0", "fail_mode=bogus"],
    ["del-port", "br0", "p2"],
    ["list-ports", "br0"],
    ["--may-exist", "add-br", "br0"],
    ["add-br", "br1", "--", "set", "Bridge", "br1", "datapath_type=netdev"],
    ["del-br", "br0"],
    ["list-br"],
    ["--if-exists", "del-br", "br0"],
    ["--columns=name,datapath_type", "list", "Bridge"],
]

_sessions = {}


def _vsctl_session(impl, db_server):
    """Runs VSCTL_SESSION against a fresh server of 'impl' and returns the
    list of (exit code, normalized stdout, stderr)."""
    if impl not in _sessions:
        server = vswitch_server(lambda **kw: db_server(impl=impl, **kw))
        out = []
        for args in VSCTL_SESSION:
            proc = vsctl(server, *args)
            out.append((proc.returncode, proc.stdout, proc.stderr))
        stdouts = normalize_outputs([o for _, o, _ in out])
        _sessions[impl] = [(rc, so, se) for (rc, _, se), so
                           in zip(out, stdouts)]
    return _sessions[impl]


def test_vsctl_session(impl, db_server):
    result = _vsctl_session(impl, db_server)
    if impl == "ovs":
        byargs = {tuple(a): r for a, r in zip(VSCTL_SESSION, result)}
        assert byargs[("list-br",)] == (0, "br1\n", "")
        assert byargs[("list-ports", "br0")][:2] == (0, "p1\n")
        assert byargs[("get", "Port", "p1", "tag", "trunks")][1] == \
            "10\n[1, 2, 3]\n"
        assert byargs[("--columns=name,tag,trunks", "list", "Port",
                       "p1")][1] == (
            "name                : p1\ntag                 : []\n"
            "trunks              : [1, 3, 7]\n")
        assert byargs[("get-controller", "br0")][1] == \
            "tcp:127.0.0.1:6653\n"
        failures = [a for a, (rc, _, _) in zip(VSCTL_SESSION, result)
                    if rc != 0]
        assert failures == [
            ["set", "Bridge", "nosuchbridge", "fail_mode=secure"],
            ["add-br", "br0"],
            ["set", "Port", "p1", "tag=5000"],
            ["set", "Bridge", "br0", "fail_mode=bogus"]]
        return
    reference = _vsctl_session("ovs", db_server)
    diffs = ["%s:\n  expected %r\n  got      %r" % (" ".join(a), e, r)
             for a, e, r in zip(VSCTL_SESSION, reference, result) if e != r]
    assert not diffs, "\n".join(diffs)


def test_dbclient_list_dbs_and_schema(impl, db_server):
    server = vswitch_server(db_server)
    proc = dbclient(server, "list-dbs")
    assert proc.returncode == 0, proc.stderr
    assert sorted(proc.stdout.split()) == ["Open_vSwitch", "_Server"]
    proc = dbclient(server, "get-schema", "Open_vSwitch")
    assert proc.returncode == 0, proc.stderr
    with open(DEBIAN_SCHEMA) as f:
        debian = json.load(f)
    assert normalize_schema(json.loads(proc.stdout)) == \
        normalize_schema(debian)
    proc = dbclient(server, "get-schema-version", "Open_vSwitch")
    assert proc.stdout == debian["version"] + "\n"
    proc = dbclient(server, "get-schema-cksum", "Open_vSwitch")
    with open(sandbox.VSWITCH_SCHEMA) as f:
        assert proc.stdout == json.load(f)["cksum"] + "\n"


def test_dbclient_list_tables_and_columns(impl, db_server):
    server = vswitch_server(db_server)
    proc = dbclient(server, "list-tables", "Open_vSwitch")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "Table"
    with open(DEBIAN_SCHEMA) as f:
        debian = json.load(f)
    assert sorted(lines[2:]) == sorted(debian["tables"])
    proc = dbclient(server, "list-columns", "Open_vSwitch", "Port")
    assert proc.returncode == 0, proc.stderr
    columns = {}
    for line in proc.stdout.splitlines()[2:]:
        name, typ = line.split(None, 1)
        columns[name] = json.loads(typ)
    assert set(columns) == set(debian["tables"]["Port"]["columns"]) | {
        "_uuid", "_version"}
    assert columns["tag"] == {"key": {"maxInteger": 4095, "minInteger": 0,
                                      "type": "integer"}, "min": 0}


def test_dbclient_transact_and_dump(impl, db_server):
    server = vswitch_server(db_server)
    txn = json.dumps(["Open_vSwitch",
                      {"op": "insert", "table": "Bridge",
                       "row": {"name": "tb", "datapath_type": "netdev"},
                       "uuid-name": "b"},
                      {"op": "mutate", "table": "Open_vSwitch", "where": [],
                       "mutations": [["bridges", "insert",
                                      ["set", [["named-uuid", "b"]]]]]},
                      {"op": "select", "table": "Bridge",
                       "where": [["name", "==", "tb"]],
                       "columns": ["name", "datapath_type"]}])
    proc = dbclient(server, "transact", txn)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result[1] == {"count": 1}
    assert result[2] == {"rows": [{"name": "tb", "datapath_type": "netdev"}]}
    # A duplicate name in an unreferenced (non-root) row is no violation:
    # the row is garbage collected before indexes are checked.
    proc = dbclient(server, "transact", json.dumps(
        ["Open_vSwitch", {"op": "insert", "table": "Bridge",
                          "row": {"name": "tb"}}]))
    assert proc.returncode == 0 and "uuid" in json.loads(proc.stdout)[0]
    proc = dbclient(server, "transact", json.dumps(
        ["Open_vSwitch", {"op": "insert", "table": "Bridge",
                          "row": {"name": "tb"}, "uuid-name": "b"},
         {"op": "mutate", "table": "Open_vSwitch", "where": [],
          "mutations": [["bridges", "insert", ["named-uuid", "b"]]]}]))
    assert proc.returncode == 0
    assert json.loads(proc.stdout)[2]["error"] == "constraint violation"
    proc = dbclient(server, "dump", "Open_vSwitch", "Bridge", "name",
                    "datapath_type")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "Bridge table", "datapath_type name", "------------- ----",
        "netdev        tb"]
    proc = dbclient(server, "dump", "Open_vSwitch")
    assert proc.returncode == 0, proc.stderr
    assert "Open_vSwitch table" in proc.stdout
    assert "Bridge table" in proc.stdout
    proc = dbclient(server, "dump", "--format=json", "Open_vSwitch",
                    "Bridge", "name", "datapath_type")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {
        "caption": "Bridge table", "headings": ["datapath_type", "name"],
        "data": [["netdev", "tb"]]}


class _Lines(object):
    """Collects the stdout lines of a background process."""

    def __init__(self, proc):
        self.proc = proc
        self.lines = []
        self.cond = threading.Condition()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        for line in self.proc.stdout:
            with self.cond:
                self.lines.append(line)
                self.cond.notify_all()
        with self.cond:
            self.cond.notify_all()

    def wait_for(self, pattern, timeout=sandbox.TIMEOUT):
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for line in self.lines:
                    if re.search(pattern, line):
                        return line
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self.proc.poll() is not None:
                    raise AssertionError("no line matching %r in:\n%s" % (
                        pattern, "".join(self.lines)))
                self.cond.wait(remaining)


def test_dbclient_monitor_sees_changes(impl, db_server):
    server = vswitch_server(db_server)
    vsctl(server, "add-br", "br0")
    proc = subprocess.Popen(
        [OVSDB_CLIENT, "monitor", server.remote, "Open_vSwitch", "Bridge",
         "name", "fail_mode"], env=server.env, cwd=server.dir,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = _Lines(proc)
        lines.wait_for(r"initial\s+br0")
        assert vsctl(server, "add-br", "br7").returncode == 0
        lines.wait_for(r"insert\s+br7")
        assert vsctl(server, "set", "Bridge", "br7",
                     "fail_mode=standalone").returncode == 0
        lines.wait_for(r"new\s+standalone\s+br7|new\s+br7\s+standalone|"
                       r"new\s+.*standalone")
        assert vsctl(server, "del-br", "br0").returncode == 0
        lines.wait_for(r"delete\s+.*br0")
    finally:
        proc.kill()
        proc.wait()


def test_dbclient_monitor_json_updates(impl, db_server):
    """ovsdb-client's JSON monitor output: one object per update."""
    server = vswitch_server(db_server)
    vsctl(server, "add-br", "br0")
    proc = subprocess.Popen(
        [OVSDB_CLIENT, "monitor", "--format=json", server.remote,
         "Open_vSwitch", "Port", "name", "tag"], env=server.env,
        cwd=server.dir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True)
    try:
        lines = _Lines(proc)
        lines.wait_for(r'"initial"')
        assert vsctl(server, "add-br", "br1", "--", "set", "Port", "br1",
                     "tag=9").returncode == 0
        line = lines.wait_for(r'"insert"')
        update = json.loads(line)
        assert update["headings"][:2] == ["row", "action"]
        row = update["data"][0]
        assert row[1] == "insert" and "br1" in row and 9 in row
    finally:
        proc.kill()
        proc.wait()


def _idl_run_until(idl, predicate, what):
    import ovs.poller
    deadline = time.monotonic() + sandbox.TIMEOUT
    while True:
        idl.run()
        if predicate():
            return
        if time.monotonic() > deadline:
            raise AssertionError("IDL: timed out waiting for " + what)
        poller = ovs.poller.Poller()
        idl.wait(poller)
        poller.timer_wait(100)
        poller.block()


def test_python_idl(impl, db_server):
    """The python IDL connects, commits a transaction that creates linked
    rows, and sees another client's change."""
    import ovs.db.idl
    server = vswitch_server(db_server)
    helper = ovs.db.idl.SchemaHelper(sandbox.VSWITCH_SCHEMA)
    helper.register_all()
    idl = ovs.db.idl.Idl(server.remote, helper)
    try:
        _idl_run_until(idl, lambda: idl.has_ever_connected() and
                       len(idl.tables["Open_vSwitch"].rows) == 1,
                       "the initial contents")
        txn = ovs.db.idl.Transaction(idl)
        iface = txn.insert(idl.tables["Interface"])
        iface.name = "idlbr"
        iface.type = "internal"
        port = txn.insert(idl.tables["Port"])
        port.name = "idlbr"
        port.interfaces = [iface]
        port.tag = 42
        bridge = txn.insert(idl.tables["Bridge"])
        bridge.name = "idlbr"
        bridge.ports = [port]
        bridge.external_ids = {"made-by": "idl"}
        root = next(iter(idl.tables["Open_vSwitch"].rows.values()))
        root.verify("bridges")
        root.bridges = list(root.bridges) + [bridge]
        root.increment("next_cfg")
        status = txn.commit_block()
        assert status == ovs.db.idl.Transaction.SUCCESS, txn.get_error()
        assert txn.get_increment_new_value() == 1

        assert vsctl(server, "list-br").stdout == "idlbr\n"
        assert vsctl(server, "get", "Port", "idlbr", "tag").stdout == "42\n"
        assert vsctl(server, "get", "Bridge", "idlbr",
                     "external_ids:made-by").stdout == "idl\n"

        assert vsctl(server, "add-br", "other").returncode == 0

        def names():
            return sorted(b.name for b in idl.tables["Bridge"].rows.values())
        _idl_run_until(idl, lambda: names() == ["idlbr", "other"],
                       "the bridge added by ovs-vsctl")
        assert vsctl(server, "del-br", "idlbr").returncode == 0
        _idl_run_until(idl, lambda: names() == ["other"],
                       "the bridge deleted by ovs-vsctl")
        _idl_run_until(idl, lambda: not any(
            p.name == "idlbr" for p in idl.tables["Port"].rows.values()),
            "the garbage-collected port")
    finally:
        idl.close()


def test_python_idl_verify_conflict(impl, db_server):
    """A transaction whose verified column changed meanwhile is told to
    try again."""
    import ovs.db.idl
    server = vswitch_server(db_server)
    helper = ovs.db.idl.SchemaHelper(sandbox.VSWITCH_SCHEMA)
    helper.register_all()
    idl = ovs.db.idl.Idl(server.remote, helper)
    try:
        _idl_run_until(idl, lambda: len(idl.tables["Open_vSwitch"].rows)
                       == 1, "the initial contents")
        txn = ovs.db.idl.Transaction(idl)
        root = next(iter(idl.tables["Open_vSwitch"].rows.values()))
        root.verify("external_ids")
        root.external_ids = {"who": "idl"}
        # Another client changes the verified column before the commit.
        assert vsctl(server, "set", "Open_vSwitch", ".",
                     "external_ids:who=vsctl").returncode == 0
        status = txn.commit_block()
        assert status == ovs.db.idl.Transaction.TRY_AGAIN
        assert vsctl(server, "get", "Open_vSwitch", ".",
                     "external_ids:who").stdout == "vsctl\n"
    finally:
        idl.close()
