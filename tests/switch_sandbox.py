"""A whole switch in a sandbox: database server + vswitchd, either Debian's
Open vSwitch ("ovs", the reference) or svs ("svs").

What: Switch(impl, tmpdir) starts the implementation's database server
(ovsdb-server / svsdb-server) on a fresh Open_vSwitch database and its
switch daemon (ovs-vswitchd / svs-vswitchd) with --enable-dummy, both in
the foreground as children, everything under 'tmpdir' (sockets, pidfiles,
logs, <bridge>.mgmt).  The switch daemon runs in its own network namespace
(unshare --net) so that two instances never clash (the userspace datapath
of ovs-vswitchd creates a tap named ovs-netdev) and so that it sees only
the devices a test creates there.

Helpers run the implementation's tools against the sandbox: vsctl(),
ofctl() (OpenFlow over <tmpdir>/<bridge>.mgmt), appctl() (unixctl of the
switch daemon), dpctl() (the dpctl/ unixctl commands).  add_bridge()
makes a userspace-datapath bridge with dummy ports p1..pN on OpenFlow
ports 1..N.

For "svs" a missing program raises ProgramMissing (never a skip).

Thread-safety: none; use a Switch from one thread.
"""

import os
import subprocess
import time

import sandbox

TIMEOUT = sandbox.TIMEOUT
OVS_SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema"


def switch_programs(impl):
    """The programs of 'impl': keys dbserver, dbtool, vswitchd, vsctl,
    ofctl, appctl, dpctl; and schema."""
    b = sandbox.BUILDDIR
    if impl == "ovs":
        return {"dbserver": "/usr/sbin/ovsdb-server",
                "dbtool": "/usr/bin/ovsdb-tool",
                "vswitchd": "/usr/sbin/ovs-vswitchd",
                "vsctl": "/usr/bin/ovs-vsctl",
                "ofctl": "/usr/bin/ovs-ofctl",
                "appctl": "/usr/bin/ovs-appctl",
                "dpctl": "/usr/bin/ovs-dpctl",
                "schema": OVS_SCHEMA}
    if impl == "svs":
        return {"dbserver": os.path.join(b, "ovsdb", "svsdb-server"),
                "dbtool": os.path.join(b, "ovsdb", "svsdb-tool"),
                "vswitchd": os.path.join(b, "vswitchd", "svs-vswitchd"),
                "vsctl": os.path.join(b, "utilities", "svs-vsctl"),
                "ofctl": os.path.join(b, "utilities", "svs-ofctl"),
                "appctl": os.path.join(b, "utilities", "svs-appctl"),
                "dpctl": os.path.join(b, "utilities", "svs-dpctl"),
                "schema": sandbox.VSWITCH_SCHEMA}
    raise ValueError("unknown implementation %r" % impl)


