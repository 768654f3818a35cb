"""svs-appctl, the unixctl server and the daemon options, tested against
tests/test-unixctl-daemon (a small daemon with a unixctl server and test
commands) using both svs-appctl and Debian's ovs-appctl, whose protocol
svs speaks."""

import os
import re
import signal
import shutil
import stat
import subprocess
import time

import pytest

from conftest import program, run

DAEMON = "tests/test-unixctl-daemon"
NAME = "test-unixctl-daemon"
OVS_APPCTL = "/usr/bin/ovs-appctl"


@pytest.fixture
def env(tmp_path):
    env = dict(os.environ)
    for var in ("RUNDIR", "LOGDIR", "DBDIR"):
        env["SVS_" + var] = str(tmp_path)
        env["OVS_" + var] = str(tmp_path)
    return env


def appctl(env, *args, check=True, timeout=60):
    return run([program("utilities/svs-appctl")] + list(args), env=env,
               check=check, timeout=timeout)


def wait_for(cond, timeout=20, what="condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = cond()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out waiting for %s" % what)


def pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead for our purposes.
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


def read_pid(path):
    try:
        with open(path) as f:
            text = f.read()
        return int(text) if text.endswith("\n") else None
    except (FileNotFoundError, ValueError):
        return None


def ppid_of(pid):
    with open("/proc/%d/stat" % pid) as f:
        return int(f.read().split(") ")[1].split()[1])


class Daemons:
    """Starts detached test daemons and kills whatever is left at the
    end."""

    def __init__(self, tmp_path, env):
        self.tmp_path = tmp_path
        self.env = env
        self.pids = []
        self.extra_dirs = []

    def start(self, *args, check=True):
        proc = run([program(DAEMON), "--detach", "--no-chdir"] + list(args),
                   env=self.env, check=check, timeout=60)
        return proc

    def pidfile_pid(self, pidfile=None):
        pid = read_pid(pidfile or self.tmp_path / (NAME + ".pid"))
        if pid:
            self.pids.append(pid)
        return pid

    def close(self):
        for d in self.extra_dirs:
            shutil.rmtree(d, ignore_errors=True)
        for pid in self.pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        # Monitors exit once their daemon is gone; stragglers by name.
        for d in os.listdir("/proc"):
            if not d.isdigit():
                continue
            try:
                with open("/proc/%s/environ" % d, "rb") as f:
                    environ = f.read()
                with open("/proc/%s/cmdline" % d, "rb") as f:
                    cmdline = f.read()
            except OSError:
                continue
            if (NAME.encode() in cmdline and
                    ("SVS_RUNDIR=%s" % self.tmp_path).encode() in environ):
                try:
                    os.kill(int(d), signal.SIGKILL)
                except ProcessLookupError:
                    pass


@pytest.fixture
def daemons(tmp_path, env):
    d = Daemons(tmp_path, env)
    yield d
    d.close()


@pytest.fixture
def daemon(daemons, tmp_path):
    """One detached daemon with a pidfile and a log file."""
    daemons.start("--pidfile", "--log-file")
    pid = daemons.pidfile_pid()
    assert pid and pid_alive(pid)
    ctl = tmp_path / ("%s.%d.ctl" % (NAME, pid))
    assert stat.S_ISSOCK(os.stat(ctl).st_mode)
    return {"pid": pid, "ctl": str(ctl),
            "log": tmp_path / (NAME + ".log")}


# svs-appctl itself.

def test_appctl_usage(env):
    proc = appctl(env, "--help")
    assert proc.stdout.startswith("svs-appctl, for querying and controlling")
    assert "-t, --target=TARGET" in proc.stdout
    proc = appctl(env, "--version")
    assert re.match(r"^svs-appctl \(svs\) \d+\.\d+\.\d+\n$", proc.stdout)
    proc = appctl(env, check=False)
    assert proc.returncode == 1
    assert proc.stderr == ("svs-appctl: at least one non-option argument is "
                           "required (use --help for help)\n")
    proc = appctl(env, "--bogus", check=False)
    assert proc.returncode == 1


