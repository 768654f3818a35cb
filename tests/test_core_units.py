"""Unit tests of the core and wire modules of libsvs (lib/timeval,
poll-loop, latch, vlog, fatal-signal, dirs, command-line, socket-util,
stream, stream-ssl, reconnect, jsonrpc), driven through the C program
tests/test-core.  Each test-core command aborts with the failed
condition on error, so a test mostly checks the exit status; the
pytest side adds what needs several processes: signals, environment
variables, certificates made with openssl(1), and Debian's ovsdb-server
as a peer."""

import os
import re
import signal
import subprocess
import time

import pytest

from conftest import program, run


def core(*args, env=None, check=True, timeout=120, cwd=None):
    return run([program("tests/test-core")] + list(args), env=env,
               check=check, timeout=timeout, cwd=cwd)


@pytest.fixture
def sandbox_env(tmp_path):
    env = dict(os.environ)
    for var in ("RUNDIR", "LOGDIR", "DBDIR"):
        env["SVS_" + var] = str(tmp_path)
        env.pop("OVS_" + var, None)
    return env


@pytest.mark.parametrize("command", [
    "timeval", "poll-loop", "latch", "json-parser", "reconnect",
    "jsonrpc-msg", "socket-util", "command-line", "heap-thp"])
def test_core_unit(command, sandbox_env):
    proc = core(command, env=sandbox_env)
    if command == "poll-loop":
        assert re.search(r"poll_loop\|WARN\|Unreasonably long \d{4,}ms poll "
                         r"interval \(\d+ms user, \d+ms system\)",
                         proc.stderr), proc.stderr


def test_core_unknown_command():
    proc = core("no-such-command", check=False)
    assert proc.returncode == 1
    assert "unknown command 'no-such-command'; use --help for help" \
        in proc.stderr
    proc = core("stream", check=False)
    assert proc.returncode == 1
    assert "'stream' command requires at least 1 arguments" in proc.stderr
    proc = core("timeval", "x", check=False)
    assert "'timeval' command takes at most 0 arguments" in proc.stderr


def test_core_version():
    out = core("--version").stdout
    assert re.match(r"^test-core \(svs\) \d+\.\d+\.\d+\n$", out)


# dirs

def test_core_dirs_env(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if not re.match(r"^(SVS|OVS)_", k)}
    defaults = dict(line.split("=", 1) for line in
                    core("dirs", env=env).stdout.splitlines())
    assert defaults["rundir"].endswith("/var/run/svs")
    assert defaults["logdir"].endswith("/var/log/svs")
    assert defaults["dbdir"] == defaults["sysconfdir"] + "/svs"

    env2 = dict(env, SVS_RUNDIR="/a", SVS_LOGDIR="/b", SVS_DBDIR="/c",
                SVS_SYSCONFDIR="/d", SVS_PKGDATADIR="/e", SVS_BINDIR="/f",
                OVS_RUNDIR="/x")
    dirs = dict(line.split("=", 1) for line in
                core("dirs", env=env2).stdout.splitlines())
    assert dirs == {"rundir": "/a", "logdir": "/b", "dbdir": "/c",
                    "sysconfdir": "/d", "pkgdatadir": "/e", "bindir": "/f"}

    # OVS_* fallbacks, and the database directory following sysconfdir.
    env3 = dict(env, OVS_RUNDIR="/o1", OVS_LOGDIR="/o2",
                OVS_SYSCONFDIR="/o3")
    dirs = dict(line.split("=", 1) for line in
                core("dirs", env=env3).stdout.splitlines())
    assert dirs["rundir"] == "/o1"
    assert dirs["logdir"] == "/o2"
    assert dirs["sysconfdir"] == "/o3"
    assert dirs["dbdir"] == "/o3/svs"


# vlog

