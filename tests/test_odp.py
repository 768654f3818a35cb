"""Datapath flow keys and actions (lib/odp-util) and their execution on
packets (lib/odp-execute).

tests/test-odp drives the library.  The text forms are checked against
Debian's ovs-vswitchd (--enable-dummy, a userspace-datapath bridge in a
sandbox, tests/switch_sandbox.py):

  * every key in tests/odp/keys.txt is added with `dpctl/add-flow KEY 2`
    and dumped with `dpctl/dump-flows` and `dpctl/dump-flows -m`; test-odp
    must print the same two lines (`parse-keys --netdev`, with the
    datapath's port names);
  * every action list in tests/odp/actions.txt goes through
    `dpctl/parse-actions`; test-odp must print the same text, or fail
    where OVS fails;
  * keys in tests/odp/key-errors.txt must fail in both;
  * tests/odp/known-mismatches.txt records deliberate differences; each
    must still be one.

Execution is checked with packets built and parsed by scapy: rewritten
bytes, valid checksums after every rewrite, VLAN and MPLS push/pop,
ownership (callbacks, clones), and truncated packets.
"""

import os
import random
import re

import pytest

from conftest import SRCDIR, program, run

DATA = os.path.join(SRCDIR, "tests", "odp")


def read_lines(name):
    with open(os.path.join(DATA, name)) as f:
        return [line.rstrip("\n") for line in f
                if line.strip() and not line.startswith("#")]


def tod(args, stdin=None):
    """Runs test-odp with 'args' and 'stdin'; returns its output."""
    proc = run([program("tests/test-odp")] + args, input=stdin,
               check=False)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_unit():
    assert tod(["unit"]).strip() == "ok"


# ---------------------------------------------------------------------------
# The reference switch.

@pytest.fixture(scope="module")
def ovs(tmp_path_factory):
    import switch_sandbox
    sw = switch_sandbox.Switch("ovs", tmp_path_factory.mktemp("ovs"))
    sw.start()
    try:
        sw.add_bridge(n_ports=3)
        # Keep the revalidator away from the flows that the tests add by
        # hand, so that they stay until dumped.
        sw.vsctl("set", "Open_vSwitch", ".",
                 "other_config:max-revalidator=100000000",
                 "other_config:max-idle=100000000")
        # Let the revalidation that the change itself triggers finish.
        sw.appctl("revalidator/wait")
        yield sw
    finally:
        sw.stop()


def port_names(sw):
    names = {}
    for line in sw.dpctl("show").stdout.splitlines():
        m = re.match(r"\s+port (\d+): (\S+)", line)
        if m:
            names[int(m.group(1))] = m.group(2)
    return names


def names_arg(names):
    return "--names=" + ",".join("%d:%s" % kv for kv in sorted(names.items()))


def strip_dump(lines):
    out = []
    for line in lines:
        if line.startswith("flow-dump"):
            continue
        line = re.sub(r"^ufid:\S+ ", "", line)
        out.append(re.sub(r", packets:.*", "", line))
    return out


def ovs_key(sw, key):
    """Returns OVS's two dump lines for 'key', or "error"."""
    for _ in range(5):
        p = sw.dpctl("add-flow", key, "2", check=False)
        if p.returncode:
            return ["error"]
        try:
            terse = strip_dump(sw.dpctl("dump-flows").stdout.splitlines())
            verbose = strip_dump(sw.dpctl("dump-flows", "-m")
                                 .stdout.splitlines())
        finally:
            sw.dpctl("del-flows")
        if len(terse) == 1 and len(verbose) == 1:
            return terse + verbose
        # A revalidator round removed the flow between the dumps: again.
    raise AssertionError("flow %s did not stay in the datapath" % key)


def ovs_keys(sw, keys):
    """Returns ovs_key(sw, key) for each of 'keys', with a few dumps for
    all of them instead of four ovs-appctl calls per key: the flows go in
    together, each with its own action set(skb_priority(N)) by which its
    dump lines are found (dump_flows() shows the actions after the part
    that strip_dump() keeps).  The userspace datapath refuses a flow that
    overlaps one in it, so a key that cannot go in beside others waits for
    a later round; a key refused alone in the datapath is an error, as in
    ovs_key()."""
    results = [None] * len(keys)
    tries = [0] * len(keys)
    pending = list(range(len(keys)))
    while pending:
        added, later = {}, []
        for i in pending:
            tag = "set(skb_priority(0x%x))" % (i + 1)
            p = sw.dpctl("add-flow", keys[i], tag + ",2", check=False)
            if not p.returncode:
                added[tag] = i
            elif not added:
                results[i] = ["error"]
            else:
                later.append(i)
        lines = {}
        try:
            for args in (("dump-flows",), ("dump-flows", "-m")):
                for line in sw.dpctl(*args).stdout.splitlines():
                    m = re.search(r"actions:(set\(skb_priority\(0x[0-9a-f]+"
                                  r"\)\)),", line)
                    if m:
                        lines.setdefault(m.group(1), []).append(line)
        finally:
            sw.dpctl("del-flows")
        for tag, i in added.items():
            if len(lines.get(tag, [])) == 2:
                results[i] = strip_dump(lines[tag])
                continue
            # A revalidator round removed the flow between the dumps:
            # again.
            tries[i] += 1
            if tries[i] == 5:
                raise AssertionError("flow %s did not stay in the datapath"
                                     % keys[i])
            later.append(i)
        pending = sorted(later)
    return results


