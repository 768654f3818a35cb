#!/usr/bin/env python3
"""Generates random valid flows in ovs-ofctl syntax, deterministically.

Usage: generate.py [--seed N] [--count N] [--per-file N] OUTDIR

Writes OUTDIR/gen-000.txt, gen-001.txt, ... with --per-file flows each
(default 250), --count flows in all (default 4000).  The same seed always
gives the same files.  Every flow is meant to be expressible both in
OpenFlow 1.0 with NXM and in OpenFlow 1.3: the generator picks a protocol
(L2 only, ARP, IPv4/IPv6 with TCP/UDP/SCTP/ICMP), then a random subset of
the fields that protocol allows (exact or masked values), keywords
(priority, cookie, timeouts, table, flags) and a random action list built
from actions that both protocols can encode.
"""

import argparse
import os
import random


def mac(r):
    return ":".join("%02x" % r.randrange(256) for _ in range(6))


def mac_mask(r):
    return r.choice(["ff:ff:ff:ff:ff:ff", "ff:ff:ff:00:00:00",
                     "01:00:00:00:00:00", "fe:ff:ff:ff:ff:ff",
                     "00:00:00:00:00:00", mac(r)])


def ip4(r):
    return ".".join(str(r.randrange(256)) for _ in range(4))


def ip4_masked(r):
    c = r.randrange(4)
    if c == 0:
        return ip4(r)
    if c == 1:
        return "%s/%d" % (ip4(r), r.randrange(33))
    if c == 2:
        return "%s/%s" % (ip4(r), ip4(r))
    return "%s/255.255.255.0" % ip4(r)


def ip6(r):
    kind = r.randrange(4)
    if kind == 0:
        return "2001:db8::%x" % r.randrange(65536)
    if kind == 1:
        return "fe80::%x:%x" % (r.randrange(65536), r.randrange(65536))
    if kind == 2:
        return "::%x" % r.randrange(1, 65536)
    return ":".join("%x" % r.randrange(65536) for _ in range(8))


def ip6_masked(r):
    c = r.randrange(3)
    if c == 0:
        return ip6(r)
    if c == 1:
        return "%s/%d" % (ip6(r), r.randrange(129))
    return "%s/ffff:ffff::" % ip6(r)


def port_val(r):
    return str(r.randrange(65536))


def port_masked(r):
    if r.randrange(3):
        return port_val(r)
    return "0x%x/0x%x" % (r.randrange(65536), r.choice(
        [0xffff, 0xff00, 0xfff0, 0x8000, r.randrange(65536)]))


def hexval(r, bits):
    return "0x%x" % r.getrandbits(bits)


def hex_masked(r, bits):
    if r.randrange(2):
        return hexval(r, bits)
    return "%s/%s" % (hexval(r, bits), hexval(r, bits))


# Fields usable with every protocol choice: (name, value generator).
COMMON_FIELDS = [
    ("in_port", lambda r: r.choice([str(r.randrange(1, 65280)), "LOCAL",
                                    "CONTROLLER"])),
    ("dl_src", lambda r: mac(r) if r.randrange(2)
     else "%s/%s" % (mac(r), mac_mask(r))),
    ("dl_dst", lambda r: mac(r) if r.randrange(2)
     else "%s/%s" % (mac(r), mac_mask(r))),
    ("dl_vlan", lambda r: str(r.randrange(4096))),
    ("dl_vlan_pcp", lambda r: str(r.randrange(8))),
    ("vlan_tci", lambda r: r.choice(
        ["0", "0x%04x" % (0x1000 | r.randrange(4096)),
         "0x1000/0x1000", "0x%04x/0x0fff" % r.randrange(4096)])),
    ("tun_id", lambda r: hex_masked(r, 64)),
    ("tun_src", ip4_masked),
    ("tun_dst", ip4_masked),
    ("metadata", lambda r: hex_masked(r, 64)),
    ("pkt_mark", lambda r: hex_masked(r, 32)),
    ("ct_state", lambda r: r.choice(["+trk", "-trk", "+trk+new",
                                     "+trk+est-new", "+trk-inv+rpl"])),
    ("ct_zone", lambda r: str(r.randrange(65536))),
    ("ct_mark", lambda r: hex_masked(r, 32)),
    ("conj_id", lambda r: str(r.randrange(1 << 32))),
] + [("reg%d" % i, (lambda r: hex_masked(r, 32))) for i in range(16)] + [
    ("xreg%d" % i, (lambda r: hex_masked(r, 64))) for i in range(8)]

IP_COMMON = [
    ("nw_tos", lambda r: str(r.randrange(64) * 4)),
    ("nw_ecn", lambda r: str(r.randrange(4))),
    ("nw_ttl", lambda r: str(r.randrange(256))),
    ("ip_frag", lambda r: r.choice(["no", "yes", "first", "later",
                                    "not_later"])),
]

