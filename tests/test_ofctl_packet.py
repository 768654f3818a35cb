"""Differential tests of svs-ofctl compose-packet and parse-packet against
Debian's ovs-ofctl.

compose-packet FLOW [L7] builds the packet of an exact flow and prints it
as a hex dump (--pcap: a pcap file); parse-packet reads the raw bytes of a
packet on stdin and prints its flow.  For every flow below, hand-written
(every protocol, every error) and generated at random (seeded), both
programs must print the same bytes, the same errors and exit with the same
status; the packets ovs-ofctl builds must parse into the same text.

One deliberate difference, not tested: for an IPv6 fragment (ipv6 with
ip_frag=first or later) ovs-ofctl builds a packet without a fragment header,
which then does not parse back into the flow (it says so and exits 1);
svs-ofctl adds the fragment header.
"""

import os
import random
import shutil
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from conftest import BUILDDIR  # noqa: E402

OVS_OFCTL = shutil.which("ovs-ofctl")

pytestmark = pytest.mark.skipif(OVS_OFCTL is None,
                                reason="ovs-ofctl (the reference) missing")

# (flow, L7 argument or None).
HAND_FLOWS = [
    "tcp,tcp_dst=80", "tcp,tp_dst=80", "tcp,tcp_flags=syn",
    "tcp,tcp_flags=fin", "tcp,tcp_flags=ack", "tcp,tcp_flags=rst",
    "tcp,tcp_flags=syn|ack", "tcp,tcp_flags=0x800", "tcp,tcp_dst=0,tcp_dst=5",
    "tcp,,tcp_dst=4", "ip nw_ttl=3",
    "udp,udp_dst=5", "udp6,udp_src=3",
    "ipv6,ipv6_src=::1,nw_proto=17,udp_dst=7",
    "icmp,icmp_type=8,icmp_code=0", "icmp,icmp_type=0", "icmp,icmp_type=3",
    "icmp,icmp_type=13",
    "icmp6,icmpv6_type=128", "icmp6,icmpv6_type=129", "icmp6,icmpv6_type=1",
    "icmp6,icmpv6_type=133",
    "icmp6,icmpv6_type=136,nd_target=::2,nd_tll=01:02:03:04:05:06",
    "icmp6,icmpv6_type=135,nd_target=::1,nd_sll=00:11:22:33:44:55",
    "ipv6,ipv6_dst=fe80::1,nw_proto=58", "ipv6,ipv6_label=5",
    "ipv6,nw_proto=6", "ipv6,nw_proto=0",
    "sctp,sctp_src=5",
    "ip,nw_proto=2", "ip,nw_proto=47", "ip,ip_dscp=8",
    "ip,nw_ttl=64,nw_tos=4,nw_ecn=1",
    "ip,ip_frag=first", "ip,ip_frag=later", "ip,nw_proto=6,ip_frag=first",
    "ip,nw_proto=17,ip_frag=later",
    "arp,arp_op=1,arp_spa=1.2.3.4",
    "arp,arp_sha=00:11:22:33:44:55,arp_tha=aa:bb:cc:dd:ee:ff,"
    "arp_tpa=1.1.1.1,arp_op=2",
    "rarp,arp_op=3",
    "mpls,mpls_label=5", "mpls,mpls_label=5,mpls_tc=3,mpls_ttl=64,mpls_bos=1",
    "dl_type=0x1234", "dl_vlan=5,ip", "vlan_tci=0x1005,ip",
    "dl_vlan=7,dl_vlan_pcp=3,tcp",
    "in_port=0,ip",
    # The packet does not carry these: both say the flows differ, exit 1.
    "in_port=3,udp", "in_port=LOCAL,ip", "reg0=5,ip", "ip,tun_id=5",
    # Errors.
    "tcp,tcp_dst=80/0xff", "foo=1", "tcp_dst=80", "ip,nw_src=10.0.0.0/8",
    "dl_vlan=5,dl_vlan_pcp=3,vlan_tci=0x1005", "udp,udp_dst=5,udp_dst=6",
    "tcp,tcp_dst", "eth", "tcp,dl_type=0x86dd", "tcp_dst=x",
    "tcp,tcp_dst=5,tcp_dst=x", "dl_vlan=5,dl_vlan=6", "igmp",
    "ip,nw_proto=2,igmp_type=0x11",
]
HAND_CASES = [(f, None) for f in HAND_FLOWS] + [
    ("tcp,tcp_dst=80", "aabb"), ("ip", "aabb"), ("mpls", "aabb"),
    ("sctp", "aabb"), ("icmp,icmp_type=3", "aabb"),
    ("tcp,tcp_flags=syn", "aabb"), ("dl_type=0x1234", "aabb"),
    ("arp", "aabb"), ("udp", "00112233445566778899aabbccddeeff0011"),
    ("udp", ""), ("udp", "zz"), ("udp", "abc"),
]