def svs_keys(keys, names):
    out = tod(["parse-keys", names_arg(names), "--netdev"],
              "".join(k + "\n" for k in keys)).splitlines()
    result = []
    while out:
        line = out.pop(0)
        if line.startswith("error:"):
            result.append(["error"])
        else:
            result.append([line, out.pop(0)])
    assert len(result) == len(keys)
    return result


def ovs_actions(sw, acts):
    p = sw.dpctl("parse-actions", acts, check=False)
    return "error" if p.returncode else p.stdout.strip()


def svs_actions(lines):
    out = tod(["parse-actions"], "".join(a + "\n" for a in lines))
    return ["error" if line.startswith("error") else line
            for line in out.splitlines()]


@pytest.mark.reference
def test_keys_match_ovs(ovs):
    keys = read_lines("keys.txt")
    names = port_names(ovs)
    ours = svs_keys(keys, names)
    diffs = []
    for key, mine, theirs in zip(keys, ours, ovs_keys(ovs, keys)):
        assert theirs != ["error"], "OVS rejects corpus key %s" % key
        if mine != theirs:
            diffs.append("key: %s\n ovs: %s\n svs: %s"
                         % (key, "\n      ".join(theirs),
                            "\n      ".join(mine)))
    assert not diffs, "\n".join(diffs)


@pytest.mark.reference
def test_key_errors_match_ovs(ovs):
    keys = read_lines("key-errors.txt")
    ours = svs_keys(keys, port_names(ovs))
    for key, mine in zip(keys, ours):
        assert ovs_key(ovs, key) == ["error"], key
        assert mine == ["error"], key


@pytest.mark.reference
def test_actions_match_ovs(ovs):
    lines = read_lines("actions.txt")
    ours = svs_actions(lines)
    diffs = []
    for acts, mine in zip(lines, ours):
        theirs = ovs_actions(ovs, acts)
        if mine != theirs:
            diffs.append("actions: %s\n ovs: %s\n svs: %s"
                         % (acts, theirs, mine))
    assert not diffs, "\n".join(diffs)


@pytest.mark.reference
def test_known_mismatches(ovs):
    names = port_names(ovs)
    for line in read_lines("known-mismatches.txt"):
        kind, text, reason = line.split("\t")
        if kind == "key":
            theirs = ovs_key(ovs, text)
            mine = svs_keys([text], names)[0]
        else:
            theirs = ovs_actions(ovs, text)
            mine = svs_actions([text])[0]
        assert theirs != mine, "no longer a mismatch: %s (%s)" % (text,
                                                                  reason)


@pytest.mark.reference
def test_action_names_match_ovs(ovs):
    """Port names print and parse where a name map is given."""
    names = port_names(ovs)
    p = ovs.dpctl("add-flow", "in_port(1),eth(),eth_type(0x0800),"
                  "ipv4(frag=no)", "1,2,clone(3),set(skb_mark(0x1))")
    assert p.returncode == 0
    try:
        verbose = ovs.dpctl("dump-flows", "-m").stdout
    finally:
        ovs.dpctl("del-flows")
    theirs = verbose.split("actions:")[1].split(", dp-extra-info")[0].strip()
    mine = tod(["parse-actions", names_arg(names)],
               "1,2,clone(3),set(skb_mark(0x1))\n").strip()
    assert mine == theirs
    # Names parse back.
    assert tod(["parse-actions", names_arg(names)],
               mine + "\n").strip() == mine


# ---------------------------------------------------------------------------
# Properties without the oracle.

def test_keys_round_trip():
    """Every printed key parses back to itself, terse and verbose."""
    keys = read_lines("keys.txt")
    names = {1: "p1", 2: "p2", 3: "p3"}
    first = svs_keys(keys, names)
    terse = [pair[0] for pair in first]
    verbose = [pair[1] for pair in first]
    assert [p[0] for p in svs_keys(terse, names)] == terse
    assert [p[1] for p in svs_keys(verbose, names)] == verbose


def test_actions_round_trip():
    """Printed actions parse back to themselves, except an empty nested
    list, which prints as "drop" and, as in Open vSwitch, does not parse
    back ("drop" is only the whole list)."""
    lines = [a for a in svs_actions(read_lines("actions.txt"))
             if a != "error" and "(drop)" not in a]
    assert svs_actions(lines) == lines


def test_validate_rejects_malformed():
    cases = {
        # output(1)
        "0800010001000000": "ok: 1",
        # output with a 2-byte payload
        "0600010001000000": "invalid",
        # length beyond the buffer
        "0c00010001000000": "invalid",
        # unknown action type 200
        "0400c800": "invalid",
        # set(skb_mark) with a short key
        "0c00030006000f0001000000": "invalid",
        # clone(1)
        "0c0014000800010001000000": "ok: clone(1)",
        # clone whose nested output is truncated
        "0a00140006000100010000000000": "invalid",
        # pop_vlan with a payload
        "0800050000000000": "invalid",
        # empty list
        "": None,
    }
    lines = [k for k in cases if k]
    out = tod(["validate-hex"], "".join(k + "\n" for k in lines))
    assert out.splitlines() == [cases[k] for k in lines]


