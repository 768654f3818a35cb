"""Tests of lib/table (output formatting) through tests/test-table.

Debian's ovsdb-client is the oracle: a sandboxed ovsdb-server holds awkward
data (empty sets and maps, strings that need quoting, control characters,
non-ASCII text, long values, reals), ovsdb-client prints it in every
output style, and test-table must print the same bytes from the same
tables, taken from ovsdb-client's own --format=json output plus the column
types from the schema.
"""

import json
import os
import subprocess
import time

import pytest

import sandbox
from conftest import program

OVSDB_CLIENT = "/usr/bin/ovsdb-client"

pytestmark = pytest.mark.reference

# A schema with one column of each interesting kind of type.
SCHEMA = {
    "name": "T",
    "version": "1.2.3",
    "tables": {
        "A": {
            "isRoot": True,
            "columns": {
                "i": {"type": "integer"},
                "r": {"type": "real"},
                "b": {"type": "boolean"},
                "s": {"type": "string"},
                "u": {"type": "uuid"},
                "oi": {"type": {"key": "integer", "min": 0, "max": 1}},
                "si": {"type": {"key": "integer", "min": 0,
                                "max": "unlimited"}},
                "sr": {"type": {"key": "real", "min": 0,
                                "max": "unlimited"}},
                "ss": {"type": {"key": "string", "min": 0,
                                "max": "unlimited"}},
                "m": {"type": {"key": "string", "value": "string", "min": 0,
                               "max": "unlimited"}},
                "mir": {"type": {"key": "integer", "value": "real",
                                 "min": 0, "max": "unlimited"}},
                "ref": {"type": {"key": {"type": "uuid", "refTable": "B"},
                                 "min": 0, "max": "unlimited"}},
                "e": {"type": {"key": {"type": "string",
                                       "enum": ["set", ["x", "y"]]}}},
            },
        },
        "B": {
            "isRoot": True,
            "columns": {
                "name": {"type": "string"},
                "n": {"type": "integer"},
                "a_rather_long_column_name": {
                    "type": {"key": "string", "min": 0, "max": 1}},
            },
        },
        "Empty": {"isRoot": True, "columns": {"x": {"type": "integer"}}},
    },
}

AWKWARD_STRINGS = [
    "with space", "b1", "", "123", "-1.5", "true", "false", "[]", "{}",
    "a\"q\\b", "x,y", "k=v", "\u00e9\u2603", "line1\nline2", "a\rb",
    "tab\there", "ctl\u0001\u001f\u007f", "<html>&amp;'", " lead",
    "trail ", "trail  \n ", "x" * 300, "@name",
    "01234567-89ab-cdef-0123-456789abcdef",
    "see 01234567-89AB-CDEF-0123-456789ABCDEF here",
]

DATA = [
    {"op": "insert", "table": "B", "uuid-name": "b1",
     "row": {"name": "b1", "n": 1}},
    {"op": "insert", "table": "B", "uuid-name": "b2",
     "row": {"name": "with space", "n": -5,
             "a_rather_long_column_name": "set"}},
    {"op": "insert", "table": "A", "row": {
        "i": 42, "r": 3.5, "b": True, "s": "hello",
        "u": ["uuid", "01234567-89ab-cdef-0123-456789abcdef"],
        "oi": ["set", [7]], "si": ["set", [3, 1, 2]],
        "sr": ["set", [0.1, 1e100, -2.5, 1e20, 1.0, 123456789.125, 1e-7,
                       2.0 ** 0.5]],
        "ss": ["set", AWKWARD_STRINGS],
        "m": ["map", [["k", "v"], ["key with space", "val=ue"],
                      ["", "empty"], ["n", "1"], ["\u00e9", "a,b"]]],
        "mir": ["map", [[1, 1.5], [2, 2], [-3, 0.001]]],
        "ref": ["set", [["named-uuid", "b1"], ["named-uuid", "b2"]]],
        "e": "y"}},
    {"op": "insert", "table": "A", "row": {
        "i": -1, "r": 0, "e": "x", "s": "line1\nline2\ttab<html>&amp;",
        "ss": "only"}},
    {"op": "insert", "table": "A", "row": {"e": "x", "s": "x" * 300}},
] + [
    {"op": "insert", "table": "B", "row": {"name": s, "n": 100 + i}}
    for i, s in enumerate(AWKWARD_STRINGS)
]

