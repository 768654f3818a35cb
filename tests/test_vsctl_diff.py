"""Differential suite of svs-vsctl (issue 3): for the same database state,
svs-vsctl must print exactly what Debian's ovs-vsctl prints.

Both programs read the same running server, so UUIDs are the same and the
outputs are compared byte for byte: stdout, stderr (program name
normalised) and the exit status, including the order in which list and
find print records (it comes from ovs-vsctl's hash tables; lib/db-idl.c
reproduces it, and test_record_order checks it on 200 ports and 40
bridges, where another order cannot match by chance).  The state
(vsctl_util.RICH_STATE) has
several bridges, fake bridges with VLAN parents, a bond, tunnels, maps and
sets of every kind, controllers, managers, SSL, QoS and Queues, a mirror,
NetFlow, sFlow, IPFIX, a flow table and strings that need quoting, so map,
set, reference, empty and UUID formatting are all exercised.

The read-only commands (show, list, find, get, list-br, list-ports,
list-ifaces and a few other queries) run in every output format
(--format=table|list|json|csv|html|bare, --bare, --no-headings, --pretty,
--columns, --oneline, --data=..., --max-column-width).  Every command runs
alone in the default format (table commands also with --columns) on
svsdb-server; every format runs on three invocations that chain all the
commands with "--" (the table commands, the same with --columns, the other
queries), on svsdb-server and on Debian's ovsdb-server.  Separate
invocations per format and command would make `make check` several times
slower on these machines for little more coverage.

Until utilities/svs-vsctl is built, every case still runs ovs-vsctl (and
checks that it answered) and then skips the comparison, saying why.
"""

import pytest

import sandbox
import vsctl_util as vu

# Read-only commands: (id, argv, columns for the --columns variant or
# None when the command prints no table).
TABLE_COMMANDS = [
    ("list-Open_vSwitch", ["list", "Open_vSwitch"],
     "bridges,external_ids,other_config,ssl"),
    ("list-Bridge", ["list", "Bridge"],
     "name,ports,external_ids,protocols"),
    ("list-Port", ["list", "Port"], "name,tag,trunks,interfaces,qos"),
    ("list-Interface", ["list", "Interface"], "name,type,options"),
    ("list-Controller", ["list", "Controller"], "target,max_backoff"),
    ("list-Manager", ["list", "Manager"], "target,other_config"),
    ("list-SSL", ["list", "SSL"], "private_key,ca_cert"),
    ("list-QoS", ["list", "QoS"], "type,queues,other_config"),
    ("list-Queue", ["list", "Queue"], "dscp,other_config,external_ids"),
    ("list-Mirror", ["list", "Mirror"],
     "name,select_src_port,output_port,select_vlan"),
    ("list-NetFlow", ["list", "NetFlow"], "targets,active_timeout"),
    ("list-sFlow", ["list", "sFlow"], "agent,targets,header"),
    ("list-IPFIX", ["list", "IPFIX"], "targets,obs_domain_id"),
    ("list-Flow_Table", ["list", "Flow_Table"], "name,groups,flow_limit"),
    ("list-AutoAttach-empty", ["list", "AutoAttach"], "system_name"),
    ("list-Bridge-br0", ["list", "Bridge", "br0"],
     "name,fail_mode,mirrors,netflow,flow_tables"),
    ("list-Bridge-two", ["list", "Bridge", "br2", "br1"],
     "name,external_ids,other_config"),
    ("list-Port-p1-bond0", ["list", "Port", "p1", "bond0"],
     "name,bond_mode,lacp,other_config"),
    ("list-Interface-tun0", ["list", "Interface", "tun0"],
     "name,options,type"),
    ("list-Open_vSwitch-dot", ["list", "Open_vSwitch", "."],
     "manager_options,next_cfg,cur_cfg"),
    ("list-Mirror-m0", ["list", "Mirror", "m0"], "name,_uuid"),
    ("list-Controller-br2", ["list", "Controller", "br2"],
     "target,connection_mode,external_ids"),
    ("list-Controller-br0-ambiguous", ["list", "Controller", "br0"],
     "target"),
    ("list-Bridge-missing", ["list", "Bridge", "nosuch"], "name"),
    ("find-Port-tag", ["find", "Port", "tag=5"], "name,tag"),
    ("find-Port-tag-lt", ["find", "Port", "tag<20"], "name,tag"),
    ("find-Port-tag-ne", ["find", "Port", "tag!=5"], "name,tag"),
    ("find-Interface-internal", ["find", "Interface", "type=internal"],
     "name,type"),
    ("find-Bridge-desc", ["find", "Bridge",
                          "external_ids:desc=\"main bridge\""],
     "name,external_ids"),
    ("find-Bridge-protocols", ["find", "Bridge",
                               "protocols{>=}OpenFlow13"], "name,protocols"),
    ("find-Port-trunks", ["find", "Port", "trunks{>=}[1,2]"],
     "name,trunks"),
    ("find-Interface-remote", ["find", "Interface",
                               "options:remote_ip=\"10.0.0.2\""],
     "name,options"),
    ("find-Bridge-empty-dptype", ["find", "Bridge", "datapath_type=\"\""],
     "name,datapath_type"),
    ("find-Port-bond", ["find", "Port", "bond_mode=balance-slb"],
     "name,bond_mode"),
    ("find-Bridge-none", ["find", "Bridge", "name=nosuch"], "name"),
    ("find-Bridge-all", ["find", "Bridge"], "name,_uuid"),
]

