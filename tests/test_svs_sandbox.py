"""Tests of utilities/svs-sandbox, the README's "try it" command.

Every test runs the script from the source tree against the build under
test (--builddir=$SVS_BUILDDIR --no-build), so it neither builds nor
installs anything, and puts the sandbox in the test's temporary directory.
"""

import json
import os
import re
import signal
import subprocess
import time

import pytest

import sandbox
from conftest import BUILDDIR, SRCDIR

SCRIPT = os.path.join(SRCDIR, "utilities", "svs-sandbox")
UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
                     r"[0-9a-f]{12}")


def svs_sandbox(tmp_path, *args, check=True):
    """Runs svs-sandbox with 'args' and TMPDIR in 'tmp_path'; returns the
    CompletedProcess."""
    env = dict(os.environ)
    env["TMPDIR"] = str(tmp_path)
    for var in list(env):
        if re.match(r"(SVS|OVS)_(RUNDIR|LOGDIR|DBDIR|SYSCONFDIR|SANDBOX)$",
                    var):
            del env[var]
    proc = subprocess.run([SCRIPT, "--builddir=" + BUILDDIR, "--no-build"]
                          + list(args), env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=120)
    if check:
        assert proc.returncode == 0, "stdout:\n%s\nstderr:\n%s" % (
            proc.stdout, proc.stderr)
    return proc


def pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie that nobody reaped yet is dead too.
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def wait_dead(pid, timeout=10):
    deadline = time.monotonic() + timeout
    while pid_alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_help(tmp_path):
    proc = svs_sandbox(tmp_path, "--help")
    assert "--batch" in proc.stdout and "--run=COMMAND" in proc.stdout


def test_bad_option(tmp_path):
    proc = svs_sandbox(tmp_path, "--no-such-option", check=False)
    assert proc.returncode == 1
    assert "unknown option --no-such-option" in proc.stderr


@pytest.mark.reference
def test_batch(tmp_path):
    """--batch prints the environment, runs every client against the
    sandbox, then stops the server and removes the directory."""
    proc = svs_sandbox(tmp_path, "--batch")
    out = proc.stdout
    m = re.search(r"^export SVS_SANDBOX='([^']*)'$", out, re.M)
    assert m, out
    sb = m.group(1)
    assert sb.startswith(str(tmp_path) + "/svs-sandbox.")
    for var in ("SVS_RUNDIR", "SVS_DBDIR", "OVS_RUNDIR", "OVS_DBDIR"):
        assert "export %s='%s'\n" % (var, sb) in out
    assert "Open_vSwitch\n_Server\n" in out
    assert "svsdb-server (svs)" in out
    assert "svs-vswitchd (svs)" in out
    assert "Bridge br9" in out
    assert "smoke test passed" in out
    if os.geteuid() == 0:
        # Two hosts ping each other through svs, before and in the smoke
        # test, and the tools see the switch.
        assert "h1 pings h2 through svs" in proc.stderr, proc.stderr
        assert "2 packets transmitted, 2 received" in out, out
        assert "actions=NORMAL" in out, out
        assert "actions:" in out, out
    assert not os.path.exists(sb)


def test_run_environment(tmp_path):
    """--run runs the command with the svs programs of the build first in
    PATH and every directory variable set to the sandbox."""
    proc = svs_sandbox(tmp_path, "--run",
                       'command -v svsdb-server; command -v svs-appctl; '
                       'echo "$SVS_RUNDIR $OVS_RUNDIR $SVS_DBDIR $OVS_LOGDIR"; '
                       'ls "$SVS_RUNDIR"')
    lines = proc.stdout.splitlines()
    assert lines[0] == os.path.join(BUILDDIR, "ovsdb", "svsdb-server")
    assert lines[1] == os.path.join(BUILDDIR, "utilities", "svs-appctl")
    dirs = lines[2].split()
    assert len(set(dirs)) == 1 and dirs[0].startswith(str(tmp_path))
    files = lines[3:]
    for name in ("conf.db", "db.sock", "svsdb-server.log",
                 "svsdb-server.pid"):
        assert name in files, files
    assert any(re.match(r"svsdb-server\.\d+\.ctl$", f) for f in files), files


def test_run_exit_status(tmp_path):
    assert svs_sandbox(tmp_path, "--run=exit 7", check=False).returncode == 7
    assert svs_sandbox(tmp_path, "--run=true").returncode == 0


def test_run_stops_server(tmp_path):
    """The server runs during --run and is gone after it, even when the
    command fails."""
    proc = svs_sandbox(tmp_path, "--run",
                       'cat "$SVS_RUNDIR/svsdb-server.pid"; '
                       'svs-appctl -t svsdb-server version; exit 3',
                       check=False)
    assert proc.returncode == 3, proc.stderr
    pid = int(proc.stdout.splitlines()[0])
    assert "svsdb-server (svs)" in proc.stdout
    assert wait_dead(pid), "svsdb-server %d still running" % pid
    assert os.listdir(str(tmp_path)) == []


