"""Tests of svsdb-tool, mostly against Debian's ovsdb-tool as the oracle:
the same command on the same input must give the same output, messages
(apart from the program name) and exit status.

Also tests "svsdb-tool import": Open vSwitch database files are produced
by Debian's ovsdb-server, and the imported rows are compared with what
that server held in memory."""

import glob
import hashlib
import json
import os
import re
import subprocess
import time

import pytest

import sandbox
from conftest import SRCDIR, program, run

OVSDB_TOOL = "/usr/bin/ovsdb-tool"
DEBIAN_SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema"

pytestmark = pytest.mark.reference


def schema_files():
    files = [DEBIAN_SCHEMA, os.path.join(SRCDIR, "schemas",
                                         "vswitch.ovsschema")]
    files += sorted(glob.glob(os.path.join(SRCDIR, "tests", "schemas",
                                           "*.ovsschema")))
    return [f for f in files if os.path.exists(f)]


def svsdb_tool(*args, check=True, **kwargs):
    return run([program("ovsdb/svsdb-tool")] + [str(a) for a in args],
               check=check, **kwargs)


def ovsdb_tool(*args, check=True, **kwargs):
    if not os.path.exists(OVSDB_TOOL):
        pytest.skip("Debian's ovsdb-tool is not installed")
    return run([OVSDB_TOOL] + [str(a) for a in args], check=check,
               **kwargs)


def normalize(text):
    """Removes the program name (which getopt() prints as invoked, with its
    directory) from messages."""
    return re.sub(r"^(\S*/)?(lt-)?(ovsdb-tool|svsdb-tool): ", "TOOL: ", text,
                  flags=re.MULTILINE)


def same_result(ovs_args, svs_args=None):
    """Runs ovsdb-tool with 'ovs_args' and svsdb-tool with 'svs_args' (the
    same by default) and checks that they agree; returns svsdb-tool's
    result."""
    svs_args = ovs_args if svs_args is None else svs_args
    o = ovsdb_tool(*ovs_args, check=False)
    s = svsdb_tool(*svs_args, check=False)
    o_stderr = normalize(o.stderr)
    for o_arg, s_arg in zip(ovs_args, svs_args):
        o_stderr = o_stderr.replace(str(o_arg), str(s_arg))
    assert (s.returncode, s.stdout, normalize(s.stderr)) == \
        (o.returncode, o.stdout, o_stderr), (ovs_args, svs_args)
    return s


# Schema commands.

@pytest.mark.parametrize("schema", schema_files(),
                         ids=lambda p: os.path.basename(os.path.dirname(p))
                         + "/" + os.path.basename(p))
def test_schema_commands(schema):
    for cmd in ("schema-name", "schema-version", "schema-cksum"):
        same_result([cmd, schema])


def test_schema_errors(tmp_path):
    bad = tmp_path / "bad.ovsschema"
    bad.write_text('{"name": "x"}')
    same_result(["schema-name", bad])
    same_result(["create", tmp_path / "x.db", bad])
    assert not (tmp_path / "x.db").exists()

    proc = svsdb_tool("schema-name", tmp_path / "nonexistent", check=False)
    assert proc.returncode == 1
    assert proc.stderr.startswith("svsdb-tool: failed to read schema: ")
    assert "No such file or directory" in proc.stderr


# Database commands, on databases made by each tool from the same schema.

@pytest.mark.parametrize("schema", schema_files(),
                         ids=lambda p: os.path.basename(os.path.dirname(p))
                         + "/" + os.path.basename(p))
def test_db_commands(tmp_path, schema):
    ovs_db = tmp_path / "ovs.db"
    svs_db = tmp_path / "svs.db"
    ovsdb_tool("create", ovs_db, schema)
    svsdb_tool("create", svs_db, schema)
    for cmd in ("db-name", "db-version", "db-cksum"):
        same_result([cmd, ovs_db], [cmd, svs_db])
    same_result(["needs-conversion", ovs_db, schema],
                ["needs-conversion", svs_db, schema])
    other = [s for s in schema_files() if s != schema][0]
    same_result(["needs-conversion", ovs_db, other],
                ["needs-conversion", svs_db, other])
    same_result(["show-log", ovs_db], ["show-log", svs_db])
    same_result(["-m", "show-log", ovs_db], ["-m", "show-log", svs_db])
    same_result(["db-is-standalone", ovs_db], ["db-is-standalone", svs_db])
    same_result(["db-is-clustered", ovs_db], ["db-is-clustered", svs_db])


