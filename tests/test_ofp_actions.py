"""Differential tests of lib/ofp-actions against Debian's ovs-ofctl.

For every flow line of CORPUS and every OpenFlow version tested:
  * ovs-ofctl -O VERSION parse-flows prints the flow_mod it encodes, decoded
    again: its actions text must equal what svs prints after the same round
    trip (text -> internal -> wire -> internal -> text, tests/test-ofp-actions
    encode);
  * the flow_mod bytes ovs-ofctl sends to a switch (captured by a fake switch
    on a Unix socket, with `ovs-ofctl add-flows`) must contain exactly the
    action/instruction bytes svs encodes;
  * where ovs-ofctl refuses a line (bad syntax, no usable protocol,
    inconsistent match), svs must refuse it too.
MALFORMED hex action lists must be rejected with the same OpenFlow error as
`ovs-ofctl parse-actions` / `parse-instructions` reports.
"""

import concurrent.futures
import os
import re
import shutil
import socket
import struct
import subprocess
import tempfile
import threading

import pytest

OVS_OFCTL = shutil.which("ovs-ofctl")
BUILDDIR = os.environ.get("SVS_BUILDDIR", "")
PROGRAM = os.path.join(BUILDDIR, "tests", "test-ofp-actions")

pytestmark = [
    pytest.mark.skipif(not OVS_OFCTL, reason="ovs-ofctl not installed"),
    pytest.mark.skipif(not os.path.exists(PROGRAM),
                       reason="tests/test-ofp-actions not built"),
]

VERSIONS = ["OpenFlow10", "OpenFlow11", "OpenFlow13", "OpenFlow15"]

