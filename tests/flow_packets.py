"""Packets for the flow extraction tests, built with scapy.

Each entry is a named, fully built packet; tests/test_flow.py compares
svs's flow extraction of each (and of every truncation and of random
mutations) with Debian's `ovs-ofctl parse-packet`.
"""
from scapy.all import (Ether, Dot1Q, Dot1AD, IP, IPv6, TCP, UDP, ICMP, ARP,
                       Raw, IPv6ExtHdrHopByHop, IPv6ExtHdrRouting,
                       IPv6ExtHdrDestOpt, IPv6ExtHdrFragment,
                       ICMPv6EchoRequest, ICMPv6ND_NS, ICMPv6ND_NA,
                       ICMPv6NDOptSrcLLAddr, ICMPv6NDOptDstLLAddr,
                       ICMPv6ND_RS, LLC, SNAP)
from scapy.layers.sctp import SCTP
from scapy.contrib.mpls import MPLS
from scapy.contrib.igmp import IGMP
from scapy.layers.inet import IPOption_RR
from scapy.contrib.nsh import NSH

E = dict(src="00:11:22:33:44:55", dst="66:77:88:99:aa:bb")


def packets():
    p = {}
    p["tcp"] = Ether(**E)/IP(src="10.1.2.3", dst="192.168.0.1", tos=0x2b,
                             ttl=17)/TCP(sport=1234, dport=80, flags="SA")
    p["tcp_opts"] = Ether(**E)/IP(src="10.1.2.3", dst="1.2.3.4")/TCP(
        sport=1, dport=2, flags="FPU", options=[("MSS", 1460), ("NOP", None),
                                                ("WScale", 7)])/Raw(b"x" * 10)
    p["udp"] = Ether(**E)/IP(src="1.1.1.1", dst="2.2.2.2")/UDP(
        sport=53, dport=5353)/Raw(b"hello")
    p["sctp"] = Ether(**E)/IP(src="1.1.1.1", dst="2.2.2.2")/SCTP(
        sport=100, dport=200)
    p["icmp"] = Ether(**E)/IP(src="1.1.1.1", dst="2.2.2.2")/ICMP(
        type=3, code=1)
    p["igmp"] = Ether(**E)/IP(src="1.1.1.1", dst="224.0.0.1")/IGMP(
        type=0x16, gaddr="224.1.2.3")
    p["ip_options"] = Ether(**E)/IP(src="1.1.1.1", dst="2.2.2.2",
                                    options=[IPOption_RR()])/UDP(sport=1,
                                                                dport=2)
    p["ip_frag_first"] = Ether(**E)/IP(src="1.1.1.1", dst="2.2.2.2",
                                       flags="MF", frag=0)/UDP(sport=1,
                                                              dport=2)
    p["ip_frag_later"] = Ether(**E)/IP(src="1.1.1.1", dst="2.2.2.2",
                                       proto=17, frag=10)/Raw(b"x" * 16)
    p["ip_other_proto"] = Ether(**E)/IP(src="1.1.1.1", dst="2.2.2.2",
                                        proto=99)/Raw(b"x" * 8)
    p["arp"] = Ether(**E)/ARP(op=1, hwsrc="00:11:22:33:44:55",
                              psrc="10.0.0.1", hwdst="00:00:00:00:00:00",
                              pdst="10.0.0.2")
    p["rarp"] = Ether(**E, type=0x8035)/ARP(op=3, hwsrc="00:11:22:33:44:55",
                                            psrc="10.0.0.1",
                                            hwdst="00:11:22:33:44:66",
                                            pdst="10.0.0.2")
    p["vlan"] = Ether(**E)/Dot1Q(vlan=100, prio=5)/IP(src="1.1.1.1",
                                                     dst="2.2.2.2")/TCP(
        sport=1, dport=2)
    p["vlan_cfi"] = Ether(**E)/Dot1Q(vlan=4095, prio=7, id=1)/IP()/UDP()
    p["qinq"] = Ether(**E)/Dot1AD(vlan=10, prio=1)/Dot1Q(vlan=20)/IP(
        src="1.1.1.1", dst="2.2.2.2")/UDP(sport=3, dport=4)
    p["qinq_8100"] = Ether(**E)/Dot1Q(vlan=10)/Dot1Q(vlan=20)/ARP()
    p["three_vlans"] = Ether(**E)/Dot1Q(vlan=1)/Dot1Q(vlan=2)/Dot1Q(
        vlan=3)/IP()/UDP()
    p["ipv6_tcp"] = Ether(**E)/IPv6(src="2001:db8::1", dst="fe80::2",
                                    tc=0x5c, fl=0x12345, hlim=9)/TCP(
        sport=22, dport=2222, flags="R")
    p["ipv6_udp"] = Ether(**E)/IPv6(src="::1", dst="::2")/UDP(sport=5,
                                                            dport=6)
    p["ipv6_sctp"] = Ether(**E)/IPv6(src="::1", dst="::2")/SCTP(sport=5,
                                                              dport=6)
    p["ipv6_ext"] = Ether(**E)/IPv6(src="::1", dst="::2")/IPv6ExtHdrHopByHop(
    )/IPv6ExtHdrRouting()/IPv6ExtHdrDestOpt()/UDP(sport=7, dport=8)
    p["ipv6_frag_first"] = Ether(**E)/IPv6(src="::1", dst="::2")/ \
        IPv6ExtHdrFragment(m=1, offset=0)/UDP(sport=7, dport=8)
    p["ipv6_frag_later"] = Ether(**E)/IPv6(src="::1", dst="::2")/ \
        IPv6ExtHdrFragment(m=0, offset=5, nh=17)/Raw(b"y" * 16)
    p["ipv6_none"] = Ether(**E)/IPv6(src="::1", dst="::2", nh=59)
    p["icmp6_echo"] = Ether(**E)/IPv6(src="::1", dst="::2")/ \
        ICMPv6EchoRequest()
    p["nd_ns"] = Ether(**E)/IPv6(src="fe80::1", dst="ff02::1:ff00:2")/ \
        ICMPv6ND_NS(tgt="fe80::2")/ICMPv6NDOptSrcLLAddr(
            lladdr="00:11:22:33:44:55")
    p["nd_na"] = Ether(**E)/IPv6(src="fe80::2", dst="fe80::1")/ICMPv6ND_NA(
        tgt="fe80::2", R=1, S=1, O=1)/ICMPv6NDOptDstLLAddr(
            lladdr="66:77:88:99:aa:bb")
    p["nd_ns_nopt"] = Ether(**E)/IPv6(src="fe80::1", dst="fe80::2")/ \
        ICMPv6ND_NS(tgt="fe80::3")
    p["nd_ns_dup_sll"] = Ether(**E)/IPv6(src="fe80::1", dst="fe80::2")/ \
        ICMPv6ND_NS(tgt="fe80::3")/ICMPv6NDOptSrcLLAddr(
            lladdr="00:00:00:00:00:01")/ICMPv6NDOptSrcLLAddr(
            lladdr="00:00:00:00:00:02")
    p["nd_na_tll_in_ns"] = Ether(**E)/IPv6(src="fe80::1", dst="fe80::2")/ \
        ICMPv6ND_NS(tgt="fe80::3")/ICMPv6NDOptDstLLAddr(
            lladdr="00:00:00:00:00:09")
    p["nd_rs"] = Ether(**E)/IPv6(src="fe80::1", dst="ff02::2")/ICMPv6ND_RS()
    p["mpls"] = Ether(**E, type=0x8847)/MPLS(label=100, cos=3, s=0, ttl=64)/ \
        MPLS(label=200, cos=1, s=1, ttl=32)/IP()
    p["mpls_many"] = Ether(**E, type=0x8847)/MPLS(label=1, s=0)/MPLS(
        label=2, s=0)/MPLS(label=3, s=0)/MPLS(label=4, s=1)
    p["mplsm"] = Ether(**E, type=0x8848)/MPLS(label=5, s=1, ttl=3)
    p["llc_snap"] = Ether(**E)/LLC(dsap=0xaa, ssap=0xaa, ctrl=3)/SNAP(
        OUI=0, code=0x0800)/IP(src="1.1.1.1", dst="2.2.2.2")/UDP()
    p["llc_only"] = Ether(**E)/LLC(dsap=0x42, ssap=0x42, ctrl=3)/Raw(
        b"z" * 20)
    p["unknown_type"] = Ether(**E, type=0x1234)/Raw(b"q" * 10)
    p["ip_bad_version"] = Ether(**E, type=0x0800)/Raw(
        bytes.fromhex("55000014000000004006") + b"\0" * 10)
    p["ip_bad_ihl"] = Ether(**E, type=0x0800)/Raw(
        bytes.fromhex("44000014000000004006") + b"\0" * 10)
    p["ip_big_totlen"] = Ether(**E, type=0x0800)/Raw(
        bytes.fromhex("450000ff000000004006") + b"\0" * 10)
    p["ipv6_big_plen"] = Ether(**E, type=0x86dd)/Raw(
        bytes.fromhex("6000000000ff1140") + b"\0" * 32)
    p["tcp_bad_offset"] = Ether(**E)/IP(src="1.1.1.1", dst="2.2.2.2",
                                        proto=6)/Raw(
        bytes.fromhex("0001000200000000000000001002000000000000"))
    p["tcp_big_offset"] = Ether(**E)/IP(src="1.1.1.1", dst="2.2.2.2",
                                        proto=6)/Raw(
        bytes.fromhex("000100020000000000000000f002000000000000"))
    p["arp_bad_hln"] = Ether(**E)/Raw(bytes.fromhex(
        "000108000704000100112233445566010101010000000000000202020202"))
    p["nsh"] = Ether(**E, type=0x894f)/NSH(mdtype=1, nextproto=1, spi=0x123,
                                           si=7, ttl=12)/IP()
    return {k: bytes(v) for k, v in p.items()}
