"""SSL remotes of the database server, against Debian's ovsdb-server
("ovs") and svsdb-server ("svs").

A private CA, a second CA and certificates signed by them are made at
test time with openssl(1).  A client with a certificate from the server's
CA connects (Debian's ovsdb-client and svsdb-client); a client without a
certificate, or with one from the other CA, is refused, and the server
keeps serving.  The SSL settings come from the command line or, as
Debian's ovs-ctl starts ovsdb-server, from the database (db:Open_vSwitch,
SSL,...), with the listening remote in the Manager table.  All traffic is
on 127.0.0.1.
"""

import os
import shutil
import socket
import ssl
import subprocess
import time

import pytest

import sandbox

OVSDB_CLIENT = "/usr/bin/ovsdb-client"
OVS_VSCTL = "/usr/bin/ovs-vsctl"


def _openssl(args, cwd):
    subprocess.run(["openssl"] + args, cwd=cwd, check=True,
                   capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    """Makes CA "ca" with certificates "srv" and "cli", and CA "otherca"
    with certificate "bad"; returns a function mapping "srv-key",
    "cli-cert", "ca-cert"... to absolute file names."""
    d = str(tmp_path_factory.mktemp("pki"))
    for ca in ("ca", "otherca"):
        _openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes",
                  "-keyout", ca + "-key.pem", "-out", ca + "-cert.pem",
                  "-days", "2", "-subj", "/CN=svs test " + ca], d)
    for name, ca in (("srv", "ca"), ("cli", "ca"), ("bad", "otherca")):
        _openssl(["req", "-newkey", "rsa:2048", "-nodes",
                  "-keyout", name + "-key.pem", "-out", name + ".csr",
                  "-subj", "/CN=" + name], d)
        _openssl(["x509", "-req", "-in", name + ".csr",
                  "-CA", ca + "-cert.pem", "-CAkey", ca + "-key.pem",
                  "-CAcreateserial", "-out", name + "-cert.pem",
                  "-days", "2"], d)

    def path(name):
        return os.path.join(d, name + ".pem")
    path.dir = d
    return path


def _clients(impl_client):
    """The client programs to try: Debian's and ours."""
    return [OVSDB_CLIENT, impl_client]


def _svs_client():
    return sandbox.require_program(
        sandbox.impl_programs("svs")["client"])


def _list_dbs(pki, client, port, who="cli", timeout=10):
    """Runs 'client' list-dbs over SSL with certificate 'who' ("cli",
    "bad") and the server's CA; returns the CompletedProcess."""
    args = [client, "--timeout=%d" % timeout,
            "--private-key=" + pki(who + "-key"),
            "--certificate=" + pki(who + "-cert"),
            "--ca-cert=" + pki("ca-cert"),
            "list-dbs", "ssl:127.0.0.1:%d" % port]
    return subprocess.run(args, capture_output=True, text=True,
                          timeout=timeout + 10)


def _wait_ssl_ready(pki, port, timeout=15):
    """Waits until an SSL client with a good certificate gets an answer;
    returns its output."""
    deadline = time.monotonic() + timeout
    while True:
        proc = _list_dbs(pki, OVSDB_CLIENT, port, timeout=5)
        if proc.returncode == 0:
            return proc.stdout
        if time.monotonic() > deadline:
            raise AssertionError("no SSL service on port %d: %s"
                                 % (port, proc.stderr))
        time.sleep(0.2)


def _certless_client_refused(pki, port):
    """Connects with TLS but without a client certificate and sends
    list_dbs: True if the server answers nothing."""
    ctx = ssl.create_default_context(cafile=pki("ca-cert"))
    ctx.check_hostname = False
    raw = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        with ctx.wrap_socket(raw) as s:
            s.sendall(b'{"id":0,"method":"list_dbs","params":[]}')
            data = s.recv(4096)
            return data == b""
    except (ssl.SSLError, OSError):
        return True


def _check_ssl_service(pki, port):
    """The checks every SSL test makes on a server listening on 'port'."""
    for client in _clients(_svs_client()):
        proc = _list_dbs(pki, client, port)
        assert proc.returncode == 0, (client, proc.stderr)
        assert "_Server" in proc.stdout.split()
    for client in _clients(_svs_client()):
        proc = _list_dbs(pki, client, port, who="bad")
        assert proc.returncode != 0, client
        assert proc.stdout == ""
    assert _certless_client_refused(pki, port)
    # Still serving the good clients after refusing the others.
    proc = _list_dbs(pki, _svs_client(), port)
    assert proc.returncode == 0, proc.stderr


