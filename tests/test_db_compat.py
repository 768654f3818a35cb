"""Compatibility tests of the database server that need more than a
transaction script: process lifecycle, persistence across restarts and
crashes, remotes, the unixctl commands, the command-line tools' basics.
Every test runs against Debian's ovsdb-server ("ovs") and svsdb-server
("svs") through tests/sandbox.py and asserts the reference behavior.
"""

import json
import os
import signal
import socket
import subprocess
import threading

import pytest

import sandbox
from test_schema_vswitch import DEBIAN_SCHEMA, normalize_schema


def _names(server, db="Types", table="Small"):
    rows = server.transact(db, {"op": "select", "table": table, "where": [],
                                "columns": ["name"]})[0]["rows"]
    return sorted(r["name"] for r in rows)


def _insert(server, name, db="Types", durable=None):
    ops = [{"op": "insert", "table": "Small", "row": {"name": name}}]
    if durable is not None:
        ops.append({"op": "commit", "durable": durable})
    result = server.transact(db, *ops)
    assert "error" not in result[0], result
    return result[0]["uuid"]


def test_dbserver_pidfile_log_and_ctl(db_server):
    server = db_server(schemas=["types"])
    with open(server.pidfile) as f:
        assert int(f.read().strip()) == server.pid
    assert os.path.exists(server.ctl_path)
    assert server.log != ""


def test_dbserver_persists_across_restart(db_server):
    server = db_server(schemas=["types"])
    uuid = _insert(server, "kept")
    server.transact("Types", {"op": "insert", "table": "Small",
                              "row": {"name": "aborted"}}, {"op": "abort"})
    server.stop()
    server.start()
    assert _names(server) == ["kept"]
    rows = server.transact("Types", {"op": "select", "table": "Small",
                                     "where": [["name", "==", "kept"]],
                                     "columns": ["_uuid"]})[0]["rows"]
    assert rows == [{"_uuid": uuid}]


def test_dbserver_survives_kill9(db_server):
    """Every transaction acknowledged before a crash is still there."""
    server = db_server(schemas=["types"])
    for i in range(40):
        _insert(server, "row%02d" % i, durable=(i % 10 == 0))
    server.transact("Types", {"op": "delete", "table": "Small",
                              "where": [["name", "==", "row05"]]})
    server.kill9()
    server.start()
    names = _names(server)
    assert len(names) == 39 and "row05" not in names
    _insert(server, "after")
    server.kill9()
    server.start()
    assert len(_names(server)) == 40


def test_dbserver_tcp_remote(db_server):
    server = db_server(schemas=["types"], tcp=True)
    client = server.connect(tcp=True)
    assert sorted(client.call("list_dbs", [])) == ["Types", "_Server"]
    uuid = client.transact("Types", {"op": "insert", "table": "Small",
                                     "row": {"name": "tcp"}})[0]["uuid"]
    assert uuid[0] == "uuid"
    assert _names(server) == ["tcp"]


def test_dbserver_appctl_commands(db_server):
    server = db_server(schemas=["types", "cons"], tcp=True)
    assert server.appctl("ovsdb-server/list-dbs").stdout == \
        "Cons\nTypes\n_Server\n"
    remotes = server.appctl("ovsdb-server/list-remotes").stdout
    assert remotes == "ptcp:%d:127.0.0.1\npunix:%s\n" % (
        server.tcp_port, server.sock_path)
    bad = server.appctl("no-such-command", check=False)
    assert bad.returncode != 0
    assert '"no-such-command" is not a valid command' in bad.stderr


def test_dbserver_appctl_add_remove_remote(db_server):
    server = db_server(schemas=["types"])
    extra = os.path.join(server.dir, "extra.sock")
    server.appctl("ovsdb-server/add-remote", "punix:" + extra)
    assert "punix:%s\n" % extra in \
        server.appctl("ovsdb-server/list-remotes").stdout
    with sandbox.JsonRpcClient(extra) as client:
        assert client.call("echo", ["x"]) == ["x"]
    server.appctl("ovsdb-server/remove-remote", "punix:" + extra)
    assert "extra.sock" not in \
        server.appctl("ovsdb-server/list-remotes").stdout
    missing = server.appctl("ovsdb-server/remove-remote", "punix:/nope",
                            check=False)
    assert missing.returncode != 0


def test_dbserver_appctl_exit(db_server):
    server = db_server(schemas=["types"])
    server.appctl("exit")
    assert server.proc.wait(sandbox.TIMEOUT) == 0
    assert not os.path.exists(server.pidfile)


def test_dbserver_sigterm_exits_cleanly(db_server):
    """On SIGTERM the server removes its pidfile and exits; ovsdb-server
    re-raises the signal after cleaning up, so it dies "by SIGTERM"."""
    server = db_server(schemas=["types"])
    pidfile = server.pidfile
    assert server.stop() in (0, -signal.SIGTERM)
    assert not os.path.exists(pidfile)


def test_dbserver_refuses_missing_database(db_server):
    server = db_server(schemas=["types"], start=False)
    server.create_dbs()
    os.unlink(server.db_files[0])
    with pytest.raises(RuntimeError):
        server.start()


