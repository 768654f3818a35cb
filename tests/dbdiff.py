"""Differential testing of OVSDB servers: transaction scripts and the
normalization that makes two servers' transcripts comparable.

What: a script (tests/txn/*.json) is a list of JSON-RPC steps sent over one
or more named connections to a fresh server.  run_script() plays it against
a started sandbox.DbServer and returns a transcript: for each step, the
reply and everything else each connection received before the step
settled.  normalize() rewrites a transcript so that two servers' runs are
equal exactly when they behaved the same.

Script format (JSON object):
    "comment":  what the script exercises (required, free text).
    "schemas":  schema names from tests/schemas (default: all of DEFAULT_
                SCHEMAS), i.e. the databases the server serves.
    "steps":    list of steps; each is an object with
        "conn":    connection name (default "a"); opened on first use.
        one of:
        "transact": [db, op...]       shorthand for method "transact".
        "method": M, "params": P      any request.
        "notify": M, "params": P      a JSON-RPC notification (null id).
        "raw": "text" or [chunks]     text sent as is (malformed input,
                                      several requests in one write, or
                                      one request split over writes).
        "close": true                 closes the connection.
        "async": true                 do not wait for the reply now (a
                                      blocking "wait" or a queued "lock"):
                                      it is collected when it arrives.
        "await": {conn: N}            before settling, wait until 'conn'
                                      has received N messages: for what a
                                      server does on its own schedule,
                                      such as noticing a disconnection.
        "comment": free text.

Settling: after each step, every open connection gets an "echo" barrier,
in connection-name order.  Because a server handles one connection's
messages in order and sends what it owes a client (replies of completed
triggers, monitor updates, lock notifications) before answering that
client's next request, everything caused by the step has arrived by the
time each barrier's reply does.  svsdb-server must keep that ordering.

Transcript entry of a step: {"reply": message-or-"async"-or-null,
"recv": {conn: [messages...]}} with "recv" listing only connections that
received something besides barrier replies, "eof" listing connections
closed by the server during the step, and "reconnected" when the step's
connection had been closed by the server and was opened again.

Normalization (see normalize()): every UUID, wherever it appears (in
["uuid", U], update row keys, transaction ids, error details), becomes
"<uN>" numbered by first appearance in a canonical walk (except the
all-zeros UUID, kept as is); the elements of
["set", ...] and ["map", ...] values and the "rows" of select results are
sorted, and so are update notifications of different monitors received in
one step, and the names in a list_dbs reply, because their order is not
defined by the protocol.  Integral
reals are written as integers.  split() then
separates the strict part (everything except the free-text "details" and
"syntax" members of error objects) from those members.
"""

import json
import os
import re
import time

import sandbox

TXN_DIR = os.path.join(sandbox.SRCDIR, "tests", "txn")
DEFAULT_SCHEMAS = ("types", "refs", "cons")

# How long "await" waits for messages that a server should send on its own
# after another client's disconnection (not a performance bound).
AWAIT_TIMEOUT = 10

UUID_RE = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
    r"[0-9a-fA-F]{12}")


def list_scripts():
    """Returns the sorted base names (without .json) of tests/txn/*.json."""
    return sorted(f[:-5] for f in os.listdir(TXN_DIR)
                  if f.endswith(".json") and not f.endswith(".out.json"))


def load_script(name):
    with open(os.path.join(TXN_DIR, name + ".json")) as f:
        script = json.load(f)
    if "comment" not in script or "steps" not in script:
        raise ValueError("%s: a script needs \"comment\" and \"steps\""
                         % name)
    return script


def expected_path(name):
    """The file holding the reference (ovs) transcript of script 'name'."""
    return os.path.join(TXN_DIR, "expected", name + ".out.json")


