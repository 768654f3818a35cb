"""Crash safety of the database server.

A client commits numbered transactions as fast as it can, pipelined, while
the server is killed with SIGKILL at random moments and restarted on the
same database file.  Transaction number k inserts 1 + k % 3 rows of table
Txn (n=k, part=0.., gen=the cycle that sent it, and padding of random
length) and, in the same transaction, mutates the single Counter row
(n += 1, total += number of rows) and sets its "last" column to k, so that
a partly applied transaction is visible.  After every restart the test
checks:

  - every acknowledged transaction is present;
  - the committed transactions are exactly 1..m for some m (what the
    client sent on one connection is applied in order, so a crash can only
    lose a suffix), each one complete (all-or-nothing) and from the cycle
    that last sent that number;
  - Counter agrees: n == m, total == the rows of 1..m, last == m;
  - the server accepts new transactions (the next cycle's load).

Lost numbers are reused by the next cycle.  To keep each check small, the
first transaction of a cycle deletes the rows already verified and records
the watermark in Counter.base, atomically.

Kill moments vary: right after startup (before any check), a few
milliseconds into the load, a random time during a steady pipelined load
with 1 to 256 requests in flight, or just after a burst of hundreds of
requests was written in one go.  SVS_CRASH_CYCLES (default 50) sets the
number of cycles and SVS_CRASH_SEED the random seed; the seed is printed
in every failure message.
"""

import codecs
import json
import os
import random
import select
import socket
import time

import pytest

import sandbox

CYCLES = int(os.environ.get("SVS_CRASH_CYCLES", "50"))

SCHEMA = {
    "name": "Crash",
    "version": "1.0.0",
    "tables": {
        "Txn": {
            "columns": {
                "n": {"type": "integer"},
                "part": {"type": "integer"},
                "gen": {"type": "integer"},
                "pad": {"type": "string"}},
            "isRoot": True},
        "Counter": {
            "columns": {
                "n": {"type": "integer"},
                "total": {"type": "integer"},
                "last": {"type": "integer"},
                "base": {"type": "integer"}},
            "isRoot": True}}}


def parts_of(k):
    """The number of Txn rows that transaction 'k' inserts."""
    return 1 + k % 3