# Output styles, as command-line options shared by ovsdb-client and
# test-table.
STYLES = [
    [], ["-f", "list"], ["-f", "html"], ["-f", "csv"], ["-f", "json"],
    ["--format=table", "--data=bare"], ["-d", "json"], ["--no-headings"],
    ["-f", "list", "--no-headings"], ["-f", "csv", "--no-headings"],
    ["-f", "html", "--no-headings"], ["-f", "list", "-d", "bare"],
    ["-f", "list", "-d", "json"], ["-f", "html", "-d", "json"],
    ["-f", "html", "-d", "bare"], ["-f", "csv", "-d", "json"],
    ["-f", "csv", "-d", "bare"], ["-f", "json", "-d", "bare"],
    ["-f", "json", "--pretty"], ["-f", "json", "--no-headings"],
    ["--bare"], ["--max-column-width=5"],
    ["--max-column-width=3", "--no-headings"], ["--max-column-width=0"],
    ["--pretty"],
]


def style_id(style):
    return " ".join(style) or "default"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmpdir = tmp_path_factory.mktemp("table")
    schema = os.path.join(str(tmpdir), "t.ovsschema")
    with open(schema, "w") as f:
        json.dump(SCHEMA, f)
    factory = sandbox.ServerFactory(tmpdir, default_impl="ovs")
    try:
        srv = factory(schemas=[schema])
        result = srv.transact("T", *DATA)
        assert all("error" not in r for r in result), result
        yield srv
    finally:
        factory.close()


def built_program(relpath):
    """Returns the binary of program 'relpath' (e.g. "tests/test-table")
    itself rather than its libtool wrapper script, which costs a shell
    start-up on every run; use it with fast_env().  Falls back to
    conftest's program() when there is no separate binary."""
    from conftest import BUILDDIR
    path = program(relpath)
    with open(path, "rb") as f:
        if f.read(2) != b"#!":
            # Linked without a wrapper (-no-install): a .libs/ copy would
            # be a stale one from an older build.
            return path
    binary = os.path.join(BUILDDIR, os.path.dirname(relpath), ".libs",
                          os.path.basename(relpath))
    if os.access(binary, os.X_OK) and os.path.isdir(
            os.path.join(BUILDDIR, "lib", ".libs")):
        return binary
    return program(relpath)


def fast_env(env=None):
    """Returns a copy of 'env' (default: os.environ) that lets the
    binaries of built_program() find the build tree's libsvs."""
    from conftest import BUILDDIR
    env = dict(os.environ if env is None else env)
    libdir = os.path.join(BUILDDIR, "lib", ".libs")
    env["LD_LIBRARY_PATH"] = ":".join(
        p for p in (libdir, env.get("LD_LIBRARY_PATH")) if p)
    return env


def ovsdb_client(srv, *args):
    proc = subprocess.run([OVSDB_CLIENT] + list(args), capture_output=True,
                          timeout=30, env=srv.env)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def run_test_table(*args, stdin=None):
    """Runs test-table with 'args' and returns its stdout (bytes)."""
    proc = subprocess.run([built_program("tests/test-table")] + list(args),
                          capture_output=True, timeout=30, input=stdin,
                          env=fast_env())
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def column_type(table_schema, heading):
    if heading in ("_uuid", "_version"):
        return "uuid"
    if heading in ("row", "action"):
        return None
    return table_schema["columns"][heading]["type"]


def spec_file(tmp_path, json_lines, table_names):
    """Writes test-table input made from ovsdb-client --format=json output
    'json_lines' (bytes) for tables 'table_names' (one per line, or a
    single name for all) and returns its name."""
    specs = []
    lines = [l for l in json_lines.decode().split("\n") if l]
    for i, line in enumerate(lines):
        spec = json.loads(line)
        name = (table_names if isinstance(table_names, str)
                else table_names[i])
        ts = SCHEMA["tables"][name]
        spec["types"] = [column_type(ts, h) for h in spec["headings"]]
        specs.append(spec)
    path = os.path.join(str(tmp_path), "spec.json")
    with open(path, "w") as f:
        json.dump(specs, f)
    return path


def dump_spec(srv, tmp_path):
    lines = ovsdb_client(srv, "-f", "json", "dump", srv.remote, "T")
    names = [json.loads(l)["caption"].split()[0]
             for l in lines.decode().split("\n") if l]
    return spec_file(tmp_path, lines, names)


