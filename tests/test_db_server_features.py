"""Server features of svsdb-server beyond transactions, checked against
Debian's ovsdb-server ("ovs", the reference) wherever it has them:

  - remotes read from the database (db:Open_vSwitch,Open_vSwitch,
    manager_options): listening, stopping, the Manager options, and the
    status columns written back;
  - several databases in one server and the unixctl commands
    (ovsdb-server/add-db, remove-db, list-dbs, add-remote, remove-remote,
    list-remotes, compact, memory/show, vlog/..., version, exit) through
    both svs-appctl and Debian's ovs-appctl, with the reference's outputs,
    errors and exit codes, and what a monitoring client sees when its
    database goes away;
  - online schema conversion (the "convert" method);
  - svsdb-tool query, transact and convert against ovsdb-tool, and
    svsdb-tool next to a running server;
  - the daemon options of the server itself (--detach, --pidfile,
    --log-file, --unixctl, --monitor, --no-chdir, --overwrite-pidfile,
    --run, -V, --help);
  - compaction while a client commits continuously.

SSL remotes are in test_db_ssl.py.  All traffic is on 127.0.0.1.
"""

import json
import os
import re
import signal
import socket
import subprocess
import threading
import time

import pytest

import sandbox

OVS_VSCTL = "/usr/bin/ovs-vsctl"
OVSDB_CLIENT = "/usr/bin/ovsdb-client"
OVSDB_TOOL = "/usr/bin/ovsdb-tool"
OVS_APPCTL = "/usr/bin/ovs-appctl"

MANAGER_REMOTE = "db:Open_vSwitch,Open_vSwitch,manager_options"


def _svs(prog):
    return sandbox.require_program(sandbox.impl_programs("svs")[prog])