def random_flow(rng):
    """An exact flow of a random kind with random values."""
    def mac():
        return ":".join("%02x" % rng.randrange(256) for _ in range(6))

    def ip4():
        return ".".join(str(rng.randrange(256)) for _ in range(4))

    def ip6():
        return ":".join("%x" % rng.randrange(65536) for _ in range(8))

    items = []
    kind = rng.choice(["tcp", "udp", "sctp", "icmp", "ip", "tcp6", "udp6",
                       "icmp6", "ipv6", "arp", "mpls", "other"])
    if rng.random() < 0.3:
        items.append("dl_vlan=%d" % rng.randrange(4096))
        if rng.random() < 0.5:
            items.append("dl_vlan_pcp=%d" % rng.randrange(8))
    if kind == "other":
        items.append("dl_type=0x%04x" % rng.choice([0x1234, 0x88cc, 0x0806 + 1]))
    else:
        items.append(kind)
    items += ["dl_src=" + mac(), "dl_dst=" + mac()]
    if kind in ("tcp", "udp", "sctp", "icmp", "ip"):
        items += ["nw_src=" + ip4(), "nw_dst=" + ip4(),
                  "nw_ttl=%d" % rng.randrange(256),
                  "nw_tos=%d" % (rng.randrange(64) * 4),
                  "nw_ecn=%d" % rng.randrange(4)]
        if kind == "ip":
            items.append("nw_proto=%d" % rng.choice([0, 2, 6, 17, 47, 132]))
        if rng.random() < 0.2:
            items.append("ip_frag=" + rng.choice(["first", "later", "no"]))
    if kind in ("tcp6", "udp6", "icmp6", "ipv6"):
        items += ["ipv6_src=" + ip6(), "ipv6_dst=" + ip6(),
                  "nw_ttl=%d" % rng.randrange(256),
                  "nw_tos=%d" % (rng.randrange(64) * 4)]
    if kind in ("tcp", "tcp6"):
        items += ["tcp_src=%d" % rng.randrange(65536),
                  "tcp_dst=%d" % rng.randrange(65536)]
        if rng.random() < 0.5:
            items.append("tcp_flags=" + rng.choice(
                ["syn", "ack", "fin", "rst", "psh|ack", "urg", "0x100"]))
    if kind in ("udp", "udp6"):
        items += ["udp_src=%d" % rng.randrange(65536),
                  "udp_dst=%d" % rng.randrange(65536)]
    if kind == "sctp":
        items += ["sctp_src=%d" % rng.randrange(65536),
                  "sctp_dst=%d" % rng.randrange(65536)]
    if kind == "icmp":
        items += ["icmp_type=%d" % rng.choice([0, 3, 8, 11, 13]),
                  "icmp_code=%d" % rng.randrange(16)]
    if kind == "icmp6":
        t = rng.choice([1, 128, 129, 133, 135, 136])
        items.append("icmpv6_type=%d" % t)
        if t in (135, 136):
            items += ["icmpv6_code=0", "nd_target=" + ip6()]
            items.append(("nd_sll=" if t == 135 else "nd_tll=") + mac())
        else:
            items.append("icmpv6_code=%d" % rng.randrange(4))
    if kind == "arp":
        items += ["arp_op=%d" % rng.randrange(1, 5), "arp_spa=" + ip4(),
                  "arp_tpa=" + ip4(), "arp_sha=" + mac(), "arp_tha=" + mac()]
    if kind == "mpls":
        items += ["mpls_label=%d" % rng.randrange(1 << 20),
                  "mpls_tc=%d" % rng.randrange(8),
                  "mpls_ttl=%d" % rng.randrange(256)]
        if rng.random() < 0.5:
            items.append("mpls_bos=1")
    return ",".join(items)