def test_print_env_and_stop(tmp_path):
    """--print-env leaves the server running in --dir; --stop stops it;
    a second start reuses the database."""
    sb = tmp_path / "sb"
    proc = svs_sandbox(tmp_path, "--print-env", "--dir", str(sb))
    assert "export SVS_RUNDIR='%s'" % sb in proc.stdout
    pid = int((sb / "svsdb-server.pid").read_text())
    try:
        assert pid_alive(pid)
        env = sandbox.sandbox_env(sb)
        client = os.path.join(BUILDDIR, "ovsdb", "svsdb-client")
        out = subprocess.run(
            [client, "transact",
             '["Open_vSwitch",{"op":"update","table":"Open_vSwitch",'
             '"where":[],"row":{"external_ids":["map",[["k","kept"]]]}}]'],
            env=env, capture_output=True, text=True, timeout=30)
        assert out.returncode == 0, out.stderr
    finally:
        svs_sandbox(tmp_path, "--stop", "--dir", str(sb))
    assert wait_dead(pid)
    assert not (sb / "svsdb-server.pid").exists()
    assert (sb / "conf.db").exists()

    # Started again on the same directory: same database, still one
    # Open_vSwitch row.
    proc = svs_sandbox(tmp_path, "--dir", str(sb), "--run",
                       "svsdb-client dump Open_vSwitch Open_vSwitch _uuid "
                       "external_ids")
    assert "{k=kept}" in proc.stdout, proc.stdout
    assert len(UUID_RE.findall(proc.stdout)) == 1, proc.stdout


@pytest.mark.reference
def test_init_matches_ovs_vsctl(tmp_path, impl):
    """The sandbox's database starts as "ovs-vsctl --no-wait init" leaves
    a fresh database: the same Open_vSwitch table (uuids aside, and the
    status columns svs-vswitchd writes), checked against both servers."""
    factory = sandbox.ServerFactory(tmp_path / "ref", default_impl=impl)
    dump = ["ovsdb-client", "--format=json", "dump"]
    try:
        srv = factory(schemas=["vswitch"])
        subprocess.run(["ovs-vsctl", "--db=" + srv.remote, "--no-wait",
                        "init"], env=srv.env, check=True, timeout=30)
        ref = subprocess.run(dump + [srv.remote, "Open_vSwitch",
                                     "Open_vSwitch"], env=srv.env,
                             check=True, capture_output=True, text=True,
                             timeout=30).stdout
    finally:
        factory.close()
    (tmp_path / "sb").mkdir()
    out = svs_sandbox(tmp_path / "sb", "--no-hosts", "--run",
                      " ".join(dump) + " Open_vSwitch Open_vSwitch").stdout
    status = {"_uuid", "cur_cfg", "datapath_types", "iface_types",
              "ovs_version"}

    def rows(text):
        table = json.loads(text)
        table = table[0] if isinstance(table, list) else table
        return [{h: v for h, v in zip(table["headings"], row)
                 if h not in status} for row in table["data"]]
    assert rows(out) == rows(ref)


@pytest.mark.reference
def test_ovs_clients(tmp_path):
    """Open vSwitch's clients reach the sandbox with their defaults."""
    proc = svs_sandbox(
        tmp_path, "--no-hosts", "--run",
        "ovs-vsctl --no-wait add-br br0 -- set bridge br0 "
        "external_ids:k=v && ovs-vsctl --no-wait list-br && "
        "ovs-vsctl --no-wait br-get-external-id br0 k && "
        "ovsdb-client list-dbs && "
        "ovs-appctl -t \"$SVS_RUNDIR\"/svsdb-server.$(cat "
        "\"$SVS_RUNDIR\"/svsdb-server.pid).ctl version")
    lines = proc.stdout.splitlines()
    assert lines[:4] == ["br0", "v", "Open_vSwitch", "_Server"], proc.stdout
    assert lines[4].startswith("svsdb-server (svs) "), proc.stdout


def test_interrupted_shell_mode_stops(tmp_path):
    """In its default (shell) mode with standard input at end of file, the
    shell exits at once and the sandbox stops and removes itself."""
    env = dict(os.environ, TMPDIR=str(tmp_path), SHELL="/bin/sh")
    proc = subprocess.run([SCRIPT, "--builddir=" + BUILDDIR, "--no-build"],
                          env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "You are in the svs sandbox" in proc.stdout
    assert os.listdir(str(tmp_path)) == []


def test_sigterm_stops(tmp_path):
    """SIGTERM to svs-sandbox stops its daemons and removes the
    directory."""
    env = dict(os.environ, TMPDIR=str(tmp_path))
    proc = subprocess.Popen(
        [SCRIPT, "--builddir=" + BUILDDIR, "--no-build", "--run",
         'cat "$SVS_RUNDIR/svsdb-server.pid"; exec sleep 60'],
        env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    try:
        pid = int(proc.stdout.readline())
        assert pid_alive(pid)
        proc.send_signal(signal.SIGTERM)
        proc.wait(60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode != 0
    assert wait_dead(pid)
    assert os.listdir(str(tmp_path)) == []