@pytest.mark.parametrize("style", STYLES, ids=style_id)
def test_table_dump_styles(server, tmp_path, style):
    spec = dump_spec(server, tmp_path)
    expected = ovsdb_client(server, *(style + ["dump", server.remote, "T"]))
    assert run_test_table(*(style + [spec])) == expected


def test_table_dump_vswitch(tmp_path):
    """The vswitch schema, filled by ovs-vsctl, in the common styles."""
    factory = sandbox.ServerFactory(tmp_path, default_impl="ovs")
    try:
        srv = factory(schemas=["/usr/share/openvswitch/vswitch.ovsschema"])
        vsctl = ["ovs-vsctl", "--db=" + srv.remote, "--no-wait"]
        for cmd in (["init"],
                    ["add-br", "br0", "--", "set", "bridge", "br0",
                     "other_config:foo=bar",
                     'external_ids:"needs quote"="a b,c"'],
                    ["add-port", "br0", "p1", "--", "set", "interface",
                     "p1", "type=internal", "options:x=1"],
                    ["set", "open", ".", "external_ids:u=h\u00e9llo"]):
            subprocess.run(vsctl + cmd, check=True, env=srv.env,
                           capture_output=True, timeout=30)
        lines = ovsdb_client(srv, "-f", "json", "dump", srv.remote)
        schema = json.loads(ovsdb_client(srv, "get-schema", srv.remote))
        specs = []
        for line in lines.decode().split("\n"):
            if not line:
                continue
            spec = json.loads(line)
            ts = schema["tables"][spec["caption"].split()[0]]
            spec["types"] = [column_type(ts, h) for h in spec["headings"]]
            specs.append(spec)
        path = os.path.join(str(tmp_path), "vs.json")
        with open(path, "w") as f:
            json.dump(specs, f)
        for style in ([], ["-f", "list"], ["-f", "csv"], ["-f", "html"],
                      ["--bare"], ["-f", "json", "--pretty"]):
            expected = ovsdb_client(srv, *(style + ["dump", srv.remote]))
            assert run_test_table(*(style + [path])) == expected, style
    finally:
        factory.close()


def test_table_untyped_json_cells(server, tmp_path):
    """list-columns prints column types as plain JSON cells."""
    for style in ([], ["-d", "bare"], ["-f", "csv"], ["-f", "json"],
                  ["-f", "html"]):
        lines = ovsdb_client(server, "-f", "json", "list-columns",
                             server.remote, "T", "A")
        spec = json.loads(lines)
        spec["types"] = [None, "json"]
        path = os.path.join(str(tmp_path), "lc.json")
        with open(path, "w") as f:
            json.dump(spec, f)
        expected = ovsdb_client(server, *(style + [
            "list-columns", server.remote, "T", "A"]))
        assert run_test_table(*(style + [path])) == expected, style


def wait_for(predicate, timeout=20):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_table_monitor_styles(server, tmp_path):
    """Monitor updates: row and action text cells, empty cells in "old"
    rows, tables printed one after another with separators."""
    styles = [[], ["-f", "list"], ["-f", "csv"], ["-f", "html"],
              ["-d", "json"], ["-f", "list", "--no-headings"]]
    procs = []
    outputs = []
    try:
        for i, style in enumerate([["-f", "json"]] + styles):
            path = os.path.join(str(tmp_path), "mon%d.out" % i)
            outputs.append(path)
            with open(path, "wb") as f:
                procs.append(subprocess.Popen(
                    [OVSDB_CLIENT] + style + ["monitor", server.remote, "T",
                                              "B"],
                    stdout=f, stderr=subprocess.DEVNULL, env=server.env))

        def n_lines(path):
            with open(path, "rb") as f:
                return f.read().count(b"\n")

        # The initial contents first, so that no change is missed.
        for path in outputs:
            wait_for(lambda: n_lines(path) > 0)
        server.transact("T", {"op": "insert", "table": "B",
                              "row": {"name": "new", "n": 3}})
        server.transact("T", {"op": "update", "table": "B",
                              "where": [["name", "==", "new"]],
                              "row": {"n": 4,
                                      "a_rather_long_column_name": "x"}})
        server.transact("T", {"op": "delete", "table": "B",
                              "where": [["name", "==", "new"]]})
        wait_for(lambda: n_lines(outputs[0]) >= 4)
        time.sleep(0.3)
    finally:
        for p in procs:
            p.terminate()
            p.wait()

    with open(outputs[0], "rb") as f:
        spec = spec_file(tmp_path, f.read(), "B")
    for style, path in zip(styles, outputs[1:]):
        with open(path, "rb") as f:
            expected = f.read()
        assert run_test_table(*(style + [spec])) == expected, style