def run_script(server, script):
    """Plays 'script' against started DbServer 'server' and returns the
    raw transcript (a list with one entry per step)."""
    conns = {}
    transcript = []
    for index, step in enumerate(script["steps"]):
        name = step.get("conn", "a")
        conn = conns.get(name)
        entry = {}
        if conn is not None and conn.eof:
            # The server closed it earlier: use a new connection.
            conn.close()
            conn = None
            entry["reconnected"] = True
        if conn is None:
            conn = conns[name] = server.connect()
            conn.eof = False
        if "close" in step:
            conn.close()
            conn.eof = True
            del conns[name]
            entry["reply"] = None
        elif "raw" in step:
            chunks = step["raw"]
            if isinstance(chunks, str):
                chunks = [chunks]
            for i, chunk in enumerate(chunks):
                if i:
                    # Let the server read the previous chunk on its own.
                    time.sleep(0.05)
                _send_quietly(conn, lambda: conn.sock.sendall(
                    chunk.encode("utf-8")))
            entry["reply"] = None
        elif "notify" in step:
            _send_quietly(conn, lambda: conn.notify(
                step["notify"], step.get("params", [])))
            entry["reply"] = None
        else:
            if "transact" in step:
                method, params = "transact", step["transact"]
            else:
                method, params = step["method"], step.get("params", [])
            id_ = conn.send_request(method, params, id_=index)
            if step.get("async"):
                entry["reply"] = "async"
            else:
                try:
                    entry["reply"] = _canonical_reply(
                        method, conn.wait_reply(id_))
                except (sandbox.RpcError, OSError) as e:
                    if not _is_eof(e):
                        raise
                    entry["reply"] = None
                    conn.eof = True
        for name, count in sorted(step.get("await", {}).items()):
            _await(conns[name], count)
        _settle(conns, entry, index)
        transcript.append(entry)
    for conn in conns.values():
        conn.close()
    return transcript


def _canonical_reply(method, reply):
    """The databases in a list_dbs reply come in no defined order:
    sorts them."""
    if method == "list_dbs" and isinstance(reply.get("result"), list):
        reply = dict(reply)
        reply["result"] = sorted(reply["result"], key=_key)
    return reply


def _send_quietly(conn, send):
    try:
        send()
    except OSError:
        conn.eof = True


def _is_eof(e):
    """Tells whether exception 'e' means the server closed the
    connection."""
    if isinstance(e, OSError):
        return True
    return "closed" in str(e) or "connection error" in str(e)


def _await(conn, count):
    """Waits until 'conn' has 'count' notifications or replies to
    asynchronous requests queued, or AWAIT_TIMEOUT passes (then the
    transcript shows what was missing)."""
    deadline = time.monotonic() + AWAIT_TIMEOUT
    while len(conn.notifications) + len(conn.replies) < count:
        try:
            conn._receive_some(deadline)
        except sandbox.RpcError:
            return


def _settle(conns, entry, index):
    """Sends an echo barrier on every open connection of 'conns' and
    records in 'entry' what each received meanwhile."""
    recv = {}
    for name in sorted(conns):
        conn = conns[name]
        if not conn.eof:
            id_ = "barrier-%d" % index
            try:
                conn.send_request("echo", ["barrier"], id_=id_)
                reply = conn.wait_reply(id_)
            except (sandbox.RpcError, OSError) as e:
                if not _is_eof(e):
                    raise
                conn.eof = True
            else:
                if reply.get("error") is not None:
                    raise AssertionError("echo barrier failed: %r" % reply)
        if conn.eof and not getattr(conn, "eof_reported", False):
            conn.eof_reported = True
            entry.setdefault("eof", []).append(name)
        msgs = conn.take_notifications()
        # Replies to asynchronous and raw requests, in arrival order.
        for key in list(conn.replies):
            msgs.append(conn.replies.pop(key))
        if msgs:
            recv[name] = msgs
    if recv:
        entry["recv"] = recv


# Normalization.

def _is_set_or_map(x):
    return (isinstance(x, list) and len(x) == 2 and x[0] in ("set", "map")
            and isinstance(x[1], list))


ZERO_UUID = "00000000-0000-0000-0000-000000000000"


def _subst(x, mapping, unknown):
    """Returns 'x' with every UUID replaced by its placeholder in
    'mapping', or by 'unknown' if it has none yet.  The all-zeros UUID
    (a default value, and the transaction id of a standalone database) is
    kept as is."""
    if isinstance(x, str):
        return UUID_RE.sub(lambda m: m.group(0) if m.group(0) == ZERO_UUID
                           else mapping.get(m.group(0).lower(), unknown), x)
    if isinstance(x, list):
        return [_subst(v, mapping, unknown) for v in x]
    if isinstance(x, dict):
        return {_subst(k, mapping, unknown): _subst(v, mapping, unknown)
                for k, v in x.items()}
    return x


def _key(x):
    return json.dumps(x, sort_keys=True)


