"""Error behaviour of svs-vsctl (issue 3): unknown bridges, ports, tables
and columns, bad value types, constraint violations (out-of-range
integers, enum values, set sizes, duplicate bridges and index
collisions), bad references and usage errors.

For every case, on the same server and the same state (vsctl_util's rich
state), svs-vsctl must print on stderr exactly what Debian's ovs-vsctl
prints (program name normalised), print the same stdout, exit with the
same non-zero status, and leave the database unchanged (a whole-database
dump before and after, taken over JSON-RPC).  The cases run on svsdb-server
and on Debian's ovsdb-server.

Until utilities/svs-vsctl is built, every case checks the reference half
(ovs-vsctl fails and changes nothing) and skips the comparison, saying
why.
"""

import subprocess

import pytest

import sandbox
import vsctl_util as vu

# (id, argv): each must fail without changing the database.
ERROR_CASES = [
    ("dup-bridge", ["add-br", "br0"]),
    ("dup-fake-bridge", ["add-br", "vlan10", "br0", "10"]),
    ("fake-bridge-other-vlan", ["add-br", "vlan10", "br0", "11"]),
    ("may-exist-fake-other-vlan", ["--may-exist", "add-br", "vlan10",
                                   "br0", "11"]),
    ("may-exist-br-other-parent", ["--may-exist", "add-br", "vlan10",
                                   "br1", "10"]),
    ("fake-bridge-bad-vlan", ["add-br", "vlanx", "br0", "5000"]),
    ("fake-bridge-no-parent", ["add-br", "vlanx", "nosuch", "5"]),
    ("fake-bridge-fake-parent", ["add-br", "vlanx", "vlan10", "5"]),
    ("add-port-no-bridge", ["add-port", "nosuch", "px"]),
    ("add-port-dup", ["add-port", "br0", "p1"]),
    ("add-port-dup-other-br", ["add-port", "br1", "p1"]),
    ("may-exist-port-other-br", ["--may-exist", "add-port", "br1", "p1"]),
    ("add-port-iface-exists", ["add-port", "br0", "e1"]),
    ("add-bond-one-iface", ["add-bond", "br0", "bx", "x1"]),
    ("add-bond-dup-iface", ["add-bond", "br0", "bx", "e1", "x2"]),
    ("del-br-missing", ["del-br", "nosuch"]),
    ("del-port-missing", ["del-port", "br0", "nosuch"]),
    ("del-port-missing-nobr", ["del-port", "nosuch"]),
    ("del-port-wrong-bridge", ["del-port", "br1", "p1"]),
    ("list-ports-missing", ["list-ports", "nosuch"]),
    ("list-ifaces-missing", ["list-ifaces", "nosuch"]),
    ("br-to-vlan-missing", ["br-to-vlan", "nosuch"]),
    ("br-to-parent-missing", ["br-to-parent", "nosuch"]),
    ("port-to-br-missing", ["port-to-br", "nosuch"]),
    ("iface-to-br-missing", ["iface-to-br", "nosuch"]),
    ("br-get-external-id-missing", ["br-get-external-id", "nosuch"]),
    ("set-controller-missing", ["set-controller", "nosuch", "tcp:1.2.3.4"]),
    ("get-fail-mode-missing", ["get-fail-mode", "nosuch"]),
    ("unknown-table", ["list", "NoTable"]),
    ("unknown-column-get", ["get", "Bridge", "br0", "nocolumn"]),
    ("unknown-column-set", ["set", "Bridge", "br0", "nocolumn=1"]),
    ("unknown-column-find", ["find", "Bridge", "nocolumn=1"]),
    ("unknown-column-list", ["--columns=name,nocolumn", "list", "Bridge"]),
    ("unknown-row", ["get", "Bridge", "nosuch", "name"]),
    ("unknown-port-row", ["set", "Port", "nosuch", "tag=1"]),
    ("missing-key", ["get", "Bridge", "br0", "external_ids:nokey"]),
    ("key-on-non-map", ["get", "Bridge", "br0", "name:key"]),
    ("int-too-large", ["set", "Port", "p1", "tag=5000"]),
    ("int-negative", ["set", "Port", "p1", "tag=-1"]),
    ("int-not-a-number", ["set", "Port", "p1", "tag=abc"]),
    ("int-real", ["set", "Port", "p1", "bond_updelay=1.5"]),
    ("ofport-range", ["set", "Interface", "p1", "ofport_request=70000"]),
    ("trunks-range", ["set", "Port", "p1", "trunks=1,2,5000"]),
    ("add-trunk-range", ["add", "Port", "p1", "trunks", "4096"]),
    ("enum-fail-mode", ["set", "Bridge", "br0", "fail_mode=bogus"]),
    ("enum-protocols", ["set", "Bridge", "br0", "protocols=OpenFlow99"]),
    ("enum-vlan-mode", ["set", "Port", "p1", "vlan_mode=sideways"]),
    ("bad-boolean", ["set", "Bridge", "br0", "stp_enable=maybe"]),
    ("bad-map", ["set", "Bridge", "br0", "external_ids=notamap"]),
    ("bad-uuid", ["set", "Bridge", "br0", "ports=notauuid"]),
    ("missing-value", ["set", "Bridge", "br0", "other_config:hwaddr"]),
    ("too-many-values", ["add", "Bridge", "br0", "fail_mode",
                         "standalone"]),
    ("clear-required", ["clear", "Bridge", "br0", "name"]),
    ("dup-index", ["set", "Bridge", "br0", "name=br1"]),
    ("undefined-id", ["--", "--id=@x", "create", "QoS", "type=linux-htb",
                      "--", "set", "Port", "p1", "qos=@y"]),
    ("bad-id-name", ["--", "--id=x", "create", "QoS", "type=linux-htb"]),
    ("chain-later-fails", ["add-port", "br0", "pnew", "--", "set",
                           "Interface", "pnew", "nocolumn=1"]),
    ("chain-later-fails-2", ["add-br", "brnew", "--", "add-port", "brnew",
                             "p1"]),
    ("unknown-command", ["nosuchcommand"]),
    ("unknown-option", ["--nosuchoption", "list-br"]),
    ("unknown-command-option", ["--nosuch", "--", "list-br"]),
    ("missing-args", ["add-br"]),
    ("too-many-args", ["list-br", "extra"]),
    ("empty-command", []),
    ("find-bad-operator", ["find", "Bridge", "name~br0"]),
    ("find-set-op-on-scalar", ["find", "Port", "tag{>=}[1,2]"]),
]