def test_core_vlog(tmp_path, sandbox_env):
    log = tmp_path / "test.log"
    core("vlog", str(log), env=sandbox_env)
    lines = log.read_text().splitlines()

    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\|00001\|vlog\|"
                    r"INFO\|opened log file " + re.escape(str(log)) + "$",
                    lines[0])
    # [%c|%p|%m] %%|%5p|%-5p|%05N|%A|%P
    m = re.match(r"^\[test_core\|INFO\|hello 42\] %\| INFO\|INFO \|"
                 r"(\d{5})\|test-core\|(\d+)$", lines[1])
    assert m, lines[1]
    assert m.group(1) == "00002"
    # %D{%Y}.%D{###}|%d|%t|%T|%-12c|%r
    year = time.strftime("%Y", time.gmtime())
    m = re.match(r"^(\d{4})\.(\d{3})\|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\|main\|"
                 r"\|test_core   \|\d+$", lines[2])
    assert m, lines[2]
    assert m.group(1) in (year, str(int(year) - 1))
    assert re.match(r"^.*\|worker\|\(worker\)\|test_core   \|\d+$",
                    lines[3])
    assert "not logged" not in log.read_text()

    # Rate limiting: a burst of 3, 7 dropped, reported with the next.
    i = lines.index("limited 0")
    assert lines[i:i + 5] == [
        "limited 0", "limited 1", "limited 2",
        lines[i + 3], "after pause"]
    assert re.match(r"^Dropped 7 log messages in last \d+ seconds "
                    r"\(most recently, \d+ seconds ago\) due to excessive "
                    r"rate$", lines[i + 3])
    assert lines[i + 5:i + 8] == ["unlimited 0", "unlimited 1",
                                  "unlimited 2"]
    # svs_error() reaches the log through the error hook.
    assert lines[i + 8] == "an error message (No such file or directory)"


# fatal-signal

@pytest.mark.parametrize("mode", ["signal", "fatal", "exit"])
def test_core_fatal_signal(mode, tmp_path, sandbox_env):
    victim = tmp_path / "victim"
    victim.write_text("x")
    marker = tmp_path / "hook-ran"
    proc = subprocess.run([program("tests/test-core"), "fatal-signal", mode,
                           str(victim), str(marker)], env=sandbox_env,
                          capture_output=True, text=True, timeout=60)
    assert not victim.exists()
    if mode == "signal":
        # Re-raised, so the parent sees death by SIGTERM.
        assert proc.returncode == -signal.SIGTERM
        assert "terminating with signal 15" in proc.stderr
        assert marker.exists()
    elif mode == "fatal":
        assert proc.returncode == 1
        assert "fatal error as requested" in proc.stderr
        assert marker.exists()
    else:
        assert proc.returncode == 0
        assert not marker.exists()


# streams

@pytest.mark.parametrize("name", ["punix:{dir}/s.sock", "punix:rel.sock",
                                  "ptcp:0:127.0.0.1", "ptcp:0:[::1]",
                                  "ptcp:0"])
def test_core_stream(name, tmp_path, sandbox_env):
    out = core("stream", name.format(dir=tmp_path), env=sandbox_env).stdout
    if name.startswith("ptcp"):
        m = re.search(r"listening on ptcp:(\d+):", out)
        assert m and int(m.group(1)) > 0
    else:
        assert "accepted unix#" in out
    # Relative punix names are relative to the rundir; removed on close.
    assert not (tmp_path / "rel.sock").exists()


def test_core_stream_errors(tmp_path, sandbox_env):
    core("stream-errors", str(tmp_path), env=sandbox_env)


@pytest.mark.parametrize("name", ["punix:{dir}/j.sock", "ptcp:0:127.0.0.1"])
def test_core_jsonrpc(name, tmp_path, sandbox_env):
    proc = core("jsonrpc", name.format(dir=tmp_path), "20000",
                env=sandbox_env)
    # Malformed input is logged with the reason.
    assert "error parsing stream: syntax error" in proc.stderr
    assert 'received bad JSON-RPC message: request must have "method"' \
        in proc.stderr
    assert 'message has unexpected member "bad"' in proc.stderr


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_core_jsonrpc_fuzz(seed, sandbox_env):
    env = dict(sandbox_env)
    proc = core("jsonrpc-fuzz", str(seed), "1500", env=env, timeout=300)
    m = re.match(r"^(\d+) messages, (\d+) EOF, (\d+) EPROTO$",
                 proc.stdout.strip())
    assert m
    assert int(m.group(1)) > 0 and int(m.group(2)) > 0 \
        and int(m.group(3)) > 0