def _number(x, mapping):
    """Walks 'x' in canonical order, numbering UUIDs not yet in 'mapping'
    by first appearance."""
    def masked(v):
        return _key(_subst(v, mapping, "<u?>"))

    if isinstance(x, str):
        for m in UUID_RE.finditer(x):
            u = m.group(0).lower()
            if u not in mapping and u != ZERO_UUID:
                mapping[u] = "<u%d>" % (len(mapping) + 1)
    elif isinstance(x, dict):
        items = list(x.items())
        # Keys first in their given order when they are not UUIDs; the
        # order of a dict's members carries no meaning, so walk them
        # sorted by their masked text.
        items.sort(key=lambda kv: (masked(kv[0]), masked(kv[1])))
        for k, v in items:
            _number(k, mapping)
            _number(v, mapping)
    elif isinstance(x, list):
        if _is_set_or_map(x):
            elems = sorted(x[1], key=masked)
            for v in elems:
                _number(v, mapping)
        else:
            for v in x:
                _number(v, mapping)


def _elem_key(x):
    """Sort key for set elements and map pairs: numbers numerically, then
    strings, then anything else by its JSON text."""
    if isinstance(x, list) and len(x) == 2 and not isinstance(x[0], str):
        return (_elem_key(x[0]), _elem_key(x[1]))
    if isinstance(x, bool):
        return (0, int(x), "")
    if isinstance(x, (int, float)):
        return (1, x, "")
    if isinstance(x, str):
        return (2, 0, x)
    return (3, 0, _key(x))


def _unorder(x, parent_key=None):
    """Sorts the elements of sets, maps and select "rows" in 'x' (whose
    UUIDs are already placeholders)."""
    if isinstance(x, dict):
        return {k: _unorder(v, k) for k, v in x.items()}
    if isinstance(x, list):
        items = [_unorder(v) for v in x]
        if _is_set_or_map(x):
            try:
                return [x[0], sorted(items[1], key=_elem_key)]
            except TypeError:
                return [x[0], sorted(items[1], key=_key)]
        if parent_key == "rows":
            return sorted(items, key=_key)
        return items
    return x


def _ints(x):
    """Returns 'x' with integral floats replaced by ints (ovsdb-server
    writes the real 2.0 as 2; a JSON library may write 2.0)."""
    if isinstance(x, float) and x.is_integer():
        return int(x)
    if isinstance(x, list):
        return [_ints(v) for v in x]
    if isinstance(x, dict):
        return {k: _ints(v) for k, v in x.items()}
    return x


UPDATE_METHODS = ("update", "update2", "update3")


def _order_recv(transcript):
    """Puts the messages each connection received during a step in a
    canonical order: a server sends the updates of one commit to a
    session's several monitors in no defined order, so update
    notifications are grouped by monitor id (keeping their order within a
    monitor) after every other message (kept in arrival order)."""
    out = []
    for entry in transcript:
        entry = dict(entry)
        if "recv" in entry:
            recv = {}
            for conn, msgs in entry["recv"].items():
                others = [m for m in msgs
                          if m.get("method") not in UPDATE_METHODS]
                updates = [m for m in msgs
                           if m.get("method") in UPDATE_METHODS]
                updates.sort(key=lambda m: _key(
                    [m["method"], (m.get("params") or [None])[0]]))
                recv[conn] = others + updates
            entry["recv"] = recv
        out.append(entry)
    return out


_UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
                      r"[0-9a-f]{12}$")


def _txn_ids(x):
    """Replaces transaction ids (monitor_cond_since replies, update3
    notifications) by "<txn-id>": ovsdb-server 3.1 always sends the zero
    UUID for standalone databases, while svsdb-server keeps a real
    transaction history so that reconnecting clients catch up with only
    what they missed.  Both are valid; the ids themselves are opaque."""
    if isinstance(x, dict):
        out = {k: _txn_ids(v) for k, v in x.items()}
        params = out.get("params")
        if out.get("method") == "update3" and isinstance(params, list) \
                and len(params) == 3:
            out["params"] = [params[0], "<txn-id>", params[2]]
        result = out.get("result")
        if isinstance(result, list) and len(result) == 3 \
                and isinstance(result[0], bool) \
                and isinstance(result[1], str) \
                and _UUID_RE.match(result[1]) \
                and isinstance(result[2], dict):
            out["result"] = [result[0], "<txn-id>", result[2]]
        return out
    if isinstance(x, list):
        return [_txn_ids(v) for v in x]
    return x


def normalize(transcript):
    """Returns a normalized deep copy of 'transcript'."""
    transcript = _txn_ids(_ints(_order_recv(transcript)))
    mapping = {}
    # Number UUIDs in a walk where "rows" lists are visited in masked
    # order (servers return rows of a select in hash order).
    _number(_presort_rows(transcript, mapping), mapping)
    return _unorder(_subst(transcript, mapping, "<u?>"))