def test_ufid_round_trip():
    out = tod(["ufid", "in_port(1),eth(),eth_type(0x0800),ipv4(frag=no)"])
    assert re.match(r"ok ufid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-"
                    r"[0-9a-f]{4}-[0-9a-f]{12}$", out.strip())
    other = tod(["ufid", "in_port(2),eth(),eth_type(0x0800),ipv4(frag=no)"])
    assert out != other


E = "in_port(1),eth(src=00:00:00:00:00:01,dst=00:00:00:00:00:02)"
IP4 = (E + ",eth_type(0x0800),ipv4(src=10.0.0.1,dst=10.0.0.2,proto=6,"
       "tos=0,ttl=64,frag=no),tcp(src=1000,dst=80)")


@pytest.mark.parametrize("base,flow,expected", [
    # Nothing changed.
    (IP4, IP4, "drop"),
    # One Ethernet address: a masked set.
    (IP4, IP4.replace("dst=00:00:00:00:00:02", "dst=00:00:00:00:00:03"),
     "set(eth(dst=00:00:00:00:00:03))"),
    # Both Ethernet addresses: a whole set.
    (IP4, IP4.replace("src=00:00:00:00:00:01", "src=00:00:00:00:00:09")
     .replace("dst=00:00:00:00:00:02", "dst=00:00:00:00:00:03"),
     "set(eth(src=00:00:00:00:00:09,dst=00:00:00:00:00:03))"),
    # IPv4 TTL and TCP destination port.
    (IP4, IP4.replace("ttl=64", "ttl=63").replace("dst=80", "dst=8080"),
     "set(ipv4(ttl=63)),set(tcp(dst=8080))"),
    # IPv4 source address.
    (IP4, IP4.replace("src=10.0.0.1", "src=192.168.1.1"),
     "set(ipv4(src=192.168.1.1))"),
    # IPv6 hop limit.
    (E + ",eth_type(0x86dd),ipv6(src=::1,dst=::2,label=0,proto=17,"
     "tclass=0,hlimit=64,frag=no),udp(src=1,dst=2)",
     E + ",eth_type(0x86dd),ipv6(src=::1,dst=::2,label=0,proto=17,"
     "tclass=0,hlimit=1,frag=no),udp(src=1,dst=3)",
     "set(ipv6(hlimit=1)),set(udp(dst=3))"),
    # ARP operation.
    (E + ",eth_type(0x0806),arp(sip=1.1.1.1,tip=2.2.2.2,op=1,"
     "sha=00:00:00:00:00:01,tha=00:00:00:00:00:00)",
     E + ",eth_type(0x0806),arp(sip=1.1.1.1,tip=2.2.2.2,op=2,"
     "sha=00:00:00:00:00:01,tha=00:00:00:00:00:00)",
     "set(arp(op=2))"),
    # Metadata.
    (IP4, "skb_priority(3),skb_mark(5)," + IP4,
     "set(skb_priority(0x3)),set(skb_mark(0x5))"),
])
def test_commit(base, flow, expected):
    out = tod(["commit", base, flow]).splitlines()
    assert out[0] == expected
    assert "error" not in "".join(out)


# ---------------------------------------------------------------------------
# Execution.

scapy_all = pytest.importorskip("scapy.all")
Ether, Dot1Q, IP, IPv6, TCP, UDP, ICMP, ARP = (
    scapy_all.Ether, scapy_all.Dot1Q, scapy_all.IP, scapy_all.IPv6,
    scapy_all.TCP, scapy_all.UDP, scapy_all.ICMP, scapy_all.ARP)
ICMPv6ND_NS = scapy_all.ICMPv6ND_NS
ICMPv6NDOptSrcLLAddr = scapy_all.ICMPv6NDOptSrcLLAddr
SCTP = scapy_all.SCTP
MPLS = scapy_all.MPLS if hasattr(scapy_all, "MPLS") else None


def execute(pkt, actions, steal=True):
    """Runs 'actions' on scapy packet (or bytes) 'pkt'; returns a list of
    (action text, steal flag, packet bytes) callbacks and the kept packets
    (with steal=False)."""
    data = bytes(pkt)
    args = ["execute"] + ([] if steal else ["--no-steal"])
    out = tod(args + [data.hex(), actions])
    calls, kept = [], []
    for line in out.splitlines():
        if line.startswith("kept "):
            kept.append(bytes.fromhex(line.split()[1]))
            continue
        m = re.match(r"(.*) steal=(\d) ([0-9a-f]*)(.*)$", line)
        assert m, line
        calls.append((m.group(1), m.group(2) == "1",
                      bytes.fromhex(m.group(3)), m.group(4).strip()))
    return calls, kept


def checksums_ok(data):
    """True if every checksum scapy knows in 'data' is correct."""
    p = Ether(data)
    q = Ether(data)
    for layer in (IP, TCP, UDP, ICMP, scapy_all.ICMPv6EchoRequest,
                  ICMPv6ND_NS):
        if layer in q and hasattr(q[layer], "chksum"):
            del q[layer].chksum
        if layer in q and hasattr(q[layer], "cksum"):
            del q[layer].cksum
    return bytes(Ether(bytes(q))) == bytes(p)