OTHER_COMMANDS = [
    ("show", ["show"]),
    ("list-br", ["list-br"]),
    ("list-br-real", ["--real", "list-br"]),
    ("list-br-fake", ["--fake", "list-br"]),
    ("list-ports-br0", ["list-ports", "br0"]),
    ("list-ports-br1", ["list-ports", "br1"]),
    ("list-ports-br2", ["list-ports", "br2"]),
    ("list-ports-vlan10", ["list-ports", "vlan10"]),
    ("list-ifaces-br0", ["list-ifaces", "br0"]),
    ("list-ifaces-br1", ["list-ifaces", "br1"]),
    ("list-ifaces-vlan20", ["list-ifaces", "vlan20"]),
    ("list-ports-missing", ["list-ports", "nosuch"]),
    ("get-external_ids", ["get", "Bridge", "br0", "external_ids"]),
    ("get-external_ids-key", ["get", "Bridge", "br0",
                              "external_ids:desc"]),
    ("get-weird-map", ["get", "Bridge", "br2", "external_ids"]),
    ("get-weird-key", ["get", "Bridge", "br2",
                       "external_ids:\"weird key\""]),
    ("get-uuid", ["get", "Bridge", "br0", "_uuid"]),
    ("get-controllers", ["get", "Bridge", "br0", "controller"]),
    ("get-qos-ref", ["get", "Port", "p1", "qos"]),
    ("get-many", ["get", "Bridge", "br0", "name", "protocols",
                  "stp_enable", "flood_vlans", "fail_mode"]),
    ("get-empty-tag", ["get", "Port", "p2", "tag"]),
    ("get-if-exists-nokey", ["--if-exists", "get", "Bridge", "br0",
                             "external_ids:nokey"]),
    ("get-nokey", ["get", "Bridge", "br0", "external_ids:nokey"]),
    ("get-bridges", ["get", "Open_vSwitch", ".", "bridges"]),
    ("get-managers", ["get", "Open_vSwitch", ".", "manager_options"]),
    ("get-mac", ["get", "Interface", "q2", "mac", "ofport_request"]),
    ("get-mtu", ["get", "Interface", "p2", "mtu_request"]),
    ("get-hwaddr", ["get", "Bridge", "br0", "other_config:hwaddr"]),
    ("get-bond-ifaces", ["get", "Port", "bond0", "interfaces"]),
    ("get-queues", ["get", "QoS", "@none", "queues"]),
    ("get-id-only", ["--", "--id=@p", "get", "Port", "p1"]),
    ("br-to-vlan", ["br-to-vlan", "vlan10"]),
    ("br-to-parent", ["br-to-parent", "vlan20"]),
    ("port-to-br", ["port-to-br", "p10"]),
    ("iface-to-br", ["iface-to-br", "e2"]),
    ("br-get-external-id", ["br-get-external-id", "br0"]),
    ("br-get-external-id-key", ["br-get-external-id", "br0", "key1"]),
    ("get-controller", ["get-controller", "br0"]),
    ("get-manager", ["get-manager"]),
    ("get-ssl", ["get-ssl"]),
    ("get-fail-mode", ["get-fail-mode", "br0"]),
    ("chained", ["list-br", "--", "list-ports", "br0", "--", "get",
                 "Bridge", "br0", "name", "--", "--columns=name",
                 "find", "Bridge", "name=br1"]),
]