def _wait(predicate, what, timeout=15, interval=0.05):
    """Polls 'predicate' until it returns a true value, which is
    returned; fails after 'timeout' seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for %s" % what)
        time.sleep(interval)


def _listening(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def _vsctl(server, *args):
    proc = subprocess.run([OVS_VSCTL, "--db=" + server.remote, "--no-wait",
                           "--timeout=30"] + list(args),
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, (args, proc.stderr)
    return proc.stdout


def _select(client, db, table, columns=None, where=()):
    op = {"op": "select", "table": table, "where": list(where)}
    if columns is not None:
        op["columns"] = columns
    return client.transact(db, op)[0]["rows"]


def _map(value):
    """Converts an OVSDB map in JSON to a dict."""
    assert value[0] == "map", value
    return dict(value[1])


@pytest.fixture
def svs_server(tmp_path):
    """Like the db_server fixture, for the tests of svs alone."""
    factory = sandbox.ServerFactory(tmp_path, default_impl="svs")
    yield factory
    factory.close()


# ---------------------------------------------------------------------------
# Remotes from the database (Manager table).

def _manager(server):
    rows = _select(server._default_client(), "Open_vSwitch", "Manager",
                   ["target", "is_connected", "status"])
    assert len(rows) == 1, rows
    row = rows[0]
    return row["is_connected"], _map(row["status"])


def _vswitch_server(db_server, extra=()):
    server = db_server(schemas=["vswitch"],
                       extra_args=["--remote=" + MANAGER_REMOTE] + list(extra))
    _vsctl(server, "init")
    return server


def test_manager_passive_remote(db_server):
    """A Manager row with target ptcp:PORT makes the server listen there;
    inactivity_probe from the row applies to the connections; the status
    is written back as ovsdb-server does (bound_port, zero times,
    n_connections above one, no state); removing the row stops the
    listener."""
    server = _vswitch_server(db_server)
    port = sandbox.free_tcp_port()
    _vsctl(server, "--", "set-manager", "ptcp:%d:127.0.0.1" % port,
           "--", "set", "Manager", ".", "inactivity_probe=1000")
    _wait(lambda: _listening(port), "listening on port %d" % port)
    # list-remotes names the configured remote, not what it resolves to.
    assert server.appctl("ovsdb-server/list-remotes").stdout == \
        "%s\npunix:%s\n" % (MANAGER_REMOTE, server.sock_path)

    # inactivity_probe (ms): a client that never answers gets an echo
    # request well before the default 5 s, then is dropped.
    silent = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        start = time.monotonic()
        data = b""
        while b"echo" not in data:
            chunk = silent.recv(4096)
            assert chunk, "closed before any inactivity probe"
            data += chunk
        probe_delay = time.monotonic() - start
        assert probe_delay < 4.5, probe_delay
        while silent.recv(4096):
            pass
        assert time.monotonic() - start < 10
    finally:
        silent.close()

    # Clients that keep talking (and answer the probes) stay; the status
    # follows them.
    expected = {"bound_port": str(port), "sec_since_connect": "0",
                "sec_since_disconnect": "0"}

    def status_with(clients, status):
        for client in clients:
            assert client.call("echo", ["x"]) == ["x"]
        return _manager(server) == status

    c1 = sandbox.JsonRpcClient(("127.0.0.1", port))
    try:
        _wait(lambda: status_with([c1], (True, expected)),
              "is_connected with one client")
        assert "is_connected: true" in _vsctl(server, "show")
        c2 = sandbox.JsonRpcClient(("127.0.0.1", port))
        try:
            _wait(lambda: status_with([c1, c2], (
                True, dict(expected, n_connections="2"))),
                "n_connections with two clients")
        finally:
            c2.close()
    finally:
        c1.close()
    _wait(lambda: _manager(server) == (False, expected),
          "is_connected false after the clients left")

    _vsctl(server, "del-manager")
    _wait(lambda: not _listening(port), "the listener to close")
    assert server.is_running()


def test_manager_active_remote(db_server):
    """A Manager row with target tcp:127.0.0.1:PORT makes the server
    connect there; status shows ACTIVE while connected and BACKOFF after
    the peer closed, with the times since connection and disconnection,
    and (as ovsdb-server) no last_error once disconnected."""
    server = _vswitch_server(db_server)
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    port = listener.getsockname()[1]
    listener.settimeout(15)
    _vsctl(server, "set-manager", "tcp:127.0.0.1:%d" % port)
    try:
        conn, _ = listener.accept()
    finally:
        listener.close()

    def connected():
        is_connected, status = _manager(server)
        return is_connected and status.get("state") == "ACTIVE" and status
    status = _wait(connected, "ACTIVE status")
    assert "sec_since_connect" in status, status
    assert "bound_port" not in status

    conn.close()

    def disconnected():
        is_connected, status = _manager(server)
        return (not is_connected and status.get("state") == "BACKOFF"
                and status)
    status = _wait(disconnected, "BACKOFF status")
    assert "sec_since_disconnect" in status and \
        "sec_since_connect" in status, status
    assert "last_error" not in status, status
    assert server.is_running()


# ---------------------------------------------------------------------------
# Several databases; unixctl commands compared with the reference.

def _run_appctl(appctl, server, args):
    proc = subprocess.run([appctl, "-t", server.ctl_path] + list(args),
                          capture_output=True, text=True, timeout=30,
                          env=server.env, cwd=server.dir)
    return (proc.returncode, proc.stdout.replace(server.dir, "<DIR>"),
            proc.stderr.replace(server.dir, "<DIR>"))


# (arguments, how to compare): "same" requires the same exit code, output
# and error text from both servers.
APPCTL_STEPS = [
    (["ovsdb-server/list-dbs"], "same"),
    (["ovsdb-server/add-db", "<DIR>/refs.db"], "same"),
    (["ovsdb-server/list-dbs"], "same"),
    (["ovsdb-server/add-db", "<DIR>/refs.db"], "same"),
    (["ovsdb-server/add-db", "types.db"], "same"),
    (["ovsdb-server/add-db", "<DIR>/types2.db"], "same"),
    (["ovsdb-server/add-db", "<DIR>/missing.db"], "same"),
    (["ovsdb-server/add-db", "<DIR>/garbage.db"], "error"),
    (["ovsdb-server/add-db"], "same"),
    (["ovsdb-server/remove-db", "Refs"], "same"),
    (["ovsdb-server/list-dbs"], "same"),
    (["ovsdb-server/remove-db", "_Server"], "same"),
    (["ovsdb-server/remove-db", "Nope"], "same"),
    (["ovsdb-server/compact"], "same"),
    (["ovsdb-server/compact", "Types"], "same"),
    (["ovsdb-server/compact", "Nope"], "same"),
    (["ovsdb-server/compact", "_Server"], "same"),
    (["ovsdb-server/compact", "Types", "Cons"], "same"),
    (["ovsdb-server/add-remote", "ptcp:0:127.0.0.1"], "same"),
    (["ovsdb-server/add-remote", "punix:<DIR>/extra.sock"], "same"),
    (["ovsdb-server/add-remote", "db:Nope,Small,name"], "same"),
    (["ovsdb-server/add-remote", "db:Types,Small"], "same"),
    (["ovsdb-server/add-remote", "db:Types,Small,nope"], "same"),
    (["ovsdb-server/add-remote", "db:Types,Small,name"], "same"),
    (["ovsdb-server/add-remote", "bogus:x"], "same"),
    (["ovsdb-server/list-remotes"], "same"),
    (["ovsdb-server/remove-remote", "ptcp:0:127.0.0.1"], "same"),
    (["ovsdb-server/remove-remote", "db:Types,Small,name"], "same"),
    (["ovsdb-server/remove-remote", "punix:<DIR>/extra.sock"], "same"),
    (["ovsdb-server/remove-remote", "punix:<DIR>/extra.sock"], "same"),
    (["ovsdb-server/list-remotes"], "same"),
    (["ovsdb-server/reconnect"], "same"),
    (["vlog/set", "nonsense"], "same"),
    (["vlog/set", "jsonrpc:nope"], "same"),
    (["vlog/set", "ANY:file:dbg"], "same"),
    (["vlog/list-pattern"], "same"),
    (["vlog/list"], "vlog-list"),
    (["version"], "version"),
    (["memory/show"], "memory"),
    (["no-such-command"], "same"),
]


def _check_step(kind, args, ovs, svs):
    if kind == "same":
        assert svs == ovs, args
    elif kind == "error":
        assert svs[0] == ovs[0] == 2 and "garbage.db" in svs[2], (ovs, svs)
    elif kind == "vlog-list":
        assert svs[0] == ovs[0] == 0
        assert svs[1].split("\n")[:2] == ovs[1].split("\n")[:2]
        # Same levels for a module both have (console INFO in the
        # foreground, as ovsdb-server).
        lines = [re.search(r"(?m)^jsonrpc .*$", text).group(0)
                 for text in (ovs[1], svs[1])]
        assert lines[0] == lines[1]
    elif kind == "version":
        assert svs[0] == ovs[0] == 0
        assert re.match(r"ovsdb-server \(Open vSwitch\) \S+\n$", ovs[1])
        assert re.match(r"svsdb-server \(svs\) \S+\n$", svs[1])
    elif kind == "memory":
        # The figures are the implementation's own; the form is the same:
        # KEY:NUMBER pairs sorted by key, with the common keys.
        for text in (ovs[1], svs[1]):
            pairs = [p.split(":") for p in text.split()]
            keys = [k for k, _ in pairs]
            assert keys == sorted(keys) and all(v.isdigit()
                                                for _, v in pairs), text
            assert {"cells", "monitors"} <= set(keys), text
    else:
        raise ValueError(kind)


def test_appctl_commands_match_reference(tmp_path):
    """Runs the same unixctl session against ovsdb-server and svsdb-server
    side by side, each command through both ovs-appctl and svs-appctl,
    and compares exit codes, outputs and error messages."""
    factory = sandbox.ServerFactory(tmp_path)
    try:
        servers = {}
        for impl in sandbox.IMPLS:
            server = factory(impl=impl, schemas=["types", "cons"])
            tool = sandbox.require_program(server.progs["tool"])
            for name, schema in (("refs.db", "refs"), ("types2.db",
                                                       "types")):
                subprocess.run([tool, "create",
                                os.path.join(server.dir, name),
                                sandbox.schema_path(schema)], check=True,
                               capture_output=True, timeout=30)
            with open(os.path.join(server.dir, "garbage.db"), "w") as f:
                f.write("this is not a database\n")
            servers[impl] = server

        # The steps alternate between the two appctl programs.
        appctls = (OVS_APPCTL, _svs("appctl"))
        for i, (args, kind) in enumerate(APPCTL_STEPS):
            appctl = appctls[i % 2]
            results = {}
            for impl, server in servers.items():
                real = [a.replace("<DIR>", server.dir) for a in args]
                results[impl] = _run_appctl(appctl, server, real)
            _check_step(kind, [os.path.basename(appctl)] + args,
                        results["ovs"], results["svs"])

        # Both tools print the same for the same server.
        for impl, server in servers.items():
            outs = [_run_appctl(appctl, server, ["ovsdb-server/list-dbs"])
                    for appctl in appctls]
            assert outs[0] == outs[1] == (0, "Cons\nTypes\n_Server\n", "")
            errs = [_run_appctl(appctl, server, ["ovsdb-server/remove-db",
                                                 "Nope"])
                    for appctl in appctls]
            assert [e[2].replace(os.path.basename(a), "APPCTL")
                    for e, a in zip(errs, appctls)] == \
                ["Failed to find the database.\nAPPCTL: <DIR>/db.ctl: "
                 "server returned an error\n"] * 2

        # exit, through each tool once.  (Debian's ovsdb-server 3.1 then
        # dies of a failed assertion, because the failed add-db of a
        # duplicate database name above broke its bookkeeping: its exit
        # status is not checked.)
        for impl, appctl in zip(sorted(servers), appctls):
            server = servers[impl]
            assert _run_appctl(appctl, server, ["exit"]) == (0, "", "")
            status = server.proc.wait(sandbox.TIMEOUT)
            server.proc = None
            if impl == "svs":
                assert status == 0
                assert not os.path.exists(server.pidfile)
    finally:
        factory.close()


def test_remove_db_cancels_or_disconnects_monitors(db_server, impl):
    """When a database is removed, a client that set db_change_aware gets
    "monitor_canceled" for each of its monitors and stays connected; a
    client that did not is disconnected.  _Server monitors see the row go
    and come back with add-db."""
    server = db_server(schemas=["types", "cons"])
    aware = server.connect()
    plain = server.connect()
    watcher = server.connect()
    aware.call("set_db_change_aware", [True])
    watcher.call("set_db_change_aware", [True])
    for client in (aware, plain):
        client.call("monitor", ["Cons", "m1", {"Flags": {}}])
        client.call("monitor_cond", ["Cons", "m2", {"Flags": [{}]}])
    initial = watcher.call("monitor_cond", ["_Server", "s", {
        "Database": [{"columns": ["name"]}]}])
    cons_uuid = [u for u, r in initial["Database"].items()
                 if r["initial"]["name"] == "Cons"]
    assert len(cons_uuid) == 1

    server.appctl("ovsdb-server/remove-db", "Cons")
    canceled = sorted(aware.wait_notification(method="monitor_canceled")
                      ["params"][0] for _ in range(2))
    assert canceled == ["m1", "m2"]
    assert sorted(aware.call("list_dbs", [])) == ["Types", "_Server"]
    with pytest.raises((sandbox.RpcError, OSError)):
        plain.call("list_dbs", [])
    update = watcher.wait_notification(method="update2")
    assert update["params"] == ["s", {"Database": {
        cons_uuid[0]: {"delete": None}}}]

    server.appctl("ovsdb-server/add-db", server.db_files[1])
    update = watcher.wait_notification(method="update2")
    (row,) = update["params"][1]["Database"].values()
    assert row == {"insert": {"name": "Cons"}}
    assert aware.call("monitor_cond", ["Cons", "m3", {"Flags": [{}]}]) == {}


# ---------------------------------------------------------------------------
# Online schema conversion.

CONV_OLD = {"name": "C", "version": "1.0.0", "tables": {
    "A": {"isRoot": True, "columns": {
        "name": {"type": "string"},
        "n": {"type": "integer"},
        "gone": {"type": "string"},
        "r": {"type": {"key": {"type": "uuid", "refTable": "A"},
                       "min": 0, "max": 1}}}},
    "B": {"isRoot": True, "columns": {"x": {"type": "integer"}}}}}

# Keeps A.name, A.n and A.r, drops A.gone and table B, adds A.extra,
# A.tags and table N.
CONV_NEW = {"name": "C", "version": "2.0.0", "tables": {
    "A": {"isRoot": True, "columns": {
        "name": {"type": "string"},
        "n": {"type": "integer"},
        "extra": {"type": "integer"},
        "tags": {"type": {"key": "string", "min": 0,
                          "max": "unlimited"}},
        "r": {"type": {"key": {"type": "uuid", "refTable": "A"},
                       "min": 0, "max": 1}}}},
    "N": {"columns": {"y": {"type": "string"}}}}}


def _conv_schema(base, version, **changes):
    schema = json.loads(json.dumps(base))
    schema["version"] = version
    for path, value in changes.items():
        table, column = path.split("__")
        schema["tables"][table]["columns"][column] = value
    return schema


# A.n = 10 in the data violates this one.
CONV_BAD = _conv_schema(CONV_NEW, "3.0.0",
                        A__n={"type": {"key": {"type": "integer",
                                               "maxInteger": 5}}})
CONV_V4 = _conv_schema(CONV_NEW, "4.0.0", A__note={"type": "string"})


def _write_schema(directory, name, schema):
    path = os.path.join(str(directory), name + ".ovsschema")
    with open(path, "w") as f:
        json.dump(schema, f)
    return path


def _client_run(server, client, *args):
    return subprocess.run([client] + list(args), capture_output=True,
                          text=True, timeout=60, env=server.env)


def _server_schema_version(client, db):
    rows = _select(client, "_Server", "Database", ["name", "schema"],
                   [["name", "==", db]])
    return json.loads(rows[0]["schema"])["version"]


def test_online_convert(db_server, impl, tmp_path):
    paths = {name: _write_schema(tmp_path, name, schema) for name, schema
             in (("old", CONV_OLD), ("new", CONV_NEW), ("bad", CONV_BAD),
                 ("v4", CONV_V4))}
    server = db_server(schemas=[paths["old"]])
    client = server.connect()
    result = client.transact(
        "C",
        {"op": "insert", "table": "A", "uuid-name": "a1",
         "row": {"name": "a1", "n": 10, "gone": "g"}},
        {"op": "insert", "table": "A",
         "row": {"name": "a2", "n": 1, "r": ["named-uuid", "a1"]}},
        {"op": "insert", "table": "B", "row": {"x": 5}})
    a1, a2 = result[0]["uuid"], result[1]["uuid"]

    svs_client = _svs("client")
    dump_before = _client_run(server, OVSDB_CLIENT, "dump", server.remote,
                              "C").stdout

    # A conversion that cannot work fails cleanly, through either client,
    # and changes nothing, with or without monitors.  (Not tried on
    # Debian's ovsdb-server 3.1, which often dies of SIGSEGV on this very
    # conversion; its error is the one checked below for ovsdb-tool.)
    def convert_bad():
        for program in (svs_client, OVSDB_CLIENT):
            proc = _client_run(server, program, "convert", server.remote,
                               paths["bad"])
            assert proc.returncode == 1
            assert "constraint violation" in proc.stderr, proc.stderr
            assert "maximum allowed value 5" in proc.stderr, proc.stderr
        assert _client_run(server, OVSDB_CLIENT, "dump", server.remote,
                           "C").stdout == dump_before
    if impl == "svs":
        convert_bad()

    aware = server.connect()
    aware.call("set_db_change_aware", [True])
    aware.call("monitor_cond", ["C", "mon", {"A": [{"columns": ["n"]}]}])
    plain = server.connect()
    plain.call("monitor_cond", ["C", "mon", {"A": [{"columns": ["n"]}]}])
    if impl == "svs":
        convert_bad()
        aware.sync()
        plain.sync()
        assert aware.take_notifications() == []
    assert _server_schema_version(aware, "C") == "1.0.0"

    # A good one, through svsdb-client.
    proc = _client_run(server, svs_client, "convert", server.remote,
                       paths["new"])
    assert proc.returncode == 0, proc.stderr
    assert aware.wait_notification(method="monitor_canceled")["params"] \
        == ["mon"]
    with pytest.raises((sandbox.RpcError, OSError)):
        plain.call("echo", [])
    rows = _select(aware, "C", "A")
    assert sorted((r["_uuid"], r["name"], r["n"], r["extra"], r["tags"],
                   r["r"]) for r in rows) == sorted([
        (a1, "a1", 10, 0, ["set", []], ["set", []]),
        (a2, "a2", 1, 0, ["set", []], a1)])
    assert all("gone" not in r for r in rows)
    assert _select(aware, "C", "N") == []
    error = aware.transact("C", {"op": "select", "table": "B",
                                 "where": []})[0]
    assert error["error"] == "syntax error"
    if impl == "svs":
        # (Debian's ovsdb-server 3.1 leaves the old schema in _Server's
        # Database row of a standalone database after a conversion.)
        assert _server_schema_version(aware, "C") == "2.0.0"

    # Another one, through Debian's ovsdb-client.
    proc = _client_run(server, OVSDB_CLIENT, "convert", server.remote,
                       paths["v4"])
    assert proc.returncode == 0, proc.stderr
    for program in (OVSDB_CLIENT, svs_client):
        assert _client_run(server, program, "get-schema-version",
                           server.remote, "C").stdout == "4.0.0\n"


def test_online_convert_survives_crash(db_server, impl, tmp_path):
    """An acknowledged conversion is in the file: a server killed right
    after it (SIGKILL, no other transaction) serves the new schema and
    the converted data when started again.  svsdb-server also checkpoints
    it at once, so svsdb-tool sees the new schema while the server runs."""
    paths = {name: _write_schema(tmp_path, name, schema) for name, schema
             in (("old", CONV_OLD), ("new", CONV_NEW))}
    server = db_server(schemas=[paths["old"]])
    server.transact("C", {"op": "insert", "table": "A",
                          "row": {"name": "a1", "n": 10, "gone": "g"}})
    proc = _client_run(server, _svs("client"), "convert", server.remote,
                       paths["new"])
    assert proc.returncode == 0, proc.stderr
    dump = _client_run(server, OVSDB_CLIENT, "dump", server.remote,
                       "C").stdout
    if impl == "svs":
        assert _tool_db_version(_svs("tool"), server.db_files[0]) == \
            "2.0.0"
    server.kill9()
    server.start()
    assert _client_run(server, OVSDB_CLIENT, "get-schema-version",
                       server.remote, "C").stdout == "2.0.0\n"
    assert _client_run(server, OVSDB_CLIENT, "dump", server.remote,
                       "C").stdout == dump
    if impl == "svs":
        assert _server_schema_version(server.connect(), "C") == "2.0.0"


# ---------------------------------------------------------------------------
# svsdb-tool query, transact and convert against ovsdb-tool.

UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
                     r"[0-9a-f]{12}")


def _normalize_uuids(text, names):
    """Replaces each UUID in 'text' by <N>, numbered by first appearance
    across calls sharing 'names' (a dict)."""
    def repl(m):
        return "<%d>" % names.setdefault(m.group(0), len(names))
    return UUID_RE.sub(repl, text)


def _canonical_result(text, names):
    """Parses a transaction result printed by a tool, puts the rows of
    each "select" in a canonical order (by content, UUIDs aside), then
    numbers the UUIDs by appearance (across calls sharing 'names')."""
    def row_key(row):
        return UUID_RE.sub("U", json.dumps(row, sort_keys=True))
    result = json.loads(text)
    for op in (result if isinstance(result, list) else []):
        if isinstance(op, dict) and "rows" in op:
            op["rows"].sort(key=row_key)
    return json.loads(_normalize_uuids(json.dumps(result, sort_keys=True),
                                       names))


def _tools():
    return {"ovs": OVSDB_TOOL, "svs": _svs("tool")}


def _run_tool(tool, *args):
    return subprocess.run([tool] + list(args), capture_output=True,
                          text=True, timeout=60)


def _types_txn(*ops):
    return json.dumps(["Types"] + list(ops))


TOOL_STEPS = [
    ("transact", _types_txn({"op": "insert", "table": "Small",
                             "row": {"name": "a", "n": 3}})),
    ("query", _types_txn({"op": "select", "table": "Small", "where": [],
                          "columns": ["name", "n"]})),
    ("transact", _types_txn(
        {"op": "insert", "table": "Small", "uuid-name": "b",
         "row": {"name": "b", "tags": ["set", ["x", "y"]]}},
        {"op": "insert", "table": "Atoms", "row": {"i": 7, "s": "t"}})),
    ("query", _types_txn({"op": "select", "table": "Small", "where": []})),
    ("query", _types_txn({"op": "select", "table": "Atoms",
                          "where": [["i", "==", 7]]})),
    ("transact", _types_txn({"op": "update", "table": "Small",
                             "where": [["name", "==", "a"]],
                             "row": {"n": 4}},
                            {"op": "abort"})),
    ("transact", _types_txn({"op": "mutate", "table": "Small",
                             "where": [], "mutations": [["n", "+=", 1]]},
                            {"op": "select", "table": "Small",
                             "where": [], "columns": ["n"]})),
    ("transact", _types_txn({"op": "delete", "table": "Small",
                             "where": [["name", "==", "b"]]},
                            {"op": "comment", "comment": "x"},
                            {"op": "commit", "durable": True})),
    ("transact", _types_txn({"op": "insert", "table": "Nope",
                             "row": {}})),
    ("transact", _types_txn({"op": "insert", "table": "Small",
                             "row": {"name": 5}})),
    ("query", json.dumps(["Nope", {"op": "select", "table": "Small",
                                   "where": []}])),
    ("transact", "not json"),
    ("query", _types_txn({"op": "select", "table": "Small", "where": [],
                          "columns": ["name", "n", "tags"]})),
]


def _tool_session(tmp_path, steps):
    """Runs 'steps' with both tools on fresh databases; returns a list of
    (ovs, svs) CompletedProcess pairs."""
    dbs = {}
    for impl, tool in _tools().items():
        dbs[impl] = os.path.join(str(tmp_path), impl + ".db")
        _run_tool(tool, "create", dbs[impl],
                  sandbox.schema_path("types")).check_returncode()
    out = []
    for command, txn in steps:
        out.append(tuple(_run_tool(tool, command, dbs[impl], txn)
                         for impl, tool in _tools().items()))
    return out


def test_tool_query_transact_match_ovsdb_tool(tmp_path):
    """Same results (as JSON values, UUIDs numbered by appearance), exit
    codes and error presence as ovsdb-tool for the same transactions."""
    names = {"ovs": {}, "svs": {}}
    for (command, txn), (ovs, svs) in zip(
            TOOL_STEPS, _tool_session(tmp_path, TOOL_STEPS)):
        assert svs.returncode == ovs.returncode, (command, txn, svs.stderr)
        assert bool(svs.stderr) == bool(ovs.stderr), (txn, svs.stderr)
        if ovs.returncode:
            continue
        results = [_canonical_result(p.stdout, names[impl])
                   for p, impl in ((ovs, "ovs"), (svs, "svs"))]
        assert results[1] == results[0], (command, txn)


def test_tool_query_refuses_changes(tmp_path):
    """"query" runs a transaction but never commits it: both tools report
    an error for it and the database is unchanged."""
    steps = [("query", _types_txn({"op": "insert", "table": "Small",
                                   "row": {"name": "q"}})),
             ("query", _types_txn({"op": "select", "table": "Small",
                                   "where": []}))]
    (ins_ovs, ins_svs), (sel_ovs, sel_svs) = _tool_session(tmp_path, steps)
    for proc in (ins_ovs, ins_svs):
        assert proc.returncode == 0
        result = json.loads(proc.stdout)
        assert "uuid" in result[0] and "error" in result[-1], proc.stdout
    for proc in (sel_ovs, sel_svs):
        assert json.loads(proc.stdout) == [{"rows": []}]


def test_tool_output_text_matches_ovsdb_tool(tmp_path):
    names = {"ovs": {}, "svs": {}}
    steps = [TOOL_STEPS[i] for i in (0, 1, 2, 4, 5, 8)]  # Single rows.
    for (ovs, svs) in _tool_session(tmp_path, steps):
        assert _normalize_uuids(svs.stdout, names["svs"]) == \
            _normalize_uuids(ovs.stdout, names["ovs"])


def _tool_db_version(tool, db):
    proc = _run_tool(tool, "db-version", db)
    proc.check_returncode()
    return proc.stdout.strip()


def test_tool_convert(tmp_path):
    """svsdb-tool convert, to a new file and in place, keeps the data as
    ovsdb-tool convert does; a conversion that cannot work changes
    nothing."""
    paths = {name: _write_schema(tmp_path, name, schema) for name, schema
             in (("old", CONV_OLD), ("new", CONV_NEW), ("bad", CONV_BAD))}
    select = json.dumps(["C", {"op": "select", "table": "A", "where": [],
                               "columns": ["_uuid", "name", "n", "extra",
                                           "tags", "r"]}])
    seen = {}
    for impl, tool in _tools().items():
        src = os.path.join(str(tmp_path), impl + "-src.db")
        dst = os.path.join(str(tmp_path), impl + "-dst.db")
        _run_tool(tool, "create", src, paths["old"]).check_returncode()
        proc = _run_tool(tool, "transact", src, json.dumps([
            "C",
            {"op": "insert", "table": "A", "uuid-name": "a1",
             "row": {"name": "a1", "n": 10, "gone": "g"}},
            {"op": "insert", "table": "A",
             "row": {"name": "a2", "n": 1, "r": ["named-uuid", "a1"]}},
            {"op": "insert", "table": "B", "row": {"x": 5}}]))
        assert proc.returncode == 0 and "error" not in proc.stdout

        for args in ([src, paths["bad"], dst], [src, paths["bad"]]):
            proc = _run_tool(tool, "convert", *args)
            assert proc.returncode == 1, (impl, args)
            assert "constraint violation" in proc.stderr
            assert "maximum allowed value 5" in proc.stderr
            assert not os.path.exists(dst)
            assert _tool_db_version(tool, src) == "1.0.0"

        proc = _run_tool(tool, "convert", src, paths["new"], dst)
        assert proc.returncode == 0, proc.stderr
        assert _tool_db_version(tool, src) == "1.0.0"
        assert _tool_db_version(tool, dst) == "2.0.0"
        to_dst = json.loads(_run_tool(tool, "query", dst, select).stdout)

        proc = _run_tool(tool, "convert", src, paths["new"])
        assert proc.returncode == 0, proc.stderr
        assert _tool_db_version(tool, src) == "2.0.0"
        in_place = json.loads(_run_tool(tool, "query", src, select).stdout)
        assert in_place == to_dst
        assert _run_tool(tool, "needs-conversion", src,
                         paths["new"]).stdout == "no\n"

        rows = to_dst[0]["rows"]
        uuids = {r["name"]: r["_uuid"] for r in rows}
        seen[impl] = sorted(json.dumps(r, sort_keys=True).replace(
            uuids["a1"][1], "A1").replace(uuids["a2"][1], "A2")
            for r in rows)
    assert seen["svs"] == seen["ovs"]


def test_tool_convert_replaces_existing_dst(tmp_path):
    paths = {name: _write_schema(tmp_path, name, schema) for name, schema
             in (("old", CONV_OLD), ("new", CONV_NEW))}
    for impl, tool in sorted(_tools().items()):
        src = os.path.join(str(tmp_path), impl + "-src.db")
        dst = os.path.join(str(tmp_path), impl + "-dst.db")
        _run_tool(tool, "create", src, paths["old"]).check_returncode()
        _run_tool(tool, "create", dst, paths["old"]).check_returncode()
        proc = _run_tool(tool, "convert", src, paths["new"], dst)
        assert proc.returncode == 0, (impl, proc.stderr)
        assert _tool_db_version(tool, dst) == "2.0.0"


def test_tool_create_transact_then_serve(svs_server):
    """A database made and filled offline by svsdb-tool is served by
    svsdb-server with its rows."""
    server = svs_server(schemas=["types"], start=False)
    server.create_dbs()
    proc = _run_tool(_svs("tool"), "transact", server.db_files[0],
                     _types_txn({"op": "insert", "table": "Small",
                                 "row": {"name": "offline"}}))
    assert proc.returncode == 0 and "error" not in proc.stdout
    server.start()
    proc = _client_run(server, OVSDB_CLIENT, "dump", server.remote,
                       "Types", "Small", "name")
    assert proc.stdout.split("\n")[3:5] == ["offline", ""], proc.stdout


def test_tool_next_to_running_server(svs_server):
    """svsdb-tool on a database that a running svsdb-server holds: reads
    work on the last checkpoint, writes are refused with a message that
    names the server's process."""
    server = svs_server(schemas=["types"])
    tool = _svs("tool")
    db = server.db_files[0]
    server.transact("Types", {"op": "insert", "table": "Small",
                              "row": {"name": "live"}})
    select = _types_txn({"op": "select", "table": "Small", "where": [],
                         "columns": ["name"]})

    assert _run_tool(tool, "db-name", db).stdout == "Types\n"
    proc = _run_tool(tool, "query", db, select)
    assert proc.returncode == 0
    assert json.loads(proc.stdout)[0]["rows"] in ([], [{"name": "live"}])

    # Compaction ends with a checkpoint: the row is then in the file.
    server.appctl("ovsdb-server/compact")
    proc = _run_tool(tool, "query", db, select)
    assert json.loads(proc.stdout) == [{"rows": [{"name": "live"}]}]

    for args in (["transact", db, _types_txn()], ["compact", db],
                 ["convert", db, sandbox.schema_path("types")]):
        proc = _run_tool(tool, *args)
        assert proc.returncode == 1, args
        assert "in use by process %d" % server.pid in proc.stderr, \
            proc.stderr
    assert server.is_running()


