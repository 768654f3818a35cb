"""Concurrent svs-vsctl invocations (issue 3): no lost updates.

Two processes started together that each add a port to the same bridge
both read the bridge's port set and write it back; without prerequisites
(the IDL's "verify") one write would silently undo the other.  Each test
runs many rounds of such pairs and then checks the final state exactly:
every port that an invocation reported as added is in the bridge, exactly
once, with its interface, and nothing else is.

Pairs: svs-vsctl + svs-vsctl (the requirement), ovs-vsctl + svs-vsctl
(the two implementations interleaved) and ovs-vsctl + ovs-vsctl (the
reference, which also runs while svs-vsctl is not built), on svsdb-server
and on Debian's ovsdb-server.  No timing is measured.
"""

import json
import subprocess

import pytest

import sandbox
import vsctl_util as vu

# Rounds of the main combination (svs-vsctl pairs on svsdb-server); the
# other combinations run fewer to keep `make check` short.
ROUNDS = 50
OTHER_ROUNDS = 20


def _rounds(server_impl, pair):
    if server_impl == "svs" and pair == ("svs", "svs"):
        return ROUNDS
    return OTHER_ROUNDS


def _prog(name):
    if name == "ovs":
        return vu.OVS_VSCTL
    prog = vu.svs_vsctl()
    if prog is None:
        pytest.skip(vu.SVS_MISSING_REASON)
    return prog


def run_together(server, jobs):
    """Starts every (prog, args) of 'jobs' at once (no waiting in between)
    and returns their CompletedProcess-like results in order."""
    procs = []
    for prog, args in jobs:
        path, env = vu.exec_args(prog, server.env)
        procs.append(subprocess.Popen(
            vu.vsctl_argv(path, server, args), env=env,
            cwd=server.dir, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True))
    results = []
    for (prog, args), proc in zip(jobs, procs):
        out, err = proc.communicate(timeout=vu.TIMEOUT + 30)
        results.append(subprocess.CompletedProcess(
            [prog] + list(args), proc.returncode, out, err))
    return results


def bridge_ports(server, bridge):
    """Returns the sorted names of the ports of 'bridge' read straight from
    the database (JSON-RPC), and asserts that the port set has no
    dangling or duplicated members and that every port has exactly one
    interface of its own name."""
    with sandbox.JsonRpcClient(server.sock_path) as c:
        res = c.transact(
            "Open_vSwitch",
            {"op": "select", "table": "Bridge",
             "where": [["name", "==", bridge]], "columns": ["ports"]},
            {"op": "select", "table": "Port", "where": [],
             "columns": ["_uuid", "name", "interfaces"]},
            {"op": "select", "table": "Interface", "where": [],
             "columns": ["_uuid", "name"]})
    assert len(res[0]["rows"]) == 1, res[0]
    members = [u for _, u in _set(res[0]["rows"][0]["ports"])]
    assert len(members) == len(set(members))
    ports = {r["_uuid"][1]: r for r in res[1]["rows"]}
    ifaces = {r["_uuid"][1]: r["name"] for r in res[2]["rows"]}
    names = []
    for uuid in members:
        port = ports[uuid]
        port_ifaces = [ifaces[u] for _, u in _set(port["interfaces"])]
        assert port_ifaces == [port["name"]], port
        names.append(port["name"])
    return sorted(names)


def _set(datum):
    if isinstance(datum, list) and datum and datum[0] == "set":
        return datum[1]
    return [datum]


@pytest.fixture
def race_server(request, tmp_path):
    """A fresh server of the implementation named by the test's
    'server_impl' parameter, with bridge br0."""
    factory = sandbox.ServerFactory(tmp_path)
    try:
        server = vu.start_vswitch_db(factory, request.getfixturevalue(
            "server_impl"))
    except sandbox.ProgramMissing as e:
        factory.close()
        pytest.fail(str(e))
    vu.check_vsctl(vu.OVS_VSCTL, server, ["add-br", "br0"])
    yield server
    factory.close()


def _combos(pairs_on_svs, pairs_on_ovs):
    """(server, pair) parameters: the reference pair ovs+ovs runs on
    svsdb-server only (on ovsdb-server it would test nothing of ours)."""
    out = []
    for server_impl, pairs in (("svs", pairs_on_svs), ("ovs", pairs_on_ovs)):
        for pair in pairs:
            out.append(pytest.param(server_impl, pair, id="%sdb-server-%s" % (
                server_impl, "+".join(pair))))
    return out


@pytest.mark.parametrize("server_impl,pair", _combos(
    [("svs", "svs"), ("ovs", "svs"), ("ovs", "ovs")],
    [("svs", "svs"), ("ovs", "svs")]))
