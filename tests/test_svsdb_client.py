"""Differential tests of svsdb-client against Debian's ovsdb-client.

Each test runs the same command line through ovsdb-client and
svsdb-client against the same sandboxed server (Debian's ovsdb-server,
"ovs", and our svsdb-server, "svs") and requires the same standard
output, byte for byte, the same exit status, and the same standard error
once program names and log prefixes are normalized.  The server holds the
awkward data of tests/test_table.py plus a small Open_vSwitch database
filled by ovs-vsctl.
"""

import json
import os
import re
import signal
import subprocess
import tempfile
import time

import pytest

import sandbox
from test_table import DATA, SCHEMA, built_program, fast_env

OVSDB_CLIENT = "/usr/bin/ovsdb-client"

pytestmark = pytest.mark.reference

VSCTL_COMMANDS = [
    ["init"],
    ["add-br", "br0", "--", "set", "bridge", "br0", "other_config:foo=bar",
     'external_ids:"needs quote"="a b,c"'],
    ["add-port", "br0", "p1", "--", "set", "interface", "p1",
     "type=internal", "options:x=1"],
    ["set", "open", ".", "external_ids:u=h\u00e9llo"],
]


def svsdb_client():
    return built_program("ovsdb/svsdb-client")


def start_server(factory, **kwargs):
    """Starts a server with 'factory' and makes its environment (which the
    tests pass to both clients) fit built_program()."""
    srv = factory(**kwargs)
    srv.env = fast_env(srv.env)
    return srv


def write_schema(tmpdir, schema, name="t.ovsschema"):
    path = os.path.join(str(tmpdir), name)
    with open(path, "w") as f:
        json.dump(schema, f)
    return path


def transact(srv, db, *ops):
    """Runs a transaction on a connection of its own (a long-lived idle
    connection may be dropped by a server's inactivity probe)."""
    with sandbox.JsonRpcClient(srv.sock_path) as client:
        return client.transact(db, *ops)


@pytest.fixture(scope="module", params=sandbox.IMPLS)
def server(request, tmp_path_factory):
    """A server of each implementation with databases T (awkward data) and
    Open_vSwitch (a bridge and a port)."""
    tmpdir = tmp_path_factory.mktemp("client-%s" % request.param)
    schema = write_schema(tmpdir, SCHEMA)
    factory = sandbox.ServerFactory(tmpdir, default_impl=request.param)
    try:
        srv = start_server(factory, schemas=[schema, "vswitch"])
    except sandbox.ProgramMissing as e:
        factory.close()
        pytest.fail(str(e))
    try:
        result = transact(srv, "T", *DATA)
        assert all(r is not None and "error" not in r for r in result), \
            result
        for cmd in VSCTL_COMMANDS:
            subprocess.run(["ovs-vsctl", "--db=" + srv.remote, "--no-wait"]
                           + cmd, check=True, env=srv.env,
                           capture_output=True, timeout=30)
        yield srv
    finally:
        factory.close()


_LOG_PREFIX = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\|\d+\|",
                         re.MULTILINE)


def normalize_stderr(text, srv):
    """Makes the two clients' standard error comparable: program and
    module names and the default run directory are replaced, log
    timestamps and sequence numbers dropped."""
    text = text.replace("svsdb-client", "CLIENT")
    text = text.replace("ovsdb-client", "CLIENT")
    text = text.replace("svsdb_client", "CLIENT")
    text = text.replace("ovsdb_client", "CLIENT")
    return _LOG_PREFIX.sub("", text)


def run_client(client, srv, args, stdin=None, timeout=30):
    """Runs 'client' with 'args'.  'stdin' (bytes) goes through a file,
    not a pipe, because ovsdb-client restore seeks in its input."""
    if stdin is None:
        return subprocess.run([client] + list(args), capture_output=True,
                              env=srv.env, cwd=srv.dir, timeout=timeout,
                              stdin=subprocess.DEVNULL)
    with tempfile.TemporaryFile() as f:
        f.write(stdin)
        f.seek(0)
        return subprocess.run([client] + list(args), capture_output=True,
                              env=srv.env, cwd=srv.dir, stdin=f,
                              timeout=timeout)