CORPUS = r"""
actions=output:3
actions=3
actions=output:LOCAL,output:in_port,NORMAL,FLOOD,ALL,CONTROLLER,LOCAL,IN_PORT,TABLE
actions=output:65279
actions=controller:100
actions=controller
actions=controller(reason=no_match,max_len=100,id=5,userdata=01.02.03,pause,meter_id=3)
actions=controller(reason=invalid_ttl)
actions=controller(reason=action)
actions=controller(id=5)
actions=controller(userdata=00)
actions=controller(pause)
actions=controller(max_len=0,reason=group)
actions=enqueue:3:5
actions=enqueue(3,5)
actions=enqueue:LOCAL:5
actions=drop
actions=
actions=group:5
actions=group:4294967040
actions=set_queue:5,pop_queue
actions=mod_vlan_vid:5
dl_vlan=7,actions=mod_vlan_vid:5
actions=mod_vlan_pcp:5
dl_vlan=7,actions=mod_vlan_pcp:5
actions=mod_vlan_vid:4,mod_vlan_pcp:3
actions=set_vlan_vid:5
dl_vlan=7,actions=set_vlan_vid:5,set_vlan_pcp:2
actions=strip_vlan
actions=pop_vlan
dl_vlan=7,actions=strip_vlan
dl_vlan=7,actions=pop_vlan
actions=push_vlan:0x8100
actions=push_vlan:0x8100,push_vlan:0x88a8
actions=mod_dl_src:00:01:02:03:04:05,mod_dl_dst:10:11:12:13:14:15
ip,actions=mod_nw_src:10.0.0.1,mod_nw_dst:10.0.0.2
ip,actions=mod_nw_tos:16,mod_nw_ecn:2,mod_nw_ttl:9
ipv6,actions=mod_nw_tos:252
actions=mod_nw_src:10.0.0.1
tcp,actions=mod_tp_src:1,mod_tp_dst:2
udp,actions=mod_tp_src:1,mod_tp_dst:2
sctp,actions=mod_tp_src:1,mod_tp_dst:2
tcp6,actions=mod_tp_src:65535
ip,actions=dec_ttl,dec_ttl(1,2,3),dec_ttl()
ip,actions=dec_ttl(0)
ipv6,actions=dec_ttl(7)
mpls,actions=set_mpls_label:5,set_mpls_tc:3,set_mpls_ttl:7,dec_mpls_ttl
mpls,actions=set_mpls_label:1048575
actions=push_mpls:0x8847
actions=push_mpls:0x8848,set_mpls_ttl:3
mpls,actions=pop_mpls:0x0800
mplsm,actions=pop_mpls:0x8847
ip,actions=set_field:10.0.0.1->nw_dst
ip,actions=set_field:10.0.0.1->ip_src
ip,actions=set_field:10.0.0.1/255.255.0.0->ip_dst
actions=set_field:5->reg0
actions=set_field:5/7->reg0
actions=set_field:0xffffffff->reg15
actions=set_field:0x1->xreg0
actions=set_field:1->pkt_mark
actions=set_field:1->metadata
actions=set_field:0x1/0x1->metadata
actions=set_field:00:00:00:00:00:01->eth_src
actions=set_field:00:00:00:00:00:01/ff:ff:00:00:00:00->eth_dst
actions=set_field:0x1000/0x1000->vlan_tci
dl_vlan=5,actions=set_field:4100->vlan_vid
dl_vlan=5,actions=set_field:3->vlan_pcp
mpls,actions=set_field:5->mpls_label
mpls,actions=set_field:2->mpls_tc
ip,actions=set_field:3->ip_ecn
ip,actions=set_field:32->ip_dscp
ipv6,actions=set_field:2001:db8::1->ipv6_src
ipv6,actions=set_field:5->ipv6_label
tcp,actions=set_field:80->tcp_dst
udp,actions=set_field:53->udp_src
sctp,actions=set_field:99->sctp_dst
icmp,actions=set_field:8->icmp_type
arp,actions=set_field:1->arp_op,set_field:10.0.0.1->arp_spa
arp,actions=set_field:aa:bb:cc:dd:ee:ff->arp_sha
actions=set_field:0x123->tun_id
actions=set_field:1.2.3.4->tun_src
actions=set_field:0x1->ct_mark
ip,actions=ct(commit,exec(set_field:0x1->ct_mark))
ip,actions=ct(commit,exec(set_field:0x1/0x1->ct_mark,set_field:0x2->ct_label))
actions=load:1->NXM_NX_REG0[0..3]
actions=load:0x1234->reg1[16..31],load:0xffff->reg2[]
actions=load:1->OXM_OF_METADATA[0..3]
actions=load:0xffffffffffffffff->OXM_OF_METADATA[]
actions=load:5->NXM_NX_XXREG0[64..79]
ip,actions=load:10->NXM_NX_IP_TTL[]
actions=move:NXM_NX_REG0[0..3]->NXM_NX_REG1[4..7]
actions=move:reg0[]->reg1[]
actions=move:NXM_OF_ETH_SRC[]->NXM_OF_ETH_DST[]
actions=move:NXM_NX_REG0[]->OXM_OF_METADATA[0..31]
actions=move:NXM_NX_TUN_ID[0..31]->NXM_NX_REG3[]
actions=push:NXM_NX_REG0[],pop:NXM_NX_REG1[0..7]
actions=push:NXM_OF_ETH_SRC[]
actions=set_tunnel:5,set_tunnel:0x123456789,set_tunnel64:5
actions=set_tunnel:0xffffffff
actions=note:01.02.03
actions=note:01020304050607
actions=note:
actions=note:000102030405060708090a0b0c0d0e0f10
actions=resubmit:3
actions=resubmit(,2)
actions=resubmit(1,2)
actions=resubmit(in_port,2)
actions=resubmit(LOCAL,)
ct_state=+trk,ip,actions=resubmit(,2,ct)
ct_state=+trk-inv,ip,actions=resubmit(,2,ct)
actions=multipath(eth_src,50,modulo_n,1,0,NXM_NX_REG0[])
actions=multipath(symmetric_l4,1024,hash_threshold,128,0,NXM_NX_REG0[0..6])
actions=multipath(symmetric_l3l4,0,hrw,12,0,NXM_NX_REG0[0..3])
actions=multipath(symmetric_l3l4+udp,0,iter_hash,2,5,NXM_NX_REG0[0..3])
actions=multipath(nw_src,0,hrw,2,0,NXM_NX_REG0[0..3])
actions=multipath(nw_dst,0,hrw,2,0,NXM_NX_REG0[0..3])
actions=multipath(symmetric_l3,0,hrw,2,0,NXM_NX_REG0[0..3])
actions=bundle(eth_src,0,hrw,ofport,members:4,8)
actions=bundle(symmetric_l3l4+udp,5,active_backup,ofport,members:1)
actions=bundle(eth_src,0,hrw,ofport,slaves:4,8,12)
actions=bundle_load(eth_src,0,hrw,ofport,NXM_NX_REG0[],members:4,8)
actions=bundle_load(symmetric_l4,60,active_backup,ofport,NXM_NX_REG0[0..15],members:1,2,3)
actions=learn(table=1,idle_timeout=10,hard_timeout=20,fin_idle_timeout=5,fin_hard_timeout=10,priority=10,cookie=0x5,NXM_OF_VLAN_TCI[0..11],NXM_OF_ETH_DST[]=NXM_OF_ETH_SRC[],load:NXM_OF_IN_PORT[]->NXM_NX_REG0[0..15],output:NXM_OF_IN_PORT[])
actions=learn(limit=10,result_dst=reg0[0],eth_type=0x800,ip_src=10.0.0.1)
actions=learn(load:0->NXM_NX_REG0[0..3])
actions=learn(NXM_NX_REG0[0..3]=5)
actions=learn(reg0=5,NXM_NX_REG1[0..3]=0)
actions=learn(delete_learned,send_flow_rem,table=0)
actions=learn(eth_type=0x86dd,ipv6_src=::1)
actions=learn(ip_src=10.0.0.1)
actions=learn()
actions=learn(table=2,eth_src=00:11:22:33:44:55,load:0x1234->NXM_NX_REG5[])
actions=learn(limit=5)
actions=conjunction(1,1/2),conjunction(2,2/2)
actions=conjunction(0xffffffff,64/64)
actions=conjunction(1,1/2),note:01,conjunction(2,2/2)
actions=conjunction(1,1/2),output:1
actions=output:1,conjunction(1,1/2)
actions=conjunction(1,1/2),goto_table:3
actions=clone(conjunction(1,1/2))
actions=output_trunc(port=1,max_len=100)
ip,actions=mod_nw_ttl:9,dec_ttl
actions=exit
tcp,actions=fin_timeout(idle_timeout=5,hard_timeout=10)
tcp,actions=fin_timeout(hard_timeout=10)
actions=clone(output:1,output:2)
actions=clone(clone(output:1),mod_dl_src:00:00:00:00:00:01)
actions=clone()
ip,actions=ct(commit,zone=1,nat(src=10.0.0.1))
ip,actions=ct(commit,zone=NXM_NX_REG0[0..15],table=2,exec(set_field:1->ct_mark))
tcp,actions=ct(commit,alg=ftp)
udp,actions=ct(commit,alg=tftp)
ip,actions=ct(table=5,zone=7)
ip,actions=ct(commit,force)
ip,actions=ct_clear,ct(nat),ct(nat(dst=10.0.0.1-10.0.0.5:100-200,random))
ip,actions=ct(commit,nat(dst=10.0.0.1-10.0.0.5:100-200,random))
ipv6,actions=ct(commit,nat(src=[fe80::1]-[fe80::2]:5,persistent,hash))
ipv6,actions=ct(commit,nat(src=fe80::1-fe80::2))
ipv6,actions=ct(commit,nat(src=fe80::1))
actions=ct_clear
actions=sample(probability=100,collector_set_id=1,obs_domain_id=2,obs_point_id=3,sampling_port=5,ingress)
actions=sample(probability=100,collector_set_id=1,obs_domain_id=2,obs_point_id=3)
actions=sample(probability=65535,collector_set_id=1,obs_domain_id=2,obs_point_id=3,sampling_port=LOCAL)
actions=sample(probability=1,collector_set_id=0,obs_domain_id=0,obs_point_id=0,egress)
actions=check_pkt_larger(100)->NXM_NX_REG0[0]
actions=check_pkt_larger(1500)->reg7[31]
actions=encap(nsh(md_type=1)),decap(),encap(ethernet)
actions=encap(nsh(md_type=2,tlv(0x1000,10,0x12345678)))
actions=encap(nsh)
actions=decap(packet_type(ns=1,type=0x800))
actions=dec_nsh_ttl
actions=meter:1,output:2
actions=write_metadata:0x1/0xff,goto_table:2
actions=write_metadata:0x1234
actions=clear_actions,write_actions(output:1),goto_table:3
actions=write_actions(set_queue:1,group:1,mod_dl_src:00:00:00:00:00:01)
actions=goto_table:1
actions=meter:5,output:1,clear_actions,write_actions(output:2),write_metadata:0x1/0x1,goto_table:7
actions=output(port=1,max_len=100)
actions=output(max_len=65535,port=LOCAL)
actions=output:NXM_NX_REG0[0..15]
actions=output:NXM_NX_REG1[16..31]
actions=output:reg0
actions=set_queue:0xffffffff
"""