def test_tool_warns_when_reading_checkpoint(svs_server):
    server = svs_server(schemas=["types"])
    proc = _run_tool(_svs("tool"), "query", server.db_files[0],
                     _types_txn())
    assert proc.returncode == 0
    assert "last checkpoint" in proc.stderr


# ---------------------------------------------------------------------------
# Daemon options of the server itself.

def _daemon_args(server, *extra):
    return ([server.progs["server"], server.db_files[0],
             "--remote=punix:" + server.sock_path,
             "--pidfile=" + server.pidfile, "--log-file=" + server.log_path,
             "--unixctl=" + server.ctl_path] + list(extra))


def _start_detached(server, *extra):
    """Starts 'server' with --detach and 'extra' options; returns the
    daemon's pid once it serves."""
    proc = subprocess.run(_daemon_args(server, "--detach", *extra),
                          cwd=server.dir, env=server.env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    with open(server.pidfile) as f:
        pid = int(f.read())
    _wait(lambda: server._accepts(server.sock_path), "the database socket")
    return pid


def _alive(pid):
    """True if process 'pid' exists and is not a zombie (a detached
    daemon's parent, init, may take its time to reap it)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _ppid(pid):
    with open("/proc/%d/stat" % pid) as f:
        return int(f.read().rsplit(")", 1)[1].split()[1])


def _stop_detached(server, *pids):
    server.appctl("exit")
    for pid in pids:
        _wait(lambda: not _alive(pid), "pid %d to exit" % pid)
    assert not os.path.exists(server.pidfile)


def _small_names(server):
    with sandbox.JsonRpcClient(server.sock_path) as client:
        return sorted(r["name"] for r in _select(client, "Types", "Small",
                                                  ["name"]))


def _insert_small(server, name):
    with sandbox.JsonRpcClient(server.sock_path) as client:
        result = client.transact("Types", {"op": "insert", "table": "Small",
                                           "row": {"name": name}})
        assert "uuid" in result[0], result


def test_daemon_detach(db_server):
    """--detach with --pidfile, --log-file and --unixctl: the command
    returns once the daemon serves; the daemon runs on its own in the
    root directory (or the current one with --no-chdir); a second
    instance with the same pidfile refuses to start; exit removes the
    pidfile."""
    server = db_server(schemas=["types"], start=False)
    server.create_dbs()
    pid = _start_detached(server)
    assert _alive(pid) and _ppid(pid) != os.getpid()
    assert os.readlink("/proc/%d/cwd" % pid) == "/"
    assert "opened log file" in server.log
    assert server.appctl("version").returncode == 0
    _insert_small(server, "detached")

    proc = subprocess.run(_daemon_args(server, "--detach"), cwd=server.dir,
                          env=server.env, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 1
    assert "%s: already running as pid %d, aborting" % (
        server.pidfile, pid) in proc.stderr
    assert _alive(pid)
    _stop_detached(server, pid)

    pid = _start_detached(server, "--no-chdir")
    assert os.readlink("/proc/%d/cwd" % pid) == server.dir
    assert _small_names(server) == ["detached"]
    _stop_detached(server, pid)


def test_daemon_overwrite_pidfile(db_server):
    """--overwrite-pidfile replaces a pidfile left by a daemon that
    died."""
    server = db_server(schemas=["types"], start=False)
    server.create_dbs()
    pid = _start_detached(server)
    os.kill(pid, signal.SIGKILL)
    _wait(lambda: not _alive(pid), "the daemon to die")
    assert os.path.exists(server.pidfile)
    pid = _start_detached(server, "--overwrite-pidfile")
    with open(server.pidfile) as f:
        assert int(f.read()) == pid
    _stop_detached(server, pid)


def test_daemon_monitor_restarts_after_crash(db_server):
    """--monitor restarts the daemon when it dies of SIGSEGV; the data
    committed before survives; exit stops both monitor and daemon."""
    server = db_server(schemas=["types"], start=False)
    server.create_dbs()
    # In a sanitizer build, let SIGSEGV kill the daemon, as it would a
    # plain build, rather than AddressSanitizer report it and exit.
    options = server.env.get("ASAN_OPTIONS", "")
    server.env["ASAN_OPTIONS"] = (options + ":" if options
                                  else "") + "handle_segv=0"
    pid = _start_detached(server, "--monitor")
    monitor = _ppid(pid)
    assert monitor != 1 and _alive(monitor)
    _insert_small(server, "before-crash")

    os.kill(pid, signal.SIGSEGV)

    def restarted():
        try:
            with open(server.pidfile) as f:
                new = int(f.read() or 0)
        except OSError:
            return None
        return new if new and new != pid and _alive(new) else None
    new_pid = _wait(restarted, "a restarted daemon")
    _wait(lambda: server._accepts(server.sock_path), "the database socket")
    assert _ppid(new_pid) == monitor
    assert _small_names(server) == ["before-crash"]
    _insert_small(server, "after-crash")
    assert "Segmentation fault" in server.log
    _stop_detached(server, new_pid, monitor)


def test_run_option(db_server):
    """--run runs a command next to the server and exits when it ends:
    0 if the command succeeded, else 1 with how the command ended."""
    server = db_server(schemas=["types"], start=False)
    server.create_dbs()

    def run(command):
        return subprocess.run(_daemon_args(server, "--run", command),
                              cwd=server.dir, env=server.env,
                              capture_output=True, text=True, timeout=60)

    proc = run("%s list-dbs %s" % (OVSDB_CLIENT, server.remote))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "Types\n_Server\n"
    proc = run("exit 3")
    assert proc.returncode == 1
    assert "exit 3: child exited, exit status 3" in proc.stderr
    proc = run("kill -9 $$")
    assert proc.returncode == 1
    assert "kill -9 $$: child exited, killed (Killed)" in proc.stderr
    assert not os.path.exists(server.pidfile)


def test_version_help_and_bad_options(impl):
    server = sandbox.impl_programs(impl)["server"]
    proc = subprocess.run([server, "-V"], capture_output=True, text=True,
                          timeout=30)
    assert proc.returncode == 0
    name = os.path.basename(server)
    assert re.match(r"%s \(.*\) \S+\n" % name, proc.stdout), proc.stdout
    proc = subprocess.run([server, "--help"], capture_output=True,
                          text=True, timeout=30)
    assert proc.returncode == 0
    assert proc.stdout.split("\n")[1] == \
        "usage: %s [OPTIONS] [DATABASE...]" % name
    for option in ("--remote=REMOTE", "--detach", "--monitor",
                   "--pidfile", "--overwrite-pidfile", "--no-chdir",
                   "--run COMMAND", "--unixctl=SOCKET", "--log-file",
                   "--private-key=FILE", "--certificate=FILE",
                   "--ca-cert=FILE", "-V, --version"):
        assert option in proc.stdout, option
    proc = subprocess.run([server, "--no-such-option"],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 1
    assert "unrecognized option '--no-such-option'" in proc.stderr


# ---------------------------------------------------------------------------
# Compaction while a client commits continuously.

class _Committer(object):
    """A thread that commits small transactions back to back on its own
    connection and records (start, end) wall-clock times of each."""

    def __init__(self, server, uuid, payload=""):
        self.client = sandbox.JsonRpcClient(server.sock_path)
        self.uuid = uuid
        self.payload = payload
        self.times = []
        self.stop = threading.Event()
        self.error = None
        self.thread = threading.Thread(target=self._run)
        self.thread.start()

    def _run(self):
        n = 0
        try:
            while not self.stop.is_set():
                row = {"n": n}
                if self.payload:
                    row["tags"] = ["set", [self.payload + str(n)]]
                start = time.time()
                result = self.client.transact("Types", {
                    "op": "update", "table": "Small",
                    "where": [["_uuid", "==", self.uuid]], "row": row})
                assert result == [{"count": 1}], result
                self.times.append((start, time.time()))
                n += 1
        except Exception as e:  # Reported by finish().
            self.error = e

    def finish(self):
        self.stop.set()
        self.thread.join(60)
        self.client.close()
        assert self.error is None, self.error
        return self.times

    def during(self, start, end):
        """The transactions that completed within [start, end]."""
        return [t for t in self.times if start <= t[1] <= end]


def _max_latency(times):
    return max(end - start for start, end in times)


def _small_row(server):
    return server.transact("Types", {"op": "insert", "table": "Small",
                                     "row": {"name": "busy"}})[0]["uuid"]


def test_manual_compaction_under_load(db_server, impl, record_property):
    """ovsdb-server/compact of a database with a long log, while another
    client commits back to back: the committer keeps making progress.
    The largest latency it saw is recorded (no threshold)."""
    server = db_server(schemas=["types"])
    uuid = _small_row(server)
    # A log of 30,000 small transactions, pipelined.
    client = server.connect()
    for base in range(0, 30000, 100):
        ids = [client.send_request("transact", ["Types", {
            "op": "update", "table": "Small", "where": [["_uuid", "==",
                                                        uuid]],
            "row": {"n": base + i}}]) for i in range(100)]
        for id_ in ids:
            client.wait_reply(id_)

    committer = _Committer(server, uuid)
    try:
        _wait(lambda: len(committer.times) > 20, "the committer to start")
        windows = []
        for _ in range(3):
            start = time.time()
            server.appctl("ovsdb-server/compact", "Types")
            end = time.time()
            windows.append((start, end))
            count = len(committer.times)
            _wait(lambda: len(committer.times) > count + 20,
                  "progress after compaction")
    finally:
        times = committer.finish()
    progress = sum(len(committer.during(s, e)) for s, e in windows)
    assert progress > 0
    latency = _max_latency(times)
    overlapping = [t for t in times
                   if any(t[1] >= s and t[0] <= e for s, e in windows)]
    record_property("max_latency_ms", round(latency * 1000, 1))
    record_property("compact_ms", [round((e - s) * 1000, 1)
                                   for s, e in windows])
    print("%s: manual compaction: compact commands took %s ms, %d commits "
          "completed during them; max commit latency %.1f ms during them, "
          "%.1f ms over all %d commits"
          % (impl, [round((e - s) * 1000, 1) for s, e in windows],
             progress, _max_latency(overlapping) * 1000, latency * 1000,
             len(times)))


def _log_times(log, pattern):
    """Wall-clock times (seconds) of the log lines matching 'pattern'."""
    out = []
    for line in log.splitlines():
        if re.search(pattern, line):
            stamp = line.split("|", 1)[0]
            out.append(time.mktime(time.strptime(stamp[:19],
                                                 "%Y-%m-%dT%H:%M:%S"))
                       - time.timezone + float("0" + stamp[19:23]))
    return out


def test_automatic_compaction_under_load(svs_server, record_property):
    """svsdb-server compacts a database online, in steps, once its log
    has grown past the threshold, while a client commits back to back;
    the client makes progress during the compaction.  The largest
    latency it saw is recorded (no threshold)."""
    server = svs_server(schemas=["types"])
    uuid = _small_row(server)
    committer = _Committer(server, uuid, payload="z" * 2000)
    try:
        _wait(lambda: "finished compacting database Types" in server.log,
              "automatic compaction", timeout=60)
        count = len(committer.times)
        _wait(lambda: len(committer.times) > count + 20,
              "progress after compaction")
    finally:
        times = committer.finish()
    start = _log_times(server.log, r"compacting database Types online")[0]
    end = _log_times(server.log, r"finished compacting database Types")[0]
    assert start <= end
    # Commits that both started and ended inside the compaction: the
    # server served the client between compaction steps.
    inside = [t for t in times if start <= t[0] and t[1] <= end]
    assert inside, (start, end)
    latency = _max_latency(times)
    around = [t for t in times if t[1] >= start and t[0] <= end]
    record_property("max_latency_ms", round(latency * 1000, 1))
    print("svs: automatic compaction of %.0f ms: %d commits inside it; max "
          "commit latency %.1f ms during it, %.1f ms over %d commits"
          % ((end - start) * 1000, len(inside),
             _max_latency(around) * 1000, latency * 1000, len(times)))