def run_both(srv, args, stdin=None, check_stderr=True):
    """Runs 'args' through both clients (at the same time) and asserts
    that they behave the same; returns svsdb-client's CompletedProcess."""
    if stdin is None:
        procs = [subprocess.Popen([client] + list(args),
                                  stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE,
                                  stdin=subprocess.DEVNULL, env=srv.env,
                                  cwd=srv.dir)
                 for client in (OVSDB_CLIENT, svsdb_client())]
        results = []
        for p in procs:
            out, err = p.communicate(timeout=30)
            results.append(subprocess.CompletedProcess(p.args, p.returncode,
                                                       out, err))
        ovs, svs = results
    else:
        ovs = run_client(OVSDB_CLIENT, srv, args, stdin)
        svs = run_client(svsdb_client(), srv, args, stdin)
    what = " ".join(args)
    assert svs.stdout == ovs.stdout, what
    if check_stderr:
        assert (normalize_stderr(svs.stderr.decode(), srv)
                == normalize_stderr(ovs.stderr.decode(), srv)), what
    assert svs.returncode == ovs.returncode, (what, ovs.stderr, svs.stderr)
    return svs


# Command lines, with "@" standing for the server's remote.
SIMPLE_COMMANDS = [
    "list-dbs @",
    "list-dbs",
    "-f json list-dbs @",
    "get-schema @ T",
    "get-schema @",
    "--pretty get-schema @ T",
    "get-schema-version @ T",
    "get-schema-version @",
    "get-schema-cksum @",
    "get-schema-cksum @ T",
    "list-tables @",
    "list-tables @ T",
    "-f json list-tables @ T",
    "list-columns @ T",
    "list-columns @ T B",
    "list-columns @ T Nosuch",
    "list-columns @",
    "-f csv list-columns @ Open_vSwitch Bridge",
    "-d bare list-columns @ T A",
    "dump @",
    "dump @ T",
    "dump @ T B",
    "dump @ T B name n",
    "dump @ T A _uuid s",
    "dump @ Bridge",
    "dump @ Open_vSwitch Interface name type options",
    "--no-headings dump @ T B",
    "-f list dump @ Open_vSwitch",
    "-f html dump @ T",
    "-f csv dump @ T",
    "-f json dump @ T",
    "-f json --pretty dump @ T B",
    "-d json dump @ T",
    "-d bare dump @ T",
    "--bare dump @ T",
    "--max-column-width=7 dump @ T",
    "--timestamp dump @ T B",
    # Errors.
    "",
    "nosuch",
    "-f xyz list-dbs @",
    "-d xyz list-dbs @",
    "--timeout=abc list-dbs @",
    "-t 0 list-dbs @",
    "list-dbs @ extra",
    "get-schema-version @ T x y z",
    "get-schema @ Nosuch",
    "list-tables @ Nosuch",
    "dump @ T Nosuch",
    "dump @ Nosuch",
    "dump @ T B nosuch",
    "monitor @ T Nosuch",
    "monitor @ T",
    "monitor @ T ALL x",
    "monitor @ T B !bogus",
    "monitor @ T B name,name",
    "monitor @ T B n name,n",
    "monitor-cond @ T [] Nosuch",
    "monitor-cond @ T [] ALL",
    "monitor-cond-since @ T [] Nosuch",
    "monitor-cond @ T [[\"nosuch\",\"==\",1]] B n",
    "transact",
    "transact @ []",
    "transact @ {\"x\":1}",
    "transact @ [\"Nosuch\"]",
    "convert",
    "wait @",
    "wait @ T bogus",
    "get-schema-version unix:@nonexistent",
    "get-schema-version foo:bar",
    "get-schema-version tcp:127.0.0.1:1",
    "get-schema-version @,@",
    "dump @,@ T B",
    "get-schema-version unix:@nonexistent,@ T",
    "needs-conversion @ /nonexistent.ovsschema",
]