TCP4 = (Ether(src="00:00:00:00:00:01", dst="00:00:00:00:00:02")
        / IP(src="10.0.0.1", dst="10.0.0.2", ttl=64, tos=0)
        / TCP(sport=1000, dport=80, flags="S") / b"payload")
UDP4 = (Ether(src="00:00:00:00:00:01", dst="00:00:00:00:00:02")
        / IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=53, dport=5353)
        / b"dns?")
UDP6 = (Ether(src="00:00:00:00:00:01", dst="00:00:00:00:00:02")
        / IPv6(src="2001:db8::1", dst="2001:db8::2", hlim=64)
        / UDP(sport=1, dport=2) / b"six")
TCP6 = (Ether() / IPv6(src="2001:db8::1", dst="2001:db8::2")
        / TCP(sport=5, dport=6) / b"x")
ICMP4 = Ether() / IP(src="1.1.1.1", dst="2.2.2.2") / ICMP(type=8) / b"ping"
ARP4 = Ether(dst="ff:ff:ff:ff:ff:ff") / ARP(op=1, psrc="1.1.1.1",
                                           pdst="2.2.2.2")
NS6 = (Ether() / IPv6(src="fe80::1", dst="ff02::1:ff00:2")
       / ICMPv6ND_NS(tgt="fe80::2")
       / ICMPv6NDOptSrcLLAddr(lladdr="00:00:00:00:00:01"))
SCTP4 = Ether() / IP(src="1.1.1.1", dst="2.2.2.2") / SCTP(sport=1, dport=2)


def test_execute_output_only_passes_originals():
    calls, kept = execute(TCP4, "1,2", steal=True)
    assert [(c[0], c[1]) for c in calls] == [("1", False), ("2", True)]
    assert calls[0][2] == calls[1][2] == bytes(TCP4)


def test_execute_no_steal_keeps_packet_unchanged():
    calls, kept = execute(TCP4, "set(ipv4(ttl=1)),1", steal=False)
    assert kept == [bytes(TCP4)]
    assert Ether(calls[0][2])[IP].ttl == 1
    assert calls[0][1] is True


@pytest.mark.parametrize("pkt,actions,check", [
    (TCP4, "set(eth(src=00:00:00:00:00:aa,dst=00:00:00:00:00:bb)),1",
     lambda p: p.src == "00:00:00:00:00:aa" and p.dst == "00:00:00:00:00:bb"),
    (TCP4, "set(eth(dst=00:00:00:00:00:bb)),1",
     lambda p: p.src == "00:00:00:00:00:01" and p.dst == "00:00:00:00:00:bb"),
    (TCP4, "set(ipv4(src=192.168.0.1)),1",
     lambda p: p[IP].src == "192.168.0.1" and p[IP].dst == "10.0.0.2"),
    (TCP4, "set(ipv4(src=192.168.0.1,dst=172.16.0.9,proto=6,tos=0x10,"
     "ttl=5,frag=no)),1",
     lambda p: (p[IP].src, p[IP].dst, p[IP].tos, p[IP].ttl)
     == ("192.168.0.1", "172.16.0.9", 0x10, 5)),
    (TCP4, "set(ipv4(tos=0xb8/0xfc)),1", lambda p: p[IP].tos == 0xb8),
    (TCP4, "set(ipv4(dst=10.9.0.0/255.255.0.0)),1",
     lambda p: p[IP].dst == "10.9.0.2"),
    (TCP4, "set(tcp(src=4321,dst=443)),1",
     lambda p: (p[TCP].sport, p[TCP].dport) == (4321, 443)),
    (TCP4, "set(tcp(dst=0x100/0xff00)),1", lambda p: p[TCP].dport == 0x150),
    (UDP4, "set(udp(src=1,dst=2)),1",
     lambda p: (p[UDP].sport, p[UDP].dport) == (1, 2)),
    (UDP4, "set(ipv4(dst=8.8.8.8)),1", lambda p: p[IP].dst == "8.8.8.8"),
    (UDP6, "set(ipv6(src=2001:db8::99,hlimit=3)),1",
     lambda p: p[IPv6].src == "2001:db8::99" and p[IPv6].hlim == 3),
    (UDP6, "set(ipv6(dst=2001:db8::77,label=0x12345,tclass=0x20)),1",
     lambda p: (p[IPv6].dst, p[IPv6].fl, p[IPv6].tc)
     == ("2001:db8::77", 0x12345, 0x20)),
    (TCP6, "set(ipv6(src=::9)),set(tcp(src=7)),1",
     lambda p: p[IPv6].src == "::9" and p[TCP].sport == 7),
    (TCP4, "set(tcp_flags(ack|fin)),1", lambda p: p[TCP].flags == "FA"),
    (TCP4, "set(tcp_flags(+psh-syn)),1", lambda p: p[TCP].flags == "P"),
    (ICMP4, "set(icmp(type=0,code=0)),1", lambda p: p[ICMP].type == 0),
    (ICMP4, "set(ipv4(src=3.3.3.3)),1", lambda p: p[IP].src == "3.3.3.3"),
    (ARP4, "set(arp(sip=9.9.9.9,tip=8.8.8.8,op=2,sha=00:00:00:00:00:0a,"
     "tha=00:00:00:00:00:0b)),1",
     lambda p: (p[ARP].psrc, p[ARP].pdst, p[ARP].op, p[ARP].hwsrc,
                p[ARP].hwdst) == ("9.9.9.9", "8.8.8.8", 2,
                                  "00:00:00:00:00:0a", "00:00:00:00:00:0b")),
    (NS6, "set(nd(target=fe80::9,sll=00:00:00:00:00:77)),1",
     lambda p: p[ICMPv6ND_NS].tgt == "fe80::9"
     and p[ICMPv6NDOptSrcLLAddr].lladdr == "00:00:00:00:00:77"),
    (NS6, "set(ipv6(src=fe80::5)),1", lambda p: p[IPv6].src == "fe80::5"),
])
def test_execute_set(pkt, actions, check):
    calls, _ = execute(pkt, actions)
    assert len(calls) == 1
    out = calls[0][2]
    assert len(out) == len(bytes(pkt))
    p = Ether(out)
    assert check(p), p.show(dump=True)
    assert checksums_ok(out), p.show(dump=True)


