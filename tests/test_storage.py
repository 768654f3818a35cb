"""Tests of ovsdb/storage.h (the SQLite storage of svsdb-server), driven
through tests/test-storage.c.

The C program checks the API itself (test-storage api, errors, crash);
these tests run it, check the messages that users see, and exercise what
needs several processes: the write lock and crashes."""

import os
import re
import subprocess

import pytest

from conftest import program, run


def storage_cmd(args, **kwargs):
    """Runs tests/test-storage with 'args'."""
    return run([program("tests/test-storage")] + [str(a) for a in args],
               **kwargs)


def test_storage_api(tmp_path):
    proc = storage_cmd(["api", tmp_path])
    assert "api: ok" in proc.stdout


# Every case of "test-storage errors", with a regular expression that its
# message must match.  The C program also checks that no file changed.
ERROR_CASES = {
    "nonexistent": r"^I/O error: .*/nonexistent\.db: open failed "
                   r"\(No such file or directory\)$",
    "nonexistent-ro": r"open failed \(No such file or directory\)$",
    "directory": r"^I/O error: .*: read failed \(Is a directory\)$",
    "empty": r"^ovsdb error: .*/empty\.db: not an svs database: the file is "
             r"empty$",
    "not-sqlite": r"^ovsdb error: .*/text\.db: not an svs database: not an "
                  r"SQLite database file$",
    "ovs": r"^ovsdb error: .*/ovs\.db: this is an Open vSwitch database "
           r"file; svs uses SQLite: convert it with `svsdb-tool import`$",
    "ovs-clustered": r"clustered Open vSwitch database file; .*"
                     r"cluster-to-standalone.*svsdb-tool import",
    "other-sqlite": r"not an svs database: an SQLite database that belongs "
                    r"to another application$",
    "no-metadata": r"not an svs database: no metadata table",
    "newer-format": r"svs database format version 99 is newer than this "
                    r"program supports \(1\)$",
    "format-marker": r"not an svs database: wrong format marker$",
    "bad-schema": r"^syntax error: .*: stored schema is not valid JSON \(",
    "bad-row": r"^syntax error: .*: table T row "
               r"00000005-0000-0007-5eed-000000c0ffee: stored row is not a "
               r"JSON object \(",
    "bad-log": r"^syntax error: .*: log record \d+: stored changes are not a "
               r"JSON object",
    "truncated": r"^ovsdb error: .*/truncated\.db: database file is corrupt",
    "truncated-header": r"database file is corrupt: truncated to 50 bytes$",
    "corrupt": r"^ovsdb error: .*/corrupt\.db: database file is corrupt "
               r"\(.*\)$",
    "create-nodir": r"^I/O error: .*/no/such/dir\.db: create failed \(No "
                    r"such file or directory\)$",
}


def test_storage_errors(tmp_path):
    proc = storage_cmd(["errors", tmp_path])
    assert proc.stdout.rstrip().endswith("errors: ok")
    messages = {}
    for line in proc.stdout.splitlines()[:-1]:
        case, _, msg = line.partition(": ")
        messages[case] = msg
    assert set(messages) == set(ERROR_CASES)
    for case, pattern in ERROR_CASES.items():
        assert re.search(pattern, messages[case]), (case, messages[case])
        assert "\n" not in messages[case]


def make_db(tmp_path, name="test.db"):
    db = tmp_path / name
    schema = tmp_path / "test.ovsschema"
    schema.write_text('{"name": "Test", "version": "1.0.0", "tables": '
                      '{"T": {"columns": {"k": {"type": "integer"}}}}}')
    storage_cmd(["create", db, schema])
    return db


def test_storage_write_read(tmp_path):
    db = make_db(tmp_path)
    uuid = "01234567-89ab-cdef-0123-456789ABCDEF"
    storage_cmd(["write", db, '{"T": {"%s": {"k": 1}}}' % uuid, "one"])
    storage_cmd(["write", db, '{"T": {"%s": {"k": 2}}}' % uuid])
    dump = storage_cmd(["dump", db]).stdout
    assert dump == "T %s {\"k\":2}\n" % uuid.lower()
    log = storage_cmd(["log", db]).stdout.splitlines()
    assert log == ['1 one {"T":{"%s":{"k":1}}}' % uuid.lower(),
                   '2 - {"T":{"%s":{"k":2}}}' % uuid.lower()]

    storage_cmd(["write", db, '{"T": {"%s": null}}' % uuid])
    assert storage_cmd(["dump", db]).stdout == ""
    storage_cmd(["compact", db])
    log = storage_cmd(["log", db]).stdout.splitlines()
    assert log == ['3 - {"T":{"%s":null}}' % uuid.lower()]