TRANSACTIONS = [
    ["T", {"op": "select", "table": "B", "where": [["n", "<", 105]]}],
    ["T", {"op": "select", "table": "A", "where": [],
           "columns": ["sr", "m", "ss"]}],
    ["T", {"op": "insert", "table": "B", "row": {"n": "bad"}}],
    ["T", {"op": "comment", "comment": "x"},
     {"op": "select", "table": "Empty", "where": []}],
    ["T"],
    ["Open_vSwitch", {"op": "select", "table": "Bridge", "where": [],
                      "columns": ["name", "other_config"]}],
]


def expand(srv, line):
    args = line.split(" ") if line else []
    out = []
    nonexistent = "unix:" + os.path.join(srv.dir, "nonexistent")
    for a in args:
        if a == "@":
            a = srv.remote
        elif a == "unix:@nonexistent":
            a = nonexistent
        elif a == "@,@":
            a = srv.remote + "," + srv.remote
        elif a == "unix:@nonexistent,@":
            a = nonexistent + "," + srv.remote
        out.append(a)
    return out


def transaction_commands(srv):
    """Every combination of TRANSACTIONS, transact or query, and --pretty,
    as argument lists."""
    for txn in TRANSACTIONS:
        for command in ("transact", "query"):
            if command == "transact" and "insert" in json.dumps(txn):
                # Would change the database (and fails anyway).
                continue
            for pretty in ([], ["--pretty"]):
                yield pretty + [command, srv.remote, json.dumps(txn)]


def run_all(srv, commands):
    """Runs run_both() on each argument list in 'commands', several at a
    time, and asserts that none failed, listing those that did."""
    import concurrent.futures

    def check(args):
        try:
            run_both(srv, args)
            return None
        except AssertionError as e:
            return "%s\n%s" % (" ".join(args), e)

    with concurrent.futures.ThreadPoolExecutor(max_workers=6) as pool:
        failures = [f for f in pool.map(check, commands) if f]
    assert not failures, "\n\n".join(failures)


def test_svsdb_client_commands(server):
    """SIMPLE_COMMANDS: everything but monitors, backups and locks."""
    run_all(server, [expand(server, line) for line in SIMPLE_COMMANDS])


def test_svsdb_client_transact(server):
    run_all(server, list(transaction_commands(server)))


def test_svsdb_client_needs_conversion(server, tmp_path):
    same = write_schema(tmp_path, SCHEMA, "same.ovsschema")
    changed = dict(SCHEMA, version="1.2.4")
    changed = write_schema(tmp_path, changed, "changed.ovsschema")
    for schema in (same, changed):
        run_both(server, ["needs-conversion", server.remote, schema])
    bad = os.path.join(str(tmp_path), "bad.ovsschema")
    with open(bad, "w") as f:
        f.write("{}")
    run_both(server, ["needs-conversion", server.remote, bad])


def test_svsdb_client_version_and_help():
    proc = subprocess.run([svsdb_client(), "--version"], capture_output=True,
                          text=True, timeout=30, env=fast_env())
    assert proc.returncode == 0
    assert re.match(r"svsdb-client \(svs\) \S+\n$", proc.stdout)

    proc = subprocess.run([svsdb_client(), "--help"], capture_output=True,
                          text=True, timeout=30, env=fast_env())
    ovs = subprocess.run([OVSDB_CLIENT, "--help"], capture_output=True,
                         text=True, timeout=30)
    assert proc.returncode == 0
    # The command summary is the same, apart from names and directories.
    ours = proc.stdout.split("\nActive SERVER")[0]
    theirs = ovs.stdout.split("\nActive SERVER")[0]
    ours = re.sub(r"The default SERVER is .*", "", ours)
    theirs = re.sub(r"The default SERVER is .*", "", theirs)
    assert ours.replace("svsdb-client", "ovsdb-client") == theirs