MALFORMED = [
    # (version, hex) pairs; both sides must report the same error.
    # conjunction mixed with output / with a goto_table instruction.
    ("OpenFlow10", "ff ff 00 10 00 00 23 20 00 22 00 02 00 00 00 01 "
                   "00 00 00 08 00 01 00 00"),
    ("OpenFlow13", "00 04 00 18 00 00 00 00 ff ff 00 10 00 00 23 20 "
                   "00 22 00 02 00 00 00 01 00 01 00 08 03 00 00 00"),
    ("OpenFlow10", "00 00 00 09 00 03 00 00"),
    ("OpenFlow10", "00 00 00 08 ff 00 00 00"),
    ("OpenFlow10", "00 00 00 08 ff f7 00 00"),
    ("OpenFlow10", "00 01 00 08 10 00 00 00"),
    ("OpenFlow10", "00 02 00 08 08 00 00 00"),
    ("OpenFlow10", "00 08 00 08 03 00 00 00"),
    ("OpenFlow10", "00 0c 00 08 00 00 00 00"),
    ("OpenFlow10", "00 00 00 10 00 03 00 00 00 00 00 00 00 00 00 00"),
    ("OpenFlow10", "ff ff 00 10 00 00 12 34 00 01 00 00 00 00 00 00"),
    ("OpenFlow10", "ff ff 00 10 00 00 23 20 00 7f 00 00 00 00 00 00"),
    ("OpenFlow10", "ff ff 00 18 00 00 23 20 00 01 00 00 00 00 00 00"
                   " 00 00 00 00 00 00 00 00"),
    ("OpenFlow10", "ff ff 00 10 00 00 23 20 00 0e ff f8 02 01 00 00"),
    ("OpenFlow10", "ff ff 00 10 00 00 23 20 00 22 03 02 00 00 00 01"),
    ("OpenFlow10", "ff ff 00 10 00 00 23 20 00 22 00 01 00 00 00 01"),
    ("OpenFlow10", "ff ff 00 18 00 00 23 20 00 07 00 03 00 01 00 04"
                   " 00 00 00 00 00 00 00 10"),
    ("OpenFlow10", "ff ff 00 18 00 00 23 20 00 07 00 1f 00 00 00 00"
                   " 00 00 00 00 00 00 00 01"),
    ("OpenFlow10", "ff ff 00 18 00 00 23 20 00 07 07 c0 00 01 00 04"
                   " 00 00 00 00 00 00 00 01"),
    ("OpenFlow10", "ff ff 00 18 00 00 23 20 00 06 00 10 00 00 00 00"
                   " 00 01 00 04 00 01 02 04"),
    ("OpenFlow10", "ff ff 00 18 00 00 23 20 00 06 00 20 00 00 00 00"
                   " 00 01 00 04 00 00 10 04"),
    ("OpenFlow10", "ff ff 00 18 00 00 23 20 00 0f 00 0f 00 01 00 04"
                   " ff ff 00 00 00 00 00 01"),
    ("OpenFlow10", "ff ff 00 18 00 00 23 20 00 1d 00 00 00 00 00 01"
                   " 00 00 00 02 00 00 00 03"),
    ("OpenFlow10", "ff ff 00 10 00 00 23 20 00 30 00 00 00 00 00 00"),
    ("OpenFlow10", "ff ff 00 10 00 00 23 20 00 ff 00 00 00 00 00 00"),
    ("OpenFlow10", "ff ff 00 10 00 00 23 20 00 27 00 01 00 00 00 05"),
    ("OpenFlow10", "ff ff 00 20 00 00 23 20 00 24 00 00 00 03 00 01"
                   " 0a 00 00 01 00 00 00 00 00 00 00 00 00 00 00 00"),
    ("OpenFlow10", "ff ff 00 18 00 00 23 20 00 15 00 04 00 00 00 00"
                   " 00 01 00 02 00 00 00 00"),
    ("OpenFlow13", "00 04 00 18 00 00 00 00 00 00 00 10 00 00 00 03"
                   " ff e5 00 00 00 00 00 00"),
    ("OpenFlow13", "00 04 00 18 00 00 00 00 00 00 00 10 ff ff ff 00"
                   " ff e5 00 00 00 00 00 00"),
    ("OpenFlow13", "00 04 00 10 00 00 00 00 00 19 00 08 80 00 0c 02"),
    ("OpenFlow13", "00 04 00 18 00 00 00 00 00 19 00 10 80 00 0c 02"
                   " 00 04 00 00 00 00 00 00"),
    ("OpenFlow13", "00 04 00 18 00 00 00 00 00 19 00 10 80 00 0d 04"
                   " 10 05 ff ff 00 00 00 00"),
    ("OpenFlow13", "00 04 00 18 00 00 00 00 00 19 00 10 80 00 ff 02"
                   " 00 04 00 00 00 00 00 00"),
    ("OpenFlow13", "00 04 00 18 00 00 00 00 00 19 00 10 80 00 0c 04"
                   " 10 05 00 00 00 00 00 00"),
    ("OpenFlow13", "00 04 00 18 00 00 00 00 00 19 00 10 80 00 00 04"
                   " 00 00 00 05 00 00 00 00"),
    ("OpenFlow13", "00 04 00 18 00 00 00 00 00 19 00 10 80 00 16 04"
                   " 0a 00 00 01 00 00 00 01"),
    ("OpenFlow13", "00 01 00 08 01 00 00 00 00 01 00 08 02 00 00 00"),
    ("OpenFlow13", "00 01 00 08 01 00 00 00 00 04 00 08 00 00 00 00"),
    ("OpenFlow13", "00 07 00 08 00 00 00 00"),
    ("OpenFlow13", "ff ff 00 08 00 00 00 00"),
    ("OpenFlow13", "00 01 00 10 01 00 00 00 00 00 00 00 00 00 00 00"),
    ("OpenFlow13", "00 02 00 18 00 00 00 00 00 00 00 00 00 00 00 03"
                   " 00 00 00 00 00 00 00 01"),
    ("OpenFlow13", "00 03 00 18 00 00 00 00 ff ff 00 10 00 00 23 20"
                   " 00 11 00 00 00 00 00 00"),
    ("OpenFlow13", "00 04 00 18 00 00 00 00 ff ff 00 10 00 00 23 20"
                   " 00 24 00 00 00 00 00 00"),
    ("OpenFlow11", "00 04 00 10 00 00 00 00 00 19 00 08 80 00 0c 02"),
    ("OpenFlow11", "00 06 00 08 00 00 00 01"),
    ("OpenFlow15", "00 04 00 10 00 00 00 00 00 1d 00 08 00 00 00 05"),
]