class PipelinedClient(object):
    """A non-blocking JSON-RPC connection that keeps any number of requests
    in flight.  It answers the server's "echo" probes itself."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(sandbox.TIMEOUT)
        self.sock.connect(path)
        self.sock.setblocking(False)
        self.out = bytearray()
        self.text = ""
        self.utf8 = codecs.getincrementaldecoder("utf-8")()
        self.decoder = json.JSONDecoder()
        self.eof = False
        self.write_error = None

    def close(self):
        self.sock.close()

    def queue(self, msg):
        self.out += json.dumps(msg, separators=(",", ":")).encode()

    def pump(self, timeout, write=True):
        """Waits up to 'timeout' seconds for the socket, writes what it
        takes (unless not 'write') and returns the messages read."""
        want_write = write and bool(self.out) and self.write_error is None
        r, w, _ = select.select([self.sock], [self.sock] if want_write
                                else [], [], timeout)
        if w:
            try:
                n = self.sock.send(self.out)
                del self.out[:n]
            except BlockingIOError:
                pass
            except OSError as e:
                self.write_error = e
        msgs = []
        if r:
            while True:
                try:
                    data = self.sock.recv(1 << 20)
                except BlockingIOError:
                    break
                except ConnectionResetError:
                    data = b""
                if not data:
                    self.eof = True
                    break
                self.text += self.utf8.decode(data)
            msgs = self._parse()
        return msgs

    def _parse(self):
        msgs = []
        pos = 0
        text = self.text
        while True:
            while pos < len(text) and text[pos] in " \t\r\n":
                pos += 1
            if pos >= len(text):
                break
            try:
                msg, pos = self.decoder.raw_decode(text, pos)
            except ValueError:
                break
            if msg.get("method") == "echo" and msg.get("id") is not None:
                self.queue({"id": msg["id"], "result": msg["params"],
                            "error": None})
            else:
                msgs.append(msg)
        self.text = text[pos:]
        return msgs


class CrashHistory(object):
    """What the client sent and what the server acknowledged."""

    def __init__(self, seed):
        self.seed = seed
        self.sent_gen = {}      # k -> cycle that last sent transaction k.
        self.acked = {}         # k -> cycle whose send of k was acked.
        self.base = 0           # Rows of 1..base were verified and deleted.
        self.committed = 0      # m as of the last verification.
        # Statistics, to show that kills hit requests in flight.
        self.n_sent = 0         # Requests sent.
        self.n_acked = 0        # Replies received.
        self.n_unacked_in = 0   # Unacknowledged, yet committed.
        self.n_unacked_lost = 0  # Unacknowledged and lost.

    def fail(self, msg, server):
        pytest.fail("%s (seed %d, SVS_CRASH_SEED=%d reproduces)\n%s"
                    % (msg, self.seed, self.seed, server.diagnostics()))


def txn_request(k, gen, durable, rng):
    ops = ["Crash"]
    n_parts = parts_of(k)
    for part in range(n_parts):
        ops.append({"op": "insert", "table": "Txn",
                    "row": {"n": k, "part": part, "gen": gen,
                            "pad": "p" * rng.choice((0, 10, 300, 3000))}})
    ops.append({"op": "mutate", "table": "Counter", "where": [],
                "mutations": [["n", "+=", 1], ["total", "+=", n_parts]]})
    ops.append({"op": "update", "table": "Counter", "where": [],
                "row": {"last": k}})
    if durable:
        ops.append({"op": "commit", "durable": True})
    return {"method": "transact", "params": ops, "id": k}


def verify(server, hist):
    """Checks the database against 'hist' after a restart and returns m,
    the number of committed transactions."""
    client = server.connect()
    rows, counters = [r["rows"] for r in client.transact(
        "Crash",
        {"op": "select", "table": "Txn", "where": [],
         "columns": ["n", "part", "gen"]},
        {"op": "select", "table": "Counter", "where": [],
         "columns": ["n", "total", "last", "base"]})]
    client.close()
    if len(counters) != 1:
        hist.fail("Counter has %d rows, expected 1" % len(counters), server)
    counter = counters[0]
    m = counter["n"]
    base = counter["base"]

    # The cleanup is itself a transaction: either it is in (base moved to
    # the value acknowledged last) or, if unacknowledged, maybe not.
    if base != hist.base:
        hist.fail("Counter.base is %d, expected %d" % (base, hist.base),
                  server)

    by_k = {}
    for row in rows:
        by_k.setdefault(row["n"], []).append(row)
    max_acked = max(hist.acked) if hist.acked else 0
    max_sent = max(hist.sent_gen) if hist.sent_gen else 0

    for k in sorted(by_k):
        got = by_k[k]
        if k <= base:
            hist.fail("transaction %d was deleted but has %d rows again"
                      % (k, len(got)), server)
        if k > m:
            hist.fail("transaction %d has %d rows but Counter.n is %d: "
                      "partly applied" % (k, len(got), m), server)
        parts = sorted(r["part"] for r in got)
        if parts != list(range(parts_of(k))):
            hist.fail("transaction %d is partly present: parts %s of %d"
                      % (k, parts, parts_of(k)), server)
        gens = set(r["gen"] for r in got)
        if gens != {hist.sent_gen.get(k)}:
            hist.fail("transaction %d has rows from cycles %s, last sent "
                      "in cycle %s" % (k, sorted(gens),
                                       hist.sent_gen.get(k)), server)
    missing = [k for k in range(base + 1, m + 1) if k not in by_k]
    if missing:
        hist.fail("Counter.n is %d but transactions %s... are missing "
                  "(a hole: later transactions survived, earlier ones did "
                  "not)" % (m, missing[:10]), server)
    for k, gen in hist.acked.items():
        if k > m:
            hist.fail("acknowledged transaction %d (cycle %d) is lost: "
                      "only 1..%d survived" % (k, gen, m), server)
        if k > base and hist.sent_gen.get(k) == gen and \
                {r["gen"] for r in by_k[k]} != {gen}:
            hist.fail("acknowledged transaction %d of cycle %d was "
                      "replaced" % (k, gen), server)
    if m < max_acked or m > max_sent:
        hist.fail("Counter.n is %d, outside [last acked %d, last sent %d]"
                  % (m, max_acked, max_sent), server)
    total = sum(parts_of(k) for k in range(1, m + 1))
    if counter["total"] != total:
        hist.fail("Counter.total is %d, expected %d for 1..%d: a "
                  "transaction was applied partly"
                  % (counter["total"], total, m), server)
    if counter["last"] != m:
        hist.fail("Counter.last is %d, expected %d" % (counter["last"], m),
                  server)

    # Forget what was lost: those numbers are sent again.
    hist.n_unacked_lost += len([k for k in hist.sent_gen if k > m])
    hist.n_unacked_in += len([k for k in hist.sent_gen
                              if hist.committed < k <= m
                              and k not in hist.acked])
    for k in [k for k in hist.sent_gen if k > m]:
        del hist.sent_gen[k]
    for k in [k for k in hist.acked if k > m]:
        del hist.acked[k]
    hist.committed = m
    return m


def cleanup(server, hist, m):
    """Deletes the rows of transactions 1..m (all verified), recording the
    watermark in Counter.base in the same transaction."""
    client = server.connect()
    result = client.transact(
        "Crash",
        {"op": "delete", "table": "Txn", "where": [["n", "<=", m]]},
        {"op": "update", "table": "Counter", "where": [],
         "row": {"base": m}})
    client.close()
    if any("error" in r for r in result):
        hist.fail("cleanup failed: %s" % result, server)
    hist.base = m


def load_and_kill(server, hist, gen, durable, rng):
    """Runs a pipelined load on 'server' and SIGKILLs it at a random
    moment; records what was sent and acknowledged."""
    style = rng.random()
    window = rng.choice((1, 4, 32, 256))
    burst = 0
    if style < 0.2:
        kill_after = rng.uniform(0, 0.01)
    elif style < 0.7:
        kill_after = rng.uniform(0.01, 0.2)
    else:
        # A burst of requests written at once, killed while in flight.
        burst = rng.randint(100, 600)
        window = burst
        kill_after = rng.uniform(0, 0.03)

    client = PipelinedClient(server.sock_path)
    k = hist.committed + 1
    in_flight = 0
    t0 = time.monotonic()
    killed = False
    try:
        while True:
            now = time.monotonic()
            if not killed and now - t0 >= kill_after:
                server.kill9()
                killed = True
            if not killed:
                while in_flight < window:
                    client.queue(txn_request(k, gen, durable, rng))
                    hist.sent_gen[k] = gen
                    hist.n_sent += 1
                    k += 1
                    in_flight += 1
                    if burst:
                        burst -= 1
                        if not burst:
                            window = 0
            if killed and client.eof:
                break
            timeout = (max(0.0, t0 + kill_after - now) if not killed
                       else 1.0)
            msgs = client.pump(min(timeout, 0.05), write=not killed)
            if not killed and (client.eof or client.write_error):
                hist.fail("the server dropped the connection before it was "
                          "killed (%s)" % (client.write_error or "EOF"),
                          server)
            for msg in msgs:
                reply_k = msg.get("id")
                if reply_k not in hist.sent_gen or msg.get("error"):
                    hist.fail("unexpected message %r" % (msg,), server)
                for op in msg["result"]:
                    if op is not None and "error" in op:
                        hist.fail("transaction %d failed: %r"
                                  % (reply_k, msg["result"]), server)
                hist.acked[reply_k] = gen
                hist.n_acked += 1
                in_flight -= 1
            if killed and time.monotonic() - t0 > kill_after + 10:
                hist.fail("no end of file from a killed server", server)
    finally:
        client.close()


@pytest.mark.parametrize("durable", [False, True],
                         ids=["default", "durable"])
def test_crash_safety(db_server, tmp_path, durable):
    seed = int(os.environ.get("SVS_CRASH_SEED",
                              str(random.SystemRandom().randrange(1 << 30))))
    rng = random.Random(seed)
    hist = CrashHistory(seed)

    schema = tmp_path / "crash.ovsschema"
    schema.write_text(json.dumps(SCHEMA))
    server = db_server(schemas=[str(schema)])
    result = server.transact(
        "Crash", {"op": "insert", "table": "Counter",
                  "row": {"n": 0, "total": 0, "last": 0, "base": 0}})
    assert "error" not in result[0], result

    for gen in range(1, CYCLES + 1):
        if rng.random() < 0.1:
            # Crash while starting up, before anything is checked or sent.
            server.kill9()
            server.start()
            continue
        m = verify(server, hist)
        if m > hist.base and rng.random() < 0.7:
            cleanup(server, hist, m)
        load_and_kill(server, hist, gen, durable, rng)
        server.start()

    # A clean restart, a last check, and one more transaction.
    m = verify(server, hist)
    server.restart()
    assert verify(server, hist) == m
    client = server.connect()
    reply = client.request("transact", txn_request(m + 1, 0, durable,
                                                   rng)["params"])
    assert reply["error"] is None and \
        all("error" not in r for r in reply["result"]), reply
    hist.sent_gen[m + 1] = 0
    hist.acked[m + 1] = 0
    server.kill9()
    server.start()
    assert verify(server, hist) == m + 1
    # The run must have exercised something: many commits, and kills that
    # caught requests in flight.
    summary = ("%d cycles: %d transactions sent, %d acknowledged, %d "
               "committed; of the unacknowledged, %d survived and %d were "
               "lost" % (CYCLES, hist.n_sent, hist.n_acked, m + 1,
                         hist.n_unacked_in, hist.n_unacked_lost))
    print(summary)
    assert m > CYCLES, summary
    if CYCLES >= 20:
        assert hist.n_unacked_in + hist.n_unacked_lost > 0, summary