def test_appctl_no_target(env, tmp_path):
    proc = appctl(env, "-t", "nosuchprog", "version", check=False)
    assert proc.returncode == 1
    assert ('svs-appctl: cannot read pidfile "%s/nosuchprog.pid" (No such '
            'file or directory)' % tmp_path) in proc.stderr
    proc = appctl(env, "-t", "/nonexistent/x.ctl", "version", check=False)
    assert proc.returncode == 1
    assert ('svs-appctl: cannot connect to "/nonexistent/x.ctl" (No such '
            'file or directory)') in proc.stderr
    # The default target is svs-vswitchd.
    proc = appctl(env, "version", check=False)
    assert "svs-vswitchd.pid" in proc.stderr


# Commands, through both clients.

def clients(env, daemon):
    yield "svs", lambda *a, **k: appctl(env, "-t", NAME, *a, **k)
    yield "svs-path", lambda *a, **k: appctl(env, "-t", daemon["ctl"], *a,
                                             **k)
    if os.path.exists(OVS_APPCTL):
        yield "ovs", lambda *a, **k: run([OVS_APPCTL, "-t", daemon["ctl"]] +
                                         list(a), env=env, **k)
        # ovs-appctl finds our pidfile and socket by program name too.
        yield "ovs-name", lambda *a, **k: run([OVS_APPCTL, "-t", NAME] +
                                              list(a), env=env, **k)


def test_appctl_commands(env, daemon):
    outputs = {}
    for kind, ctl in clients(env, daemon):
        prog = "ovs-appctl" if kind.startswith("ovs") else "svs-appctl"
        target = NAME if kind in ("svs", "ovs-name") else daemon["ctl"]

        assert re.match(r"^%s \(svs\) \d+\.\d+\.\d+\n$" % NAME,
                        ctl("version").stdout)
        assert ctl("test/echo", "a", "b c", "").stdout == "a b c \n"
        assert ctl("test/echo").stdout == ""
        assert ctl("test/pid").stdout == "%d\n" % daemon["pid"]

        lc = ctl("list-commands").stdout
        assert lc.startswith("The available commands are:\n")
        assert "  test/deferred           MSEC TEXT\n" in lc
        assert "  list-commands           \n" in lc
        assert ("  vlog/set                {spec | PATTERN:destination:"
                "pattern}\n") in lc
        assert "  vlog/disable-rate-limit [module]...\n" in lc
        names = [l.split()[0] for l in lc.splitlines()[1:]]
        assert names == sorted(names)

        # Errors: message on stderr, exit status 2.
        proc = ctl("test/fail", "it broke", check=False)
        assert proc.returncode == 2
        assert proc.stdout == ""
        assert proc.stderr == ("it broke\n%s: %s: server returned an "
                               "error\n" % (prog, target))
        proc = ctl("nosuch", check=False)
        assert proc.returncode == 2
        assert proc.stderr.startswith(
            '"nosuch" is not a valid command (use "list-commands" to see a '
            'list of valid commands)\n')
        proc = ctl("version", "x", check=False)
        assert proc.returncode == 2
        assert proc.stderr.startswith(
            '"version" command takes at most 0 arguments\n')
        proc = ctl("test/deferred", "1", check=False)
        assert proc.returncode == 2
        assert proc.stderr.startswith(
            '"test/deferred" command requires at least 2 arguments\n')

        # Deferred replies.
        start = time.time()
        assert ctl("test/deferred", "300", "later").stdout == "later\n"
        assert time.time() - start >= 0.25
        outputs[kind] = lc
    assert len(set(outputs.values())) == 1


def test_appctl_raw_protocol(daemon):
    """The exact JSON-RPC replies, as ovs-appctl expects them."""
    import json
    import socket

    def transact(req):
        s = socket.socket(socket.AF_UNIX)
        s.settimeout(20)
        s.connect(daemon["ctl"])
        s.sendall(json.dumps(req).encode())
        buf = b""
        while True:
            buf += s.recv(65536)
            try:
                return json.loads(buf)
            except ValueError:
                pass

    assert transact({"method": "test/echo", "params": ["x"], "id": 7}) == \
        {"id": 7, "result": "x\n", "error": None}
    assert transact({"method": "test/echo", "params": [], "id": "s"}) == \
        {"id": "s", "result": "", "error": None}
    reply = transact({"method": "test/echo", "params": [1], "id": 8})
    assert reply["id"] == 8
    assert reply["error"] == '"test/echo" command has non-string argument\n'
    assert reply.get("result") is None


