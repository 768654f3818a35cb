"""An os-ken application that tests/test_controller.py runs as a real
third-party OpenFlow controller (osken-manager) for a switch daemon.

What: an L2 learning switch for OpenFlow 1.0 and 1.3 (written for these
tests: table-miss flow to the controller in 1.3, learn source MACs from
packet-ins, install a flow on in_port + eth_dst once the destination is
known and send the packet on with a packet-out), plus a command channel
that lets the test send single OpenFlow requests and see the replies.

Channel: the directory named by $SVS_CONTROLLER_DIR holds "cmds", JSON
objects one a line that the test appends, and "events", JSON objects one
a line that this application appends: every message the switch sends
(features, port descriptions, packet-ins, errors, replies, with their
xids), connection state changes, and for each command {"ev": "sent",
"id": <command id>, "xid": <xid of the request>}.

Commands ("op"): learn {on}, flow_mod {match, actions, max_len,
priority, buffer_id, command}, packet_out {in_port, actions, data, buffer_id},
barrier, echo {data}, role {role, generation_id}, nx_role {role} (Nicira
role request of OpenFlow 1.0), get_async, set_async
{packet_in_mask, port_status_mask, flow_removed_mask}, port_desc,
features.  Matches use OpenFlow 1.3 field names (in_port, eth_dst,
eth_src, eth_type); ports are numbers or names (controller, table,
in_port, flood, all, local, normal, any).

Runs inside osken-manager's eventlet hub; one datapath at a time (the
last one that connected).
"""

import binascii
import json
import os

from os_ken.base import app_manager
from os_ken.controller import ofp_event
from os_ken.controller.handler import (CONFIG_DISPATCHER, DEAD_DISPATCHER,
                                       HANDSHAKE_DISPATCHER, MAIN_DISPATCHER,
                                       set_ev_cls)
from os_ken.lib import hub
from os_ken.lib.packet import ethernet, packet
from os_ken.ofproto import ofproto_v1_0, ofproto_v1_3

ALL_STATES = [HANDSHAKE_DISPATCHER, CONFIG_DISPATCHER, MAIN_DISPATCHER]
NO_BUFFER = 0xffffffff
FIELDS_10 = {"in_port": "in_port", "eth_dst": "dl_dst", "eth_src": "dl_src",
             "eth_type": "dl_type"}


def _hex(data):
    return binascii.hexlify(bytes(data or b"")).decode()


def _port_json(port):
    name = port.name
    if isinstance(name, bytes):
        name = name.rstrip(b"\0").decode()
    return {"port_no": port.port_no, "name": name,
            "hw_addr": port.hw_addr, "config": port.config,
            "state": port.state}