def test_core_session(tmp_path, sandbox_env):
    proc = core("session", str(tmp_path), env=sandbox_env)
    assert "no response to inactivity probe" in proc.stderr


# SSL

def openssl(*args, cwd):
    run(["openssl"] + list(args), cwd=cwd)


def make_cert(pki, name, ca):
    openssl("req", "-newkey", "ec", "-pkeyopt",
            "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", name + "-key.pem", "-out", name + "-req.pem",
            "-subj", "/CN=" + name, cwd=pki)
    openssl("x509", "-req", "-in", name + "-req.pem", "-CA",
            ca + "-cert.pem", "-CAkey", ca + "-key.pem", "-CAcreateserial",
            "-out", name + "-cert.pem", "-days", "2", cwd=pki)


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    """A CA with server and client certificates, and a rogue CA with a
    certificate of its own, all made with openssl(1)."""
    pki = str(tmp_path_factory.mktemp("pki"))
    for ca in ("ca", "rogue"):
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", ca + "-key.pem", "-out", ca + "-cert.pem",
                "-days", "2", "-subj", "/CN=" + ca, cwd=pki)
    make_cert(pki, "server", "ca")
    make_cert(pki, "client", "ca")
    make_cert(pki, "evil", "rogue")
    return pki


def ssl_args(pki, name, ca="ca"):
    return ["-p", os.path.join(pki, name + "-key.pem"),
            "-c", os.path.join(pki, name + "-cert.pem"),
            "-C", os.path.join(pki, ca + "-cert.pem")]


def test_core_ssl_stream(pki, sandbox_env):
    out = core(*ssl_args(pki, "server"), "stream", "pssl:0:127.0.0.1",
               env=sandbox_env).stdout
    assert re.search(r"accepted ssl:127\.0\.0\.1:\d+ and ssl:", out)


def test_core_ssl_jsonrpc(pki, sandbox_env):
    core(*ssl_args(pki, "server"), "jsonrpc", "pssl:0:127.0.0.1", "5000",
         env=sandbox_env)


