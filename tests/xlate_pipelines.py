"""OpenFlow pipelines for the differential translation tests
(tests/test_xlate_diff.py).

Each pipeline is a dict:
  name    a short identifier
  flows   flow-table lines in ovs-ofctl's add-flows syntax
  protocol (optional) the OpenFlow version ovs-ofctl must use (-O) for
          instructions that OpenFlow 1.0 cannot carry
  groups  (optional) group lines in ovs-ofctl's add-groups syntax
  vsctl   (optional) lists of ovs-vsctl arguments applied first (port VLAN
          settings for NORMAL)
  traces  flows (ofproto/trace syntax) run through the pipeline

The bridge has dummy ports p1..p4 on OpenFlow ports 1..4 and fail_mode
secure, so only these flows exist.
"""

MAC1 = "50:54:00:00:00:01"
MAC2 = "50:54:00:00:00:02"
MAC3 = "50:54:00:00:00:03"
BCAST = "ff:ff:ff:ff:ff:ff"


def eth(in_port, src=MAC1, dst=MAC2, extra=""):
    s = "in_port=%s,dl_src=%s,dl_dst=%s" % (in_port, src, dst)
    return s + ("," + extra if extra else "")


def ip(in_port, src="10.0.0.1", dst="10.0.0.2", proto=1, ttl=64, tos=0,
       dl_src=MAC1, dl_dst=MAC2, extra=""):
    s = ("in_port=%s,dl_src=%s,dl_dst=%s,dl_type=0x0800,nw_src=%s,"
         "nw_dst=%s,nw_proto=%d,nw_ttl=%d,nw_tos=%d"
         % (in_port, dl_src, dl_dst, src, dst, proto, ttl, tos))
    return s + ("," + extra if extra else "")


def tcp(in_port, sport=1000, dport=80, **kw):
    return ip(in_port, proto=6,
              extra="tcp_src=%d,tcp_dst=%d" % (sport, dport), **kw)


def udp(in_port, sport=1000, dport=53, **kw):
    return ip(in_port, proto=17,
              extra="udp_src=%d,udp_dst=%d" % (sport, dport), **kw)


def arp(in_port, spa="10.0.0.1", tpa="10.0.0.2"):
    return ("in_port=%s,dl_src=%s,dl_dst=%s,dl_type=0x0806,arp_op=1,"
            "arp_spa=%s,arp_tpa=%s,arp_sha=%s" % (in_port, MAC1, BCAST,
                                                  spa, tpa, MAC1))


def vlan(in_port, vid, pcp=0, **kw):
    return ip(in_port, extra="dl_vlan=%d,dl_vlan_pcp=%d" % (vid, pcp), **kw)


BASIC_TRACES = [eth(1), eth(2), ip(1), tcp(1), udp(3), arp(1), eth(4, dst=BCAST)]