def test_svsdb_client_timeout(server):
    """-t: killed by SIGALRM while waiting for a connection."""
    start = time.monotonic()
    proc = run_client(svsdb_client(), server,
                      ["-t", "1", "get-schema-version", "ptcp:0:127.0.0.1",
                       "T"])
    assert proc.returncode == -signal.SIGALRM
    assert time.monotonic() - start < 10
    assert b"ptcp:0:127.0.0.1: waiting for connection..." in proc.stderr


# Monitors.

MONITOR_COMMANDS = [
    "monitor @ T B",
    "-f json monitor @ T B",
    "-f list monitor @ T ALL",
    "-f csv monitor @ T B n,!initial name",
    "-f html monitor @ T B n,!insert,!delete",
    "-d json monitor @ T B name,n",
    "--bare monitor @ T B",
    "monitor @ T B _uuid,name",
    "monitor @ T ALL",
    "monitor-cond @ T [[\"n\",\">=\",700]] B name",
    "monitor-cond @ T [true] B",
    "-f json monitor-cond @ T [] B",
    "monitor-cond-since @ T [] B",
    "-f list monitor-cond-since @ T [] B n",
    "monitor-cond @ T [[\"i\",\"==\",42]] A oi,e,si,m",
    "monitor @ T A oi,e,si,m,s",
]


def monitor_changes(srv):
    """Inserts, modifies and deletes rows, one transaction at a time."""
    client = sandbox.JsonRpcClient(srv.sock_path)
    steps = [
        [{"op": "insert", "table": "B", "row": {"name": "mon", "n": 700}},
         {"op": "insert", "table": "Empty", "row": {"x": 700}}],
        [{"op": "update", "table": "B", "where": [["n", "==", 700]],
          "row": {"name": "mon2", "a_rather_long_column_name": "z"}}],
        [{"op": "mutate", "table": "A", "where": [["i", "==", 42]],
          "mutations": [["si", "insert", ["set", [9]]],
                        ["m", "delete", ["set", ["k"]]],
                        ["m", "insert", ["map", [["z", "zz"]]]]]},
         {"op": "update", "table": "A", "where": [["i", "==", 42]],
          "row": {"oi": 8, "e": "x"}}],
        [{"op": "delete", "table": "B", "where": [["n", "==", 700]]},
         {"op": "delete", "table": "Empty", "where": [["x", "==", 700]]}],
        # Back to the original contents, for the other tests.
        [{"op": "mutate", "table": "A", "where": [["i", "==", 42]],
          "mutations": [["si", "delete", ["set", [9]]],
                        ["m", "delete", ["set", ["z"]]],
                        ["m", "insert", ["map", [["k", "v"]]]]]},
         {"op": "update", "table": "A", "where": [["i", "==", 42]],
          "row": {"oi": 7, "e": "y"}}],
    ]
    for ops in steps:
        result = client.transact("T", *ops)
        assert all("error" not in r for r in result), result
    client.close()