IPV4_FIELDS = [("nw_src", ip4_masked), ("nw_dst", ip4_masked)] + IP_COMMON
IPV6_FIELDS = [("ipv6_src", ip6_masked), ("ipv6_dst", ip6_masked),
               ("ipv6_label", lambda r: hex_masked(r, 20))] + IP_COMMON

L4_FIELDS = {
    "tcp": [("tp_src", port_masked), ("tp_dst", port_masked),
            ("tcp_flags", lambda r: r.choice(
                ["+syn", "+syn-ack", "-syn+ack", "+fin", "+rst-syn",
                 "0x%03x/0x%03x" % (r.randrange(4096), r.randrange(4096))]))],
    "udp": [("udp_src", port_masked), ("udp_dst", port_masked)],
    "sctp": [("sctp_src", port_masked), ("sctp_dst", port_masked)],
    "icmp": [("icmp_type", lambda r: str(r.randrange(256))),
             ("icmp_code", lambda r: str(r.randrange(256)))],
}

ARP_FIELDS = [
    ("arp_op", lambda r: str(r.randrange(1, 5))),
    ("arp_spa", ip4_masked), ("arp_tpa", ip4_masked),
    ("arp_sha", lambda r: mac(r) if r.randrange(2)
     else "%s/%s" % (mac(r), mac_mask(r))),
    ("arp_tha", mac),
]


def gen_match(r):
    """Returns (items, kind) for a random match."""
    items = []
    kind = r.choice(["none", "l2", "ip", "ip", "ipv6", "arp", "tcp", "udp",
                     "sctp", "icmp", "tcp6", "udp6", "icmp6", "mpls"])
    fields = []
    if kind == "l2":
        items.append("dl_type=0x%04x" % r.choice([0x1234, 0x88cc, 0x9000]))
    elif kind == "ip":
        items.append("ip")
        fields += IPV4_FIELDS
        if r.randrange(2):
            items.append("nw_proto=%d" % r.choice([47, 50, 89, 2]))
    elif kind == "ipv6":
        items.append("ipv6")
        fields += IPV6_FIELDS
    elif kind == "arp":
        items.append(r.choice(["arp", "rarp"]))
        fields += ARP_FIELDS
    elif kind in ("tcp", "udp", "sctp", "icmp"):
        items.append(kind)
        fields += IPV4_FIELDS + L4_FIELDS[kind]
    elif kind in ("tcp6", "udp6"):
        items.append(kind)
        fields += IPV6_FIELDS + L4_FIELDS[kind[:-1]]
    elif kind == "icmp6":
        items.append("icmp6")
        fields += IPV6_FIELDS + [
            ("icmpv6_type", lambda r: str(r.randrange(256))),
            ("icmpv6_code", lambda r: str(r.randrange(256)))]
    elif kind == "mpls":
        items.append(r.choice(["mpls", "mplsm"]))
        fields += [("mpls_label", lambda r: str(r.randrange(1 << 20))),
                   ("mpls_tc", lambda r: str(r.randrange(8))),
                   ("mpls_bos", lambda r: str(r.randrange(2)))]
    fields += COMMON_FIELDS
    used = set()
    for _ in range(r.randrange(0, 6)):
        name, gen = r.choice(fields)
        if name in used or (name.startswith("dl_vlan") and "vlan_tci" in used) \
                or (name == "vlan_tci" and ("dl_vlan" in used
                                            or "dl_vlan_pcp" in used)):
            continue
        used.add(name)
        items.append("%s=%s" % (name, gen(r)))
    r.shuffle(items) if r.randrange(4) == 0 else None
    return items, kind