PIPELINES = [
    {"name": "output",
     "flows": ["in_port=1,actions=output:2", "in_port=2,actions=output:1"],
     "traces": BASIC_TRACES},
    {"name": "drop_all",
     "flows": ["priority=0,actions=drop"],
     "traces": BASIC_TRACES},
    {"name": "empty_table",
     "flows": [],
     "traces": BASIC_TRACES},
    {"name": "in_port_output",
     "flows": ["actions=in_port"],
     "traces": BASIC_TRACES},
    {"name": "flood",
     "flows": ["actions=flood"],
     "traces": BASIC_TRACES},
    {"name": "all",
     "flows": ["actions=all"],
     "traces": BASIC_TRACES},
    {"name": "output_to_in_port_skipped",
     "flows": ["in_port=1,actions=output:1,output:2"],
     "traces": [eth(1), ip(1)]},
    {"name": "l2_dst",
     "flows": ["dl_dst=%s,actions=output:2" % MAC2,
               "dl_dst=%s,actions=output:3" % MAC3,
               "priority=0,actions=drop"],
     "traces": [eth(1), eth(1, dst=MAC3), eth(1, dst=BCAST), ip(4)]},
    {"name": "l3_prefixes",
     "flows": ["ip,nw_dst=10.0.0.0/8,actions=output:2",
               "ip,nw_dst=10.1.0.0/16,actions=output:3",
               "ip,nw_dst=10.1.2.0/24,actions=output:4",
               "priority=0,actions=drop"],
     "traces": [ip(1, dst="10.0.0.2"), ip(1, dst="10.1.0.2"),
                ip(1, dst="10.1.2.3"), ip(1, dst="11.0.0.1"), arp(1)]},
    {"name": "l4_ports",
     "flows": ["tcp,tp_dst=80,actions=output:2",
               "tcp,tp_dst=443,actions=output:3",
               "udp,tp_dst=53,actions=output:4",
               "priority=0,actions=drop"],
     "traces": [tcp(1, dport=80), tcp(1, dport=443), tcp(1, dport=22),
                udp(1, dport=53), udp(1, dport=54), ip(1)]},
    {"name": "priorities",
     "flows": ["priority=100,ip,actions=output:2",
               "priority=200,tcp,actions=output:3",
               "priority=300,tcp,tp_dst=80,actions=output:4",
               "priority=1,actions=drop"],
     "traces": [ip(1), tcp(1, dport=80), tcp(1, dport=81), arp(1)]},
    {"name": "mod_vlan_vid",
     "flows": ["in_port=1,actions=mod_vlan_vid:10,output:2",
               "in_port=2,actions=strip_vlan,output:1"],
     "traces": [ip(1), vlan(1, 20), vlan(2, 10), ip(2)]},
    {"name": "push_vlan",
     "protocol": "OpenFlow13",
     "flows": ["in_port=1,actions=push_vlan:0x8100,"
               "set_field:4196->vlan_vid,output:2",
               "in_port=2,dl_vlan=100,actions=pop_vlan,output:1"],
     "traces": [ip(1), vlan(2, 100), vlan(2, 101)]},
    {"name": "mod_vlan_pcp",
     "flows": ["in_port=1,actions=mod_vlan_pcp:5,output:2"],
     "traces": [ip(1), vlan(1, 7, pcp=1)]},
    {"name": "vlan_match",
     "flows": ["dl_vlan=10,actions=output:2",
               "dl_vlan=20,actions=output:3",
               "vlan_tci=0,actions=output:4"],
     "traces": [vlan(1, 10), vlan(1, 20), vlan(1, 30), ip(1)]},
    {"name": "mod_dl",
     "flows": ["in_port=1,actions=mod_dl_src:02:00:00:00:00:01,"
               "mod_dl_dst:02:00:00:00:00:02,output:2"],
     "traces": [eth(1), ip(1)]},
    {"name": "mod_nw",
     "flows": ["in_port=1,ip,actions=mod_nw_src:192.168.0.1,"
               "mod_nw_dst:192.168.0.2,output:2",
               "in_port=1,arp,actions=output:2"],
     "traces": [ip(1), tcp(1), arp(1)]},
    {"name": "mod_nw_tos",
     "flows": ["ip,actions=mod_nw_tos:32,output:2"],
     "traces": [ip(1), ip(1, tos=4)]},
    {"name": "mod_tp",
     "flows": ["tcp,actions=mod_tp_src:1234,mod_tp_dst:5678,output:2",
               "udp,actions=mod_tp_dst:99,output:3"],
     "traces": [tcp(1), udp(1), ip(1)]},
    {"name": "dec_ttl",
     "flows": ["ip,actions=dec_ttl,output:2"],
     "traces": [ip(1, ttl=64), ip(1, ttl=2), tcp(1, ttl=10)]},
    {"name": "set_field_ip",
     "flows": ["ip,actions=set_field:10.9.9.9->ip_dst,output:2"],
     "traces": [ip(1), udp(1)]},
    {"name": "set_field_eth",
     "flows": ["actions=set_field:aa:bb:cc:dd:ee:ff->eth_dst,output:3"],
     "traces": [eth(1), ip(2)]},
    {"name": "resubmit_chain",
     "flows": ["table=0,actions=resubmit(,1)",
               "table=1,ip,actions=resubmit(,2)",
               "table=1,priority=0,actions=output:4",
               "table=2,ip,nw_dst=10.0.0.2,actions=output:2",
               "table=2,priority=0,actions=output:3"],
     "traces": [ip(1), ip(1, dst="10.0.0.3"), arp(1)]},
    {"name": "resubmit_in_port",
     "flows": ["table=0,in_port=1,actions=resubmit(2,1)",
               "table=1,in_port=2,actions=output:3",
               "table=1,priority=0,actions=drop"],
     "traces": [eth(1), eth(2)]},
    {"name": "resubmit_twice",
     "flows": ["table=0,actions=resubmit(,1),resubmit(,2)",
               "table=1,actions=output:2",
               "table=2,actions=output:3"],
     "traces": [eth(1), ip(4)]},
    {"name": "goto_table",
     "protocol": "OpenFlow13",
     "flows": ["table=0,actions=goto_table:1",
               "table=1,tcp,actions=goto_table:2",
               "table=1,priority=0,actions=output:2",
               "table=2,tcp,tp_dst=80,actions=output:3",
               "table=2,priority=0,actions=output:4"],
     "traces": [tcp(1), tcp(1, dport=22), ip(1)]},
    {"name": "write_metadata",
     "protocol": "OpenFlow13",
     "flows": ["table=0,in_port=1,actions=write_metadata:0x1/0xff,"
               "goto_table:1",
               "table=0,in_port=2,actions=write_metadata:0x2/0xff,"
               "goto_table:1",
               "table=1,metadata=0x1/0xff,actions=output:3",
               "table=1,metadata=0x2/0xff,actions=output:4"],
     "traces": [eth(1), eth(2), eth(3)]},
    {"name": "registers",
     "flows": ["table=0,in_port=1,actions=load:0x5->NXM_NX_REG0[],"
               "resubmit(,1)",
               "table=0,in_port=2,actions=load:0x6->NXM_NX_REG0[],"
               "resubmit(,1)",
               "table=1,reg0=5,actions=output:3",
               "table=1,reg0=6,actions=output:4"],
     "traces": [eth(1), eth(2), eth(3)]},
    {"name": "move",
     "flows": ["table=0,ip,actions=move:NXM_OF_IP_SRC[]->NXM_NX_REG1[],"
               "resubmit(,1)",
               "table=1,reg1=0x0a000001,actions=output:2",
               "table=1,priority=0,actions=output:3"],
     "traces": [ip(1), ip(1, src="10.0.0.9")]},
    {"name": "write_actions",
     "protocol": "OpenFlow13",
     "flows": ["table=0,actions=write_actions(output:2),goto_table:1",
               "table=1,ip,actions=write_actions(output:3)",
               "table=1,priority=0,actions=clear_actions"],
     "traces": [ip(1), arp(1)]},
    {"name": "group_all",
     "groups": ["group_id=1,type=all,bucket=output:2,bucket=output:3"],
     "flows": ["in_port=1,actions=group:1"],
     "traces": [eth(1), ip(1)]},
    {"name": "group_indirect",
     "groups": ["group_id=5,type=indirect,bucket=mod_dl_dst:02:00:00:00:00:"
                "09,output:4"],
     "flows": ["actions=group:5"],
     "traces": [eth(1), ip(2)]},
    {"name": "group_all_rewrite",
     "groups": ["group_id=2,type=all,bucket=mod_nw_dst:1.1.1.1,output:2,"
                "bucket=output:3"],
     "flows": ["ip,actions=group:2"],
     "traces": [ip(1), tcp(4)]},
    {"name": "controller_none",
     "flows": ["in_port=1,actions=output:2"],
     "traces": [eth(3), ip(4)]},
    {"name": "local_port",
     "flows": ["in_port=1,actions=LOCAL", "in_port=LOCAL,actions=output:1"],
     "traces": [eth(1), eth("LOCAL")]},
    {"name": "conjunction",
     "flows": ["priority=100,ip,nw_src=10.0.0.1,actions=conjunction(1,1/2)",
               "priority=100,ip,nw_src=10.0.0.5,actions=conjunction(1,1/2)",
               "priority=100,tcp,tp_dst=80,actions=conjunction(1,2/2)",
               "priority=100,tcp,tp_dst=443,actions=conjunction(1,2/2)",
               "priority=100,conj_id=1,ip,actions=output:2",
               "priority=1,actions=output:3"],
     "traces": [tcp(1, dport=80), tcp(1, src="10.0.0.5", dport=443),
                tcp(1, src="10.0.0.2", dport=80), tcp(1, dport=22), ip(1)]},
    {"name": "cookie_rules",
     "flows": ["cookie=0x1,in_port=1,actions=output:2",
               "cookie=0x2,in_port=2,actions=output:1"],
     "traces": [eth(1), eth(2)]},
    {"name": "exit",
     "flows": ["actions=output:2,exit,output:3"],
     "traces": [eth(1)]},
    {"name": "multi_output_rewrite",
     "flows": ["in_port=1,ip,actions=output:2,mod_nw_dst:9.9.9.9,output:3,"
               "mod_dl_src:02:00:00:00:00:05,output:4"],
     "traces": [ip(1), tcp(1)]},
    {"name": "normal",
     "flows": ["actions=NORMAL"],
     "traces": BASIC_TRACES},
    {"name": "normal_access",
     "vsctl": [["set", "port", "p1", "tag=10"],
               ["set", "port", "p2", "tag=10"],
               ["set", "port", "p3", "tag=20"]],
     "flows": ["actions=NORMAL"],
     "traces": [eth(1), eth(3), eth(4), vlan(4, 10), vlan(4, 20),
                vlan(1, 10), vlan(4, 30)]},
    {"name": "normal_trunks",
     "vsctl": [["set", "port", "p1", "trunks=10,20"],
               ["set", "port", "p2", "tag=10"],
               ["set", "port", "p3", "trunks=20"]],
     "flows": ["actions=NORMAL"],
     "traces": [vlan(1, 10), vlan(1, 20), vlan(1, 30), eth(2), eth(3),
                vlan(3, 20)]},
    {"name": "normal_native",
     "vsctl": [["set", "port", "p1", "tag=10", "vlan_mode=native-untagged",
                "trunks=10,20"],
               ["set", "port", "p2", "tag=20", "vlan_mode=native-tagged",
                "trunks=10,20"]],
     "flows": ["actions=NORMAL"],
     "traces": [eth(1), vlan(1, 20), eth(2), vlan(2, 10), vlan(3, 10),
                vlan(3, 20)]},
    {"name": "normal_after_rewrite",
     "flows": ["in_port=1,actions=mod_vlan_vid:5,NORMAL",
               "priority=0,actions=NORMAL"],
     "traces": [eth(1), eth(2)]},
    {"name": "arp_match",
     "flows": ["arp,arp_tpa=10.0.0.2,actions=output:2",
               "arp,priority=0,actions=flood",
               "priority=0,actions=drop"],
     "traces": [arp(1), arp(1, tpa="10.0.0.3"), ip(1)]},
    {"name": "dl_type_only",
     "flows": ["dl_type=0x0800,actions=output:2",
               "dl_type=0x0806,actions=output:3"],
     "traces": [ip(1), arp(1), eth(1)]},
    {"name": "tos_ttl_match",
     "flows": ["ip,nw_tos=32,actions=output:2",
               "ip,nw_ttl=1,actions=drop",
               "ip,priority=0,actions=output:3"],
     "traces": [ip(1, tos=32), ip(1, ttl=1), ip(1)]},
]