def test_execute_sctp_crc():
    calls, _ = execute(SCTP4, "set(sctp(src=10,dst=20)),1")
    p = Ether(calls[0][2])
    assert (p[SCTP].sport, p[SCTP].dport) == (10, 20)
    q = Ether(calls[0][2])
    del q[SCTP].chksum
    assert bytes(Ether(bytes(q))) == calls[0][2]


def test_execute_metadata():
    calls, _ = execute(TCP4, "set(skb_priority(0x7)),set(skb_mark(0x5)),1")
    assert "priority=7 mark=5" in calls[0][3]


def test_execute_vlan_push_pop():
    calls, _ = execute(TCP4, "push_vlan(vid=10,pcp=3),1,"
                       "push_vlan(tpid=0x88a8,vid=20,pcp=0),2,"
                       "pop_vlan,3,pop_vlan,4")
    one = Ether(calls[0][2])
    assert one.type == 0x8100 and one[Dot1Q].vlan == 10
    assert one[Dot1Q].prio == 3 and one[Dot1Q].id == 0
    assert bytes(one[IP]) == bytes(TCP4[IP])
    two = calls[1][2]
    assert two[12:14] == b"\x88\xa8" and two[14:16] == b"\x00\x14"
    assert two[16:18] == b"\x81\x00"
    assert Ether(calls[2][2])[Dot1Q].vlan == 10
    assert calls[3][2] == bytes(TCP4)


def test_execute_mpls_push_pop():
    calls, _ = execute(TCP4, "push_mpls(label=100,tc=1,ttl=64,bos=1,"
                       "eth_type=0x8847),1,pop_mpls(eth_type=0x800),2")
    pushed = calls[0][2]
    assert pushed[12:14] == b"\x88\x47"
    lse = int.from_bytes(pushed[14:18], "big")
    assert (lse >> 12, (lse >> 9) & 7, (lse >> 8) & 1, lse & 0xff) == (
        100, 1, 1, 64)
    assert pushed[18:] == bytes(TCP4)[14:]
    assert calls[1][2] == bytes(TCP4)


def test_execute_clone_and_sample():
    calls, _ = execute(TCP4, "clone(set(ipv4(ttl=9)),1),2,"
                       "sample(sample=100.0%,actions(3)),"
                       "sample(sample=0.0%,actions(4)),5")
    assert [c[0] for c in calls] == ["1", "2", "3", "5"]
    assert Ether(calls[0][2])[IP].ttl == 9
    assert Ether(calls[1][2])[IP].ttl == 64
    assert calls[-1][1] is True


def test_execute_check_pkt_len_and_trunc():
    calls, _ = execute(TCP4, "check_pkt_len(size=30,gt(1),le(2)),"
                       "check_pkt_len(size=1000,gt(3),le(4)),"
                       "trunc(20),5,6")
    assert [c[0] for c in calls] == ["1", "4", "5", "6"]
    assert len(calls[2][2]) == 20
    assert calls[3][2] == bytes(TCP4)


def test_execute_callbacks_and_drop():
    calls, _ = execute(TCP4, "ct(zone=1),recirc(5)")
    assert [(c[0], c[1]) for c in calls] == [("ct(zone=1)", False),
                                             ("recirc(0x5)", True)]
    calls, _ = execute(TCP4, "userspace(pid=3,userdata(0102)),1")
    assert calls[0][0] == "userspace(pid=3,userdata(0102000000000000))"
    calls, _ = execute(TCP4, "drop")
    assert calls == []


def test_execute_hash():
    calls, _ = execute(TCP4, "hash(l4(0)),1")
    h1 = re.search(r"hash=(\S+)", calls[0][3]).group(1)
    calls, _ = execute(TCP4, "hash(l4(0)),1")
    assert re.search(r"hash=(\S+)", calls[0][3]).group(1) == h1
    # The symmetric hash is the same in both directions.
    rev = (Ether() / IP(src="10.0.0.2", dst="10.0.0.1")
           / TCP(sport=80, dport=1000))
    fwd = (Ether() / IP(src="10.0.0.1", dst="10.0.0.2")
           / TCP(sport=1000, dport=80))
    a = execute(fwd, "hash(sym_l4(1)),1")[0][0][3]
    b = execute(rev, "hash(sym_l4(1)),1")[0][0][3]
    assert a == b