def test_db_errors(tmp_path):
    ovs_db = tmp_path / "ovs.db"
    svs_db = tmp_path / "svs.db"
    ovsdb_tool("create", ovs_db, DEBIAN_SCHEMA)
    svsdb_tool("create", svs_db, DEBIAN_SCHEMA)
    before = svs_db.read_bytes()

    # Creating over an existing database.
    same_result(["create", ovs_db, DEBIAN_SCHEMA],
                ["create", svs_db, DEBIAN_SCHEMA])
    assert svs_db.read_bytes() == before

    # Nonexistent databases.
    for cmd in ("db-name", "db-version", "db-cksum", "show-log", "compact"):
        same_result([cmd, tmp_path / "none.db"])

    # Cluster information about standalone databases.
    for cmd in ("db-cid", "db-sid", "db-local-address"):
        same_result([cmd, ovs_db], [cmd, svs_db])

    # Files that are not svs databases.
    junk = tmp_path / "junk.db"
    junk.write_text("hello\n")
    proc = svsdb_tool("db-name", junk, check=False)
    assert proc.returncode == 1
    assert proc.stderr == ("svsdb-tool: ovsdb error: %s: not an svs "
                           "database: not an SQLite database file\n" % junk)
    proc = svsdb_tool("db-name", ovs_db, check=False)
    assert proc.returncode == 1
    assert proc.stderr == (
        "svsdb-tool: ovsdb error: %s: this is an Open vSwitch database "
        "file; svs uses SQLite: convert it with `svsdb-tool import`\n"
        % ovs_db)


def test_command_line_errors(tmp_path):
    same_result([])
    same_result(["frobnicate"])
    same_result(["db-name", "a", "b"])
    same_result(["compare-versions", "1.0.0"])
    same_result(["--frobnicate"])
    same_result(["show-log", "-x"])

    proc = svsdb_tool("--version")
    assert re.match(r"^svsdb-tool \(svs\) \d+\.\d+\.\d+\n$", proc.stdout)
    proc = svsdb_tool("--help")
    assert "usage: svsdb-tool [OPTIONS] COMMAND [ARG...]" in proc.stdout
    for cmd in ("create", "compact", "show-log", "import",
                "needs-conversion"):
        assert re.search(r"^  (\[-m\]\.\.\. )?%s " % cmd, proc.stdout,
                         re.MULTILINE), cmd


@pytest.mark.parametrize("a,op,b", [
    ("1.2.3", "<", "1.10.0"), ("1.2.3", ">", "1.10.0"),
    ("1.2.3", "==", "1.2.3"), ("1.2.3", "!=", "1.2.3"),
    ("2.0.0", ">=", "1.99.99"), ("0.0.1", "<=", "0.0.0"),
    ("1.2", "<", "1.2.3"), ("1.2.3", "~", "1.2.3"), ("1.2.3", "<", "x")])
def test_compare_versions(a, op, b):
    same_result(["compare-versions", a, op, b])


def test_default_paths(tmp_path):
    """DB and SCHEMA default to <dbdir>/conf.db and
    <pkgdatadir>/vswitch.ovsschema."""
    env = dict(os.environ, SVS_DBDIR=str(tmp_path),
               SVS_PKGDATADIR=str(tmp_path))
    (tmp_path / "vswitch.ovsschema").write_text(
        open(DEBIAN_SCHEMA).read())
    svsdb_tool("create", env=env)
    assert (tmp_path / "conf.db").exists()
    assert svsdb_tool("db-name", env=env).stdout == "Open_vSwitch\n"
    assert svsdb_tool("schema-version", env=env).stdout == "8.3.1\n"
    assert svsdb_tool("needs-conversion", env=env).stdout == "no\n"
    help_text = svsdb_tool("--help", env=env).stdout
    assert "The default DB is %s/conf.db." % tmp_path in help_text


