"""svs-vswitchd with dummy ports: configuration, status, the OpenFlow and
unixctl interfaces as Open vSwitch's own tools use them, reconfiguration
at scale and restarts (issue 5, must-shows 3 and 5).

Debian's ovs-ofctl and ovs-appctl drive svs-vswitchd's management socket
<rundir>/br0.mgmt and control socket directly.
"""

import os
import re
import signal
import time

import pytest

import switch_sandbox

OFCTL = "/usr/bin/ovs-ofctl"
APPCTL = "/usr/bin/ovs-appctl"


@pytest.fixture
def svs(tmp_path):
    sw = switch_sandbox.Switch("svs", tmp_path)
    sw.start()
    try:
        yield sw
    finally:
        sw.stop()


def wait_for(pred, timeout=30, what="condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        v = pred()
        if v:
            return v
        time.sleep(0.05)
    raise AssertionError("timed out waiting for " + what)


def get(sw, table, record, column):
    return sw.vsctl("get", table, record, column).stdout.strip()


def test_bridge_status_written_back(svs):
    svs.add_bridge("br0", n_ports=2)
    assert get(svs, "interface", "p1", "ofport") == "1"
    assert get(svs, "interface", "p2", "ofport") == "2"
    assert get(svs, "interface", "br0", "ofport") == "65534"
    dpid = get(svs, "bridge", "br0", "datapath_id").strip('"')
    assert re.match(r"^[0-9a-f]{16}$", dpid), dpid
    types = svs.vsctl("get", "open_vswitch", ".", "iface_types").stdout
    assert "dummy" in types and "internal" in types, types
    assert "netdev" in svs.vsctl("get", "open_vswitch", ".",
                                 "datapath_types").stdout
    assert get(svs, "open_vswitch", ".", "cur_cfg") == get(
        svs, "open_vswitch", ".", "next_cfg")
    mac = get(svs, "interface", "p1", "mac_in_use")
    assert re.match(r'^"?([0-9a-f]{2}:){5}[0-9a-f]{2}"?$', mac), mac
    # The bridge's own (internal) port stays administratively down, as
    # with ovs-vswitchd, until the user brings it up.
    assert get(svs, "interface", "br0", "admin_state") == "down"
    assert get(svs, "interface", "br0", "link_state") == "down"
    out = svs.ofctl("dump-ports-desc", "br0", "LOCAL").stdout
    assert "PORT_DOWN" in out and "LINK_DOWN" in out, out

    # A standalone bridge: reconfigurations put its priority-0 NORMAL
    # flow back when it is gone and leave a priority-0 catch-all alone.
    svs.add_bridge("br1", n_ports=0, fail_mode=None)

    def flows():
        return svs.ofctl("--no-stats", "dump-flows", "br1").stdout

    assert flows() == " priority=0 actions=NORMAL\n"
    svs.ofctl("add-flow", "br1", "priority=0,actions=drop")
    svs.vsctl("set", "bridge", "br1", "other_config:x=1")
    assert flows() == " priority=0 actions=drop\n"
    svs.ofctl("del-flows", "br1")
    svs.vsctl("set", "bridge", "br1", "other_config:x=2")
    assert flows() == " priority=0 actions=NORMAL\n"

    # Packets flooded to the down br1 are dropped, each counted once.
    svs.vsctl("add-port", "br1", "q1", "--", "set", "interface", "q1",
              "type=dummy")
    packet = ("ffffffffffff00000000000108004500001c000100004011f9cc"
              "0a0000010a000002003500350008ad94")
    for _ in range(3):
        svs.appctl("netdev-dummy/receive", "q1", packet)
    wait_for(lambda: "drop=3," in svs.ofctl("dump-ports", "br1",
                                              "LOCAL").stdout,
             what="3 drops on br1")
    assert "drop=3," in svs.ofctl("dump-ports", "br1", "LOCAL").stdout


def test_bad_interface_keeps_the_rest_working(svs):
    svs.add_bridge("br0", n_ports=2)
    svs.vsctl("add-port", "br0", "bad0", "--", "set", "interface", "bad0",
              "type=nosuchtype")
    err = get(svs, "interface", "bad0", "error")
    assert err and err != "[]", err
    assert get(svs, "interface", "bad0", "ofport") == "-1"
    # The others still work and a fixed row recovers.
    out = svs.run(OFCTL, "show", "br0").stdout
    assert "(p1)" in out and "(p2)" in out, out
    svs.vsctl("set", "interface", "bad0", "type=dummy")
    assert get(svs, "interface", "bad0", "error") == "[]"
    assert int(get(svs, "interface", "bad0", "ofport")) > 0


def test_ofport_request_honoured(svs):
    svs.vsctl("add-br", "br0", "--", "set", "bridge", "br0",
              "datapath_type=netdev")
    svs.vsctl("add-port", "br0", "x", "--", "set", "interface", "x",
              "type=dummy", "ofport_request=77")
    assert get(svs, "interface", "x", "ofport") == "77"


def test_debian_ofctl_against_svs(svs):
    svs.add_bridge("br0", n_ports=3)
    # OpenFlow 1.0 with Nicira extensions (ovs-ofctl's default) ...
    svs.run(OFCTL, "add-flow", "br0",
            "priority=10,tcp,tp_dst=80,actions=output:2")
    svs.run(OFCTL, "add-flow", "br0", "reg3=5,actions=resubmit(,1)")
    out = svs.run(OFCTL, "dump-flows", "br0").stdout
    assert "tcp,tp_dst=80 actions=output:2" in out, out
    assert "reg3=0x5 actions=resubmit(,1)" in out, out
    # ... and OpenFlow 1.3.
    svs.run(OFCTL, "-O", "OpenFlow13", "add-flow", "br0",
            "table=3,ip,actions=set_field:10.0.0.9->ip_dst,goto_table:4")
    out = svs.run(OFCTL, "-O", "OpenFlow13", "dump-flows", "br0").stdout
    assert "goto_table:4" in out, out
    out = svs.run(OFCTL, "-O", "OpenFlow13", "show", "br0").stdout
    assert "OFPT_FEATURES_REPLY" in out and "p1" in out, out
    svs.run(OFCTL, "del-flows", "br0")
    out = svs.run(OFCTL, "dump-flows", "br0").stdout
    assert "actions" not in out, out


def test_debian_appctl_against_svs(svs):
    svs.add_bridge("br0", n_ports=2, fail_mode=None)
    env_target = "--target=" + svs.ctl
    for cmd in (["ofproto/list"], ["dpif/show"], ["fdb/show", "br0"],
                ["upcall/show"], ["coverage/show"], ["memory/show"],
                ["bridge/dump-flows", "br0"], ["dpctl/show"],
                ["dpctl/dump-flows"], ["vlog/list"],
                ["ofproto/trace", "br0",
                 "in_port=1,dl_src=50:54:00:00:00:01,"
                 "dl_dst=50:54:00:00:00:02"]):
        p = svs.run(APPCTL, env_target, *cmd, check=False)
        assert p.returncode == 0, (cmd, p.stdout, p.stderr)
    out = svs.run(APPCTL, env_target, "ofproto/list").stdout
    assert out.split() == ["br0"], out
    out = svs.run(APPCTL, env_target, "ofproto/trace", "br0",
                  "in_port=1,dl_src=50:54:00:00:00:01,"
                  "dl_dst=50:54:00:00:00:02").stdout
    assert "Datapath actions:" in out and "Megaflow:" in out, out
    p = svs.run(APPCTL, env_target, "fdb/show", "nosuchbridge",
                check=False)
    assert p.returncode == 2


def packet_hex():
    """An ICMP echo request 50:54:00:00:00:01 -> 50:54:00:00:00:02,
    10.0.0.1 -> 10.0.0.2, 98 bytes."""
    eth = "505400000002" "505400000001" "0800"
    ip = "4500" "0054" "0000" "4000" "40" "01" "26a6" "0a000001" "0a000002"
    icmp = "08" "00" "f7ff" "0000" "0000"
    return eth + ip + icmp + "00" * 56


def test_dummy_traffic_and_megaflows(svs):
    svs.add_bridge("br0", n_ports=2)
    svs.vsctl("set", "interface", "p2",
              "options:tx_pcap=" + svs.path("p2.pcap"))
    svs.run(OFCTL, "add-flow", "br0", "in_port=1,actions=output:2")
    for _ in range(3):
        svs.appctl("netdev-dummy/receive", "p1", packet_hex())

    def counted():
        out = svs.run(OFCTL, "dump-flows", "br0").stdout
        m = re.search(r"n_packets=(\d+)", out)
        return m and int(m.group(1)) == 3
    wait_for(counted, what="n_packets=3")
    dp = svs.dpctl("dump-flows", "--names").stdout
    mine = [l for l in dp.splitlines() if "in_port(p1)" in l]
    assert len(mine) == 1, dp
    assert "eth_type(0x0800)" in mine[0] and "actions:p2" in mine[0], dp
    assert "packets:3," in mine[0], dp
    size = wait_for(lambda: os.path.getsize(svs.path("p2.pcap")) > 24
                    and os.path.getsize(svs.path("p2.pcap")),
                    what="packets in the pcap")
    assert size >= 24 + 3 * (16 + 98), size


def settle(sw):
    next_cfg = get(sw, "open_vswitch", ".", "next_cfg")
    wait_for(lambda: get(sw, "open_vswitch", ".", "cur_cfg") == next_cfg,
             what="cur_cfg")


@pytest.mark.slow
def test_thousand_ports(svs):
    svs.vsctl("add-br", "br0", "--", "set", "bridge", "br0",
              "datapath_type=netdev", "fail-mode=secure")
    args = []
    for i in range(1000):
        args += ["--", "add-port", "br0", "q%d" % i, "--", "set",
                 "interface", "q%d" % i, "type=dummy"]
    svs.vsctl(*args)
    settle(svs)
    ports = svs.run(OFCTL, "dump-ports-desc", "br0").stdout
    assert ports.count("(q") == 1000, ports[-500:]
    args = []
    for i in range(1000):
        args += ["--", "del-port", "br0", "q%d" % i]
    svs.vsctl(*args)
    settle(svs)
    ports = svs.run(OFCTL, "dump-ports-desc", "br0").stdout
    assert "(q" not in ports, ports[-500:]


def test_restart_vswitchd_keeps_config_and_forwarding(svs):
    svs.add_bridge("br0", n_ports=2)
    svs.vsctl("set", "interface", "p2",
              "options:tx_pcap=" + svs.path("p2.pcap"))
    svs.run(OFCTL, "add-flow", "br0", "in_port=1,actions=output:2")
    os.kill(svs.vs_proc.pid, signal.SIGKILL)
    svs.vs_proc.wait()
    svs.start_vswitchd()
    wait_for(lambda: os.path.exists(svs.path("br0.mgmt")),
             what="br0.mgmt")
    settle(svs)
    assert get(svs, "interface", "p1", "ofport") == "1"
    # OpenFlow rules belong to the controller, as in Open vSwitch: they
    # go with the process; configuration from the database stays.
    svs.run(OFCTL, "add-flow", "br0", "in_port=1,actions=output:2")
    svs.appctl("netdev-dummy/receive", "p1", packet_hex())
    wait_for(lambda: os.path.exists(svs.path("p2.pcap"))
             and os.path.getsize(svs.path("p2.pcap")) > 24,
             what="forwarding after restart")


def test_restart_dbserver_keeps_config(svs):
    svs.add_bridge("br0", n_ports=2)
    svs._stop(svs.db_proc)
    svs.start_db()
    svs.vsctl("add-port", "br0", "p3", "--", "set", "interface", "p3",
              "type=dummy", "ofport_request=3")
    settle(svs)
    assert get(svs, "interface", "p3", "ofport") == "3"
    assert get(svs, "interface", "p1", "ofport") == "1"


def test_svs_dpctl(svs):
    """svs-dpctl sends ovs-dpctl's commands to svs-vswitchd and prints
    what ovs-appctl dpctl/ prints."""
    svs.add_bridge("br0", n_ports=2)
    dpctl = [switch_sandbox.switch_programs("svs")["dpctl"],
             "--target=" + svs.ctl]
    assert svs.run(*dpctl, "dump-dps").stdout == "netdev@svs-netdev\n"
    show = svs.run(*dpctl, "show").stdout

    def counters_out(text):
        # Packets from the tap devices may arrive between the two calls.
        return re.sub(r"(hit|missed|lost|flows):\s*\d+", r"\1:N", text)
    assert counters_out(show) == counters_out(
        svs.run(APPCTL, "--target=" + svs.ctl, "dpctl/show").stdout)
    assert re.search(r"port \d+: p1 \(dummy\)", show), show
    # A flow added by hand, found by its ufid, then deleted.
    port = re.search(r"port (\d+): p1", show).group(1)
    out_port = re.search(r"port (\d+): p2", show).group(1)
    key = ("in_port(%s),eth(src=50:54:00:00:00:01,dst=50:54:00:00:00:02),"
           "eth_type(0x0806)" % port)
    svs.run(*dpctl, "add-flow", key, out_port)
    dump = svs.run(*dpctl, "dump-flows", "-m").stdout
    line = [l for l in dump.splitlines() if "eth_type(0x0806)" in l][0]
    assert line.endswith("actions:p2") or line.endswith(
        "actions:" + out_port), line
    ufid = re.match(r"ufid:([0-9a-f-]+)", line).group(1)
    got = svs.run(*dpctl, "get-flow", "ufid:" + ufid).stdout
    assert "eth_type(0x0806)" in got, got
    p = svs.run(*dpctl, "add-flow", key, out_port, check=False)
    assert p.returncode == 2 and "File exists" in p.stderr, p.stderr
    svs.run(*dpctl, "del-flow", key)
    p = svs.run(*dpctl, "del-flow", key, check=False)
    assert p.returncode == 2, p.stderr
    p = svs.run(*dpctl, "add-flow", "in_port(1),garbage", "1", check=False)
    assert p.returncode == 2 and "parsing flow key" in p.stderr, p.stderr
    # The daemon keeps serving after bad input.
    assert svs.run(*dpctl, "dump-dps").stdout == "netdev@svs-netdev\n"