ALL_SETS = ("set(eth(src=00:00:00:00:00:aa)),"
            "set(ipv4(src=1.2.3.4,dst=5.6.7.8,ttl=1)),"
            "set(ipv6(src=::1,dst=::2,hlimit=1)),set(tcp(src=1,dst=2)),"
            "set(udp(src=1,dst=2)),set(sctp(src=1)),set(icmp(type=1)),"
            "set(arp(sip=1.1.1.1)),set(nd(target=::3)),"
            "set(mpls(label=5,tc=0,ttl=1,bos=1)),pop_vlan,pop_mpls("
            "eth_type=0x800),push_mpls(label=1,tc=0,ttl=1,bos=1,"
            "eth_type=0x8847),push_vlan(vid=1,pcp=0),1")


@pytest.mark.parametrize("pkt", [TCP4, UDP4, UDP6, TCP6, ICMP4, ARP4, NS6,
                                 SCTP4, Ether() / Dot1Q(vlan=5) / TCP4[IP]])
def test_execute_truncated_packets(pkt):
    """Every truncation of a packet survives every rewrite (the sanitizer
    build checks for out-of-bounds accesses)."""
    data = bytes(pkt)
    for n in range(0, len(data) + 1, 3):
        calls, _ = execute(data[:n], ALL_SETS)
        assert len(calls) == 1


# ---------------------------------------------------------------------------
# Set-action commit against the datapath actions of `ofproto/trace`.

TRACE_TCP4 = ("in_port=1,tcp,dl_src=00:00:00:00:00:01,"
              "dl_dst=00:00:00:00:00:02,nw_src=10.0.0.1,nw_dst=10.0.0.2,"
              "nw_ttl=64,tp_src=1000,tp_dst=80")
KEY_TCP4 = ("in_port(1),eth(src=00:00:00:00:00:01,dst=00:00:00:00:00:02),"
            "eth_type(0x0800),ipv4(src=10.0.0.1,dst=10.0.0.2,proto=6,tos=0,"
            "ttl=64,frag=no),tcp(src=1000,dst=80)")
TRACE_UDP6 = ("in_port=1,udp6,dl_src=00:00:00:00:00:01,"
              "dl_dst=00:00:00:00:00:02,ipv6_src=2001:db8::1,"
              "ipv6_dst=2001:db8::2,nw_ttl=64,udp_src=1,udp_dst=2")
KEY_UDP6 = ("in_port(1),eth(src=00:00:00:00:00:01,dst=00:00:00:00:00:02),"
            "eth_type(0x86dd),ipv6(src=2001:db8::1,dst=2001:db8::2,label=0,"
            "proto=17,tclass=0,hlimit=64,frag=no),udp(src=1,dst=2)")
TRACE_ARP = ("in_port=1,arp,dl_src=00:00:00:00:00:01,"
             "dl_dst=ff:ff:ff:ff:ff:ff,arp_op=1,arp_spa=1.1.1.1,"
             "arp_tpa=2.2.2.2,arp_sha=00:00:00:00:00:01,"
             "arp_tha=00:00:00:00:00:00")
KEY_ARP = ("in_port(1),eth(src=00:00:00:00:00:01,dst=ff:ff:ff:ff:ff:ff),"
           "eth_type(0x0806),arp(sip=1.1.1.1,tip=2.2.2.2,op=1,"
           "sha=00:00:00:00:00:01,tha=00:00:00:00:00:00)")