# Output options, each applied to every command above.
FORMATS = [
    ("default", []),
    ("table", ["--format=table"]),
    ("list", ["--format=list"]),
    ("json", ["--format=json"]),
    ("json-pretty", ["--format=json", "--pretty"]),
    ("csv", ["--format=csv"]),
    ("html", ["--format=html"]),
    ("bad-format-bare", ["--format=bare"]),
    ("bare", ["--bare"]),
    ("no-headings", ["--no-headings"]),
    ("table-no-headings", ["--format=table", "--no-headings"]),
    ("csv-no-headings", ["--format=csv", "--no-headings"]),
    ("pretty", ["--pretty"]),
    ("oneline", ["--oneline"]),
    ("oneline-table", ["--oneline", "--format=table"]),
    ("data-bare", ["--data=bare"]),
    ("data-json-table", ["--data=json", "--format=table"]),
    ("data-string-csv", ["--data=string", "--format=csv"]),
    ("data-json-html", ["--data=json", "--format=html"]),
    ("max-column-width", ["--max-column-width=8", "--format=table"]),
]

# Commands that fail on purpose (left out of the chained invocations,
# where one failure would hide the rest).
ERROR_COMMANDS = {"list-Controller-br0-ambiguous", "list-Bridge-missing",
                  "list-ports-missing", "get-nokey"}

# Known differences of svs-vsctl, as test id -> reason; marked
# xfail(strict=True).  Empty when svs-vsctl matches.
KNOWN_DIFFERENCES = {
}


def _param(test_id, *values):
    marks = []
    reason = KNOWN_DIFFERENCES.get(test_id)
    if reason:
        marks.append(pytest.mark.xfail(strict=True, reason=reason))
    return pytest.param(*values, marks=marks, id=test_id)


def _single_params():
    """Every command alone, in the default format, on svsdb-server."""
    out = []
    for cid, argv, cols in TABLE_COMMANDS:
        out.append(_param("svs-" + cid, "svs", argv))
        out.append(_param("svs-%s+columns" % cid, "svs",
                          ["--columns=" + cols] + argv))
    for cid, argv in OTHER_COMMANDS:
        out.append(_param("svs-" + cid, "svs", argv))
    return out


def _chain(cmds):
    argv = []
    for cmd in cmds:
        argv += (["--"] if argv else []) + cmd
    return argv


def _format_params():
    """Every output format applied to one invocation chaining all the
    table commands (without and with --columns) and one chaining all the
    other queries, on both servers."""
    tables = [argv for cid, argv, cols in TABLE_COMMANDS
              if cid not in ERROR_COMMANDS]
    tables_cols = [["--columns=" + cols] + argv
                   for cid, argv, cols in TABLE_COMMANDS
                   if cid not in ERROR_COMMANDS]
    queries = [argv for cid, argv in OTHER_COMMANDS
               if cid not in ERROR_COMMANDS and cid != "chained"]
    # Global options (--real/--fake, --if-exists) cannot sit inside a
    # chain: keep only the plain command of those.
    queries = [q for q in queries if not q[0].startswith("--")]
    out = []
    for server_impl in ("svs", "ovs"):
        for fid, fargs in FORMATS:
            for gid, cmds in (("tables", tables),
                              ("tables-columns", tables_cols),
                              ("queries", queries)):
                out.append(_param("%s-%s-%s" % (server_impl, fid, gid),
                                  server_impl, fargs + _chain(cmds)))
        out.append(_param("%s-columns-queries" % server_impl, server_impl,
                          ["--columns=name"] + _chain(queries)))
    return out