def _presort_rows(x, mapping):
    if isinstance(x, dict):
        out = {}
        for k, v in x.items():
            v = _presort_rows(v, mapping)
            if k == "rows" and isinstance(v, list):
                v = sorted(v, key=lambda r: _key(_subst(r, {}, "<u?>")))
            out[k] = v
        return out
    if isinstance(x, list):
        return [_presort_rows(v, mapping) for v in x]
    return x


SOFT_KEYS = ("details", "syntax")

_INDEX_DUP_RE = re.compile(
    r"^(.*)  First row, with UUID (\S+), (.*?)\.  "
    r"Second row, with UUID (\S+), (.*?)\.$", re.S)


def canonical_details(text):
    """ovsdb-server's duplicate-index error names the two rows in hash
    order: puts them in a canonical order."""
    m = _INDEX_DUP_RE.match(text)
    if not m:
        return text
    rows = sorted([(m.group(2), m.group(3)), (m.group(4), m.group(5))])
    return "%s  First row, with UUID %s, %s.  Second row, with UUID %s, " \
        "%s." % (m.group(1), rows[0][0], rows[0][1], rows[1][0], rows[1][1])


def split(x):
    """Splits normalized 'x' into (strict, soft): 'strict' is 'x' with the
    "details" and "syntax" members of error objects replaced by
    "<details>"/"<syntax>"; 'soft' is a list of (path, key, value) for
    those members, with "syntax" parsed as JSON when it is JSON."""
    soft = []

    def walk(v, path):
        if isinstance(v, dict):
            out = {}
            is_error = isinstance(v.get("error"), str)
            for k, val in v.items():
                if is_error and k in SOFT_KEYS:
                    if k == "syntax" and isinstance(val, str):
                        try:
                            val = json.loads(val)
                        except ValueError:
                            pass
                    elif k == "details" and isinstance(val, str):
                        val = canonical_details(val)
                    soft.append(("%s/%s" % (path, k), val))
                    out[k] = "<%s>" % k
                else:
                    out[k] = walk(val, "%s/%s" % (path, k))
            return out
        if isinstance(v, list):
            return [walk(e, "%s[%d]" % (path, i)) for i, e in enumerate(v)]
        return v

    strict = walk(x, "")
    return strict, soft


def describe_step(script, index):
    step = script["steps"][index]
    return json.dumps(step, sort_keys=True)[:300]


def run_fresh(impl, name, workdir):
    """Runs script 'name' against a fresh server of 'impl' in 'workdir'
    and returns its normalized transcript."""
    script = load_script(name)
    server = sandbox.DbServer(impl, workdir,
                              schemas=script.get("schemas", DEFAULT_SCHEMAS))
    try:
        server.start()
        return normalize(run_script(server, script))
    finally:
        server.stop()


def write_expected(name, transcript):
    """Stores 'transcript' as the reference output of script 'name'."""
    path = expected_path(name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    script = load_script(name)
    lines = ["["]
    for i, (step, entry) in enumerate(zip(script["steps"], transcript)):
        lines.append(json.dumps({"step": step, "out": entry},
                                sort_keys=True) +
                     ("," if i < len(transcript) - 1 else ""))
    lines.append("]")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def read_expected(name):
    """Returns the stored reference transcript of script 'name', or None."""
    try:
        with open(expected_path(name)) as f:
            return [e["out"] for e in json.load(f)]
    except FileNotFoundError:
        return None


def main(argv):
    """Command line: dbdiff.py [--impl ovs|svs] [--write] [SCRIPT...]
    prints the normalized transcripts of the scripts (default: all); with
    --write, stores them as the reference outputs in tests/txn/expected/
    (do that only with --impl ovs)."""
    import argparse
    import tempfile
    parser = argparse.ArgumentParser()
    parser.add_argument("--impl", default="ovs", choices=sandbox.IMPLS)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("scripts", nargs="*")
    args = parser.parse_args(argv)
    for name in args.scripts or list_scripts():
        name = os.path.basename(name)
        if name.endswith(".json"):
            name = name[:-5]
        with tempfile.TemporaryDirectory() as tmp:
            out = run_fresh(args.impl, name, tmp)
        if args.write:
            write_expected(name, out)
            print("wrote", expected_path(name))
        else:
            print("== %s" % name)
            for i, entry in enumerate(out):
                print("%3d %s" % (i, json.dumps(entry, sort_keys=True)))


if __name__ == "__main__":
    import sys
    main(sys.argv[1:])
