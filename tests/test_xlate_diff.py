"""Differential translation tests: the same OpenFlow pipelines and packets
through Debian's ovs-vswitchd and through svs-vswitchd give the same final
datapath actions and the same number of distinct megaflows (issue 5,
must-show 4).

Each implementation runs in its own sandbox (tests/switch_sandbox.py) with
bridge br0 (datapath_type=netdev, fail_mode=secure) and dummy ports p1..p4
on OpenFlow ports 1..4.  For each pipeline of tests/xlate_pipelines.py,
Debian's ovs-ofctl loads the flows and groups into both, and `ofproto/trace`
runs each trace flow.  Compared:
  - what the "Datapath actions:" do: the multiset of (output port name,
    packet as sent: VLAN tags, fields set) they produce, so that the two
    datapaths' different port numbers and the order in which a flood
    visits ports (not part of its meaning) do not matter;
  - the number of distinct "Megaflow:" lines over the pipeline's traces.
"""

import re

import pytest

import switch_sandbox
import xlate_pipelines

pytestmark = [pytest.mark.reference, pytest.mark.root]

OFCTL = "/usr/bin/ovs-ofctl"
N_PORTS = 4


@pytest.fixture(scope="module")
def switches(tmp_path_factory):
    sws = {}
    try:
        for impl in ("ovs", "svs"):
            sw = switch_sandbox.Switch(impl, tmp_path_factory.mktemp(impl))
            sw.start()
            sws[impl] = sw
            sw.add_bridge("br0", n_ports=N_PORTS, fail_mode="secure")
            sw.groups_loaded = False
        yield sws
    finally:
        for sw in sws.values():
            sw.stop()


def port_map(sw):
    """Datapath port number -> port name, from dpif/show."""
    out = sw.appctl("dpif/show").stdout
    ports = {}
    for line in out.splitlines():
        m = re.match(r"\s+(\S+) (\d+)/(\d+):", line)
        if m:
            ports[m.group(3)] = m.group(1)
    return ports


def split_top(s):
    """Splits 's' at commas outside parentheses."""
    parts, depth, cur = [], 0, ""
    for c in s:
        if c == "," and depth == 0:
            parts.append(cur)
            cur = ""
            continue
        depth += c == "("
        depth -= c == ")"
        cur += c
    if cur:
        parts.append(cur)
    return parts


def parse_set(body):
    """'eth(src=a,dst=b)' -> {'eth.src': 'a', ...}, masks dropped (a
    masked set and an unmasked set of the same value agree)."""
    m = re.match(r"(\w+)\((.*)\)$", body)
    if not m:
        return {body: ""}
    out = {}
    for item in split_top(m.group(2)):
        if "=" in item:
            k, v = item.split("=", 1)
            out["%s.%s" % (m.group(1), k)] = v.split("/")[0]
    return out


# Trace-flow fields and the datapath set() keys that hold them.
SET_KEYS = {"dl_src": "eth.src", "dl_dst": "eth.dst", "nw_src": "ipv4.src",
            "nw_dst": "ipv4.dst", "nw_ttl": "ipv4.ttl", "tcp_src": "tcp.src",
            "tcp_dst": "tcp.dst", "udp_src": "udp.src", "udp_dst": "udp.dst"}


def changed(sets, orig):
    """The fields of 'sets' whose value differs from the packet's own."""
    return tuple(sorted((k, v) for k, v in sets if orig.get(k) != v))


def simulate(actions, ports, state=None):
    """The multiset of (port, packet state) the datapath actions produce:
    the meaning of an action list, whatever the order of independent
    outputs.  The state is the VLAN stack and the fields set so far."""
    if state is None:
        state = {"vlans": (), "sets": ()}
    results = []
    if actions in ("drop", ""):
        return results
    for a in split_top(actions):
        if a.isdigit():
            results.append((ports.get(a, "?" + a), state["vlans"],
                            changed(state["sets"], state["orig"])))
            continue
        m = re.match(r"(\w+)\((.*)\)$", a)
        name, body = (m.group(1), m.group(2)) if m else (a, "")
        if name == "push_vlan":
            vid = re.search(r"vid=(\d+)", body)
            pcp = re.search(r"pcp=(\d+)", body)
            tag = (vid.group(1) if vid else "0", pcp.group(1) if pcp else "0")
            state = dict(state, vlans=(tag,) + state["vlans"])
        elif name == "pop_vlan":
            state = dict(state, vlans=state["vlans"][1:])
        elif name in ("set", "set_masked"):
            sets = dict(state["sets"])
            sets.update(parse_set(body))
            state = dict(state, sets=tuple(sorted(sets.items())))
        elif name == "clone":
            results.extend(simulate(body, ports, dict(state)))
        elif name == "userspace":
            results.append(("userspace", state["vlans"],
                            changed(state["sets"], state["orig"])))
        else:
            results.append((a,))
    return results