# ---------------------------------------------------------------------------
# A fake switch that records what ovs-ofctl sends it.

def _pack_header(version, msg_type, length, xid):
    return struct.pack("!BBHI", version, msg_type, length, xid)


class FakeSwitch:
    """Accepts one ovs-ofctl connection on a Unix socket, negotiates any
    version, answers barriers, echoes and table queries, and records the
    messages it receives."""

    def __init__(self, path):
        self.path = path
        self.messages = []
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(path)
        self.sock.listen(1)
        self.sock.settimeout(30)
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        try:
            conn, _ = self.sock.accept()
        except OSError:
            return
        conn.settimeout(30)
        hello = (_pack_header(6, 0, 16, 0)
                 + struct.pack("!HHI", 1, 8, 0x7e))
        conn.sendall(hello)
        buf = b""
        try:
            while True:
                data = conn.recv(65536)
                if not data:
                    break
                buf += data
                while len(buf) >= 8:
                    ver, typ, length, xid = struct.unpack("!BBHI", buf[:8])
                    if len(buf) < length:
                        break
                    msg, buf = buf[:length], buf[length:]
                    self.messages.append(msg)
                    self._reply(conn, ver, typ, xid, msg)
        except OSError:
            pass
        finally:
            conn.close()

    @staticmethod
    def _reply(conn, ver, typ, xid, msg):
        if (ver == 1 and typ == 18) or (ver > 1 and typ == 20):
            conn.sendall(_pack_header(ver, typ + 1, 8, xid))
        elif typ == 2:
            conn.sendall(_pack_header(ver, 3, len(msg), xid) + msg[8:])
        elif ver == 1 and typ == 16:
            body = struct.pack("!B3x32sIIIQQ", 0, b"t0", 0x3fffff, 1000000,
                               0, 0, 0)
            conn.sendall(_pack_header(ver, 17, 12 + len(body), xid)
                         + struct.pack("!HH", 3, 0) + body)
        elif ver > 1 and typ == 18:
            body = struct.pack("!HB5x32sQQII", 64, 0, b"t0", 0, 0, 0,
                               1000000)
            conn.sendall(_pack_header(ver, 19, 16 + len(body), xid)
                         + struct.pack("!HH4x", 12, 0) + body)

    def close(self):
        self.thread.join(30)
        self.sock.close()