def test_appctl_timeout(env, daemon):
    proc = appctl(env, "-T", "1", "-t", NAME, "test/deferred", "5000", "x",
                  check=False)
    assert proc.returncode == -signal.SIGALRM


def test_appctl_long_socket_path(daemons, env, tmp_path):
    d = tmp_path / ("d" * 60) / ("e" * 60)
    d.mkdir(parents=True)
    ctl = d / "long.ctl"
    assert len(str(ctl)) > 108
    daemons.start("--pidfile", "--unixctl=%s" % ctl)
    daemons.pidfile_pid()
    assert appctl(env, "-t", str(ctl), "test/echo", "long").stdout == \
        "long\n"


# vlog commands.

def test_appctl_vlog(env, daemon):
    ctl = lambda *a, **k: appctl(env, "-t", NAME, *a, **k)
    out = ctl("vlog/list").stdout
    lines = out.splitlines()
    assert lines[0] == "                 console    syslog    file"
    assert lines[1] == "                 -------    ------    ------"
    # Detached daemons log nothing to the console.
    assert "test_unixctl       OFF       INFO       INFO" in lines
    assert "unixctl            OFF       INFO       INFO" in lines
    modules = [l.split()[0] for l in lines[2:]]
    assert modules == sorted(modules)
    for m in ("daemon", "jsonrpc", "poll_loop", "reconnect", "stream",
              "stream_ssl", "unixctl", "vlog"):
        assert m in modules

    ctl("vlog/set", "test_unixctl:file:dbg", "jsonrpc:syslog:warn")
    lines = ctl("vlog/list").stdout.splitlines()
    assert "test_unixctl       OFF       INFO        DBG" in lines
    assert "jsonrpc            OFF       WARN       INFO" in lines
    ctl("vlog/set", "ANY:console:emer")
    assert "vlog              EMER       INFO       INFO" in \
        ctl("vlog/list").stdout.splitlines()

    for spec, error in (("nosuch", 'no destination, level, or module '
                         '"nosuch"'),
                        ("file:console", "cannot specify multiple "
                         "destinations"),
                        ("PATTERN", "missing destination"),
                        ("FACILITY:bad", "invalid facility")):
        proc = ctl("vlog/set", spec, check=False)
        assert proc.returncode == 2
        assert proc.stderr.startswith(error + "\n")

    # Patterns.
    pat = ctl("vlog/list-pattern").stdout.splitlines()
    assert pat[0] == "         prefix                            format"
    assert pat[4] == ("FILE     none                              "
                      "%D{%Y-%m-%dT%H:%M:%S.###Z}|%05N|%c%T|%p|%m")
    ctl("vlog/set", "PATTERN:file:<%c:%p> %m")
    ctl("test/log", "dbg", "debug message")
    ctl("test/log", "info", "info message")
    text = daemon["log"].read_text()
    assert "<test_unixctl:DBG> debug message\n" in text
    assert "<test_unixctl:INFO> info message\n" in text
    assert "FILE     none                              <%c:%p> %m" in \
        ctl("vlog/list-pattern").stdout

    # Rotation: move the file away, reopen, log goes to a new file.
    rotated = str(daemon["log"]) + ".1"
    os.rename(daemon["log"], rotated)
    ctl("vlog/reopen")
    ctl("test/log", "warn", "after rotation")
    assert "after rotation" in daemon["log"].read_text()
    assert "after rotation" not in open(rotated).read()

    # Close stops file logging; reopen resumes it.
    ctl("vlog/close")
    ctl("test/log", "warn", "while closed")
    ctl("vlog/reopen")
    ctl("test/log", "warn", "reopened")
    text = daemon["log"].read_text()
    assert "while closed" not in text
    assert "reopened" in text

    ctl("vlog/disable-rate-limit")
    ctl("vlog/enable-rate-limit", "jsonrpc", "unixctl")
    proc = ctl("vlog/disable-rate-limit", "nosuch", check=False)
    assert proc.returncode == 2
    assert proc.stderr.startswith("unknown module\n")