# (OpenFlow actions before output:2, traced flow, key before, key after
# (as replacements), mask of the bits the actions wrote or None).
COMMIT_CASES = [
    ("mod_dl_dst:00:00:00:00:00:09", TRACE_TCP4, KEY_TCP4,
     [("dst=00:00:00:00:00:02", "dst=00:00:00:00:00:09")], None),
    ("mod_dl_src:00:00:00:00:00:08,mod_dl_dst:00:00:00:00:00:09",
     TRACE_TCP4, KEY_TCP4,
     [("src=00:00:00:00:00:01", "src=00:00:00:00:00:08"),
      ("dst=00:00:00:00:00:02", "dst=00:00:00:00:00:09")], None),
    ("mod_nw_src:192.168.1.1,mod_tp_dst:8080", TRACE_TCP4, KEY_TCP4,
     [("src=10.0.0.1", "src=192.168.1.1"), ("dst=80", "dst=8080")], None),
    ("mod_nw_tos:16", TRACE_TCP4, KEY_TCP4, [("tos=0", "tos=0x10")],
     "eth_type(0x0800),ipv4(tos=0/0xfc)"),
    ("mod_nw_ecn:1", TRACE_TCP4, KEY_TCP4, [("tos=0", "tos=1")],
     "eth_type(0x0800),ipv4(tos=0/0x3)"),
    ("dec_ttl", TRACE_TCP4, KEY_TCP4, [("ttl=64", "ttl=63")], None),
    ("mod_nw_src:1.1.1.1,mod_nw_dst:2.2.2.2,mod_nw_tos:4,dec_ttl",
     TRACE_TCP4, KEY_TCP4,
     [("src=10.0.0.1", "src=1.1.1.1"), ("dst=10.0.0.2", "dst=2.2.2.2"),
      ("tos=0", "tos=4"), ("ttl=64", "ttl=63")],
     "eth_type(0x0800),ipv4(tos=0/0xfc)"),
    ("mod_nw_src:10.0.0.1", TRACE_TCP4, KEY_TCP4, [], None),
    ("mod_tp_src:7,mod_tp_dst:8", TRACE_TCP4, KEY_TCP4,
     [("src=1000", "src=7"), ("dst=80", "dst=8")], None),
    ("set_field:5->pkt_mark", TRACE_TCP4, KEY_TCP4,
     [("in_port(1)", "skb_mark(5),in_port(1)")], None),
    ("set_queue:3", TRACE_TCP4, KEY_TCP4,
     [("in_port(1)", "skb_priority(3),in_port(1)")], None),
    ("set_queue:3,set_field:5->pkt_mark,mod_dl_src:00:00:00:00:00:08,"
     "mod_tp_src:9", TRACE_TCP4, KEY_TCP4,
     [("in_port(1)", "skb_priority(3),skb_mark(5),in_port(1)"),
      ("src=00:00:00:00:00:01", "src=00:00:00:00:00:08"),
      ("src=1000", "src=9")], None),
    ("set_field:2001:db8::9->ipv6_src,mod_nw_ttl:3", TRACE_UDP6, KEY_UDP6,
     [("src=2001:db8::1", "src=2001:db8::9"), ("hlimit=64", "hlimit=3")],
     None),
    ("set_field:53->udp_dst", TRACE_UDP6, KEY_UDP6, [("dst=2)", "dst=53)")],
     None),
    ("set_field:0x12345->ipv6_label", TRACE_UDP6, KEY_UDP6,
     [("label=0", "label=0x12345")], None),
    ("set_field:2->arp_op,set_field:9.9.9.9->arp_tpa", TRACE_ARP, KEY_ARP,
     [("op=1", "op=2"), ("tip=2.2.2.2", "tip=9.9.9.9")], None),
]


@pytest.mark.reference
@pytest.mark.parametrize("case", COMMIT_CASES, ids=[c[0] for c in
                                                    COMMIT_CASES])
def test_commit_matches_ovs_trace(ovs, case):
    acts, trace, base, changes, wc = case
    ovs.ofctl("del-flows", "br0")
    proto = trace.split(",")[1]
    ovs.ofctl("add-flow", "br0",
              "in_port=1,%s,actions=%s,output:2" % (proto, acts))
    out = ovs.appctl("ofproto/trace", "br0", trace).stdout
    theirs = re.search(r"^Datapath actions: (.*)$", out, re.M).group(1)

    flow = base
    for old, new in changes:
        assert old in flow
        flow = flow.replace(old, new, 1)
    args = ["commit", base, flow] + ([wc] if wc else [])
    mine = tod(args).splitlines()[0]
    names = port_names(ovs)
    p2 = [n for n, name in names.items() if name == "p2"][0]
    mine = "%d" % p2 if mine == "drop" else "%s,%d" % (mine, p2)
    assert mine == theirs


# ---------------------------------------------------------------------------
# Robustness: mangled input gets an error, never a crash (and, in the
# sanitizer build, no out-of-bounds access).

def mutations(lines, seed, per_line=8):
    rng = random.Random(seed)
    alphabet = "(),=/:.0123456789abcdefx+-|_ "
    out = []
    for line in lines:
        for n in range(0, len(line), 7):
            out.append(line[:n])
        for _ in range(per_line):
            s = list(line)
            for _ in range(rng.randint(1, 3)):
                i = rng.randrange(len(s))
                op = rng.randrange(3)
                if op == 0:
                    s[i] = rng.choice(alphabet)
                elif op == 1:
                    del s[i]
                else:
                    s.insert(i, rng.choice(alphabet))
                if not s:
                    s = ["("]
            out.append("".join(s))
    return out


def test_key_parser_survives_mutations():
    lines = mutations(read_lines("keys.txt") + read_lines("key-errors.txt"),
                      1)
    proc = run([program("tests/test-odp"), "parse-keys"],
               input="".join(l + "\n" for l in lines), check=False)
    assert proc.returncode == 0, proc.stderr


def test_action_parser_survives_mutations():
    lines = mutations(read_lines("actions.txt"), 2)
    proc = run([program("tests/test-odp"), "parse-actions"],
               input="".join(l + "\n" for l in lines), check=False)
    assert proc.returncode == 0, proc.stderr