@pytest.fixture(scope="module")
def rich_servers(tmp_path_factory):
    """One server of each implementation with the rich state, shared by
    the whole module (the commands are read-only; a test checks that the
    database did not change)."""
    factory = sandbox.ServerFactory(tmp_path_factory.mktemp("vsctl-diff"))
    servers = {}
    try:
        for impl in ("svs", "ovs"):
            try:
                server = vu.start_vswitch_db(factory, impl, init=False)
            except sandbox.ProgramMissing as e:
                pytest.fail(str(e))
            vu.build_rich_state(server)
            _resolve_placeholders(server)
            servers[impl] = (server, vu.dump_db(server))
        yield servers
    finally:
        factory.close()


_placeholders = {}


def _resolve_placeholders(server):
    """Finds the UUID of the QoS record (its table has no name column) so
    that "get QoS @none queues" can address it."""
    proc = vu.check_vsctl(vu.OVS_VSCTL, server,
                          ["--bare", "--columns=_uuid", "list", "QoS"])
    _placeholders[server.impl] = {"@none": proc.stdout.strip()}


def _argv(server, argv):
    subst = _placeholders.get(server.impl, {})
    return [subst.get(a, a) for a in argv]


def canonical_records(text, bare=False):
    """Returns 'text' (the output of list/find commands in any format) in
    a form that does not depend on the order of the records: JSON
    documents with their "data" rows sorted; otherwise ("\\n" escapes of
    --oneline undone) the blank-line separated blocks (records in list
    format, tables in the others), each with its lines sorted, sorted;
    with 'bare' (--bare, --data=bare), all lines sorted."""
    import json
    stripped = text.strip()
    if stripped.startswith("{"):
        decoder = json.JSONDecoder()
        docs = []
        pos = 0
        while pos < len(stripped):
            doc, end = decoder.raw_decode(stripped, pos)
            if isinstance(doc, dict) and isinstance(doc.get("data"), list):
                doc["data"] = sorted(doc["data"], key=json.dumps)
            docs.append(json.dumps(doc, sort_keys=True))
            pos = end
            while pos < len(stripped) and stripped[pos].isspace():
                pos += 1
        return "\n".join(docs)
    text = text.replace("\\n", "\n").strip("\n")
    if bare:
        # Empty values print as empty lines, so blank lines do not delimit
        # records: compare the lines as a multiset.
        return "\n".join(sorted(text.split("\n")))
    blocks = ["\n".join(sorted(b.strip("\n").split("\n")))
              for b in text.split("\n\n")]
    return "\n\n".join(sorted(blocks))


def compare(server, argv, expect_ok=False):
    """Runs 'argv' with both programs against 'server' and asserts equal
    results; skips the svs half when svs-vsctl is not built.  With
    'expect_ok', the reference must succeed.  Records printed in another
    order count as a difference (the message says so)."""
    argv = _argv(server, argv)
    ref = vu.run_vsctl(vu.OVS_VSCTL, server, argv)
    if expect_ok:
        assert ref.returncode == 0, ref.stderr
    # The reference must have answered: output or a message, no crash.
    assert ref.returncode in (0, 1), (ref.returncode, ref.stderr)
    assert ref.returncode == 0 or "vsctl: " in ref.stderr, \
        ref.stderr
    if vu.svs_vsctl() is None:
        pytest.skip(vu.SVS_MISSING_REASON)
    got = vu.run_vsctl(vu.SVS_VSCTL, server, argv)
    problems = []
    bare = "--bare" in argv or "--data=bare" in argv
    order_only = (got.stdout != ref.stdout and canonical_records(
        got.stdout, bare) == canonical_records(ref.stdout, bare))
    if got.stdout != ref.stdout:
        note = " (records in another order)" if order_only else ""
        problems.append("stdout differs%s:\n%s" % (
            note, vu.diff_text(ref.stdout, got.stdout, "ovs-vsctl",
                               "svs-vsctl")))
    if vu.normalize_progname(got.stderr) != vu.normalize_progname(
            ref.stderr):
        problems.append("stderr differs:\n  ovs-vsctl: %r\n  svs-vsctl: %r"
                        % (ref.stderr, got.stderr))
    if got.returncode != ref.returncode:
        problems.append("exit status: ovs-vsctl %d, svs-vsctl %d"
                        % (ref.returncode, got.returncode))
    assert not problems, "vsctl %s\n%s" % (" ".join(argv),
                                           "\n".join(problems))
    return ref