def test_pssl_ptcp_punix_remotes(db_server, pki):
    """One server with all three kinds of passive remote; SSL settings on
    the command line."""
    port = sandbox.free_tcp_port()
    server = db_server(schemas=["types"], tcp=True, extra_args=[
        "--remote=pssl:%d:127.0.0.1" % port,
        "--private-key=" + pki("srv-key"),
        "--certificate=" + pki("srv-cert"),
        "--ca-cert=" + pki("ca-cert")])
    remotes = server.appctl("ovsdb-server/list-remotes").stdout.split("\n")
    assert remotes == ["pssl:%d:127.0.0.1" % port,
                       "ptcp:%d:127.0.0.1" % server.tcp_port,
                       "punix:" + server.sock_path, ""]

    _wait_ssl_ready(pki, port)
    _check_ssl_service(pki, port)
    for tcp in (False, True):
        client = server.connect(tcp=tcp)
        assert sorted(client.call("list_dbs", [])) == ["Types", "_Server"]
    assert server.is_running()


def test_ssl_settings_from_database(db_server, pki):
    """SSL files and the pssl remote read from the Open_vSwitch database,
    as ovs-ctl starts ovsdb-server."""
    server = db_server(schemas=["vswitch"], extra_args=[
        "--remote=db:Open_vSwitch,Open_vSwitch,manager_options",
        "--private-key=db:Open_vSwitch,SSL,private_key",
        "--certificate=db:Open_vSwitch,SSL,certificate",
        "--ca-cert=db:Open_vSwitch,SSL,ca_cert"])
    port = sandbox.free_tcp_port()
    vsctl = [OVS_VSCTL, "--db=" + server.remote, "--no-wait",
             "--timeout=30"]
    subprocess.run(vsctl + [
        "--", "init",
        "--", "set-ssl", pki("srv-key"), pki("srv-cert"), pki("ca-cert"),
        "--", "set-manager", "pssl:%d:127.0.0.1" % port],
        check=True, capture_output=True, timeout=60)
    assert "_Server" in _wait_ssl_ready(pki, port)
    _check_ssl_service(pki, port)


def test_ssl_relative_files_when_detached(db_server, pki, tmp_path, impl):
    """Relative SSL file names given to a detached server (which changes
    to the root directory) keep working, and a missing file is reported
    once, not at every periodic reconfiguration."""
    server = db_server(schemas=["types"], start=False)
    server.create_dbs()
    work = os.path.join(server.dir, "certs")
    shutil.copytree(pki.dir, work)
    missing_ca = os.path.join(server.dir, "not-yet-ca.pem")
    port = sandbox.free_tcp_port()
    port2 = sandbox.free_tcp_port()
    progs = sandbox.impl_programs(impl)
    args = [progs["server"], server.db_files[0], "--detach",
            "--pidfile=" + server.pidfile, "--log-file=" + server.log_path,
            "--unixctl=" + server.ctl_path,
            "--remote=punix:" + server.sock_path,
            "--remote=pssl:%d:127.0.0.1" % port,
            "--private-key=certs/srv-key.pem",
            "--certificate=certs/srv-cert.pem",
            "--ca-cert=certs/ca-cert.pem"]
    subprocess.run(args, cwd=server.dir, env=server.env, check=True,
                   capture_output=True, timeout=30)
    try:
        _wait_ssl_ready(pki, port)
        time.sleep(2.5)         # Several periodic reconfigurations.
        _check_ssl_service(pki, port)
        errors = [line.split("|", 2)[2] for line in server.log.splitlines()
                  if "|stream_ssl|ERR|" in line]
        assert len(errors) == len(set(errors)), errors
    finally:
        server.appctl("exit", check=False)

    # A CA certificate file that does not exist yet: one error, then the
    # server picks the file up once it appears.
    args = args[:-1] + ["--ca-cert=" + missing_ca]
    args = [a.replace("pssl:%d:" % port, "pssl:%d:" % port2) for a in args]
    deadline = time.monotonic() + 10
    while os.path.exists(server.pidfile) and time.monotonic() < deadline:
        time.sleep(0.05)
    log_before = len(server.log)
    subprocess.run(args, cwd=server.dir, env=server.env, check=True,
                   capture_output=True, timeout=30)
    try:
        time.sleep(2.5)
        log = server.log[log_before:]
        ca_errors = [line for line in log.splitlines()
                     if "ERR" in line and missing_ca in line]
        assert len(ca_errors) == 1, log
        shutil.copy(pki("ca-cert"), missing_ca)
        _wait_ssl_ready(pki, port2)
    finally:
        server.appctl("exit", check=False)