def wait_for(predicate, timeout=10):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_svsdb_client_monitor(server, tmp_path):
    """Runs every monitor command line of MONITOR_COMMANDS through both
    clients at once, makes changes, and compares what they printed."""
    procs = []
    for i, line in enumerate(MONITOR_COMMANDS):
        for client in (OVSDB_CLIENT, svsdb_client()):
            name = os.path.join(str(tmp_path), "%d-%s" % (
                i, os.path.basename(client)))
            out = open(name + ".out", "wb")
            err = open(name + ".err", "wb")
            proc = subprocess.Popen([client] + expand(server, line),
                                    stdout=out, stderr=err, env=server.env)
            out.close()
            err.close()
            procs.append((line, name, proc))

    def size(name):
        return os.path.getsize(name + ".out")

    try:
        # Every monitor has printed its initial contents (or, with
        # !initial, has at least had time to set up).
        deadline = time.monotonic() + 5
        for line, name, proc in procs:
            if "!initial" not in line and "700" not in line:
                while size(name) == 0 and time.monotonic() < deadline:
                    time.sleep(0.02)
        time.sleep(0.3)
        monitor_changes(server)

        # Wait until the output stops growing.
        last = None
        while True:
            time.sleep(0.3)
            sizes = [size(name) for line, name, proc in procs]
            if sizes == last:
                break
            last = sizes
    finally:
        for line, name, proc in procs:
            proc.terminate()
            proc.wait()

    for i in range(0, len(procs), 2):
        line, ovs_name, ovs_proc = procs[i]
        _, svs_name, svs_proc = procs[i + 1]
        with open(ovs_name + ".out", "rb") as f:
            expected = f.read()
        with open(svs_name + ".out", "rb") as f:
            got = f.read()
        assert got == expected, line
        if server.impl == "ovs":
            assert expected.count(b"\n") > 3, line


def test_svsdb_client_monitor_server_gone(server, tmp_path):
    """A monitor whose server goes away fails the same way."""
    schema = write_schema(tmp_path, SCHEMA)
    factory = sandbox.ServerFactory(tmp_path, default_impl=server.impl)
    try:
        srv = start_server(factory, schemas=[schema], name="gone")
        transact(srv, "T", *DATA)
        procs = []
        for client in (OVSDB_CLIENT, svsdb_client()):
            name = os.path.join(str(tmp_path), os.path.basename(client))
            with open(name + ".out", "wb") as out, \
                    open(name + ".err", "wb") as err:
                procs.append((name, subprocess.Popen(
                    [client, "monitor", srv.remote, "T", "B", "n"],
                    stdout=out, stderr=err, env=srv.env)))
        for name, proc in procs:
            wait_for(lambda: os.path.getsize(name + ".out") > 0)
        srv.stop()
        results = []
        for name, proc in procs:
            proc.wait(timeout=30)
            with open(name + ".out", "rb") as f:
                out = f.read()
            with open(name + ".err") as f:
                err = normalize_stderr(f.read(), srv)
            results.append((proc.returncode, out, err))
        assert results[0] == results[1]
        assert results[0][0] == 1
        assert "receive failed (End of file)" in results[0][2]
    finally:
        factory.close()


def test_svsdb_client_monitor_timestamp(server, tmp_path):
    """--timestamp puts the same time above every table of an update."""
    path = os.path.join(str(tmp_path), "ts.out")
    with open(path, "wb") as out:
        proc = subprocess.Popen([svsdb_client(), "--timestamp", "monitor",
                                 server.remote, "T", "ALL"],
                                stdout=out, stderr=subprocess.DEVNULL,
                                env=server.env)
    try:
        wait_for(lambda: os.path.getsize(path) > 0)
        time.sleep(0.2)
    finally:
        proc.terminate()
        proc.wait()
    with open(path) as f:
        text = f.read()
    stamps = re.findall(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3})\n"
                        r"(\w+)\nrow ", text, re.MULTILINE)
    assert [t for _, t in stamps] == ["A", "B"]
    assert len(set(s for s, _ in stamps)) == 1