# (id, argv): invocations that only warn (exit status 0) and must not
# change the database either.
WARNING_CASES = [
    ("destroy-no-records", ["destroy", "Bridge"]),
    ("if-exists-del-br", ["--if-exists", "del-br", "nosuch"]),
    ("if-exists-del-port", ["--if-exists", "del-port", "br0", "nosuch"]),
    ("may-exist-add-br", ["--may-exist", "add-br", "br0"]),
    ("may-exist-add-port", ["--may-exist", "add-port", "br0", "p1"]),
    ("remove-absent", ["remove", "Bridge", "br0", "external_ids", "nokey"]),
]

# Known differences of svs-vsctl, as test id -> reason; marked
# xfail(strict=True).  Empty when svs-vsctl matches.
KNOWN_DIFFERENCES = {}


def _params():
    out = []
    for server_impl in ("svs", "ovs"):
        for cid, argv in ERROR_CASES + WARNING_CASES:
            tid = "%s-%s" % (server_impl, cid)
            marks = []
            if tid in KNOWN_DIFFERENCES:
                marks.append(pytest.mark.xfail(
                    strict=True, reason=KNOWN_DIFFERENCES[tid]))
            out.append(pytest.param(server_impl, argv, marks=marks, id=tid))
    return out


@pytest.fixture(scope="module")
def rich_servers(tmp_path_factory):
    """One server of each implementation with the rich state."""
    factory = sandbox.ServerFactory(tmp_path_factory.mktemp("vsctl-err"))
    servers = {}
    try:
        for impl in ("svs", "ovs"):
            try:
                server = vu.start_vswitch_db(factory, impl, init=False)
            except sandbox.ProgramMissing as e:
                pytest.fail(str(e))
            vu.build_rich_state(server)
            servers[impl] = server
        yield servers
    finally:
        factory.close()


@pytest.mark.parametrize("server_impl,argv", _params())
def test_vsctl_error(rich_servers, server_impl, argv):
    server = rich_servers[server_impl]
    before = vu.dump_db(server)
    ref = vu.run_vsctl(vu.OVS_VSCTL, server, argv)
    # The reference half: a failure with a message (or, for the warning
    # cases, success), nothing changed.
    if argv in [a for _, a in WARNING_CASES]:
        assert ref.returncode == 0, ref.stderr
    else:
        assert ref.returncode != 0, "ovs-vsctl %s succeeded:\n%s" % (
            " ".join(argv), ref.stdout)
        assert "vsctl: " in ref.stderr, ref.stderr
    assert vu.dump_db(server) == before, "ovs-vsctl changed the database"
    if vu.svs_vsctl() is None:
        pytest.skip(vu.SVS_MISSING_REASON)
    got = vu.run_vsctl(vu.SVS_VSCTL, server, argv)
    after = vu.dump_db(server)
    problems = []
    if after != before:
        problems.append("svs-vsctl changed the database:\n"
                        + vu.diff_text(before, after, "before", "after"))
    if vu.normalize_progname(got.stderr) != vu.normalize_progname(
            ref.stderr):
        problems.append("stderr differs:\n  ovs-vsctl: %r\n  svs-vsctl: %r"
                        % (ref.stderr, got.stderr))
    if got.stdout != ref.stdout:
        problems.append("stdout differs:\n  ovs-vsctl: %r\n  svs-vsctl: %r"
                        % (ref.stdout, got.stdout))
    if got.returncode != ref.returncode:
        problems.append("exit status: ovs-vsctl %d, svs-vsctl %d"
                        % (ref.returncode, got.returncode))
    assert not problems, "vsctl %s\n%s" % (" ".join(argv),
                                           "\n".join(problems))


def test_no_server(tmp_path):
    """Both programs fail the same way when the database socket does not
    exist (no --retry: they give up at once)."""
    sock = "unix:%s/nosuch.sock" % tmp_path
    env = sandbox.sandbox_env(tmp_path)
    outs = {}
    for name, prog in vu.tools().items():
        path, penv = vu.exec_args(prog, env)
        proc = subprocess.run([path, "--db=" + sock, "--timeout=5",
                               "--no-wait", "list-br"], env=penv,
                              capture_output=True, text=True, timeout=60)
        outs[name] = (proc.returncode, proc.stdout,
                      vu.normalize_progname(proc.stderr))
    assert outs["ovs"][0] != 0
    if "svs" not in outs:
        pytest.skip(vu.SVS_MISSING_REASON)
    assert outs["svs"] == outs["ovs"]