class ControllerApp(app_manager.OSKenApp):
    OFP_VERSIONS = [ofproto_v1_0.OFP_VERSION, ofproto_v1_3.OFP_VERSION]

    def __init__(self, *args, **kwargs):
        super(ControllerApp, self).__init__(*args, **kwargs)
        chan = os.environ["SVS_CONTROLLER_DIR"]
        self.event_log = open(os.path.join(chan, "events"), "a", buffering=1)
        self.cmd_path = os.path.join(chan, "cmds")
        self.dp = None
        self.learn = True
        self.macs = {}
        self.threads.append(hub.spawn(self._cmd_loop))

    def emit(self, ev, **kw):
        kw["ev"] = ev
        self.event_log.write(json.dumps(kw, sort_keys=True) + "\n")

    # Helpers that build messages for either version.

    def _port(self, dp, spec):
        if isinstance(spec, int):
            return spec
        return getattr(dp.ofproto, "OFPP_" + spec.upper())

    def _match(self, dp, fields):
        fields = dict(fields or {})
        if dp.ofproto.OFP_VERSION == ofproto_v1_0.OFP_VERSION:
            fields = dict((FIELDS_10[k], v) for k, v in fields.items())
        if "in_port" in fields:
            fields["in_port"] = self._port(dp, fields["in_port"])
        return dp.ofproto_parser.OFPMatch(**fields)

    def _actions(self, dp, ports, max_len=0xffff):
        parser = dp.ofproto_parser
        return [parser.OFPActionOutput(self._port(dp, p), max_len)
                for p in ports]

    def _flow_mod(self, dp, match, actions, priority, buffer_id=NO_BUFFER,
                  command="add"):
        ofp, parser = dp.ofproto, dp.ofproto_parser
        cmd = getattr(ofp, "OFPFC_" + command.upper())
        if ofp.OFP_VERSION == ofproto_v1_0.OFP_VERSION:
            return parser.OFPFlowMod(dp, match=match, cookie=0, command=cmd,
                                     idle_timeout=0, hard_timeout=0,
                                     priority=priority, buffer_id=buffer_id,
                                     out_port=ofp.OFPP_NONE, flags=0,
                                     actions=actions)
        inst = [parser.OFPInstructionActions(ofp.OFPIT_APPLY_ACTIONS,
                                             actions)]
        return parser.OFPFlowMod(dp, priority=priority, match=match,
                                 command=cmd, buffer_id=buffer_id,
                                 out_port=ofp.OFPP_ANY,
                                 out_group=ofp.OFPG_ANY, instructions=inst)

    def _send(self, cmd, msg):
        self.dp.send_msg(msg)
        self.emit("sent", id=cmd.get("id"), xid=msg.xid)

    # Connection.

    @set_ev_cls(ofp_event.EventOFPSwitchFeatures, ALL_STATES)
    def features_handler(self, ev):
        msg = ev.msg
        dp = msg.datapath
        info = {"xid": msg.xid, "version": dp.ofproto.OFP_VERSION,
                "datapath_id": msg.datapath_id, "n_buffers": msg.n_buffers,
                "n_tables": msg.n_tables, "capabilities": msg.capabilities}
        if dp.ofproto.OFP_VERSION == ofproto_v1_0.OFP_VERSION:
            info["ports"] = sorted((_port_json(p)
                                    for p in msg.ports.values()),
                                   key=lambda p: p["port_no"])
            info["actions"] = msg.actions
        else:
            info["auxiliary_id"] = msg.auxiliary_id
        self.emit("features", **info)
        if dp.ofproto.OFP_VERSION == ofproto_v1_3.OFP_VERSION \
                and ev.msg.datapath.state == CONFIG_DISPATCHER:
            # The table-miss flow: everything else to the controller.
            parser = dp.ofproto_parser
            out = parser.OFPActionOutput(dp.ofproto.OFPP_CONTROLLER,
                                         dp.ofproto.OFPCML_NO_BUFFER)
            dp.send_msg(self._flow_mod(dp, parser.OFPMatch(), [out], 0))

    @set_ev_cls(ofp_event.EventOFPStateChange,
                [MAIN_DISPATCHER, DEAD_DISPATCHER])
    def state_handler(self, ev):
        dp = ev.datapath
        if ev.state == MAIN_DISPATCHER:
            self.dp = dp
            self.macs = {}
            ports = sorted((_port_json(p) for p in dp.ports.values()),
                           key=lambda p: p["port_no"])
            self.emit("connected", version=dp.ofproto.OFP_VERSION,
                      dpid=dp.id, ports=ports)
        elif dp is self.dp:
            self.dp = None
            self.emit("disconnected")

    # Asynchronous messages and replies.

    @set_ev_cls(ofp_event.EventOFPPacketIn, MAIN_DISPATCHER)
    def packet_in_handler(self, ev):
        msg = ev.msg
        dp = msg.datapath
        ofp, parser = dp.ofproto, dp.ofproto_parser
        info = {"buffer_id": msg.buffer_id, "total_len": msg.total_len,
                "reason": msg.reason, "data": _hex(msg.data)}
        if ofp.OFP_VERSION == ofproto_v1_0.OFP_VERSION:
            in_port = msg.in_port
        else:
            in_port = msg.match["in_port"]
            info.update(table_id=msg.table_id, cookie=msg.cookie,
                        match=sorted(msg.match.to_jsondict()["OFPMatch"]
                                     ["oxm_fields"],
                                     key=lambda f: f["OXMTlv"]["field"]))
        info["in_port"] = in_port
        self.emit("packet_in", **info)
        if not self.learn:
            return

        eth = packet.Packet(msg.data).get_protocols(ethernet.ethernet)[0]
        self.macs[eth.src] = in_port
        out_port = self.macs.get(eth.dst, ofp.OFPP_FLOOD)
        actions = [parser.OFPActionOutput(out_port)]
        if out_port != ofp.OFPP_FLOOD:
            match = self._match(dp, {"in_port": in_port,
                                     "eth_dst": eth.dst})
            dp.send_msg(self._flow_mod(dp, match, actions, 1,
                                       msg.buffer_id))
            if msg.buffer_id != NO_BUFFER:
                return
        data = msg.data if msg.buffer_id == NO_BUFFER else None
        dp.send_msg(parser.OFPPacketOut(dp, buffer_id=msg.buffer_id,
                                        in_port=in_port, actions=actions,
                                        data=data))

    @set_ev_cls(ofp_event.EventOFPErrorMsg, ALL_STATES)
    def error_handler(self, ev):
        msg = ev.msg
        self.emit("error", xid=msg.xid, type=msg.type, code=msg.code,
                  data=_hex(msg.data))

    @set_ev_cls(ofp_event.EventOFPBarrierReply, MAIN_DISPATCHER)
    def barrier_handler(self, ev):
        self.emit("barrier_reply", xid=ev.msg.xid)

    @set_ev_cls(ofp_event.EventOFPEchoReply, ALL_STATES)
    def echo_handler(self, ev):
        self.emit("echo_reply", xid=ev.msg.xid, data=_hex(ev.msg.data))

    @set_ev_cls(ofp_event.EventOFPRoleReply, MAIN_DISPATCHER)
    def role_handler(self, ev):
        self.emit("role_reply", xid=ev.msg.xid, role=ev.msg.role,
                  generation_id=ev.msg.generation_id)

    @set_ev_cls(ofp_event.EventOFPVendor, MAIN_DISPATCHER)
    def vendor_handler(self, ev):
        body = ev.msg.data
        self.emit("vendor", xid=ev.msg.xid,
                  subtype=getattr(body, "subtype", None),
                  role=getattr(body, "role", None))

    @set_ev_cls(ofp_event.EventOFPGetAsyncReply, MAIN_DISPATCHER)
    def async_handler(self, ev):
        msg = ev.msg
        self.emit("get_async_reply", xid=msg.xid,
                  packet_in_mask=msg.packet_in_mask,
                  port_status_mask=msg.port_status_mask,
                  flow_removed_mask=msg.flow_removed_mask)

    @set_ev_cls(ofp_event.EventOFPPortDescStatsReply, MAIN_DISPATCHER)
    def port_desc_handler(self, ev):
        self.emit("port_desc_reply", xid=ev.msg.xid, flags=ev.msg.flags,
                  ports=[_port_json(p) for p in ev.msg.body])

    @set_ev_cls(ofp_event.EventOFPPortStatus, MAIN_DISPATCHER)
    def port_status_handler(self, ev):
        self.emit("port_status", reason=ev.msg.reason,
                  port=_port_json(ev.msg.desc))

    # Commands from the test.

    def _cmd_loop(self):
        pos = 0
        while True:
            try:
                with open(self.cmd_path) as f:
                    f.seek(pos)
                    text = f.read()
            except FileNotFoundError:
                text = ""
            while "\n" in text:
                line, text = text.split("\n", 1)
                pos += len(line) + 1
                cmd = json.loads(line)
                try:
                    if self.dp is None:
                        raise RuntimeError("no switch connected")
                    getattr(self, "_op_" + cmd["op"])(self.dp, cmd)
                except Exception as e:
                    self.emit("cmd_error", id=cmd.get("id"), error=repr(e))
            hub.sleep(0.02)

    def _op_learn(self, dp, cmd):
        self.learn = cmd["on"]
        self.macs = {}
        self.emit("sent", id=cmd.get("id"), xid=None)

    def _op_flow_mod(self, dp, cmd):
        self._send(cmd, self._flow_mod(
            dp, self._match(dp, cmd.get("match")),
            self._actions(dp, cmd.get("actions", []),
                          cmd.get("max_len", 0xffff)),
            cmd.get("priority", 1), cmd.get("buffer_id", NO_BUFFER),
            cmd.get("command", "add")))

    def _op_packet_out(self, dp, cmd):
        data = binascii.unhexlify(cmd["data"]) if "data" in cmd else None
        self._send(cmd, dp.ofproto_parser.OFPPacketOut(
            dp, buffer_id=cmd.get("buffer_id", NO_BUFFER),
            in_port=self._port(dp, cmd.get("in_port", "controller")),
            actions=self._actions(dp, cmd.get("actions", [])), data=data))

    def _op_barrier(self, dp, cmd):
        self._send(cmd, dp.ofproto_parser.OFPBarrierRequest(dp))

    def _op_echo(self, dp, cmd):
        self._send(cmd, dp.ofproto_parser.OFPEchoRequest(
            dp, data=binascii.unhexlify(cmd.get("data", ""))))

    def _op_role(self, dp, cmd):
        role = getattr(dp.ofproto, "OFPCR_ROLE_" + cmd["role"].upper())
        self._send(cmd, dp.ofproto_parser.OFPRoleRequest(
            dp, role, cmd.get("generation_id", 0)))

    def _op_nx_role(self, dp, cmd):
        role = {"other": 0, "master": 1, "slave": 2}[cmd["role"]]
        self._send(cmd, dp.ofproto_parser.NXTRoleRequest(dp, role))

    def _op_get_async(self, dp, cmd):
        self._send(cmd, dp.ofproto_parser.OFPGetAsyncRequest(dp))

    def _op_set_async(self, dp, cmd):
        self._send(cmd, dp.ofproto_parser.OFPSetAsync(
            dp, cmd["packet_in_mask"], cmd["port_status_mask"],
            cmd["flow_removed_mask"]))

    def _op_port_desc(self, dp, cmd):
        self._send(cmd, dp.ofproto_parser.OFPPortDescStatsRequest(dp, 0))

    def _op_features(self, dp, cmd):
        self._send(cmd, dp.ofproto_parser.OFPFeaturesRequest(dp))