@pytest.mark.reference
def test_appctl_vlog_matches_ovs(env, daemon):
    """ovs-appctl shows our vlog tables byte for byte as svs-appctl does."""
    if not os.path.exists(OVS_APPCTL):
        pytest.skip("ovs-appctl not installed")
    for cmd in ("vlog/list", "vlog/list-pattern", "list-commands"):
        ours = appctl(env, "-t", NAME, cmd).stdout
        theirs = run([OVS_APPCTL, "-t", daemon["ctl"], cmd], env=env).stdout
        assert ours == theirs


# Daemon options.

def test_daemon_detach_pidfile(daemons, daemon, env, tmp_path):
    pid = daemon["pid"]
    pidfile = tmp_path / (NAME + ".pid")
    assert pidfile.read_text() == "%d\n" % pid
    # Detached: a session leader in its own session, cwd unchanged with
    # --no-chdir.
    assert os.getsid(pid) == pid
    assert os.readlink("/proc/%d/cwd" % pid) == os.getcwd()
    with open("/proc/%d/fd/0" % pid, "rb"):
        pass
    assert os.readlink("/proc/%d/fd/1" % pid) == "/dev/null"

    # A second instance refuses to start.
    proc = daemons.start("--pidfile", "--unixctl=%s/second.ctl" % tmp_path,
                         check=False)
    assert proc.returncode == 1
    assert ("%s: already running as pid %d, aborting" % (pidfile, pid)) \
        in proc.stderr
    assert read_pid(pidfile) == pid

    # --overwrite-pidfile takes over.
    daemons.start("--pidfile", "--overwrite-pidfile",
                  "--unixctl=%s/second.ctl" % tmp_path)
    pid2 = daemons.pidfile_pid()
    assert pid2 != pid and pid_alive(pid2) and pid_alive(pid)
    appctl(env, "-t", "%s/second.ctl" % tmp_path, "exit")
    wait_for(lambda: not pid_alive(pid2), what="second daemon to exit")

    # SIGTERM: the daemon removes its pidfile and socket.
    os.kill(pid, signal.SIGTERM)
    wait_for(lambda: not pid_alive(pid), what="daemon to exit")
    assert not os.path.exists(daemon["ctl"])
    assert "terminating with signal 15" in daemon["log"].read_text()


def test_daemon_chdir(daemons, tmp_path):
    run([program(DAEMON), "--detach", "--pidfile"], env=daemons.env)
    pid = daemons.pidfile_pid()
    assert os.readlink("/proc/%d/cwd" % pid) == "/"


def test_daemon_pidfile_name(daemons, tmp_path, env):
    daemons.start("--pidfile=custom.pid")
    pid = daemons.pidfile_pid(tmp_path / "custom.pid")
    assert pid and pid_alive(pid)
    ctl = "%s/%s.%d.ctl" % (tmp_path, NAME, pid)
    assert appctl(env, "-t", ctl, "test/pid").stdout == "%d\n" % pid


def test_daemon_startup_failure(daemons, tmp_path):
    """A detached daemon that fails before completing startup makes the
    command that started it fail with its exit status."""
    start = time.time()
    proc = daemons.start("--pidfile", "--fail-startup", check=False)
    assert proc.returncode == 3
    assert "failing startup as requested" in proc.stderr
    assert "fork child died before signaling startup (exit status 3)" \
        in proc.stderr
    assert time.time() - start < 30
    assert not (tmp_path / (NAME + ".pid")).exists()

    # The same through a monitor.
    proc = daemons.start("--pidfile", "--monitor", "--fail-startup",
                         check=False)
    assert proc.returncode == 3