def test_validate_survives_mangled_encodings():
    """Valid encodings with bytes flipped, cut or extended either validate
    (and then print) or are rejected."""
    good = [h for h in tod(["parse-actions", "--hex"],
                           "".join(a + "\n" for a in read_lines(
                               "actions.txt"))).splitlines()
            if re.fullmatch(r"[0-9a-f]+", h)]
    rng = random.Random(3)
    cases = []
    for h in good:
        data = bytearray.fromhex(h)
        for n in range(0, len(data), 4):
            cases.append(bytes(data[:n]))
        for _ in range(10):
            d = bytearray(data)
            if d:
                d[rng.randrange(len(d))] = rng.randrange(256)
            cases.append(bytes(d))
    for _ in range(200):
        cases.append(bytes(rng.randrange(256)
                           for _ in range(rng.randrange(1, 40))))
    out = tod(["validate-hex"], "".join(c.hex() + "\n" for c in cases
                                        if c))
    assert len(out.splitlines()) == len([c for c in cases if c])


# ---------------------------------------------------------------------------
# Megaflows that Open vSwitch installs for real packets (exact packet_type,
# key values under zero masks, controller cookies) parse back and print as
# OVS prints them.

MEGAFLOW_RULES = [
    "priority=100,tcp,nw_dst=10.0.0.2,tp_dst=80,"
    "actions=mod_dl_src:00:00:00:00:00:99,output:2",
    "priority=90,udp,actions=dec_ttl,output:3",
    "priority=80,ipv6,actions=output:2,output:3",
    "priority=70,arp,actions=set_field:2->arp_op,output:3",
    "priority=60,dl_vlan=10,actions=strip_vlan,output:2",
    "priority=50,icmp,actions=controller",
    "priority=40,ip,nw_tos=0x10,actions=mod_nw_tos:0x20,output:2",
    "priority=0,actions=drop",
]
ETH = "eth(src=00:00:00:00:00:01,dst=00:00:00:00:00:02)"
MEGAFLOW_PACKETS = [
    ETH + ",eth_type(0x0800),ipv4(src=10.0.0.1,dst=10.0.0.2,proto=6,tos=0,"
    "ttl=64,frag=no),tcp(src=1000,dst=80)",
    ETH + ",eth_type(0x8100),vlan(vid=10,pcp=0),encap(eth_type(0x0800),"
    "ipv4(src=10.0.0.1,dst=10.0.0.2,proto=17,tos=0,ttl=64,frag=no),"
    "udp(src=1,dst=2))",
    ETH + ",eth_type(0x0800),ipv4(src=10.0.0.1,dst=10.0.0.2,proto=1,tos=0,"
    "ttl=64,frag=no),icmp(type=8,code=0)",
    ETH + ",eth_type(0x86dd),ipv6(src=2001:db8::1,dst=2001:db8::2,label=0,"
    "proto=6,tclass=0,hlimit=64,frag=no),tcp(src=1,dst=2)",
    ETH + ",eth_type(0x0806),arp(sip=1.1.1.1,tip=2.2.2.2,op=1,"
    "sha=00:00:00:00:00:01,tha=00:00:00:00:00:00)",
    ETH + ",eth_type(0x0800),ipv4(src=10.0.0.1,dst=10.0.0.3,proto=17,"
    "tos=0x10,ttl=9,frag=no),udp(src=5,dst=6)",
    ETH + ",eth_type(0x0800),ipv4(src=10.0.0.1,dst=10.0.0.3,proto=47,"
    "tos=0x10,ttl=9,frag=no)",
    ETH + ",eth_type(0x1234)",
]


def split_dump_line(line):
    line = re.sub(r"^ufid:\S+ ", "", line)
    key, rest = line.split(", packets:", 1)
    actions = rest.split("actions:", 1)[1].split(", dp-extra-info")[0]
    return key, actions


@pytest.mark.reference
def test_megaflows_round_trip(ovs):
    names = port_names(ovs)
    ovs.ofctl("del-flows", "br0")
    for rule in MEGAFLOW_RULES:
        ovs.ofctl("add-flow", "br0", rule)
    ovs.appctl("revalidator/purge")
    failures = []
    for packet in MEGAFLOW_PACKETS:
        ovs.appctl("netdev-dummy/receive", "p1", packet)
        terse = [l for l in ovs.dpctl("dump-flows").stdout.splitlines()
                 if not l.startswith("flow-dump")]
        verbose = [l for l in ovs.dpctl("dump-flows", "-m")
                   .stdout.splitlines() if not l.startswith("flow-dump")]
        ovs.appctl("revalidator/purge")
        assert len(terse) == 1 and len(verbose) == 1, (packet, terse,
                                                       verbose)
        tkey, tacts = split_dump_line(terse[0])
        vkey, vacts = split_dump_line(verbose[0])

        # Terse -> terse, verbose -> verbose and (verbose holds all of the
        # key) verbose -> terse.
        ours_t = tod(["parse-keys"], tkey + "\n").splitlines()[0]
        ours_v = tod(["parse-keys", names_arg(names)],
                     vkey + "\n").splitlines()
        if [ours_t, ours_v[1], ours_v[0]] != [tkey, vkey, tkey]:
            failures.append("packet %s\n ovs: %s\n      %s\n svs: %s\n"
                            "      %s\n      %s"
                            % (packet, tkey, vkey, ours_t, ours_v[1],
                               ours_v[0]))
        assert tod(["parse-actions"], tacts + "\n").strip() == tacts
        assert tod(["parse-actions", names_arg(names)],
                   vacts + "\n").strip() == vacts
    assert not failures, "\n".join(failures)