class EchoServer:
    def __init__(self, args, env):
        self.proc = subprocess.Popen(
            [program("tests/test-core")] + args, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        m = re.match(r"^port (\d+)$", line.strip())
        assert m, line
        self.port = int(m.group(1))

    def close(self):
        self.proc.terminate()
        out, err = self.proc.communicate(timeout=30)
        return out, err


@pytest.fixture
def ssl_server(pki, sandbox_env):
    server = EchoServer(ssl_args(pki, "server") +
                        ["echo-server", "pssl:0:127.0.0.1"], sandbox_env)
    yield server
    server.close()


def test_core_ssl_peers(pki, ssl_server, sandbox_env, tmp_path):
    target = "ssl:127.0.0.1:%d" % ssl_server.port

    # A client with a certificate from the CA gets through, and each side
    # sees the other's CN.
    proc = core(*ssl_args(pki, "client"), "echo-client", target, "hello",
                env=sandbox_env)
    assert proc.stdout == "hello\npeer server\n"

    # A client whose certificate the CA did not sign is refused.
    proc = core(*ssl_args(pki, "evil"), "echo-client", target, "hello",
                env=sandbox_env, check=False)
    assert proc.returncode == 1
    assert "hello" not in proc.stdout

    # A client that does not trust the server's CA refuses the server.
    proc = core(*ssl_args(pki, "client", ca="rogue"), "echo-client",
                target, "hello", env=sandbox_env, check=False)
    assert proc.returncode == 1
    assert "certificate verify failed" in proc.stderr

    # Plain TCP to an SSL port fails rather than hangs.
    proc = core("echo-client", "tcp:127.0.0.1:%d" % ssl_server.port,
                "hello", env=sandbox_env, check=False)
    assert proc.returncode == 1

    out, err = ssl_server.close()
    assert out.splitlines().count("peer client") == 1
    assert "rejecting peer certificate \"/CN=evil\"" in err


def test_core_ssl_bootstrap(pki, ssl_server, sandbox_env, tmp_path):
    target = "ssl:127.0.0.1:%d" % ssl_server.port
    boot = tmp_path / "boot-ca.pem"
    args = ["-p", os.path.join(pki, "client-key.pem"),
            "-c", os.path.join(pki, "client-cert.pem"),
            "--bootstrap-ca-cert=%s" % boot]

    # The first connection only fetches the CA certificate.
    proc = core(*args, "echo-client", target, "hi", env=sandbox_env,
                check=False)
    assert proc.returncode == 1
    ca = open(os.path.join(pki, "ca-cert.pem")).read()
    assert boot.read_text() == ca

    # Later ones verify against it.
    proc = core(*args, "echo-client", target, "hi", env=sandbox_env)
    assert proc.stdout == "hi\npeer server\n"


def test_core_ssl_reconfig(pki, sandbox_env, tmp_path):
    """Key, certificate and CA changed at run time apply to later
    connections, including a changed file under the same name."""
    proc = core("ssl-reconfig", pki, str(tmp_path), env=sandbox_env)
    assert "certificate verify failed" in proc.stderr


def test_core_ssl_not_configured(sandbox_env):
    proc = core("echo-client", "ssl:127.0.0.1:1", "x", env=sandbox_env,
                check=False)
    assert proc.returncode == 1
    assert "Private key must be configured to use SSL" in proc.stderr


# Interoperability with Debian's ovsdb-server.

@pytest.fixture
def ovsdb_server(tmp_path, pki):
    if not os.path.exists("/usr/sbin/ovsdb-server"):
        pytest.skip("Debian's ovsdb-server is not installed")
    env = dict(os.environ, OVS_RUNDIR=str(tmp_path), OVS_LOGDIR=str(tmp_path),
               OVS_DBDIR=str(tmp_path))
    db = tmp_path / "conf.db"
    run(["ovsdb-tool", "create", str(db),
         "/usr/share/openvswitch/vswitch.ovsschema"], env=env)
    sock = tmp_path / "db.sock"
    proc = subprocess.Popen(
        ["/usr/sbin/ovsdb-server", str(db), "--remote=punix:%s" % sock,
         "--remote=ptcp:0:127.0.0.1", "--remote=pssl:0:127.0.0.1",
         "--private-key=%s/server-key.pem" % pki,
         "--certificate=%s/server-cert.pem" % pki,
         "--ca-cert=%s/ca-cert.pem" % pki,
         "--unixctl=%s/ovsdb-server.ctl" % tmp_path,
         "--log-file=%s/ovsdb-server.log" % tmp_path, "-vconsole:off"],
        env=env)
    ports = {}
    deadline = time.time() + 30
    while len(ports) < 2 and time.time() < deadline:
        time.sleep(0.1)
        if not os.path.exists(tmp_path / "ovsdb-server.log"):
            continue
        log = (tmp_path / "ovsdb-server.log").read_text()
        found = re.findall(r"listening on port (\d+)", log)
        if len(found) >= 2:
            ports = found
    assert len(ports) >= 2
    yield {"unix": "unix:%s" % sock, "ports": [int(p) for p in ports[:2]],
           "env": env}
    proc.terminate()
    proc.wait(timeout=30)


@pytest.mark.reference
def test_core_jsonrpc_interop(ovsdb_server, pki, sandbox_env):
    proc = core("transact", ovsdb_server["unix"], "list_dbs", "[]",
                env=sandbox_env)
    assert proc.stdout == \
        '{"error":null,"id":0,"result":["Open_vSwitch","_Server"]}\n'
    proc = core("transact", ovsdb_server["unix"], "echo", '["a",1]',
                env=sandbox_env)
    assert proc.stdout == '{"error":null,"id":0,"result":["a",1]}\n'
    proc = core("transact", ovsdb_server["unix"], "no_such_method", "[]",
                env=sandbox_env)
    assert proc.stdout == '{"error":"unknown method","id":0}\n'

    # One port is TCP and the other SSL (in an order we do not know).
    ok = set()
    for port in ovsdb_server["ports"]:
        for proto, extra in (("tcp", []), ("ssl", ssl_args(pki, "client"))):
            proc = core(*extra, "transact", "%s:127.0.0.1:%d" % (proto, port),
                        "list_dbs", "[]", env=sandbox_env, check=False,
                        timeout=60)
            if proc.returncode == 0:
                assert '"result":["Open_vSwitch","_Server"]' in proc.stdout
                ok.add(proto)
    assert ok == {"tcp", "ssl"}