def gen_actions(r, kind):
    ip = kind in ("ip", "tcp", "udp", "sctp", "icmp")
    l4 = kind in ("tcp", "udp", "sctp")
    choices = [
        lambda: "output:%d" % r.randrange(1, 65280),
        lambda: "%d" % r.randrange(1, 100),
        lambda: r.choice(["NORMAL", "FLOOD", "ALL", "LOCAL", "IN_PORT",
                          "CONTROLLER", "controller:%d" % r.randrange(65536)]),
        lambda: "controller(reason=%s,id=%d)" % (
            r.choice(["no_match", "action", "invalid_ttl"]),
            r.randrange(65536)),
        lambda: "resubmit(,%d)" % r.randrange(255),
        lambda: "resubmit:%d" % r.randrange(1, 1000),
        lambda: "resubmit(%d,%d)" % (r.randrange(1, 100), r.randrange(255)),
        lambda: "mod_vlan_vid:%d" % r.randrange(4096),
        lambda: "mod_vlan_pcp:%d" % r.randrange(8),
        lambda: "mod_dl_src:%s" % mac(r),
        lambda: "mod_dl_dst:%s" % mac(r),
        lambda: "set_tunnel:0x%x" % r.randrange(1 << 32),
        lambda: "set_tunnel64:0x%x" % r.getrandbits(64),
        lambda: "set_queue:%d" % r.randrange(100),
        lambda: "pop_queue",
        lambda: "note:%s" % ".".join("%02x" % r.randrange(256)
                                     for _ in range(r.randrange(1, 9))),
        lambda: "load:0x%x->NXM_NX_REG%d[]" % (r.getrandbits(32),
                                              r.randrange(16)),
        lambda: "load:0x%x->NXM_NX_REG%d[0..7]" % (r.randrange(256),
                                                  r.randrange(16)),
        lambda: "move:NXM_NX_REG%d[]->NXM_NX_REG%d[]" % (r.randrange(16),
                                                        r.randrange(16)),
        lambda: "set_field:0x%x->reg%d" % (r.getrandbits(32), r.randrange(16)),
        lambda: "set_field:%s->eth_dst" % mac(r),
        lambda: "push:NXM_NX_REG%d[]" % r.randrange(16),
        lambda: "pop:NXM_NX_REG%d[]" % r.randrange(16),
        lambda: "multipath(eth_src,%d,modulo_n,%d,0,NXM_NX_REG0[0..3])" % (
            r.randrange(65536), r.randrange(1, 16)),
        lambda: "bundle(eth_src,0,hrw,ofport,members:%d,%d)" % (
            r.randrange(1, 100), r.randrange(1, 100)),
        lambda: "learn(table=%d,NXM_OF_ETH_DST[]=NXM_OF_ETH_SRC[],"
                "output:NXM_OF_IN_PORT[])" % r.randrange(255),
        lambda: "ct_clear",
        lambda: "clone(output:%d)" % r.randrange(1, 100),
        lambda: "exit",
        lambda: "enqueue:%d:%d" % (r.randrange(1, 100), r.randrange(100)),
    ]
    if kind in ("ip", "tcp", "udp", "sctp", "icmp", "ipv6", "tcp6", "udp6",
                "icmp6"):
        # ct needs an IP match.
        choices += [
            lambda: "ct(commit,zone=%d)" % r.randrange(65536),
            lambda: "ct(table=%d)" % r.randrange(255),
        ]
    if ip:
        choices += [
            lambda: "mod_nw_src:%s" % ip4(r),
            lambda: "mod_nw_dst:%s" % ip4(r),
            lambda: "mod_nw_tos:%d" % (r.randrange(64) * 4),
            lambda: "dec_ttl",
            lambda: "mod_nw_ttl:%d" % r.randrange(256),
        ]
    if l4:
        choices += [lambda: "mod_tp_src:%d" % r.randrange(65536),
                    lambda: "mod_tp_dst:%d" % r.randrange(65536)]
    n = r.randrange(0, 5)
    if n == 0:
        return "drop"
    if r.randrange(40) == 0:
        # conjunction may only be combined with other conjunctions.
        return ",".join("conjunction(%d,%d/%d)" % (r.randrange(1 << 32), k, 2)
                        for k in (1, 2)[:r.randrange(1, 3)])
    acts = [r.choice(choices)() for _ in range(n)]
    return ",".join(acts)


def gen_flow(r):
    items, kind = gen_match(r)
    kw = []
    if r.randrange(3) == 0:
        kw.append("priority=%d" % r.randrange(65536))
    if r.randrange(5) == 0:
        kw.append("cookie=0x%x" % r.getrandbits(64))
    if r.randrange(6) == 0:
        kw.append("idle_timeout=%d" % r.randrange(65536))
    if r.randrange(6) == 0:
        kw.append("hard_timeout=%d" % r.randrange(65536))
    if r.randrange(8) == 0:
        kw.append("send_flow_rem")
    if r.randrange(8) == 0:
        kw.append("check_overlap")
    if r.randrange(5) == 0:
        kw.append("table=%d" % r.randrange(255))
    parts = kw + items
    r.shuffle(parts)
    sep = r.choice([",", ",", " "])
    match = sep.join(parts)
    actions = gen_actions(r, kind)
    return ("%s%sactions=%s" % (match, sep if match else "", actions))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--count", type=int, default=4000)
    ap.add_argument("--per-file", type=int, default=250)
    ap.add_argument("outdir")
    args = ap.parse_args()
    r = random.Random(args.seed)
    os.makedirs(args.outdir, exist_ok=True)
    flows = [gen_flow(r) for _ in range(args.count)]
    for i in range(0, len(flows), args.per_file):
        name = os.path.join(args.outdir, "gen-%03d.txt" % (i // args.per_file))
        with open(name, "w") as f:
            f.write("\n".join(flows[i:i + args.per_file]) + "\n")


if __name__ == "__main__":
    main()
