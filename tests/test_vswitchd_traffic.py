"""Real traffic through svs-vswitchd (issue 5, must-shows 1 and 2).

Two hosts in network namespaces are wired with veth pairs to bridge br0
(datapath_type=netdev) of an svs-vswitchd running in a network namespace
of its own.  The switch ends are ports of type "system" (AF_PACKET) or
"afxdp".  Offloads stay on, so TCP only works if the switch carries
partial checksums correctly.

Shown here:
  - ping and an iperf3 TCP transfer through NORMAL, on system and afxdp
    ports;
  - OpenFlow rules change real forwarding: output rules, drops, VLAN
    rewrites and resubmit pipelines; ovs-ofctl dump-flows shows the
    counters and svs-dpctl / dpctl/dump-flows the megaflows with masks;
  - the barrier property: once `ovs-ofctl del-flows` (which ends with a
    barrier) returns, not one more packet gets through.
"""

import os
import re
import shutil
import socket
import subprocess
import time

import pytest

import netns_util
import switch_sandbox

pytestmark = [pytest.mark.root]

OFCTL = "/usr/bin/ovs-ofctl"


@pytest.fixture
def svs(tmp_path):
    if not netns_util.need_root():
        pytest.skip("needs root")
    sw = switch_sandbox.Switch("svs", tmp_path)
    sw.start()
    try:
        yield sw
    finally:
        sw.stop()


def setup_bridge(sw, port_type, fail_mode="secure"):
    hosts = netns_util.Hosts(sw.vs_proc.pid)
    args = ["add-br", "br0", "--", "set", "bridge", "br0",
            "datapath_type=netdev"]
    if fail_mode:
        args.append("fail-mode=" + fail_mode)
    for i, port in enumerate(hosts.ports):
        args += ["--", "add-port", "br0", port, "--", "set", "interface",
                 port, "type=" + port_type, "ofport_request=%d" % (i + 1)]
    sw.vsctl(*args)
    for port in hosts.ports:
        out = sw.vsctl("get", "interface", port, "ofport", "error").stdout
        assert out.splitlines()[0].strip() not in ("-1", "[]"), out
    return hosts


def wait_for(pred, timeout=20, what="condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if pred():
            return
        time.sleep(0.1)
    raise AssertionError("timed out waiting for " + what)


def iperf(hosts, seconds=2):
    server = hosts.popen(1, "iperf3", "-s", "-1", "-p", "5201",
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        time.sleep(0.3)
        out = hosts.exec(0, "iperf3", "-c", hosts.ips[1], "-p", "5201",
                         "-t", str(seconds), "-J", timeout=60).stdout
    finally:
        server.wait(timeout=30)
    import json
    result = json.loads(out)
    return result["end"]["sum_received"]["bytes"]


@pytest.mark.parametrize("port_type", ["system", "afxdp"])
def test_normal_ping_and_tcp(svs, port_type):
    if not shutil.which("iperf3"):
        pytest.fail("iperf3 is not installed")
    hosts = setup_bridge(svs, port_type, fail_mode=None)
    try:
        hosts.ping(0, 1)
        hosts.ping(1, 0)
        received = iperf(hosts)
        assert received > 1000000, received
        fdb = svs.appctl("fdb/show", "br0").stdout
        for mac in hosts.macs:
            assert mac in fdb, fdb
    finally:
        hosts.cleanup()


def udp_burst(hosts, n, port=9999, src=0, dst=1):
    """Sends 'n' UDP datagrams from host 'src' to 'dst'; returns how many
    arrived within a second of the last one."""
    recv = hosts.popen(dst, "/usr/bin/python3", "-c", """
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("0.0.0.0", %d))
print("ready", flush=True)
s.settimeout(1.5)
n = 0
try:
    while True:
        s.recv(2048)
        n += 1
except socket.timeout:
    pass
print(n, flush=True)
""" % port, stdout=subprocess.PIPE, text=True)
    assert recv.stdout.readline().strip() == "ready"
    hosts.exec(src, "/usr/bin/python3", "-c", """
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(%d):
    s.sendto(b"x" * 64, ("%s", %d))
""" % (n, hosts.ips[dst], port))
    out, _ = recv.communicate(timeout=30)
    return int(out.strip().splitlines()[-1])


def test_openflow_rules_change_forwarding(svs):
    hosts = setup_bridge(svs, "system")
    try:
        # Secure fail mode, no flows: nothing passes.
        assert hosts.ping(0, 1, count=1, check=False).returncode != 0

        svs.run(OFCTL, "add-flow", "br0", "in_port=1,actions=output:2")
        svs.run(OFCTL, "add-flow", "br0", "in_port=2,actions=output:1")
        hosts.ping(0, 1)

        # Counters reach the OpenFlow rules.
        def counted():
            out = svs.run(OFCTL, "dump-flows", "br0").stdout
            return re.search(r"n_packets=[1-9].*in_port=1 actions=output:2",
                             out) or re.search(
                r"n_packets=[1-9]\d*,.*in_port=1", out)
        wait_for(counted, what="rule counters")

        # The datapath shows megaflows with masks.
        dp = svs.dpctl("dump-flows").stdout
        assert "in_port(" in dp and "actions:" in dp, dp

        # A drop rule of higher priority stops ICMP only.
        svs.run(OFCTL, "add-flow", "br0",
                "priority=40000,icmp,actions=drop")
        assert hosts.ping(0, 1, count=1, check=False).returncode != 0
        assert udp_burst(hosts, 20) == 20

        # A VLAN rewrite and back through a resubmit pipeline.
        svs.run(OFCTL, "del-flows", "br0")
        svs.run(OFCTL, "add-flow", "br0",
                "table=0,in_port=1,actions=mod_vlan_vid:7,resubmit(,1)")
        svs.run(OFCTL, "add-flow", "br0",
                "table=1,dl_vlan=7,actions=strip_vlan,output:2")
        svs.run(OFCTL, "add-flow", "br0", "in_port=2,actions=output:1")
        hosts.ping(0, 1)
        # The VLAN pushed in table 0 is stripped in table 1: the megaflow
        # from host 0 outputs the packet to host 1's port unchanged.
        dp = svs.dpctl("dump-flows", "--names").stdout
        mine = [l for l in dp.splitlines()
                if "in_port(%s)" % hosts.ports[0] in l
                and "eth_type(0x0800)" in l]
        assert mine and all(l.endswith("actions:" + hosts.ports[1])
                            for l in mine), dp
    finally:
        hosts.cleanup()


def test_barrier_property(svs):
    """After del-flows returns (it ends with a barrier), no packet follows
    the deleted rules, even though their megaflows were cached."""
    hosts = setup_bridge(svs, "system")
    try:
        svs.run(OFCTL, "add-flow", "br0", "in_port=1,actions=output:2")
        svs.run(OFCTL, "add-flow", "br0", "in_port=2,actions=output:1")
        # Warm the cache: the burst goes through.
        assert udp_burst(hosts, 50) == 50
        for _ in range(5):
            svs.run(OFCTL, "del-flows", "br0")
            assert udp_burst(hosts, 200) == 0
            svs.run(OFCTL, "add-flow", "br0", "in_port=1,actions=output:2")
            assert udp_burst(hosts, 50) == 50
    finally:
        hosts.cleanup()