def test_table_json_layout(server, tmp_path):
    """table_json_to_string() against ovsdb-client's transact output,
    compact and pretty (empty objects and arrays included)."""
    txn = json.dumps(["T",
                      {"op": "select", "table": "A", "where": []},
                      {"op": "comment", "comment": "x"},
                      {"op": "select", "table": "Empty", "where": []},
                      {"op": "insert", "table": "B",
                       "row": {"name": 5}}])
    compact = ovsdb_client(server, "transact", server.remote, txn)
    pretty = ovsdb_client(server, "--pretty", "transact", server.remote,
                          txn)
    path = os.path.join(str(tmp_path), "t.json")
    with open(path, "wb") as f:
        f.write(compact)
    assert run_test_table("--json", path) == compact
    assert run_test_table("--pretty", "--json", path) == pretty


def test_table_timestamp(tmp_path):
    spec = {"caption": "B", "headings": ["n", "name"],
            "types": ["integer", "string"], "data": [[1, "x y"]]}
    path = os.path.join(str(tmp_path), "ts.json")
    with open(path, "w") as f:
        json.dump([spec, spec], f)
    ts = "--timestamp=1700000000123"
    line = "2023-11-14 22:13:20.123\n"
    assert run_test_table(ts, path).decode() == (
        line + "B\nn name\n- -----\n1 \"x y\"\n\n"
        + line + "B\nn name\n- -----\n1 \"x y\"\n")
    assert run_test_table(ts, "-f", "list", path).decode() == (
        line + "B\nn                   : 1\nname                : \"x y\"\n\n"
        + line + "B\nn                   : 1\nname                : \"x y\"\n")
    assert run_test_table(ts, "-f", "csv", path).decode() == (
        line + "B\nn,name\n1,\"\"\"x y\"\"\"\n\n"
        + line + "B\nn,name\n1,\"\"\"x y\"\"\"\n")
    assert run_test_table(ts, "-f", "html", path).decode().startswith(
        line + "<table border=1>\n    <caption>B</caption>\n")
    out = run_test_table(ts, "-f", "json", path).decode().split("\n")
    assert json.loads(out[0])["time"] == line.strip()
    assert out[0].endswith('"time":"2023-11-14 22:13:20.123"}')


def test_table_empty_and_odd_tables(tmp_path):
    specs = [
        {"headings": ["a", "b"], "data": []},
        {"caption": "c<&>\"", "headings": ["_uuid", "x"],
         "data": [["short", None], [None, ""]]},
        {"headings": ["a_heading_longer_than_twenty", "b"],
         "data": [["1", "2"]]},
    ]
    path = os.path.join(str(tmp_path), "odd.json")
    with open(path, "w") as f:
        json.dump(specs, f)
    assert run_test_table(path).decode() == (
        "a b\n- -\n"
        "\nc<&>\"\n_uuid x\n----- -\nshort\n\n"
        "\na_heading_longer_than_twenty b\n"
        "---------------------------- -\n"
        "1                            2\n")
    assert run_test_table("-f", "list", path).decode() == (
        "\nc<&>\"\n_uuid               : short\nx                   : \n\n"
        "_uuid               : \nx                   : \n"
        "\na_heading_longer_than_twenty: 1\nb                   : 2\n")
    html = run_test_table("-f", "html", path).decode()
    assert "<caption>c&lt;&amp;&gt;&quot;</caption>" in html
    assert '<td><a name="short">short</a></td>' in html
    assert '<td><a name=""></a></td>' in html
    out = run_test_table("-f", "json", path).decode().split("\n")
    assert json.loads(out[1])["data"] == [["short", None], [None, ""]]


def test_table_option_errors(tmp_path):
    for args, msg in ((["-f", "xyz"], 'unknown output format "xyz"'),
                      (["--format=TABLE"], 'unknown output format "TABLE"'),
                      (["-d", "xyz"], 'unknown data format "xyz"')):
        proc = subprocess.run([built_program("tests/test-table")] + args
                              + ["x"], capture_output=True, text=True,
                              timeout=30, env=fast_env())
        assert proc.returncode == 1
        assert proc.stderr == "test-table: %s\n" % msg
