"""Sandboxed database servers for the test suites.

What: DbServer runs one OVSDB server, either Debian's ovsdb-server ("ovs",
the reference) or our svsdb-server ("svs"), in a private temporary
directory, behind one interface, so that a test can run unchanged against
both implementations.  JsonRpcClient is a small synchronous JSON-RPC 1.0
client (RFC 7047 framing: concatenated JSON texts) used to talk to either
server over its unix socket or TCP port.

Design:
  - A server's database files are made by the implementation's own tool
    (ovsdb-tool create / svsdb-tool create) from schema files, then the
    server runs in the foreground (no --detach) as a child process, with
    --remote=punix:<dir>/db.sock, --pidfile, --log-file and --unixctl all
    pointing into the sandbox directory, and OVS_RUNDIR, OVS_LOGDIR,
    OVS_DBDIR and their SVS_* twins set to it.  start() returns once the
    socket accepts connections.
  - For "svs" a missing program is an error (ProgramMissing), never a
    reason to skip: the suites are the specification of svsdb-server.
  - The client keeps notifications (update, update2, update3, locked,
    stolen, ...) in a queue apart from replies, answers the server's
    "echo" requests itself, and parses its input incrementally with
    json.JSONDecoder.raw_decode.

Thread-safety: none; use each object from one thread.
"""

import errno
import json
import os
import signal
import socket
import subprocess
import time
from collections import deque