def normalize_actions(actions, ports, flow):
    """'flow' gives the packet's own VLAN tag, if any."""
    vid = re.search(r"dl_vlan=(\d+)", flow)
    pcp = re.search(r"dl_vlan_pcp=(\d+)", flow)
    vlans = ((vid.group(1), pcp.group(1) if pcp else "0"),) if vid else ()
    orig = {}
    for item in flow.split(","):
        k, _, v = item.partition("=")
        if k in SET_KEYS:
            orig[SET_KEYS[k]] = v
    return sorted(simulate(actions, ports,
                           {"vlans": vlans, "sets": (), "orig": orig}),
                  key=repr)


def trace(sw, flow):
    text = sw.appctl("ofproto/trace", "br0", flow).stdout
    actions = mega = None
    for line in text.splitlines():
        if line.startswith("Datapath actions: "):
            actions = line[len("Datapath actions: "):].strip()
        elif line.startswith("Megaflow: "):
            mega = line[len("Megaflow: "):].strip()
    assert actions is not None and mega is not None, text
    return actions, mega, text


def load(sw, pipeline, tmp_path):
    sw.run(OFCTL, "del-flows", "br0")
    if sw.groups_loaded:
        sw.run(OFCTL, "-O", "OpenFlow13", "del-groups", "br0")
        sw.groups_loaded = False
    for i in range(1, N_PORTS + 1):
        sw.vsctl("clear", "port", "p%d" % i, "tag", "trunks", "vlan_mode")
    for args in pipeline.get("vsctl", []):
        sw.vsctl(*args)
    if pipeline.get("groups"):
        gfile = tmp_path / ("%s-%s.groups" % (sw.impl, pipeline["name"]))
        gfile.write_text("\n".join(pipeline["groups"]) + "\n")
        sw.run(OFCTL, "-O", "OpenFlow13", "add-groups", "br0", str(gfile))
        sw.groups_loaded = True
    if pipeline["flows"]:
        ffile = tmp_path / ("%s-%s.flows" % (sw.impl, pipeline["name"]))
        ffile.write_text("\n".join(pipeline["flows"]) + "\n")
        proto = ["-O", pipeline["protocol"]] if "protocol" in pipeline else []
        sw.run(OFCTL, *proto, "add-flows", "br0", str(ffile))


@pytest.mark.parametrize("pipeline", xlate_pipelines.PIPELINES,
                         ids=[p["name"] for p in xlate_pipelines.PIPELINES])
def test_pipeline(switches, pipeline, tmp_path):
    results = {}
    for impl, sw in switches.items():
        load(sw, pipeline, tmp_path)
        ports = port_map(sw)
        acts, megas, texts = [], set(), []
        for flow in pipeline["traces"]:
            a, m, t = trace(sw, flow)
            acts.append(normalize_actions(a, ports, flow))
            megas.add(m)
            texts.append(t)
        results[impl] = (acts, megas, texts)

    ovs_acts, ovs_megas, ovs_texts = results["ovs"]
    svs_acts, svs_megas, svs_texts = results["svs"]
    for i, flow in enumerate(pipeline["traces"]):
        assert svs_acts[i] == ovs_acts[i], (
            "datapath actions differ for %s\n--- ovs: %s\n%s\n--- svs: %s"
            "\n%s" % (flow, ovs_acts[i], ovs_texts[i], svs_acts[i],
                       svs_texts[i]))
    assert len(svs_megas) == len(ovs_megas), (
        "megaflow counts differ: ovs %d %s, svs %d %s"
        % (len(ovs_megas), sorted(ovs_megas), len(svs_megas),
           sorted(svs_megas)))