def test_svsdb_client_monitor_detach(server, tmp_path):
    """--detach: detaches after the initial contents, keeps printing to
    the same output, and "exit" through unixctl stops it."""
    env = dict(server.env)
    path = os.path.join(str(tmp_path), "detach.out")
    pidfile = os.path.join(str(tmp_path), "client.pid")
    errpath = os.path.join(str(tmp_path), "detach.err")
    with open(path, "wb") as out, open(errpath, "wb") as err:
        # (Not pipes: the daemon keeps the client's stdout and stderr.)
        proc = subprocess.run([svsdb_client(), "--detach",
                               "--pidfile=" + pidfile, "monitor",
                               server.remote, "T", "B", "n"],
                              stdout=out, stderr=err, env=env, timeout=30)
    assert proc.returncode == 0, open(errpath).read()
    with open(pidfile) as f:
        pid = int(f.read())
    ctl = os.path.join(server.dir, "svsdb-client.%d.ctl" % pid)
    try:
        with open(path) as f:
            assert f.read().startswith("row ")
        transact(server, "T", {"op": "insert", "table": "B",
                               "row": {"n": 4242}})

        def printed():
            with open(path) as f:
                return "insert 4242" in f.read()
        wait_for(printed)
        wait_for(lambda: os.path.exists(ctl))
    finally:
        subprocess.run(["ovs-appctl", "-t", ctl, "exit"], timeout=30,
                       capture_output=True)
        transact(server, "T", {"op": "delete", "table": "B",
                               "where": [["n", "==", 4242]]})
    wait_for(lambda: not os.path.exists(pidfile))


def test_svsdb_client_lock(server, tmp_path):
    """lock, steal and unlock print the same replies and notifications.
    (ovsdb-client writes its lock output only at exit, so the steps are
    paced by time rather than by output.)"""
    outputs = {}
    for client in (OVSDB_CLIENT, svsdb_client()):
        lock = "lock_" + os.path.basename(client).replace("-", "_")
        procs = []
        for cmd in ("lock", "lock", "steal", "unlock"):
            path = os.path.join(str(tmp_path), "%s-%d" % (lock, len(procs)))
            with open(path, "wb") as out:
                procs.append((path, subprocess.Popen(
                    [client, cmd, server.remote, lock], stdout=out,
                    stderr=subprocess.DEVNULL, env=server.env)))
            time.sleep(0.3)
        # The thief goes away and the victim gets the lock back; then the
        # rest go, waiters first, so that nobody else gets the lock.
        procs[2][1].terminate()
        procs[2][1].wait()
        time.sleep(0.3)
        for path, proc in reversed(procs):
            proc.terminate()
            proc.wait()
        outputs[client] = []
        for path, proc in procs:
            with open(path, "rb") as f:
                out = f.read().replace(lock.encode(), b"LOCK")
            # Depending on timing, the server may repeat "locked" when a
            # waiter goes away.
            twice = b'locked\n["LOCK"]\nlocked\n["LOCK"]\n'
            while twice in out:
                out = out.replace(twice, b'locked\n["LOCK"]\n')
            outputs[client].append(out)
    assert outputs[OVSDB_CLIENT] == outputs[svsdb_client()]
    assert outputs[OVSDB_CLIENT][0].startswith(b'{"locked":true}\nstolen\n')


def test_svsdb_client_wait(server):
    for args in (["T", "added"], ["T", "connected"], ["Nosuch", "removed"]):
        proc = run_client(svsdb_client(), server,
                          ["-t", "10", "wait", server.remote] + args)
        assert proc.returncode == 0, (args, proc.stderr)
    # The default server, found through the run directory.
    proc = run_client(svsdb_client(), server, ["-t", "10", "wait", "T",
                                                "added"])
    assert proc.returncode == 0, proc.stderr


# Backup and restore.

def parse_db_file(data):
    """Returns the JSON records of an Open vSwitch standalone database
    file, checking each record's length and SHA-1."""
    import hashlib
    records = []
    ofs = 0
    while ofs < len(data):
        nl = data.index(b"\n", ofs)
        magic, kind, length, sha1 = data[ofs:nl].decode().split(" ")
        assert (magic, kind) == ("OVSDB", "JSON")
        body = data[nl + 1:nl + 1 + int(length)]
        assert len(body) == int(length) and body.endswith(b"\n")
        assert hashlib.sha1(body).hexdigest() == sha1
        records.append(json.loads(body))
        ofs = nl + 1 + int(length)
    return records