def test_concurrent_add_port(race_server, server_impl, pair):
    """ROUNDS rounds of two simultaneous add-port invocations on br0:
    both succeed and both ports are there at the end."""
    progs = [_prog(p) for p in pair]
    expected = ["br0"]
    rounds = _rounds(server_impl, pair)
    for i in range(rounds):
        names = ["a%d" % i, "b%d" % i]
        results = run_together(race_server, [
            (progs[0], ["add-port", "br0", names[0]]),
            (progs[1], ["add-port", "br0", names[1]])])
        for r in results:
            assert r.returncode == 0, (r.args, r.stderr)
            assert r.stdout == "", (r.args, r.stdout)
        expected += names
        # Check as we go, so that a loss is reported at its round.
        if i % 10 == 9 or i == rounds - 1:
            assert bridge_ports(race_server, "br0") == sorted(expected), \
                "lost update by round %d" % i
    out = vu.check_vsctl(vu.OVS_VSCTL, race_server,
                         ["list-ports", "br0"]).stdout
    assert out.split() == sorted(set(expected) - {"br0"})


@pytest.mark.parametrize("server_impl,pair", _combos(
    [("svs", "svs"), ("ovs", "ovs")], [("svs", "svs")]))
def test_concurrent_same_port(race_server, server_impl, pair):
    """Two simultaneous add-port of the same name: exactly one wins, the
    other fails with the duplicate-port error, and the port exists
    once."""
    progs = [_prog(p) for p in pair]
    expected = ["br0"]
    for i in range(_rounds(server_impl, pair) // 2):
        name = "s%d" % i
        results = run_together(race_server, [
            (progs[0], ["add-port", "br0", name]),
            (progs[1], ["add-port", "br0", name])])
        codes = sorted(r.returncode for r in results)
        assert codes == [0, 1], [(r.args, r.returncode, r.stderr)
                                 for r in results]
        loser = [r for r in results if r.returncode][0]
        assert vu.normalize_progname(loser.stderr) == (
            "vsctl: cannot create a port named %s because a port named %s "
            "already exists on bridge br0\n" % (name, name)), loser.stderr
        expected.append(name)
    assert bridge_ports(race_server, "br0") == sorted(expected)


@pytest.mark.parametrize("server_impl,pair", _combos(
    [("svs", "svs"), ("ovs", "ovs")], [("svs", "svs")]))
def test_concurrent_add_br_and_del_port(race_server, server_impl, pair):
    """Different kinds of change at once: add-br (Open_vSwitch.bridges)
    racing with add-port on an existing bridge, and del-port racing with
    add-port on the same bridge."""
    progs = [_prog(p) for p in pair]
    vu.check_vsctl(vu.OVS_VSCTL, race_server, ["add-port", "br0", "old0"])
    expected = ["br0"]
    bridges = ["br0"]
    rounds = _rounds(server_impl, pair) // 2
    for i in range(rounds):
        results = run_together(race_server, [
            (progs[0], ["add-br", "nb%d" % i]),
            (progs[1], ["add-port", "br0", "x%d" % i]),
            (progs[0], ["del-port", "br0", "old%d" % i]),
            (progs[1], ["add-port", "br0", "old%d" % (i + 1)])])
        for r in results:
            assert r.returncode == 0, (r.args, r.stderr)
        expected.append("x%d" % i)
        bridges.append("nb%d" % i)
    expected.append("old%d" % rounds)
    assert bridge_ports(race_server, "br0") == sorted(expected)
    out = vu.check_vsctl(vu.OVS_VSCTL, race_server, ["list-br"]).stdout
    assert out.split() == sorted(bridges)
    # Each new bridge has its local port and interface.
    for b in bridges[1:]:
        assert bridge_ports(race_server, b) == [b]


@pytest.mark.parametrize("server_impl", ["svs"])
def test_bridge_ports_helper_sees_loss(race_server, server_impl):
    """The checker is not blind: a port removed from the bridge's set
    behind the tools' back is noticed."""
    vu.check_vsctl(vu.OVS_VSCTL, race_server, ["add-port", "br0", "p1"])
    assert bridge_ports(race_server, "br0") == ["br0", "p1"]
    with sandbox.JsonRpcClient(race_server.sock_path) as c:
        uuid = c.transact("Open_vSwitch", {
            "op": "select", "table": "Port",
            "where": [["name", "==", "p1"]]})[0]["rows"][0]["_uuid"]
        res = c.transact("Open_vSwitch", {
            "op": "mutate", "table": "Bridge",
            "where": [["name", "==", "br0"]],
            "mutations": [["ports", "delete", uuid]]})
        assert "error" not in json.dumps(res), res
    assert bridge_ports(race_server, "br0") == ["br0"]
