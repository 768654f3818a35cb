"""Differential translation tests: the same OpenFlow pipelines and packets
through Debian's ovs-vswitchd and through svs-vswitchd give the same final
datapath actions and the same number of distinct megaflows (issue 5,
must-show 4).

Each implementation runs in its own sandbox (tests/switch_sandbox.py) with
bridge br0 (datapath_type=netdev, fail_mode=secure) and dummy ports p1..p4
on OpenFlow ports 1..4.  For each pipeline of tests/xlate_pipelines.py,
Debian's ovs-ofctl loads the flows and groups into both, and `ofproto/trace`
runs each trace flow.  Compared:
  - the "Datapath actions:" line, with datapath port numbers replaced by
    port names (the two datapaths number ports differently) and runs of
    consecutive outputs of the same packet compared as sets (the order in
    which a flood visits ports is not part of its meaning);
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


def normalize_actions(actions, ports):
    """Port numbers to names; runs of outputs as sorted groups."""
    if actions == "drop":
        return ["drop"]
    out, run = [], []
    for a in split_top(actions):
        if a.isdigit():
            run.append(ports.get(a, "?" + a))
            continue
        if run:
            out.append(tuple(sorted(run)))
            run = []
        m = re.match(r"(clone)\((.*)\)$", a)
        if m:
            out.append(("clone", tuple(normalize_actions(m.group(2),
                                                         ports))))
        else:
            out.append(a)
    if run:
        out.append(tuple(sorted(run)))
    return out


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
    sw.run(OFCTL, "-O", "OpenFlow13", "del-groups", "br0")
    for i in range(1, N_PORTS + 1):
        sw.vsctl("clear", "port", "p%d" % i, "tag", "trunks", "vlan_mode")
    for args in pipeline.get("vsctl", []):
        sw.vsctl(*args)
    if pipeline.get("groups"):
        gfile = tmp_path / ("%s-%s.groups" % (sw.impl, pipeline["name"]))
        gfile.write_text("\n".join(pipeline["groups"]) + "\n")
        sw.run(OFCTL, "-O", "OpenFlow13", "add-groups", "br0", str(gfile))
    if pipeline["flows"]:
        ffile = tmp_path / ("%s-%s.flows" % (sw.impl, pipeline["name"]))
        ffile.write_text("\n".join(pipeline["flows"]) + "\n")
        sw.run(OFCTL, "-O", "OpenFlow13", "add-flows", "br0", str(ffile))


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
            acts.append(normalize_actions(a, ports))
            megas.add(m)
            texts.append(t)
        results[impl] = (acts, megas, texts)

    ovs_acts, ovs_megas, ovs_texts = results["ovs"]
    svs_acts, svs_megas, svs_texts = results["svs"]
    for i, flow in enumerate(pipeline["traces"]):
        assert svs_acts[i] == ovs_acts[i], (
            "datapath actions differ for %s\n--- ovs:\n%s\n--- svs:\n%s"
            % (flow, ovs_texts[i], svs_texts[i]))
    assert len(svs_megas) == len(ovs_megas), (
        "megaflow counts differ: ovs %d %s, svs %d %s"
        % (len(ovs_megas), sorted(ovs_megas), len(svs_megas),
           sorted(svs_megas)))