def canonical_dump(srv, db):
    """The database's contents with row UUIDs replaced by the contents of
    the rows they name (references included), so that databases restored
    with new UUIDs compare equal."""
    dump = subprocess.run([OVSDB_CLIENT, "-f", "json", "dump", srv.remote,
                           db], capture_output=True, check=True,
                          env=srv.env, timeout=30).stdout.decode()
    import hashlib
    uuid_re = re.compile(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}")
    tables = [json.loads(l) for l in dump.split("\n") if l]
    names = {}
    for t in tables:
        for row in t["data"]:
            # A row's name: its contents, without any UUIDs.
            key = uuid_re.sub("U", json.dumps(
                [c for h, c in zip(t["headings"], row) if h != "_uuid"],
                sort_keys=True))
            names[row[t["headings"].index("_uuid")][1]] = (
                "row-" + hashlib.sha1(key.encode()).hexdigest())
    assert len(set(names.values())) == len(names), "rows not distinct"
    text = json.dumps(tables, sort_keys=True)
    for uuid, name in names.items():
        text = text.replace(uuid, name)
    def sort_sets(j):
        if isinstance(j, dict):
            return {k: sort_sets(v) for k, v in j.items()}
        if isinstance(j, list):
            j = [sort_sets(e) for e in j]
            if len(j) == 2 and j[0] in ("set", "map"):
                j[1].sort(key=lambda e: json.dumps(e, sort_keys=True))
        return j

    result = sort_sets(json.loads(text))
    for t in result:
        t["data"].sort(key=lambda r: json.dumps(r, sort_keys=True))
    return result