# Compaction.

def storage_dump(db):
    return run([program("tests/test-storage"), "dump", str(db)]).stdout


def storage_log(db):
    return run([program("tests/test-storage"), "log", str(db)]).stdout


def test_compact(tmp_path):
    db = tmp_path / "svs.db"
    svsdb_tool("create", db, DEBIAN_SCHEMA)
    for i in range(1, 21):
        run([program("tests/test-storage"), "write", str(db),
             '{"Bridge": {"00000000-0000-0000-0000-%012d": {"name": "br%d"}}}'
             % (i, i), "txn %d" % i])
    rows = storage_dump(db)
    assert len(rows.splitlines()) == 20
    assert len(storage_log(db).splitlines()) == 20

    # To a new file: same rows, no log.
    copy = tmp_path / "copy.db"
    svsdb_tool("compact", db, copy)
    assert storage_dump(copy) == rows
    assert storage_log(copy) == ""
    same_result(["compact", tmp_path / "none.db", tmp_path / "x.db"])
    proc = svsdb_tool("compact", db, copy, check=False)
    assert proc.returncode == 1 and "File exists" in proc.stderr

    # In place: same rows, only the newest log record.
    svsdb_tool("compact", db)
    assert storage_dump(db) == rows
    assert storage_log(db).startswith("20 txn 20 ")
    assert svsdb_tool("show-log", db).stdout.splitlines()[2].startswith(
        "record 20: ")