class Switch(object):
    """One database server + switch daemon of implementation 'impl' in
    directory 'tmpdir'.  Use as a context manager or call start()/stop()."""

    def __init__(self, impl, tmpdir, netns=True, extra_args=()):
        self.impl = impl
        self.dir = str(tmpdir)
        self.progs = switch_programs(impl)
        if impl == "svs":
            for key in ("dbserver", "dbtool", "vswitchd", "vsctl",
                        "appctl"):
                sandbox.require_program(self.progs[key])
        self.env = sandbox.sandbox_env(self.dir)
        self.env["OVS_PKGDATADIR"] = "/usr/share/openvswitch"
        self.netns = netns
        # If set, a network namespace ("/proc/PID/ns/net") that the switch
        # daemon joins instead of making its own (restarts into the same
        # ports).
        self.netns_path = None
        self.extra_args = list(extra_args)
        self.db_proc = None
        self.vs_proc = None

    def path(self, name):
        return os.path.join(self.dir, name)

    @property
    def db_remote(self):
        return "unix:" + self.path("db.sock")

    @property
    def ctl(self):
        return self.path("vswitchd.ctl")

    # Processes.

    def _wait_for(self, name, proc):
        deadline = time.time() + TIMEOUT
        while not os.path.exists(self.path(name)):
            if proc is not None and proc.poll() is not None:
                raise RuntimeError("%s exited with %s before %s appeared"
                                   % (proc.args[0], proc.returncode, name))
            if time.time() > deadline:
                raise RuntimeError("%s did not appear" % name)
            time.sleep(0.02)

    def start_db(self):
        db = self.path("conf.db")
        if not os.path.exists(db):
            self.run(self.progs["dbtool"], "create", db,
                     self.progs["schema"])
        self.db_proc = subprocess.Popen(
            [self.progs["dbserver"], db,
             "--remote=punix:" + self.path("db.sock"),
             "--pidfile=" + self.path("dbserver.pid"),
             "--log-file=" + self.path("dbserver.log"),
             "--unixctl=" + self.path("dbserver.ctl")],
            env=self.env, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        self._wait_for("db.sock", self.db_proc)

    def start_vswitchd(self):
        cmd = [self.progs["vswitchd"], "--enable-dummy", self.db_remote,
               "--pidfile=" + self.path("vswitchd.pid"),
               "--log-file=" + self.path("vswitchd.log"),
               "--unixctl=" + self.ctl, "-vconsole:off"] + self.extra_args
        if self.netns_path:
            cmd = ["nsenter", "--net=" + self.netns_path] + cmd
        elif self.netns:
            cmd = ["unshare", "--net"] + cmd
        if os.path.exists(self.ctl):
            os.unlink(self.ctl)
        self.vs_proc = subprocess.Popen(cmd, env=self.env,
                                        stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE)
        self._wait_for("vswitchd.ctl", self.vs_proc)

    def start(self):
        self.start_db()
        self.vsctl("--no-wait", "init")
        self.start_vswitchd()
        return self

    def _stop(self, proc):
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def stop_vswitchd(self):
        self._stop(self.vs_proc)
        if self.vs_proc is not None and self.vs_proc.stderr:
            self.vs_proc.stderr.close()
        self.vs_proc = None

    def stop(self):
        self.stop_vswitchd()
        self._stop(self.db_proc)
        self.db_proc = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *args):
        self.stop()

    # Tools.

    def run(self, *args, check=True, input=None):
        """Runs a command in the sandbox's environment; returns the
        CompletedProcess (text output).  Raises on failure if 'check'."""
        p = subprocess.run(list(args), env=self.env, capture_output=True,
                           text=True, timeout=TIMEOUT * 4, input=input)
        if check and p.returncode:
            raise RuntimeError("%s failed (%d): %s%s"
                               % (" ".join(args), p.returncode, p.stdout,
                                  p.stderr))
        return p

    def vsctl(self, *args, check=True):
        return self.run(self.progs["vsctl"], "--db=" + self.db_remote,
                        "--timeout=%d" % TIMEOUT, *args, check=check)

    def ofctl(self, *args, check=True, input=None):
        """Runs ofctl; a bridge name argument finds <tmpdir>/<br>.mgmt
        through OVS_RUNDIR/SVS_RUNDIR."""
        return self.run(self.progs["ofctl"], *args, check=check,
                        input=input)

    def appctl(self, *args, check=True):
        return self.run(self.progs["appctl"], "--target=" + self.ctl,
                        *args, check=check)

    def dpctl(self, *args, check=True):
        return self.appctl("dpctl/" + args[0], *args[1:], check=check)

    def add_bridge(self, name="br0", n_ports=2, fail_mode="secure",
                   port_type="dummy"):
        """Adds bridge 'name' (datapath_type=netdev) with ports
        p1..p<n_ports> of 'port_type' on OpenFlow ports 1..n."""
        args = ["add-br", name, "--", "set", "bridge", name,
                "datapath_type=netdev"]
        if fail_mode:
            args.append("fail-mode=" + fail_mode)
        for i in range(1, n_ports + 1):
            args += ["--", "add-port", name, "p%d" % i, "--", "set",
                     "interface", "p%d" % i, "type=" + port_type,
                     "ofport_request=%d" % i]
        self.vsctl(*args)
        self._wait_for(name + ".mgmt", self.vs_proc)