@pytest.mark.parametrize("server_impl,argv", _single_params())
def test_vsctl_command(rich_servers, server_impl, argv):
    server, _ = rich_servers[server_impl]
    compare(server, argv)


@pytest.mark.parametrize("server_impl,argv", _format_params())
def test_vsctl_format(rich_servers, server_impl, argv):
    server, _ = rich_servers[server_impl]
    # Chains fail only for the invalid --format=bare and for --columns
    # given to commands that print no table.
    compare(server, argv, expect_ok="--format=bare" not in argv
            and argv[0] != "--columns=name")


ORDER_PORTS = 200
ORDER_BRIDGES = 40


@pytest.mark.parametrize("server_impl", [
    _param("%s-record-order" % impl, impl) for impl in ("svs", "ovs")])
def test_record_order(tmp_path, server_impl):
    """The order of the records that list and find print, exactly: on a
    bridge with ORDER_PORTS ports, so that many rows share hash buckets
    and the tables were resized several times while being filled."""
    factory = sandbox.ServerFactory(tmp_path)
    try:
        try:
            server = vu.start_vswitch_db(factory, server_impl)
        except sandbox.ProgramMissing as e:
            pytest.fail(str(e))
        args = ["add-br", "br0"]
        for i in range(ORDER_PORTS):
            args += ["--", "add-port", "br0", "p%d" % i, "tag=%d" % (i % 10)]
        for i in range(1, ORDER_BRIDGES):
            args += ["--", "add-br", "br%d" % i, "--", "add-port", "br%d" % i,
                     "q%d" % i]
        vu.check_vsctl(vu.OVS_VSCTL, server, args)
        cmds = [["--bare", "--columns=_uuid", "list", "Port"],
                ["--bare", "--columns=_uuid", "list", "Interface"],
                ["--bare", "--columns=name", "find", "Port", "tag=3"],
                ["--format=csv", "--columns=name,tag", "find", "Port",
                 "tag>5"],
                # The vsctl commands replicate Bridge, Port and Interface,
                # so rows are also entered when a row refers to them.
                ["--bare", "list-ports", "br0", "--", "--columns=name",
                 "list", "Port", "--", "--columns=name", "find",
                 "Interface", "type=\"\""],
                ["--columns=_uuid,name", "list", "Interface", "--",
                 "list-ifaces", "br0", "--", "--columns=name,ports", "list",
                 "Bridge"],
                ["--bare", "--columns=_uuid", "list", "Bridge", "--",
                 "show"]]
        ref = [vu.check_vsctl(vu.OVS_VSCTL, server, c).stdout for c in cmds]
        assert len(ref[0].split()) == ORDER_PORTS + 2 * ORDER_BRIDGES - 1
        if vu.svs_vsctl() is None:
            pytest.skip(vu.SVS_MISSING_REASON)
        got = [vu.check_vsctl(vu.SVS_VSCTL, server, c).stdout for c in cmds]
        for c, r, g in zip(cmds, ref, got):
            assert canonical_records(g) == canonical_records(r), c
        problems = ["vsctl %s:\n%s" % (" ".join(c), vu.diff_text(
            r, g, "ovs-vsctl", "svs-vsctl")) for c, r, g in zip(cmds, ref, got)
            if r != g]
        assert not problems, "\n".join(problems)
    finally:
        factory.close()