def test_svsdb_client_backup_restore(server, tmp_path):
    backups = {}
    for client in (OVSDB_CLIENT, svsdb_client()):
        path = os.path.join(str(tmp_path), os.path.basename(client) + ".db")
        with open(path, "wb") as out:
            proc = subprocess.run([client, "backup", server.remote, "T"],
                                  stdout=out, stderr=subprocess.PIPE,
                                  env=server.env, timeout=30)
        assert proc.returncode == 0, proc.stderr
        with open(path, "rb") as f:
            backups[client] = parse_db_file(f.read())

    ovs, svs = backups[OVSDB_CLIENT], backups[svsdb_client()]
    assert svs[0] == ovs[0]
    assert svs[1].pop("_comment") == 'produced by "svsdb-client backup"'
    assert ovs[1].pop("_comment") == 'produced by "ovsdb-client backup"'
    assert abs(svs[1].pop("_date") - ovs[1].pop("_date")) < 60000
    assert svs[1] == ovs[1]

    # ovsdb-tool reads our backup as a database.
    path = os.path.join(str(tmp_path), "svsdb-client.db")
    proc = subprocess.run(["ovsdb-tool", "show-log", path],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert 'record 1: ' in proc.stdout

    # Restore each backup into a fresh server of each implementation and
    # compare contents.
    expected = canonical_dump(server, "T")
    schema = write_schema(tmp_path, SCHEMA)
    factory = sandbox.ServerFactory(tmp_path, default_impl=server.impl)
    try:
        for client in (OVSDB_CLIENT, svsdb_client()):
            srv = start_server(factory, schemas=[schema], name="restore")
            with open(os.path.join(str(tmp_path), os.path.basename(client)
                                   + ".db"), "rb") as f:
                backup = f.read()
            proc = run_client(svsdb_client(), srv, ["restore", srv.remote],
                              stdin=backup)
            assert proc.returncode == 0, proc.stderr
            assert canonical_dump(srv, "T") == expected
            # Restoring again replaces everything.
            proc = run_client(svsdb_client(), srv, ["restore", srv.remote,
                                                    "T"], stdin=backup)
            assert proc.returncode == 0, proc.stderr
            assert canonical_dump(srv, "T") == expected
            srv.stop()
    finally:
        factory.close()


def test_svsdb_client_restore_errors(server, tmp_path):
    path = os.path.join(str(tmp_path), "t.db")
    with open(path, "wb") as out:
        subprocess.run([OVSDB_CLIENT, "backup", server.remote, "T"],
                       stdout=out, check=True, env=server.env, timeout=30)
    with open(path, "rb") as f:
        backup = f.read()

    # Wrong schema version, and garbage.  (With --force, both clients go
    # ahead and restore into the snapshot's own database, which would
    # change T here.)
    run_both(server, ["restore", server.remote, "Open_vSwitch"],
             stdin=backup)
    run_both(server, ["restore", server.remote], stdin=backup)
    run_both(server, ["restore", server.remote, "T"], stdin=b"garbage\n")

    # A corrupted record.
    corrupt = backup.replace(b'"n":1,', b'"n":2,')
    proc = run_client(svsdb_client(), server, ["restore", server.remote,
                                               "T"], stdin=corrupt)
    assert proc.returncode == 1
    assert b"SHA-1 hash" in proc.stderr


def test_svsdb_client_convert(server, tmp_path):
    """convert and needs-conversion, on a private server."""
    schema = write_schema(tmp_path, SCHEMA)
    factory = sandbox.ServerFactory(tmp_path, default_impl=server.impl)
    try:
        srv = start_server(factory, schemas=[schema], name="convert")
        transact(srv, "T", {"op": "insert", "table": "B",
                            "row": {"name": "kept", "n": 1}})
        new = json.loads(json.dumps(SCHEMA))
        new["version"] = "1.3.0"
        new["tables"]["B"]["columns"]["extra"] = {"type": "string"}
        new_path = write_schema(tmp_path, new, "new.ovsschema")

        for args in (["needs-conversion", srv.remote, new_path],
                     ["convert", srv.remote, new_path],
                     ["needs-conversion", srv.remote, new_path],
                     ["get-schema-version", srv.remote],
                     ["dump", srv.remote, "B"]):
            proc = run_client(svsdb_client(), srv, args)
            assert proc.returncode == 0, (args, proc.stderr)
            ovs = run_client(OVSDB_CLIENT, srv, args)
            if args[0] != "convert":
                assert proc.stdout == ovs.stdout, args
        assert proc.stdout.decode().startswith(
            "B table\n_uuid                                "
            "a_rather_long_column_name extra n name\n")
    finally:
        factory.close()


def test_svsdb_client_ssl(tmp_path):
    """ssl: with a private key, certificate and CA from ovs-pki, against
    Debian's ovsdb-server."""
    pki = os.path.join(str(tmp_path), "pki")
    for args in (["init"], ["req+sign", "srv", "switch"],
                 ["req+sign", "cli", "switch"]):
        subprocess.run(["ovs-pki", "--dir=" + pki, "--force"] + args,
                       cwd=str(tmp_path), check=True, capture_output=True,
                       timeout=60)
    cacert = os.path.join(pki, "switchca", "cacert.pem")

    def pem(name):
        return os.path.join(str(tmp_path), name)

    port = sandbox.free_tcp_port()
    schema = write_schema(tmp_path, SCHEMA)
    factory = sandbox.ServerFactory(tmp_path, default_impl="ovs")
    try:
        srv = start_server(factory, schemas=[schema], extra_args=[
            "--remote=pssl:%d:127.0.0.1" % port,
            "--private-key=" + pem("srv-privkey.pem"),
            "--certificate=" + pem("srv-cert.pem"),
            "--ca-cert=" + cacert])
        transact(srv, "T", *DATA)
        remote = "ssl:127.0.0.1:%d" % port
        ssl = ["-p", pem("cli-privkey.pem"), "-c", pem("cli-cert.pem"),
               "-C", cacert]

        def ready():
            return run_client(svsdb_client(), srv,
                              ssl + ["list-dbs", remote]).returncode == 0
        wait_for(ready)
        for args in (["list-dbs", remote], ["dump", remote, "T", "B"],
                     ["-f", "json", "list-columns", remote, "T"]):
            proc = run_both(srv, ssl + args)
            assert proc.returncode == 0 and proc.stdout, args
    finally:
        factory.close()