def test_storage_create_refuses_existing(tmp_path):
    db = make_db(tmp_path)
    before = db.read_bytes()
    proc = storage_cmd(["create", db, tmp_path / "test.ovsschema"],
                        check=False)
    assert proc.returncode == 1
    assert "create failed (File exists)" in proc.stderr
    assert db.read_bytes() == before
    # No temporary file is left behind.
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "test.db", "test.ovsschema"]


def test_storage_lock(tmp_path):
    """A writer locks the database: a second writer fails with a message
    naming the holder, readers still work, and the lock goes away with
    the process that held it."""
    db = make_db(tmp_path)
    storage_cmd(["write", db, '{"T": {"00000000-0000-0000-0000-000000000001"'
                  ': {"k": 5}}}'])
    holder = subprocess.Popen([program("tests/test-storage"), "lock",
                               str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "locked\n"

        proc = storage_cmd(["open", db], check=False)
        assert proc.returncode == 1
        assert re.search(r"I/O error: .*test\.db: cannot lock database for "
                         r"writing: it is in use by process %d \(Resource "
                         r"temporarily unavailable\)" % holder.pid,
                         proc.stderr), proc.stderr
        proc = storage_cmd(["write", db, "{}"], check=False)
        assert proc.returncode == 1 and "cannot lock" in proc.stderr

        assert "read-only" in storage_cmd(["open", db, "ro"]).stdout
        assert '{"k":5}' in storage_cmd(["dump", db]).stdout
    finally:
        holder.stdin.close()
        holder.wait(30)
    assert holder.returncode == 0
    assert "read/write" in storage_cmd(["open", db]).stdout

    # A killed holder leaves no stale lock.
    holder = subprocess.Popen([program("tests/test-storage"), "lock",
                               str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "locked\n"
    holder.kill()
    holder.wait(30)
    assert "read/write" in storage_cmd(["open", db]).stdout


def test_storage_crash(tmp_path):
    """200 cycles of kill -9 during commits (and compaction): every
    acknowledged transaction survives and none is partially present."""
    proc = storage_cmd(["crash", tmp_path / "crash.db", 200], timeout=600)
    m = re.search(r"crash: 200 cycles, (\d+) transactions acknowledged",
                  proc.stdout)
    assert m, proc.stdout
    assert int(m.group(1)) > 0
    print(proc.stdout)


@pytest.mark.root
def test_storage_disk_full(tmp_path):
    """A full file system makes a commit fail with a clear error; what was
    committed before stays intact and readable."""
    mnt = tmp_path / "small"
    mnt.mkdir()
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs",
                           str(mnt)], capture_output=True, text=True)
    if proc.returncode:
        pytest.skip("cannot mount a tmpfs: " + proc.stderr.strip())
    try:
        proc = storage_cmd(["diskfull", mnt])
    finally:
        subprocess.run(["umount", str(mnt)], check=True)
    assert re.search(r"\d+ transactions committed, then: I/O error: .*"
                     r"full\.db: .*failed \(database or disk is full\)",
                     proc.stdout), proc.stdout
    assert "diskfull: ok" in proc.stdout


def test_storage_perf(tmp_path):
    """Performance, measured in CPU time of the storage's thread so that
    the load of a shared machine does not make the test flaky.  The bounds
    are far below what the storage achieves (see the printed figures);
    they catch gross regressions such as an fsync on every commit."""
    proc = storage_cmd(["perf", tmp_path, 20000], timeout=600)
    print(proc.stdout)
    out = proc.stdout

    m = re.search(r"small commits: \d+: \d+ commits/s \((\d+) per CPU "
                  r"second\)", out)
    assert m and int(m.group(1)) > 8000, out
    m = re.search(r"10,000-row insert: [\d.]+ ms \(([\d.]+) ms CPU", out)
    assert m and float(m.group(1)) < 300, out
    m = re.search(r"longest step [\d.]+ ms \(([\d.]+) ms CPU\)", out)
    assert m and float(m.group(1)) < 50, out