def test_rich_state_reference_facts(rich_servers):
    """The state really has what the matrix is meant to cover (checked
    with ovs-vsctl on both servers)."""
    for impl in ("svs", "ovs"):
        server, _ = rich_servers[impl]

        def out(*args):
            return vu.check_vsctl(vu.OVS_VSCTL, server, list(args)).stdout
        assert out("list-br") == "br0\nbr1\nbr2\nvlan10\nvlan20\nvlan30\n"
        assert out("--fake", "list-br") == "vlan10\nvlan20\nvlan30\n"
        assert out("br-to-parent", "vlan30") == "br1\n"
        assert out("list-ifaces", "br1") == "e1\ne2\ne3\ngre0\ntun0\n"
        assert out("get", "Bridge", "br2", "external_ids") == (
            '{empty="", quote="\'\\"q\\"\'", "weird key"="a,b=c {x}"}\n')
        assert out("--bare", "--columns=name", "list", "Mirror") == "m0\n"
        assert len(out("get", "QoS", _placeholders[impl]["@none"],
                       "queues").split(",")) == 2
        show = out("show")
        for word in ("Manager \"ptcp:6640\"", "Controller \"ptcp:6654\"",
                     "Port bond0", "type: vxlan", "fail_mode: secure"):
            assert word in show


def test_database_unchanged(rich_servers):
    """Runs last in the module (pytest keeps file order): none of the
    read-only invocations above changed either database."""
    for impl in ("svs", "ovs"):
        server, before = rich_servers[impl]
        assert vu.dump_db(server) == before, impl


@pytest.fixture
def svs_factory(tmp_path):
    """A factory of svsdb-servers, all stopped at teardown."""
    factory = sandbox.ServerFactory(tmp_path, default_impl="svs")
    yield factory
    factory.close()


def test_same_state_built_by_svs_vsctl(svs_factory):
    """svs-vsctl builds the same rich state as ovs-vsctl: `show` and every
    table dump agree once UUIDs are numbered by first appearance (each
    state is on its own fresh svsdb-server)."""
    ovs_server = vu.start_vswitch_db(svs_factory, "svs", init=False)
    vu.build_rich_state(ovs_server, vu.OVS_VSCTL)
    if vu.svs_vsctl() is None:
        pytest.skip(vu.SVS_MISSING_REASON)
    svs_server = vu.start_vswitch_db(svs_factory, "svs", init=False)
    vu.build_rich_state(svs_server, vu.SVS_VSCTL)
    texts = {}
    for name, server in (("ovs-vsctl", ovs_server),
                         ("svs-vsctl", svs_server)):
        show = vu.check_vsctl(vu.OVS_VSCTL, server, ["show"]).stdout
        lists = []
        for table in vu.table_names(server):
            proc = vu.check_vsctl(vu.OVS_VSCTL, server,
                                  ["--format=json", "list", table])
            lists.append(proc.stdout)
        texts[name] = _number_uuids_canonically(show, lists)
    assert texts["svs-vsctl"] == texts["ovs-vsctl"], vu.diff_text(
        texts["ovs-vsctl"], texts["svs-vsctl"], "built by ovs-vsctl",
        "built by svs-vsctl")


def _number_uuids_canonically(show, json_lists):
    """Returns one text of 'show' and the table dumps that does not depend
    on UUIDs or on the order they induce: UUIDs become "U", the lines of
    `show` and the rows of every table are sorted.  Two databases with the
    same content give the same text."""
    import json
    rows = []
    for text in json_lists:
        data = json.loads(text)
        for row in data["data"]:
            rec = dict(zip(data["headings"], row))
            rec.pop("_version", None)
            rows.append(vu.UUID_RE.sub("U", json.dumps(rec, sort_keys=True)))
    show = sorted(vu.UUID_RE.sub("U", show).splitlines())
    return "\n".join(show + sorted(rows)) + "\n"