SRCDIR = os.environ.get(
    "SVS_SRCDIR", os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILDDIR = os.environ.get("SVS_BUILDDIR", SRCDIR)

SCHEMA_DIR = os.path.join(SRCDIR, "tests", "schemas")
VSWITCH_SCHEMA = os.path.join(SRCDIR, "schemas", "vswitch.ovsschema")

IMPLS = ("ovs", "svs")

# How long to wait for a server to come up or answer, in seconds.  Generous
# on purpose: these are failure timeouts, not performance expectations.
TIMEOUT = 30


class ProgramMissing(Exception):
    """A program of the implementation under test was not found."""


class RpcError(Exception):
    """A JSON-RPC request got an error reply, or the connection failed."""

    def __init__(self, msg, reply=None):
        Exception.__init__(self, msg)
        self.reply = reply


def impl_programs(impl):
    """Returns a dict of the programs of implementation 'impl' ("ovs" or
    "svs"): keys "server", "tool", "client", "appctl".  Raises
    ProgramMissing if a program of "svs" is not built."""
    if impl == "ovs":
        progs = {"server": "/usr/sbin/ovsdb-server",
                 "tool": "/usr/bin/ovsdb-tool",
                 "client": "/usr/bin/ovsdb-client",
                 "appctl": "/usr/bin/ovs-appctl"}
    elif impl == "svs":
        progs = {"server": os.path.join(BUILDDIR, "ovsdb", "svsdb-server"),
                 "tool": os.path.join(BUILDDIR, "ovsdb", "svsdb-tool"),
                 "client": os.path.join(BUILDDIR, "ovsdb", "svsdb-client"),
                 "appctl": os.path.join(BUILDDIR, "utilities", "svs-appctl")}
    else:
        raise ValueError("unknown implementation %r" % impl)
    return progs


def require_program(path):
    """Returns 'path' if it is an executable file, else raises
    ProgramMissing."""
    if not os.access(path, os.X_OK):
        raise ProgramMissing("%s is not built (SVS_BUILDDIR=%s)"
                             % (path, BUILDDIR))
    return path


def sandbox_env(tmpdir, base=None):
    """Returns a copy of 'base' (default: os.environ) with every rundir,
    logdir and dbdir variable of both implementations set to 'tmpdir'."""
    env = dict(os.environ if base is None else base)
    for prefix in ("OVS", "SVS"):
        for what in ("RUNDIR", "LOGDIR", "DBDIR", "SYSCONFDIR"):
            env["%s_%s" % (prefix, what)] = str(tmpdir)
    return env


def free_tcp_port():
    """Returns a TCP port on 127.0.0.1 that was free a moment ago."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
    finally:
        s.close()


def schema_path(name):
    """Returns the path of a schema given as a file name, a path, or the
    base name of a file in tests/schemas ("types" for
    tests/schemas/types.ovsschema), or "vswitch" for our vswitch
    schema."""
    if name == "vswitch":
        return VSWITCH_SCHEMA
    if os.sep in name or name.endswith(".ovsschema"):
        return name
    return os.path.join(SCHEMA_DIR, name + ".ovsschema")


def schema_db_name(path):
    """Returns the database name declared by the schema file 'path'."""
    with open(path) as f:
        return json.load(f)["name"]


class JsonRpcClient(object):
    """A synchronous JSON-RPC 1.0 client over a stream socket.

    'address' is a unix socket path, or a (host, port) tuple for TCP.
    Replies are matched to requests by id; everything else the server sends
    (notifications, and requests other than echo) is queued in
    'self.notifications' in arrival order."""

    def __init__(self, address, timeout=TIMEOUT):
        if isinstance(address, tuple):
            self.sock = socket.create_connection(address, timeout=timeout)
        else:
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.sock.settimeout(timeout)
            self.sock.connect(address)
        self.timeout = timeout
        self.buf = ""
        self.decoder = json.JSONDecoder()
        self.utf8 = _Utf8Buffer()
        self.next_id = 0
        self.replies = {}
        self.notifications = deque()
        self.closed = False

    def close(self):
        if not self.closed:
            self.closed = True
            try:
                self.sock.close()
            except OSError:
                pass

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()

    def send(self, msg):
        """Sends JSON-RPC message 'msg' (a dict)."""
        data = json.dumps(msg, separators=(",", ":")).encode("utf-8")
        self.sock.sendall(data)

    def send_request(self, method, params, id_=None):
        """Sends a request and returns its id (an integer, unless 'id_' is
        given)."""
        if id_ is None:
            id_ = self.next_id
            self.next_id += 1
        self.send({"method": method, "params": params, "id": id_})
        return id_

    def notify(self, method, params):
        """Sends a notification (a request with a null id)."""
        self.send({"method": method, "params": params, "id": None})

    def _dispatch(self, msg):
        if not isinstance(msg, dict):
            raise RpcError("server sent a non-object message: %r" % (msg,))
        if "method" in msg:
            if msg["method"] == "echo" and msg.get("id") is not None:
                # The server's inactivity probe: answer it and keep it out
                # of what the tests see.
                self.send({"result": msg.get("params", []), "error": None,
                           "id": msg["id"]})
            else:
                self.notifications.append(msg)
        elif "id" in msg:
            self.replies[json.dumps(msg["id"], sort_keys=True)] = msg
        else:
            raise RpcError("server sent an unrecognized message: %r" % msg)

    def _receive_some(self, deadline):
        """Reads from the socket and dispatches every complete message.
        Raises RpcError on end of file or after 'deadline'."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise RpcError("timed out waiting for the server")
        self.sock.settimeout(remaining)
        try:
            data = self.sock.recv(65536)
        except socket.timeout:
            raise RpcError("timed out waiting for the server")
        except OSError as e:
            raise RpcError("connection error: %s" % e)
        if not data:
            raise RpcError("connection closed by the server")
        self.buf += self.utf8.decode(data)
        while True:
            text = self.buf.lstrip()
            if not text:
                self.buf = ""
                break
            try:
                msg, end = self.decoder.raw_decode(text)
            except ValueError:
                # Incomplete message: wait for more bytes.  A syntactically
                # broken stream shows up as a timeout in the caller.
                self.buf = text
                break
            self.buf = text[end:]
            self._dispatch(msg)

    def wait_reply(self, id_, timeout=None):
        """Waits for and returns the reply (the whole message dict) to the
        request with id 'id_'."""
        key = json.dumps(id_, sort_keys=True)
        deadline = time.monotonic() + (timeout or self.timeout)
        while key not in self.replies:
            self._receive_some(deadline)
        return self.replies.pop(key)

    def has_reply(self, id_):
        return json.dumps(id_, sort_keys=True) in self.replies

    def request(self, method, params, timeout=None):
        """Sends a request and returns the whole reply message."""
        return self.wait_reply(self.send_request(method, params), timeout)

    def call(self, method, params, timeout=None):
        """Sends a request and returns its "result"; raises RpcError if the
        reply carries an error."""
        reply = self.request(method, params, timeout)
        if reply.get("error") is not None:
            raise RpcError("%s failed: %s" % (method, json.dumps(
                reply["error"])), reply)
        return reply.get("result")

    def transact(self, db, *ops):
        """Runs one "transact" on database 'db' and returns its result
        array."""
        return self.call("transact", [db] + list(ops))

    def sync(self, timeout=None):
        """Round-trips an "echo" so that everything the server sent before
        answering it has been received and queued."""
        self.call("echo", ["sync-%d" % self.next_id], timeout)

    def wait_notification(self, timeout=None, method=None):
        """Returns the oldest queued notification (of 'method', if given,
        dropping none of the others), waiting for one if needed."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            for i, msg in enumerate(self.notifications):
                if method is None or msg.get("method") == method:
                    del self.notifications[i]
                    return msg
            self._receive_some(deadline)

    def take_notifications(self):
        """Removes and returns every queued notification."""
        out = list(self.notifications)
        self.notifications.clear()
        return out


class _Utf8Buffer(object):
    """Decodes a UTF-8 byte stream that may be split inside a
    character."""

    def __init__(self):
        import codecs
        self.decoder = codecs.getincrementaldecoder("utf-8")()

    def decode(self, data):
        return self.decoder.decode(data)


class DbServer(object):
    """One OVSDB server of implementation 'impl' ("ovs" or "svs") in
    directory 'tmpdir' serving a database for each schema in 'schemas'
    (names as accepted by schema_path()).  With 'tcp', it also listens on
    a free port of 127.0.0.1 ('self.tcp_port').  'extra_args' are added to
    the server's command line.  The server is started by start()."""

    def __init__(self, impl, tmpdir, schemas=(), tcp=False, extra_args=(),
                 name="db"):
        self.impl = impl
        self.dir = str(tmpdir)
        os.makedirs(self.dir, exist_ok=True)
        self.name = name
        self.progs = impl_programs(impl)
        self.schemas = [schema_path(s) for s in schemas]
        self.db_names = [schema_db_name(s) for s in self.schemas]
        self.db_files = [os.path.join(self.dir, "%s.db" % n.lower())
                         for n in self.db_names]
        self.sock_path = os.path.join(self.dir, "%s.sock" % name)
        self.remote = "unix:" + self.sock_path
        self.ctl_path = os.path.join(self.dir, "%s.ctl" % name)
        self.pidfile = os.path.join(self.dir, "%s.pid" % name)
        self.log_path = os.path.join(self.dir, "%s.log" % name)
        self.stderr_path = os.path.join(self.dir, "%s.stderr" % name)
        self.tcp_port = free_tcp_port() if tcp else None
        self.extra_args = list(extra_args)
        self.env = sandbox_env(self.dir)
        self.proc = None
        self.clients = []
        self.created = False

    # Setup and lifecycle.

    def create_dbs(self):
        """Creates the database files with the implementation's tool,
        replacing existing ones."""
        tool = require_program(self.progs["tool"])
        for schema, dbfile in zip(self.schemas, self.db_files):
            if os.path.exists(dbfile):
                os.unlink(dbfile)
            self._check_run([tool, "create", dbfile, schema])
        self.created = True

    def command_line(self):
        args = [require_program(self.progs["server"])]
        args += self.db_files
        args += ["--remote=punix:" + self.sock_path]
        if self.tcp_port is not None:
            args += ["--remote=ptcp:%d:127.0.0.1" % self.tcp_port]
        args += ["--pidfile=" + self.pidfile,
                 "--log-file=" + self.log_path,
                 "--unixctl=" + self.ctl_path]
        args += self.extra_args
        return args

    def start(self):
        """Starts the server (creating the databases the first time) and
        waits until its database and control sockets accept connections
        and its pidfile exists."""
        assert self.proc is None, "server already running"
        if not self.created:
            self.create_dbs()
        args = self.command_line()
        for path in (self.sock_path, self.ctl_path, self.pidfile):
            if os.path.exists(path):
                os.unlink(path)
        stderr = open(self.stderr_path, "ab")
        try:
            self.proc = subprocess.Popen(
                args, cwd=self.dir, env=self.env, stdin=subprocess.DEVNULL,
                stdout=stderr, stderr=stderr)
        finally:
            stderr.close()
        deadline = time.monotonic() + TIMEOUT
        while True:
            if self.proc.poll() is not None:
                rc = self.proc.returncode
                self.proc = None
                raise RuntimeError("%s exited with %d at startup\n%s"
                                   % (args[0], rc, self.diagnostics()))
            if (self._accepts(self.sock_path)
                    and self._accepts(self.ctl_path)
                    and os.path.exists(self.pidfile)):
                break
            if time.monotonic() > deadline:
                self.kill9()
                raise RuntimeError("%s did not start listening on %s and "
                                   "%s\n%s" % (args[0], self.sock_path,
                                                self.ctl_path,
                                                self.diagnostics()))
            time.sleep(0.01)
        if self.tcp_port is not None:
            self._wait_tcp(deadline)
        return self

    @staticmethod
    def _accepts(path):
        if not os.path.exists(path):
            return False
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.connect(path)
            return True
        except OSError:
            return False
        finally:
            s.close()

    def _wait_tcp(self, deadline):
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.tcp_port),
                                         timeout=1).close()
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("not listening on TCP port %d\n%s"
                                       % (self.tcp_port, self.diagnostics()))
                time.sleep(0.01)

    def _close_clients(self):
        for c in self.clients:
            c.close()
        self.clients = []

    def stop(self, timeout=TIMEOUT):
        """Stops the server with SIGTERM (SIGKILL if it lingers) and returns
        its exit status, or None if it was not running."""
        self._close_clients()
        if self.proc is None:
            return None
        proc, self.proc = self.proc, None
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        return proc.returncode

    def kill9(self):
        """Kills the server with SIGKILL, as a crash would."""
        self._close_clients()
        if self.proc is None:
            return
        proc, self.proc = self.proc, None
        if proc.poll() is None:
            proc.kill()
        proc.wait()

    def restart(self):
        """Stops the server gracefully and starts it again on the same
        database files."""
        self.stop()
        return self.start()

    def is_running(self):
        return self.proc is not None and self.proc.poll() is None

    @property
    def pid(self):
        return self.proc.pid if self.proc else None

    # Talking to the server.

    def connect(self, tcp=False):
        """Returns a new JsonRpcClient connected to the server, closed by
        stop()."""
        if tcp:
            assert self.tcp_port is not None
            c = JsonRpcClient(("127.0.0.1", self.tcp_port))
        else:
            c = JsonRpcClient(self.sock_path)
        self.clients.append(c)
        return c

    def _default_client(self):
        if not self.clients or self.clients[0].closed:
            self.clients.insert(0, JsonRpcClient(self.sock_path))
        return self.clients[0]

    def rpc(self, method, params):
        """Sends one request on the server's default connection and returns
        the whole reply message."""
        return self._default_client().request(method, params)

    def transact(self, db, *ops):
        """Runs "transact" on database 'db' with operations 'ops' and
        returns the result array."""
        return self._default_client().transact(db, *ops)

    def appctl(self, cmd, *args, check=True):
        """Runs "ovs-appctl -t <ctl socket> 'cmd' 'args'..." and returns the
        CompletedProcess (text output)."""
        argv = ["/usr/bin/ovs-appctl", "-t", self.ctl_path, cmd] + list(args)
        return self._check_run(argv, check=check)

    def run_client_tool(self, *args, check=True):
        """Runs the implementation's client program (ovsdb-client or
        svsdb-client) with 'args'."""
        client = require_program(self.progs["client"])
        return self._check_run([client] + list(args), check=check)

    def _check_run(self, argv, check=True, timeout=TIMEOUT, **kwargs):
        proc = subprocess.run(argv, env=self.env, cwd=self.dir,
                              capture_output=True, text=True,
                              timeout=timeout, **kwargs)
        if check and proc.returncode != 0:
            raise AssertionError("%s exited %d\nstdout:\n%s\nstderr:\n%s" % (
                " ".join(argv), proc.returncode, proc.stdout, proc.stderr))
        return proc

    # Diagnostics.

    @property
    def log(self):
        """The text of the server's log file so far ("" if none)."""
        return _read_text(self.log_path)

    def diagnostics(self):
        return "--- log %s:\n%s--- stderr:\n%s" % (
            self.log_path, _read_text(self.log_path)[-4000:],
            _read_text(self.stderr_path)[-4000:])


def _read_text(path):
    try:
        with open(path, errors="replace") as f:
            return f.read()
    except OSError as e:
        if e.errno == errno.ENOENT:
            return ""
        raise


class ServerFactory(object):
    """Makes DbServers in subdirectories of one temporary directory and
    cleans all of them up at close(), whatever happened."""

    def __init__(self, tmpdir, default_impl=None):
        self.tmpdir = str(tmpdir)
        self.default_impl = default_impl
        self.servers = []

    def __call__(self, impl=None, schemas=(), tcp=False, extra_args=(),
                 start=True, name="db"):
        impl = impl or self.default_impl
        sub = os.path.join(self.tmpdir, "%s-%s-%d" % (
            impl, name, len(self.servers)))
        server = DbServer(impl, sub, schemas=schemas, tcp=tcp,
                          extra_args=extra_args, name=name)
        self.servers.append(server)
        if start:
            server.start()
        return server

    def close(self):
        for server in self.servers:
            try:
                server.stop(timeout=5)
            except Exception:
                server.kill9()
        self.servers = []