def test_daemon_monitor(daemons, env, tmp_path):
    daemons.start("--pidfile", "--monitor", "--log-file")
    pidfile = tmp_path / (NAME + ".pid")
    pid = daemons.pidfile_pid()
    monitor = ppid_of(pid)
    assert monitor != os.getpid() and pid_alive(monitor)
    daemons.pids.append(monitor)
    assert appctl(env, "-t", NAME, "test/pid").stdout == "%d\n" % pid

    # A crash: the monitor starts a new daemon.
    os.kill(pid, signal.SIGSEGV)
    pid2 = wait_for(lambda: (read_pid(pidfile) != pid and read_pid(pidfile)
                             and pid_alive(read_pid(pidfile))
                             and read_pid(pidfile)),
                    what="restarted daemon")
    daemons.pids.append(pid2)
    assert ppid_of(pid2) == monitor
    wait_for(lambda: appctl(env, "-t", NAME, "test/pid",
                            check=False).stdout == "%d\n" % pid2,
             what="restarted daemon to answer")
    log = (tmp_path / (NAME + ".log")).read_text()
    assert re.search(r"\|daemon\(monitor\)\|ERR\|pid %d died, killed "
                     r"\(Segmentation fault\)(, core dumped)?, restarting"
                     % pid, log), log

    # A second crash soon after is restarted too, after a backoff.
    os.kill(pid2, signal.SIGABRT)
    pid3 = wait_for(lambda: (read_pid(pidfile) not in (pid, pid2)
                             and read_pid(pidfile)
                             and pid_alive(read_pid(pidfile))
                             and read_pid(pidfile)),
                    what="second restart")
    daemons.pids.append(pid3)
    log = (tmp_path / (NAME + ".log")).read_text()
    assert "waiting 1000 ms before restarting" in log

    # A clean exit (or SIGTERM) is not restarted: the monitor exits too.
    appctl(env, "-t", NAME, "exit")
    wait_for(lambda: not pid_alive(monitor), what="monitor to exit")
    assert not pid_alive(pid3)


def test_daemon_monitor_sigterm(daemons, env, tmp_path):
    daemons.start("--pidfile", "--monitor")
    pid = daemons.pidfile_pid()
    monitor = ppid_of(pid)
    daemons.pids.append(monitor)
    # SIGTERM to the monitor takes the daemon down with it.
    os.kill(monitor, signal.SIGTERM)
    wait_for(lambda: not pid_alive(pid) and not pid_alive(monitor),
             what="daemon and monitor to exit")
    wait_for(lambda: not (tmp_path / (NAME + ".pid")).exists(),
             what="pidfile removal")


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root")
def test_daemon_user(daemons, env, tmp_path):
    # The unprivileged daemon creates its pidfile and socket in a rundir
    # that it can reach.
    import tempfile
    rundir = tempfile.mkdtemp(prefix="svs-user-", dir="/tmp")
    os.chmod(rundir, 0o777)
    env["SVS_RUNDIR"] = env["OVS_RUNDIR"] = rundir
    daemons.extra_dirs.append(rundir)
    daemons.start("--pidfile", "--user=nobody")
    pid = daemons.pidfile_pid(os.path.join(rundir, NAME + ".pid"))
    with open("/proc/%d/status" % pid) as f:
        status = f.read()
    uid = re.search(r"^Uid:\s+(\d+)\s+(\d+)", status, re.M)
    nobody = int(run(["id", "-u", "nobody"]).stdout)
    assert int(uid.group(1)) == nobody and int(uid.group(2)) == nobody
    cap_eff = re.search(r"^CapEff:\s+([0-9a-f]+)", status, re.M).group(1)
    assert int(cap_eff, 16) == 0
    assert appctl(env, "-t", NAME, "test/pid").stdout == "%d\n" % pid

    proc = daemons.start("--user=no-such-user-xyz", check=False)
    assert proc.returncode == 1
    assert "no-such-user-xyz: unknown user" in proc.stderr


def test_daemon_verbose_options(daemons, env, tmp_path):
    daemons.start("--pidfile", "--log-file", "-vtest_unixctl:file:dbg",
                  "--verbose=jsonrpc:syslog:err", "-vPATTERN:file:%c|%p|%m")
    daemons.pidfile_pid()
    lines = appctl(env, "-t", NAME, "vlog/list").stdout.splitlines()
    assert "test_unixctl       OFF       INFO        DBG" in lines
    assert "jsonrpc            OFF        ERR       INFO" in lines
    log = (tmp_path / (NAME + ".log")).read_text()
    assert "test_unixctl|INFO|%s (svs) " % NAME in log
    appctl(env, "-t", NAME, "exit")

    # -v alone: everything at DBG (the console then goes off on detach).
    daemons.start("--pidfile", "-v")
    daemons.pidfile_pid()
    lines = appctl(env, "-t", NAME, "vlog/list").stdout.splitlines()
    assert "vlog               OFF        DBG        DBG" in lines
    appctl(env, "-t", NAME, "exit")

    proc = daemons.start("--verbose=bogus", check=False)
    assert proc.returncode == 1
    assert ('processing "bogus": no destination, level, or module "bogus"'
            in proc.stderr)