def test_tool_create_refuses_existing_file(db_server):
    server = db_server(schemas=["types"], start=False)
    server.create_dbs()
    tool = sandbox.require_program(server.progs["tool"])
    proc = subprocess.run([tool, "create", server.db_files[0],
                           server.schemas[0]], capture_output=True,
                          text=True, env=server.env)
    assert proc.returncode != 0


def test_vswitch_schema_served_as_upstream(db_server):
    """get_schema on our schemas/vswitch.ovsschema returns Open vSwitch's
    schema (semantically)."""
    server = db_server(schemas=["vswitch"])
    served = server.rpc("get_schema", ["Open_vSwitch"])["result"]
    with open(DEBIAN_SCHEMA) as f:
        debian = json.load(f)
    assert normalize_schema(served) == normalize_schema(debian)
    with open(sandbox.VSWITCH_SCHEMA) as f:
        assert served["cksum"] == json.load(f)["cksum"]


def test_dbserver_many_clients(db_server):
    """Concurrent clients, each with its own connection, all commit."""
    server = db_server(schemas=["types"])
    errors = []

    def worker(k):
        try:
            with sandbox.JsonRpcClient(server.sock_path) as c:
                for i in range(10):
                    r = c.transact("Types", {
                        "op": "insert", "table": "Small",
                        "row": {"name": "c%d-%d" % (k, i), "n": k}})
                    assert "uuid" in r[0], r
                    c.transact("Types", {
                        "op": "mutate", "table": "Small",
                        "where": [["name", "==", "c%d-%d" % (k, i)]],
                        "mutations": [["n", "+=", 1]]})
        except Exception as e:          # reported below
            errors.append(repr(e))

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(sandbox.TIMEOUT)
    assert errors == []
    rows = server.transact("Types", {"op": "select", "table": "Small",
                                     "where": [], "columns": ["name", "n"]})
    rows = rows[0]["rows"]
    assert len(rows) == 80
    assert all(r["n"] == int(r["name"][1:].split("-")[0]) + 1 for r in rows)


def test_dbserver_notifies_monitor_after_restart(db_server):
    """Monitors are per connection: after a restart a client reconnects and
    its new monitor's initial contents include everything committed."""
    server = db_server(schemas=["types"])
    _insert(server, "one")
    server.restart()
    mon = server.connect()
    initial = mon.call("monitor_cond", ["Types", "m", {
        "Small": [{"columns": ["name"]}]}])
    assert [r["initial"] for r in initial["Small"].values()] == \
        [{"name": "one"}]
    _insert(server, "two")
    note = mon.wait_notification(method="update2")
    (row,) = note["params"][1]["Small"].values()
    assert row == {"insert": {"name": "two"}}


def test_dbserver_monitor_without_requests_is_not_fatal(db_server, impl):
    """"monitor" with only two parameters: Debian's ovsdb-server 3.1 aborts
    on it, svsdb-server must answer with an error and keep running."""
    if impl == "ovs":
        pytest.skip("ovsdb-server 3.1.0 aborts on this request")
    server = db_server(schemas=["types"])
    client = server.connect()
    reply = client.request("monitor", ["Types", "bad"])
    assert reply.get("error") is not None
    assert server.is_running()
    assert client.call("echo", []) == []


def test_dbserver_closes_connection_on_bad_json(db_server):
    server = db_server(schemas=["types"])
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(sandbox.TIMEOUT)
    s.connect(server.sock_path)
    s.sendall(b'{"method": "echo", "params": [], "id": 1} {bad json')
    data = b""
    while True:
        chunk = s.recv(4096)
        if not chunk:
            break
        data += chunk
    s.close()
    # The well-formed request before the garbage is answered first.
    assert json.loads(data.decode()) == {"id": 1, "result": [],
                                         "error": None}
    assert server.is_running()
    assert server.rpc("echo", ["still up"])["result"] == ["still up"]


def test_dbserver_update_precedes_reply(db_server):
    """On a connection that monitors what its own transaction changes, the
    update notification arrives before the transaction's reply."""
    server = db_server(schemas=["types"])
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(sandbox.TIMEOUT)
    s.connect(server.sock_path)
    decoder = json.JSONDecoder()

    def messages(count):
        buf, out = "", []
        while len(out) < count:
            data = s.recv(65536)
            assert data, "connection closed"
            buf += data.decode()
            while buf.strip():
                try:
                    msg, end = decoder.raw_decode(buf.lstrip())
                except ValueError:
                    break
                out.append(msg)
                buf = buf.lstrip()[end:]
        return out

    s.sendall(json.dumps({"method": "monitor", "id": 1, "params": [
        "Types", "m", {"Small": {"columns": ["name"]}}]}).encode())
    assert messages(1)[0]["id"] == 1
    s.sendall(json.dumps({"method": "transact", "id": 2, "params": [
        "Types", {"op": "insert", "table": "Small",
                  "row": {"name": "x"}}]}).encode())
    first, second = messages(2)
    s.close()
    assert first["method"] == "update"
    assert second["id"] == 2 and "uuid" in second["result"][0]