def _flow_mod_actions(msg):
    """Returns the action/instruction bytes of a flow_mod message, or None
    if 'msg' is not one."""
    ver, typ = msg[0], msg[1]
    if ver == 1 and typ == 14:
        return msg[72:]
    if (ver == 1 and typ == 4 and msg[8:12] == b"\x00\x00\x23\x20"
            and msg[12:16] == b"\x00\x00\x00\x0d"):
        match_len = struct.unpack("!H", msg[40:42])[0]
        return msg[48 + (match_len + 7) // 8 * 8:]
    if ver > 1 and typ == 14:
        if ver == 2:
            return msg[48 + 88:]
        match_len = struct.unpack("!H", msg[50:52])[0]
        return msg[48 + (match_len + 7) // 8 * 8:]
    return None


def capture_encodings(version, flows, tmp_path):
    """Has ovs-ofctl add 'flows' to a fake switch; returns the hex of each
    flow_mod's actions, in order."""
    flow_file = os.path.join(tmp_path, "flows-%s.txt" % version)
    with open(flow_file, "w") as f:
        f.write("\n".join(flows) + "\n")
    sock_path = os.path.join(tmp_path, "sw-%s.sock" % version)
    switch = FakeSwitch(sock_path)
    try:
        proc = subprocess.run(
            [OVS_OFCTL, "--no-names", "-O", version, "add-flows",
             "unix:" + sock_path, flow_file],
            capture_output=True, text=True, timeout=120)
    finally:
        switch.close()
    assert proc.returncode == 0, proc.stderr
    result = []
    for msg in switch.messages:
        actions = _flow_mod_actions(msg)
        if actions is not None:
            result.append(actions.hex())
    return result


def ovs_parse_flow(version, flow, tmp_path, index):
    """Returns ('ok', text), ('decode-error', NAME) or ('error', message)
    for one flow line as ovs-ofctl parse-flows sees it."""
    path = os.path.join(tmp_path, "one-%s-%d.txt" % (version, index))
    with open(path, "w") as f:
        f.write(flow + "\n")
    proc = subprocess.run([OVS_OFCTL, "-O", version, "parse-flows", path],
                          capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        return ("error", proc.stderr.strip())
    for line in proc.stdout.splitlines():
        if "FLOW_MOD" not in line:
            continue
        m = re.search(r"\*\*\*decode error: (\w+)\*\*\*", line)
        if m:
            return ("decode-error", m.group(1))
        return ("ok", line.split(" actions=", 1)[1])
    return ("error", proc.stdout)


def svs_run(cmd, version, lines, initial_size=None):
    args = [PROGRAM, cmd, version]
    if initial_size is not None:
        args.append(str(initial_size))
    proc = subprocess.run(args,
                          input="\n".join(lines) + "\n",
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.splitlines()
    assert len(out) == len(lines), proc.stdout + proc.stderr
    return out


# Lines that once differed from ovs-ofctl because meta-flow's mf_format()
# printed a zero hexadecimal field as "0x0" where ovs-ofctl prints "0"
# (fixed; kept as a regression test).
FOREIGN_DIFFS = r"""
actions=set_field:0->vlan_tci
actions=load:0->NXM_OF_VLAN_TCI[]
"""

_OVS_CACHE = {}


def ovs_results(version, flows, tmp_path):
    """ovs-ofctl's view of 'flows' for 'version': the parse-flows result of
    each line and the captured encodings of those it accepts (cached)."""
    key = (version, tuple(flows))
    if key not in _OVS_CACHE:
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            ovs = list(pool.map(
                lambda args: ovs_parse_flow(version, args[1], tmp_path,
                                            args[0]),
                enumerate(flows)))
        accepted = [flow for flow, (kind, _) in zip(flows, ovs)
                    if kind != "error"]
        wire = capture_encodings(version, accepted, tmp_path)
        assert len(wire) == len(accepted)
        _OVS_CACHE[key] = (ovs, dict(zip(accepted, wire)))
    return _OVS_CACHE[key]


def corpus_lines():
    return [line for line in CORPUS.splitlines() if line.strip()]


@pytest.mark.parametrize("version", VERSIONS)
def test_round_trip_matches_ovs_ofctl(version, tmp_path):
    check_round_trip(version, corpus_lines(), str(tmp_path))


@pytest.mark.parametrize("version", ["OpenFlow13"])
def test_round_trip_foreign_diffs(version, tmp_path):
    flows = [line for line in FOREIGN_DIFFS.splitlines() if line.strip()]
    check_round_trip(version, flows, str(tmp_path))


def check_round_trip(version, flows, tmp_path):
    ovs, wire_by_flow = ovs_results(version, flows, tmp_path)
    svs = svs_run("encode", version, flows)

    failures = []
    for flow, (kind, detail), mine in zip(flows, ovs, svs):
        if kind == "error":
            match = flow.split("actions=", 1)[0]
            if match and "no usable protocol" in detail:
                # The match, not the actions, may be what this version
                # cannot express; matches are lib/nx-match's business.
                continue
            if not mine.startswith("error"):
                failures.append("%s: ovs-ofctl refuses (%s) but svs "
                                "accepts: %s" % (flow, detail, mine))
            continue
        if not mine.startswith("ok "):
            failures.append("%s: svs refuses (%s), ovs-ofctl gives %s"
                            % (flow, mine, detail))
            continue
        _, hexstr, text = mine.split(" ", 2)
        if hexstr == "-":
            hexstr = ""
        expect_text = ("decode-error:" + detail if kind == "decode-error"
                       else detail)
        if text != expect_text:
            failures.append("%s: text %r != ovs-ofctl %r"
                            % (flow, text, expect_text))
        if hexstr != wire_by_flow[flow]:
            failures.append("%s: bytes %s != ovs-ofctl %s"
                            % (flow, hexstr, wire_by_flow[flow]))
    assert not failures, "\n".join(failures)


def ovs_decode(version, hexstr):
    cmd = "parse-actions" if version == "OpenFlow10" else \
        "parse-instructions"
    proc = subprocess.run([OVS_OFCTL, cmd, version], input=hexstr + "\n",
                          capture_output=True, text=True, timeout=60)
    m = re.search(r"bad \S+ (?:actions|instructions): (\w+)", proc.stdout)
    if m:
        return "error " + m.group(1)
    m = re.search(r"^actions=(.*)$", proc.stdout, re.M)
    assert m, proc.stdout + proc.stderr
    return "ok " + m.group(1)


@pytest.mark.parametrize("index", range(len(MALFORMED)))
def test_decode_matches_ovs_ofctl(index):
    version, hexstr = MALFORMED[index]
    expected = ovs_decode(version, hexstr)
    mine = svs_run("decode", version, [hexstr])[0]
    if mine.startswith("ok "):
        mine = mine.rsplit(" ", 1)[0]
    assert mine == expected, "%s %s" % (version, hexstr)


@pytest.mark.parametrize("version", VERSIONS)
def test_decode_reencodes_identically(version, tmp_path):
    """Every encoding ovs-ofctl produces decodes and re-encodes to the same
    bytes."""
    flows = corpus_lines()
    ovs, wire_by_flow = ovs_results(version, flows, str(tmp_path))
    accepted = [flow for flow, (kind, _) in zip(flows, ovs) if kind == "ok"]
    wire = [wire_by_flow[flow] for flow in accepted]
    out = svs_run("decode", version, wire)
    failures = []
    for flow, hexstr, mine in zip(accepted, wire, out):
        if not mine.startswith("ok "):
            failures.append("%s: %s" % (flow, mine))
            continue
        reencoded = mine.rsplit(" ", 1)[1]
        if reencoded == "-":
            reencoded = ""
        if reencoded != hexstr:
            failures.append("%s: %s re-encodes as %s" % (flow, hexstr,
                                                         reencoded))
    assert not failures, "\n".join(failures)


# Actions whose internal form grows after ofpact_put_*() (variable-length
# ones, and nested ones), long enough to make a small ofpbuf reallocate in
# the middle of building them.
GROWING = r"""
actions=note:%(note)s
actions=output:1,note:%(note)s,note:01,dec_ttl,dec_ttl(1,2,3,4,5,6,7,8,9,10)
actions=dec_ttl,note:%(note)s,dec_ttl,dec_ttl(%(ids)s)
ip,actions=dec_ttl(%(ids)s),dec_ttl
actions=controller(userdata=%(note)s),controller(userdata=00.01,pause)
actions=bundle(eth_src,0,hrw,ofport,members:%(ids)s)
actions=bundle_load(eth_src,0,hrw,ofport,NXM_NX_REG0[],members:%(ids)s)
actions=learn(table=1,NXM_OF_VLAN_TCI[0..11],NXM_OF_ETH_DST[]=NXM_OF_ETH_SRC[],load:NXM_OF_IN_PORT[]->NXM_NX_REG0[0..15],output:NXM_OF_IN_PORT[],reg1=5,reg2=6,reg3=7,reg4=8,reg5=9,reg6=10,load:0x1234->NXM_NX_REG5[])
actions=clone(note:%(note)s,clone(dec_ttl(%(ids)s),note:01),dec_ttl)
ip,actions=ct(commit,exec(set_field:0x1->ct_mark,set_field:0x2->ct_label,set_field:0x3->ct_mark))
actions=encap(nsh(md_type=2,tlv(0x1000,10,0x%(tlv)s),tlv(0x1001,11,0x%(tlv)s)))
actions=write_actions(output:1,dec_ttl,set_field:1->reg0),note:%(note)s
""" % {"note": ".".join("%02x" % i for i in range(150)),
       "ids": ",".join(str(i) for i in range(1, 60)),
       "tlv": "".join("%02x" % i for i in range(64))}


@pytest.mark.parametrize("version", ["OpenFlow10", "OpenFlow13"])
def test_tiny_buffers_same_result(version):
    """Parsing and decoding with ofpbufs that start tiny (so that building
    an action reallocates them part-way) gives the same results as with
    roomy ones: no pointer into the buffer may be kept across a call that
    can move it (this once aborted in ofpact_finish() for note and
    dec_ttl)."""
    flows = corpus_lines() + [l for l in GROWING.splitlines() if l.strip()]
    expected = svs_run("encode", version, flows, 65536)
    assert sum(1 for e in expected if e.startswith("ok ")) > len(flows) / 2
    wire = [e.split(" ", 2)[1] for e in expected if e.startswith("ok ")]
    wire = [w for w in wire if w != "-"]
    expected_decode = svs_run("decode", version, wire, 65536)
    for size in [0, 1, 8, 16, 24, 32, 40, 48, 56, 72, 88, 104, 136]:
        assert svs_run("encode", version, flows, size) == expected, size
        assert svs_run("decode", version, wire, size) == expected_decode, \
            size