def test_compact_locked(tmp_path):
    """In-place compaction needs the write lock, as with ovsdb-tool while
    ovsdb-server runs; reading commands work meanwhile."""
    db = tmp_path / "svs.db"
    svsdb_tool("create", db, DEBIAN_SCHEMA)
    holder = subprocess.Popen([program("tests/test-storage"), "lock",
                               str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "locked\n"
        proc = svsdb_tool("compact", db, check=False)
        assert proc.returncode == 1
        assert "cannot lock database for writing" in proc.stderr
        assert svsdb_tool("db-name", db).stdout == "Open_vSwitch\n"
        assert "record 0:" in svsdb_tool("show-log", db).stdout
    finally:
        holder.stdin.close()
        holder.wait(30)


def test_create_over_stale_wal(tmp_path):
    """A database deleted after its server was killed leaves its WAL
    behind; a database created again under the same name starts empty and
    sound instead of replaying the old WAL into itself."""
    db = tmp_path / "svs.db"
    sock = tmp_path / "db.sock"
    svsdb_tool("create", db, DEBIAN_SCHEMA)
    server = subprocess.Popen([program("ovsdb/svsdb-server"),
                               "--remote=punix:%s" % sock,
                               "--unixctl=%s" % (tmp_path / "ctl"), str(db)])
    try:
        deadline = time.monotonic() + 30
        while not sock.exists():
            assert server.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        with sandbox.JsonRpcClient(str(sock)) as c:
            c.transact("Open_vSwitch", {"op": "insert",
                                        "table": "Open_vSwitch", "row": {}})
            for i in range(20):
                c.transact("Open_vSwitch", {
                    "op": "mutate", "table": "Open_vSwitch", "where": [],
                    "mutations": [["next_cfg", "+=", 1]]})
    finally:
        server.kill()
        server.wait(30)
    wal = tmp_path / "svs.db-wal"
    assert wal.exists() and wal.stat().st_size > 0
    db.unlink()
    svsdb_tool("create", db, DEBIAN_SCHEMA)
    assert not wal.exists() or wal.stat().st_size == 0
    assert storage_dump(db) == ""
    assert "record 0:" in svsdb_tool("show-log", db).stdout
    proc = svsdb_tool("query", db, json.dumps([
        "Open_vSwitch", {"op": "select", "table": "Open_vSwitch",
                         "where": []}]))
    assert json.loads(proc.stdout)[0]["rows"] == []


# Import of Open vSwitch database files.

def parse_type(t):
    """Returns (key_type, value_type, n_min, n_max) of schema type 't'."""
    if isinstance(t, str):
        return t, None, 1, 1

    def base(b):
        return None if b is None else (b if isinstance(b, str)
                                       else b["type"])
    n_max = t.get("max", 1)
    return (base(t["key"]), base(t.get("value")), t.get("min", 1),
            float("inf") if n_max == "unlimited" else n_max)


DEFAULT_ATOMS = {"integer": 0, "real": 0.0, "boolean": False, "string": "",
                 "uuid": ("uuid", "00000000-0000-0000-0000-000000000000")}


def canon_atom(atom, atype):
    if atype == "uuid":
        return ("uuid", atom[1])
    if atype == "real":
        return float(atom)
    return atom


def canon_value(value, column_type):
    """Returns 'value' (RFC 7047 notation, or None for the default) as a
    sorted tuple of atoms or (key, value) pairs."""
    key, val, n_min, _ = parse_type(column_type)
    if value is None:
        if n_min == 0:
            return ()
        if val:
            return ((DEFAULT_ATOMS[key], DEFAULT_ATOMS[val]),)
        return (DEFAULT_ATOMS[key],)
    if val:
        return tuple(sorted((canon_atom(k, key), canon_atom(v, val))
                            for k, v in value[1]))
    if isinstance(value, list) and value[0] == "set":
        return tuple(sorted(canon_atom(a, key) for a in value[1]))
    return (canon_atom(value, key),)


def canon_rows(schema, rows_by_table):
    """Canonical form of {table: {uuid: row}} for every persistent column
    of 'schema'; absent columns take their default values."""
    result = {}
    for table, tschema in schema["tables"].items():
        rows = rows_by_table.get(table, {})
        for uuid, row in rows.items():
            canon = {}
            for col, cschema in tschema["columns"].items():
                if cschema.get("ephemeral"):
                    continue
                canon[col] = canon_value(row.get(col), cschema["type"])
            result[(table, uuid)] = canon
    return result


def server_rows(client, db_name, schema):
    """All the rows of every table, from the running server."""
    ops = [{"op": "select", "table": t, "where": []}
           for t in schema["tables"]]
    results = client.transact(db_name, *ops)
    rows = {}
    for table, result in zip(schema["tables"], results):
        rows[table] = {r["_uuid"][1]: r for r in result["rows"]}
    return rows


def imported_rows(db):
    rows = {}
    for line in storage_dump(db).splitlines():
        table, uuid, row = line.split(" ", 2)
        rows.setdefault(table, {})[uuid] = json.loads(row)
    return rows


def types_transactions():
    """Transactions on the Types schema that change columns of every kind
    in every way, each as (comment, operations)."""
    u = ["named-uuid", "a"]
    return [
        ("insert a", [
            {"op": "insert", "table": "Atoms", "uuid-name": "a",
             "row": {"i": 1, "r": 1.5, "b": True, "s": "x y",
                     "i_opt": 5, "i_set": ["set", [1, 2, 3]],
                     "i_set2": ["set", [1, 2]],
                     "m_si2": ["map", [["a", 1]]],
                     "m_ss": ["map", [["k1", "v1"], ["k2", "v2"]]],
                     "s_set3": ["set", ["p", "q"]],
                     "s_enum": "red", "r_set": ["set", [0.5, 2.25]]}},
            {"op": "insert", "table": "Small",
             "row": {"name": "s1", "n": 1, "tags": ["set", ["t1"]]}}]),
        ("modify sets and maps", [
            {"op": "update", "table": "Atoms", "where": [],
             "row": {"i_opt": ["set", []], "i_set2": ["set", [3]],
                     "m_si2": ["map", [["b", 2], ["c", 3]]],
                     "i_set": ["set", [2, 3, 4]], "s": ""}}]),
        ("change map values", [
            {"op": "update", "table": "Atoms", "where": [],
             "row": {"m_si2": ["map", [["b", 5]]],
                     "m_ss": ["map", [["k1", "v1"], ["k2", "changed"],
                                      ["k3", "v3"]]]}}]),
        ("mutate", [
            {"op": "mutate", "table": "Atoms", "where": [],
             "mutations": [["i_set", "insert", ["set", [10, 11]]],
                           ["i_set", "delete", 2],
                           ["m_ss", "delete", ["set", ["k1"]]],
                           ["s_set3", "insert", "r"], ["i", "+=", 41]]}]),
        ("uuids", [
            {"op": "insert", "table": "Atoms", "uuid-name": "b",
             "row": {"u_set": ["set", [["named-uuid", "b"]]],
                     "m_uu": ["map", [[["named-uuid", "b"],
                                       ["named-uuid", "b"]]]],
                     "s_set3": "z"}},
            {"op": "insert", "table": "Small", "row": {"name": "s2"}}]),
        ("delete", [
            {"op": "delete", "table": "Small",
             "where": [["name", "==", "s1"]]}]),
        ("back to defaults", [
            {"op": "update", "table": "Atoms",
             "where": [["i", "==", 42]],
             "row": {"i_set": ["set", []], "m_ss": ["map", []], "b": False,
                     "r_set": ["set", []], "s_enum": ["set", []]}}]),
    ]


def make_ovs_db(tmp_path, schema_name, transactions):
    """Runs 'transactions' through Debian's ovsdb-server on a new database
    of 'schema_name' (see sandbox.schema_path()).  Returns the database
    file, the schema (parsed) and the rows the server held at the end."""
    server = sandbox.DbServer("ovs", tmp_path / "ovs", schemas=[schema_name])
    try:
        server.start()
    except sandbox.ProgramMissing as e:
        pytest.skip(str(e))
    schema_file = sandbox.schema_path(schema_name)
    with open(schema_file) as f:
        schema = json.load(f)
    try:
        client = server.connect()
        for comment, ops in transactions:
            ops = ops + [{"op": "comment", "comment": comment}]
            results = client.transact(schema["name"], *ops)
            assert not any("error" in r for r in results if r), results
        rows = server_rows(client, schema["name"], schema)
    finally:
        server.stop()
    return server.db_files[0], schema, rows


def test_import_types(tmp_path):
    ovs_db, schema, rows = make_ovs_db(tmp_path, "types",
                                       types_transactions())
    svs_db = tmp_path / "svs.db"
    svsdb_tool("import", ovs_db, svs_db)

    assert canon_rows(schema, imported_rows(svs_db)) == \
        canon_rows(schema, rows)

    # Same history, record for record.
    same_result(["show-log", ovs_db], ["show-log", svs_db])
    n = len(types_transactions())
    log = storage_log(svs_db).splitlines()
    assert [int(line.split()[0]) for line in log] == list(range(1, n + 1))

    for cmd in ("db-name", "db-version", "db-cksum"):
        same_result([cmd, ovs_db], [cmd, svs_db])


def test_import_vswitch(tmp_path):
    """A database written by ovs-vsctl through Debian's ovsdb-server."""
    server = sandbox.DbServer("ovs", tmp_path / "ovs",
                              schemas=[DEBIAN_SCHEMA])
    try:
        server.start()
    except sandbox.ProgramMissing as e:
        pytest.skip(str(e))
    with open(DEBIAN_SCHEMA) as f:
        schema = json.load(f)
    try:
        vsctl = ["ovs-vsctl", "--db=" + server.remote, "--no-wait"]
        for cmd in (["init"], ["add-br", "br0"],
                    ["add-port", "br0", "p1", "--", "set", "interface", "p1",
                     "type=internal"],
                    ["set", "bridge", "br0", "other_config:a=b",
                     "external_ids:x=y"],
                    ["set", "bridge", "br0", "other_config:c=d"],
                    ["remove", "bridge", "br0", "other_config", "a"],
                    ["set", "bridge", "br0", "fail_mode=secure"],
                    ["clear", "bridge", "br0", "fail_mode"],
                    ["add-port", "br0", "p2"], ["del-port", "br0", "p1"],
                    ["add-br", "br1"], ["del-br", "br1"],
                    ["set", "open", ".", "external_ids:foo=bar"]):
            run(vsctl + cmd)
        client = server.connect()
        rows = server_rows(client, "Open_vSwitch", schema)
    finally:
        server.stop()

    ovs_db = server.db_files[0]
    svs_db = tmp_path / "svs.db"
    svsdb_tool("import", ovs_db, svs_db)
    assert canon_rows(schema, imported_rows(svs_db)) == \
        canon_rows(schema, rows)
    same_result(["show-log", ovs_db], ["show-log", svs_db])

    # With -m, the same lines, but the rows of a table may come in another
    # order.
    o = ovsdb_tool("-m", "show-log", ovs_db).stdout.splitlines()
    s = svsdb_tool("-m", "show-log", svs_db).stdout.splitlines()
    assert sorted(o) == sorted(s)


def ovs_records(data):
    """Splits the contents of an Open vSwitch database file into records
    (header line plus body, as bytes)."""
    records = []
    pos = 0
    while pos < len(data):
        nl = data.index(b"\n", pos)
        length = int(data[pos:nl].split()[2])
        records.append(data[pos:nl + 1 + length])
        pos = nl + 1 + length
    return records


def test_import_errors(tmp_path):
    ovs_db, schema, rows = make_ovs_db(tmp_path, "types",
                                       types_transactions()[:3])
    data = open(ovs_db, "rb").read()
    records = ovs_records(data)
    assert len(records) == 4

    # The target exists: nothing is overwritten.
    target = tmp_path / "exists.db"
    target.write_text("precious")
    proc = svsdb_tool("import", ovs_db, target, check=False)
    assert proc.returncode == 1 and "File exists" in proc.stderr
    assert target.read_text() == "precious"

    # Nonexistent source.
    proc = svsdb_tool("import", tmp_path / "none.db", tmp_path / "x.db",
                      check=False)
    assert proc.stderr == ("svsdb-tool: I/O error: %s/none.db: open failed "
                           "(No such file or directory)\n" % tmp_path)

    # Not an Open vSwitch file; a clustered one; an svs one.
    for content, message in (
            (b"hello\n", "not an Open vSwitch database file"),
            (b"OVSDB CLUSTER 2 x\n{}\n", "clustered Open vSwitch database"),
            (b"", "empty file")):
        bad = tmp_path / "bad.db"
        bad.write_bytes(content)
        proc = svsdb_tool("import", bad, tmp_path / "x.db", check=False)
        assert proc.returncode == 1 and message in proc.stderr, proc.stderr
        assert not (tmp_path / "x.db").exists()

    # A damaged record in the middle: an error, and no output file.
    damaged = bytearray(data)
    start = len(records[0]) + len(records[1]) - 5
    damaged[start] = ord("X") if damaged[start] != ord("X") else ord("Y")
    bad = tmp_path / "damaged.db"
    bad.write_bytes(bytes(damaged))
    out = tmp_path / "out.db"
    proc = svsdb_tool("import", bad, out, check=False)
    assert proc.returncode == 1
    assert re.search(r"have SHA-1 hash [0-9a-f]{40} but should have hash",
                     proc.stderr), proc.stderr
    assert not any(p.name.startswith("out.db") for p in tmp_path.iterdir())

    # An incomplete last record (a crash while writing it) is ignored with a
    # warning, as Open vSwitch does.
    torn = tmp_path / "torn.db"
    torn.write_bytes(data[:len(data) - 10])
    out = tmp_path / "torn-out.db"
    proc = svsdb_tool("import", torn, out)
    assert "ignored the incomplete record at offset %d" % (
        len(data) - len(records[-1])) in proc.stderr
    assert len(storage_log(out).splitlines()) == 2

    # A transaction that names a table the schema lacks.
    body = b'{"Nope":{"00000000-0000-0000-0000-000000000001":{}}}\n'
    record = b"OVSDB JSON %d %s\n" % (len(body),
                                      hashlib.sha1(body).hexdigest().encode())
    bad.write_bytes(records[0] + record + body)
    proc = svsdb_tool("import", bad, out.with_name("n.db"), check=False)
    assert proc.returncode == 1
    assert "record 1: no table named Nope" in proc.stderr, proc.stderr
