"""Checks of schemas/vswitch.ovsschema, our schema of database
"Open_vSwitch": it must be semantically identical to Open vSwitch's schema
of the same version (same tables, columns, types, constraints, flags,
indexes, maxRows), which real clients rely on, while being laid out our own
way, with a correct "cksum".
"""

import json
import os
import subprocess

import pytest

import sandbox

DEBIAN_SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema"


def _load(path):
    with open(path) as f:
        return json.load(f)


def _norm_base(base):
    """Canonical form of an <atomic-type> or <base-type>."""
    if isinstance(base, str):
        base = {"type": base}
    out = dict(base)
    if "enum" in out:
        enum = out["enum"]
        if isinstance(enum, list) and len(enum) == 2 and enum[0] == "set":
            values = enum[1]
        else:
            values = [enum]
        out["enum"] = sorted(values, key=json.dumps)
    if out.get("refTable") is not None:
        out.setdefault("refType", "strong")
    return out


def _norm_type(t):
    if isinstance(t, str):
        t = {"key": t}
    out = {"key": _norm_base(t["key"]),
           "min": t.get("min", 1), "max": t.get("max", 1)}
    if "value" in t:
        out["value"] = _norm_base(t["value"])
    return out


def normalize_schema(schema):
    """Returns the meaning of 'schema' (parsed JSON) in a canonical form:
    defaults made explicit, sets sorted, cksum and layout dropped."""
    any_root = any("isRoot" in t for t in schema["tables"].values())
    tables = {}
    for name, t in schema["tables"].items():
        columns = {}
        for cname, c in t["columns"].items():
            columns[cname] = {"type": _norm_type(c["type"]),
                              "ephemeral": bool(c.get("ephemeral", False)),
                              "mutable": bool(c.get("mutable", True))}
        tables[name] = {
            "columns": columns,
            "isRoot": bool(t.get("isRoot", not any_root)),
            "maxRows": t.get("maxRows"),
            "indexes": sorted(sorted(i) for i in t.get("indexes", []))}
    return {"name": schema["name"], "version": schema["version"],
            "tables": tables}


def _ovs_python_form(path):
    """The schema as the python IDL (python3-openvswitch) understands it."""
    import ovs.db.schema
    schema = ovs.db.schema.DbSchema.from_json(_load(path))
    out = schema.to_json()
    out.pop("cksum", None)
    return out


def _first_difference(a, b, path=""):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return "%s/%s: only in %s" % (path, k,
                                              "ours" if k in a else "theirs")
            d = _first_difference(a[k], b[k], "%s/%s" % (path, k))
            if d:
                return d
        return None
    if a != b:
        return "%s: ours %s, theirs %s" % (path, json.dumps(a),
                                           json.dumps(b))
    return None


def test_vswitch_schema_equals_ovs_schema():
    ours = _load(sandbox.VSWITCH_SCHEMA)
    theirs = _load(DEBIAN_SCHEMA)
    assert ours["name"] == "Open_vSwitch"
    assert ours["version"] == theirs["version"]
    a, b = normalize_schema(ours), normalize_schema(theirs)
    assert a == b, _first_difference(a, b)
    assert sorted(a["tables"]) == sorted([
        "Open_vSwitch", "Bridge", "Port", "Interface", "Flow_Table", "QoS",
        "Queue", "Mirror", "NetFlow", "sFlow", "IPFIX",
        "Flow_Sample_Collector_Set", "Controller", "Manager", "Datapath",
        "CT_Zone", "CT_Timeout_Policy", "SSL", "AutoAttach"])


def test_vswitch_schema_equals_ovs_schema_for_python_idl():
    """The python IDL's own parser sees the two schemas alike."""
    assert _ovs_python_form(sandbox.VSWITCH_SCHEMA) == \
        _ovs_python_form(DEBIAN_SCHEMA)


def test_vswitch_schema_cksum_current():
    with open(sandbox.VSWITCH_SCHEMA, "rb") as f:
        lines = f.read().split(b"\n")
    body = b"\n".join(line for line in lines if b"cksum" not in line)
    proc = subprocess.run(["cksum"], input=body, capture_output=True,
                          check=True)
    computed = " ".join(proc.stdout.decode().split()[:2])
    stored = _load(sandbox.VSWITCH_SCHEMA)["cksum"]
    assert stored == computed, (
        "stale cksum: run  sed '/\"cksum\"/d' schemas/vswitch.ovsschema | "
        "cksum  and store the result (see schemas/automake.mk)")


def test_vswitch_schema_layout_is_ours():
    """Tables and columns appear in alphabetical order, one way our layout
    differs from the upstream file."""
    ours = _load(sandbox.VSWITCH_SCHEMA)
    names = list(ours["tables"])
    assert names == sorted(names)
    for t in ours["tables"].values():
        assert list(t["columns"]) == sorted(t["columns"])
        assert "isRoot" in t


@pytest.mark.parametrize("tool", ["/usr/bin/ovsdb-tool"])
def test_vswitch_schema_accepted_by_ovsdb_tool(tool, tmp_path):
    db = str(tmp_path / "conf.db")
    subprocess.run([tool, "create", db, sandbox.VSWITCH_SCHEMA], check=True)
    out = subprocess.run([tool, "schema-version", sandbox.VSWITCH_SCHEMA],
                         check=True, capture_output=True, text=True).stdout
    assert out.strip() == _load(DEBIAN_SCHEMA)["version"]
    assert os.path.getsize(db) > 0