def random_cases(n=150, seed=20261127):
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        flow = random_flow(rng)
        if ("ipv6" in flow or "6," in flow) and "ip_frag" in flow:
            continue
        l7 = None
        if rng.random() < 0.2:
            l7 = "".join("%02x" % rng.randrange(256)
                          for _ in range(rng.randrange(0, 40)))
        out.append((flow, l7))
    return out


def svs_ofctl():
    path = os.path.join(BUILDDIR, "utilities", "svs-ofctl")
    if not os.path.exists(path):
        pytest.fail("utilities/svs-ofctl not built (SVS_BUILDDIR=%s)"
                    % BUILDDIR)
    return path


def run(prog, args, stdin=None):
    p = subprocess.run([prog] + args, input=stdin, capture_output=True,
                       timeout=60)
    return (p.returncode, p.stdout,
            p.stderr.replace(os.path.basename(prog).encode(), b"PROG"))


def compose_args(flow, l7):
    return ["compose-packet", flow] + ([] if l7 is None else [l7])


def check_compose(flow, l7):
    ref = run(OVS_OFCTL, compose_args(flow, l7))
    got = run(svs_ofctl(), compose_args(flow, l7))
    assert got == ref, "compose-packet %r %r:\novs: %r\nsvs: %r" % (
        flow, l7, ref, got)
    return ref


def hex_dump_bytes(text):
    """The bytes of an ovs-ofctl hex dump."""
    out = bytearray()
    for line in text.decode().splitlines():
        out += bytes.fromhex(line[10:].replace("-", " "))
    return bytes(out)


@pytest.mark.parametrize("flow,l7", HAND_CASES,
                         ids=["%s|%s" % c for c in HAND_CASES])
def test_compose_packet(flow, l7):
    check_compose(flow, l7)


def test_compose_packet_random():
    """150 random exact flows: same bytes, errors and status; then
    parse-packet on each packet prints the same flow."""
    problems = []
    for flow, l7 in random_cases():
        ref = run(OVS_OFCTL, compose_args(flow, l7))
        got = run(svs_ofctl(), compose_args(flow, l7))
        if got != ref:
            problems.append("compose-packet %r %r:\n  ovs: %r\n  svs: %r"
                            % (flow, l7, ref, got))
            continue
        if ref[0] == 0:
            packet = hex_dump_bytes(ref[1])
            pref = run(OVS_OFCTL, ["parse-packet"], stdin=packet)
            pgot = run(svs_ofctl(), ["parse-packet"], stdin=packet)
            if pgot != pref:
                problems.append("parse-packet of %r:\n  ovs: %r\n  svs: %r"
                                % (flow, pref, pgot))
    assert not problems, "%d differences:\n%s" % (len(problems),
                                                   "\n".join(problems[:10]))


def test_compose_packet_pcap():
    """--pcap: a pcap file with the same bytes (the timestamp aside)."""
    for flow in ["tcp,tcp_dst=80", "arp", "icmp6,icmpv6_type=128"]:
        ref = run(OVS_OFCTL, ["compose-packet", "--pcap", flow])
        got = run(svs_ofctl(), ["compose-packet", "--pcap", flow])
        assert ref[0] == got[0] == 0
        assert len(got[1]) == len(ref[1]) > 40
        # File header (24 bytes), then the record: timestamp (8 bytes),
        # lengths and the packet.
        assert got[1][:24] == ref[1][:24]
        assert got[1][32:] == ref[1][32:]


@pytest.mark.parametrize("data", [
    b"", b"\x00" * 5, b"\xff" * 14,
    bytes.fromhex("ffffffffffff00112233445508060001080006040001"
                  "001122334455c0a800010000000000000a000002"),
    bytes.fromhex("0000000000000000000000000800450000280000000040"
                  "06f9c70a0000010a00000200500051000000000000000050"
                  "02000076b00000"),
    # Truncated IPv4 and IPv6 headers.
    bytes.fromhex("00000000000000000000000008004500001400"),
    bytes.fromhex("000000000000000000000000" "86dd6000000000083a"),
], ids=["empty", "5-bytes", "broadcast", "arp", "tcp-syn", "short-ip",
        "short-ipv6"])
def test_parse_packet(data):
    ref = run(OVS_OFCTL, ["parse-packet"], stdin=data)
    got = run(svs_ofctl(), ["parse-packet"], stdin=data)
    assert got == ref
