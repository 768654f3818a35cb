#!/usr/bin/python3
"""Generates the synthetic part of the OpenFlow message corpus.

usage: generate.py [--expected] [FAMILY...]

Writes tests/ofp-corpus/synth-FAMILY.txt: one message per line as hex,
optionally followed by a verbosity.  The messages cover every message type
of every OpenFlow version that svs decodes, with valid and malformed
variants (bad lengths, unknown values, truncated and trailing bytes).

With --expected, also runs Debian's "ovs-ofctl ofp-print" on each message
and writes its output to synth-FAMILY.expected (messages separated by a
line "@@"), the reference the test suite compares svs against.  Captured
sessions (capture-*.txt) are kept alongside and handled the same way.
"""

import os
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FAMILIES = {}


def family(fn):
    FAMILIES[fn.__name__.replace('gen_', '')] = fn
    return fn


def hdr(v, t, body, xid=1):
    return struct.pack(">BBHI", v, t, 8 + len(body), xid) + body


def nx(v, subtype, body, vendor=0x2320, xid=1):
    return hdr(v, 4, struct.pack(">II", vendor, subtype) + body, xid)


def stats(v, req, st, body, flags=0, xid=1):
    if v == 1:
        return hdr(v, 16 if req else 17, struct.pack(">HH", st, flags) + body,
                   xid)
    return hdr(v, 18 if req else 19, struct.pack(">HH4x", st, flags) + body,
               xid)


def vstats(v, req, vendor, subtype, body, flags=0):
    if v == 1:
        h = struct.pack(">HHII4x", 0xffff, flags, vendor, subtype)
        return hdr(v, 16 if req else 17, h + body)
    h = struct.pack(">HH4xII", 0xffff, flags, vendor, subtype)
    return hdr(v, 18 if req else 19, h + body)


def name(s, n=16):
    return s.encode('latin1').ljust(n, b'\0')[:n]


MAC = bytes.fromhex('0a0b0c0d0e0f')


def phy10(port, nm='eth1', config=0, state=0, curr=0, adv=0, sup=0, peer=0):
    return struct.pack(">H6s16sIIIIII", port, MAC, name(nm), config, state,
                       curr, adv, sup, peer)


def port11(port, nm='p', config=0, state=0, curr=0, adv=0, sup=0, peer=0,
           cs=0, ms=0):
    return struct.pack(">I4x6s2x16sIIIIIIII", port, MAC, name(nm), config,
                       state, curr, adv, sup, peer, cs, ms)


def port14(port, nm='p', config=0, state=0, props=b'', length=None):
    if length is None:
        length = 40 + len(props)
    return struct.pack(">IH2x6s2x16sII", port, length, MAC, name(nm), config,
                       state) + props


def eth_prop(curr=0, adv=0, sup=0, peer=0, cs=0, ms=0, length=32):
    return struct.pack(">HH4xIIIIII", 0, length, curr, adv, sup, peer, cs, ms)


def port_any(v, port, **kw):
    if v == 1:
        kw.pop('cs', None)
        kw.pop('ms', None)
        return phy10(port, **kw)
    props = eth_prop(kw.pop('curr', 0), kw.pop('adv', 0), kw.pop('sup', 0),
                     kw.pop('peer', 0), kw.pop('cs', 0), kw.pop('ms', 0))
    if v <= 4:
        return port11(port, **kw)
    return port14(port, props=props, **kw)


ALL = (1, 2, 3, 4, 5, 6)


@family
def gen_basic():
    out = []
    for v in ALL + (7, 0x20):
        out.append(hdr(v, 0, b''))
        out.append(hdr(v, 2, b''))
        out.append(hdr(v, 3, b'abcd'))
        out.append((hdr(v, 2, b'\x01\x02\x03\x04'), 5))
        out.append((hdr(v, 3, b'\x01\x02\x03\x04'), 1))
    for v in ALL:
        for t in range(0, 40):
            out.append(hdr(v, t, b''))
            out.append(hdr(v, t, b'\0' * 4))
    # Framing problems.
    out += [b'\x01', bytes.fromhex('01000008000000'),
            bytes.fromhex('0100000400000001'),
            bytes.fromhex('010000080000000100'),
            bytes.fromhex('0100000a00000001'),
            bytes.fromhex('0102000c000000010102')]
    return out


@family
def gen_hello():
    out = []
    for v in ALL:
        for bitmap in (0x12, 0x1a, 0x2, 0x40, 0x7e, 0xfe, 0x800000fe, 0, 1,
                       0x5e):
            out.append(hdr(v, 0, struct.pack(">HHI", 1, 8, bitmap)))
    elems = [
        struct.pack(">HHI", 2, 8, 0x1a),
        struct.pack(">HHI", 1, 12, 0x12),
        struct.pack(">HHII", 1, 12, 0x12, 2),
        struct.pack(">HHII", 1, 16, 0x12, 1),
        struct.pack(">HHI", 1, 4, 10),
        struct.pack(">HHI", 1, 3, 0xdeadbeef),
        struct.pack(">HHI", 1, 6, 0x12),
        struct.pack(">HHI", 0, 8, 0x5e),
        bytes.fromhex('aabbccdd'),
        struct.pack(">HHIHHI", 1, 8, 0x12, 2, 8, 0),
        struct.pack(">HHIHHI", 2, 8, 0, 1, 8, 0x12),
        struct.pack(">HHIHHI", 1, 8, 0x12, 1, 8, 6),
        struct.pack(">HHIHHI", 1, 8, 0, 1, 8, 0x12),
        struct.pack(">HHI", 1, 8, 0x12) + bytes.fromhex('aabbccdd'),
        struct.pack(">HHIHHI", 1, 8, 0x12, 0, 0, 0),
    ]
    for e in elems:
        out.append(hdr(4, 0, e))
        out.append(hdr(1, 0, e))
    return out


@family
def gen_error():
    out = []
    req = hdr(1, 5, b'')
    req4 = hdr(4, 5, b'')
    for v in ALL:
        r = req if v == 1 else hdr(v, 5, b'')
        for t, c in ((0, 0), (0, 1), (1, 0), (1, 6), (1, 5), (1, 99),
                     (2, 4), (3, 5), (4, 1), (5, 3), (6, 2), (7, 1), (8, 0),
                     (9, 2), (10, 1), (11, 1), (12, 3), (13, 5), (14, 2),
                     (15, 1), (16, 1), (17, 2), (18, 0), (99, 0)):
            out.append(hdr(v, 1, struct.pack(">HH", t, c) + r))
        out.append(hdr(v, 1, struct.pack(">HH", 1, 2)))
        out.append(hdr(v, 1, struct.pack(">HH", 1, 2) + b'\xde\xad\xbe\xef'))
        out.append(hdr(v, 1, struct.pack(">HH", 0, 0) + b'hi there\n\xff'))
        out.append(hdr(v, 1, struct.pack(">HH", 1, 2) + hdr(v, 2, b'abcd')))
        out.append((hdr(v, 1, struct.pack(">HH", 1, 2) + hdr(v, 2, b'abcd')),
                    5))
        # Nicira vendor errors in both encodings.
        for vt, vc in ((1, 256), (1, 257), (2, 256), (1, 517), (1, 9),
                       (1, 521), (2, 526)):
            out.append(hdr(v, 1, struct.pack(">HHIHH", 0xb0c2, 0, 0x2320,
                                              vt, vc) + r))
        for et in (2, 6, 10, 11, 15, 39, 99):
            out.append(hdr(v, 1, struct.pack(">HHI", 0xffff, et, 0x2320)
                           + r))
            out.append(hdr(v, 1, struct.pack(">HHI", 0xffff, et, 0x1234)
                           + r))
        for et in (2300, 2302, 2306, 2399):
            out.append(hdr(v, 1, struct.pack(">HHI", 0xffff, et,
                                             0x4f4e4600) + r))
        out.append(hdr(v, 1, struct.pack(">HHH", 0xffff, 11, 0)))
        out.append(hdr(v, 1, struct.pack(">HHHH", 0xb0c2, 0, 0, 0)))
    out.append(hdr(7, 1, struct.pack(">HH", 1, 2)))
    out.append(hdr(4, 1, struct.pack(">HH", 1, 1) + req4 + b'xx'))
    return out


@family
def gen_switch():
    out = []
    for v in ALL:
        ports = b''
        if v <= 3:
            ports = (port_any(v, 3, nm='c', config=1, state=1,
                              curr=0x2a0 if v == 1 else 0x2820, cs=10000)
                     + port_any(v, 1, nm='a')
                     + port_any(v, 0xfffe if v == 1 else 0xfffffffe,
                                nm='br0'))
        for caps in (0, 0xff, 0x1ff, 0x7ff, 0xffffffff, 0x8, 0x80, 0x100):
            for aux in (0, 1):
                for acts in (0, 0xfff, 0x801, 0xffffffff):
                    if v != 1 and acts:
                        continue
                    body = struct.pack(">QIBB2xII", 0x123456789abcdef0, 256,
                                       254, aux, caps, acts)
                    out.append(hdr(v, 6, body + (ports if caps == 0xff
                                                  else b'')))
        for flags, msl in ((0, 128), (1, 0xffff), (2, 0), (3, 5), (4, 10),
                           (5, 1), (0xfff8, 2), (7, 3), (8, 0)):
            out.append(hdr(v, 9, struct.pack(">HH", flags, msl)))
            out.append(hdr(v, 8, struct.pack(">HH", flags, msl)))
        desc = (name('Nicira', 256) + name('Open vSwitch', 256)
                + name('3.1.0', 256) + name('None', 32)
                + name('br0\x01x', 256))
        out.append(stats(v, False, 0, desc))
        out.append(stats(v, False, 0, b'a' * 256 + b'\0' * 512 + b'b' * 32
                         + b'c' * 256))
        out.append(stats(v, True, 0, b''))
        out.append(stats(v, True, 0, b'', flags=1))
    return out


@family
def gen_port():
    out = []
    for v in ALL:
        big = 0xfffffffe if v > 1 else 0xfffe
        # Port status with every bit of config/state/features.
        for reason in (0, 1, 2, 3, 255):
            out.append(hdr(v, 12, struct.pack(">B7x", reason)
                           + port_any(v, 5, nm='eth5', config=0x7f,
                                      state=0x307, curr=0xffff,
                                      adv=0x2820, sup=0xf, peer=1,
                                      cs=1000000, ms=2000000)))
        for b in range(20):
            for field in ('config', 'state', 'curr'):
                kw = {field: 1 << b}
                out.append(hdr(v, 12, struct.pack(">B7x", 2)
                               + port_any(v, 1, nm='x', **kw)))
        for nm in ('a b"c', 'x\x7fy', 'ab\x00cd', '\xe9', 'a' * 16, ''):
            out.append(hdr(v, 12, struct.pack(">B7x", 0)
                           + port_any(v, 7, nm=nm)))
        # Port desc replies (sorted output) and requests.
        ports = (port_any(v, 5, nm='b') + port_any(v, 2, nm='a')
                 + port_any(v, big, nm='br0')
                 + port_any(v, 0xff00 if v == 1 else 0xfffffff8, nm='m'))
        out.append(stats(v, False, 13, ports))
        out.append(stats(v, False, 13, b''))
        out.append(stats(v, False, 13, ports, flags=1))
        out.append(stats(v, True, 13, b'' if v < 6
                         else struct.pack(">I4x", 0xffffffff)))
        if v == 6:
            out.append(stats(v, True, 13, struct.pack(">I4x", 5)))
            out.append(stats(v, True, 13, struct.pack(">I4x", 0xff00)))
        # Port mods.
        for adv in (0, 0x2a0):
            if v == 1:
                pm = struct.pack(">H6sIII4x", 3, MAC, 1, 5, adv)
            elif v <= 4:
                pm = struct.pack(">I4x6s2xIII4x", 3, MAC, 0x41, 0x65, adv)
            else:
                pm = struct.pack(">I4x6s2xII", 3, MAC, 0x41, 0x65)
                if adv:
                    pm += struct.pack(">HHI", 0, 8, adv)
            out.append(hdr(v, 15 if v == 1 else 16, pm))
        if v >= 5:
            pm = struct.pack(">I4x6s2xII", 3, MAC, 0x41, 0x65)
            out.append(hdr(v, 16, pm + struct.pack(">HHI", 7, 8, 0)))
            out.append(hdr(v, 16, pm + struct.pack(">HHI", 0, 4, 0)))
            out.append(hdr(v, 16, pm + struct.pack(">HHII", 0xffff, 12,
                                                  0x2320, 1) + b'\0' * 4))
        # Port stats.
        for port in (3, 0xffff if v == 1 else 0xffffffff, 0xfffe if v == 1
                     else 0xfffffffe, 100):
            out.append(stats(v, True, 4, struct.pack(">H6x" if v == 1
                                                     else ">I4x", port)))
        counters = list(range(1, 13))
        if v == 1:
            e = [struct.pack(">H6x12Q", 3, *counters),
                 struct.pack(">H6x12Q", 0xfffe, *([2 ** 64 - 1] * 12)),
                 struct.pack(">H6x12Q", 123, *([0] * 12))]
        elif v <= 3:
            e = [struct.pack(">I4x12Q", 3, *counters),
                 struct.pack(">I4x12Q", 0xfffffffe, *([2 ** 64 - 1] * 12))]
        elif v == 4:
            e = [struct.pack(">I4x12QII", 3, *counters, 100, 500000000),
                 struct.pack(">I4x12QII", 10, *counters, 0, 1)]
        else:
            ethp = struct.pack(">HH4x4Q", 0, 40, 9, 10, 11, 12)
            e = [struct.pack(">H2xIII8Q", 120, 3, 100, 5000, *counters[:8])
                 + ethp,
                 struct.pack(">H2xIII8Q", 80, 0xfffffffe, 1, 0,
                             *counters[:8])]
        out.append(stats(v, False, 4, b''.join(e)))
        out.append((stats(v, False, 4, b''.join(e)), 0))
        out.append(stats(v, False, 4, e[0] + b'\0' * 8))
    # OpenFlow 1.4 port properties with bad lengths.
    for props, length in (
            (struct.pack(">HH4x", 5, 3), None),
            (struct.pack(">HH4x", 5, 16), None),
            (struct.pack(">HH4x", 0, 8), None),
            (struct.pack(">HH4x", 0, 24) + b'\0' * 16, None),
            (eth_prop(length=40) + b'\0' * 8, None),
            (eth_prop(), 48), (eth_prop(), 80), (eth_prop(), 32),
            (b'', 36),
            (struct.pack(">HH4x", 0xffff, 8), None),
            (struct.pack(">HHI", 0xffff, 8, 0x2320), None),
            (struct.pack(">HH", 7, 4) + b'\0' * 4, None),
            (struct.pack(">HHI", 1, 8, 0) + eth_prop(), None),
            (eth_prop() + eth_prop(curr=1), None)):
        out.append(stats(5, False, 13, port14(1, 'a', props=props,
                                              length=length)))
    # OpenFlow 1.1 ports outside the 16-bit range.
    out.append(stats(2, False, 13, port11(0xfffffff8) + port11(0xfffffffb)
                     + port11(0xffff0001)))
    return out


@family
def gen_connection():
    out = []
    for v in (3, 4, 5, 6):
        for role in (0, 1, 2, 3, 4):
            out.append(hdr(v, 24, struct.pack(">I4xQ", role, 0x123)))
            out.append(hdr(v, 25, struct.pack(">I4xQ", role, 0)))
        for role in (0, 2):
            out.append(hdr(v, 25, struct.pack(">I4xQ", role,
                                              0xffffffffffffffff)))
            out.append(hdr(v, 24, struct.pack(">I4xQ", role,
                                              0xffffffffffffffff)))
    for v in ALL:
        for role in (0, 1, 2, 3):
            out.append(nx(v, 10, struct.pack(">I", role)))
            out.append(nx(v, 11, struct.pack(">I", role)))
        out.append(nx(v, 20, struct.pack(">6xH", 123)))
    for v in (5, 6):
        for reason in (0, 1, 2, 3):
            for role in (0, 1, 2, 3, 7):
                out.append(hdr(v, 30, struct.pack(">IB3xQ", role, reason, 5)))
        out.append(hdr(v, 30, struct.pack(">IB3xQ", 3, 0,
                                          0xffffffffffffffff)))
        out.append(hdr(v, 30, struct.pack(">IB3xQ", 2, 0, 5)
                       + struct.pack(">HHII", 0xffff, 12, 0x2320, 1)
                       + b'\0' * 4))
        out.append(hdr(v, 30, struct.pack(">IB3xQ", 2, 0, 5)
                       + struct.pack(">HHI", 7, 8, 1)))
        out.append(hdr(v, 30, struct.pack(">IB3xQ", 2, 0, 5)
                       + struct.pack(">HHI", 7, 9, 1)))
    out.append(nx(4, 1911, struct.pack(">IB3xQ", 3, 1, 7), vendor=0x4f4e4600))
    masks = [(0x7, 0x1, 0x7, 0x3, 0xf, 0x1), (0xffffffff, 0, 1, 2, 3, 4),
             (0, 0, 0, 0, 0, 0)]
    for b in range(8):
        masks.append((1 << b, 0, 1 << b, 0, 1 << b, 0))
    for m in masks:
        out.append(hdr(4, 27, struct.pack(">6I", *m)))
        out.append(hdr(4, 28, struct.pack(">6I", *m)))
        for v in ALL:
            out.append(nx(v, 19, struct.pack(">6I", *m)))
    allprops = b''.join(struct.pack(">HHI", t, 8, m) for t, m in (
        (0, 1), (1, 7), (2, 7), (3, 7), (4, 0xf), (5, 0xf), (6, 3), (7, 3),
        (8, 0x18), (9, 0x18), (10, 3), (11, 3)))
    propsets = [allprops, allprops[:16], b'', struct.pack(">HHI", 12, 8, 1),
                struct.pack(">HHI", 0xffff, 8, 1),
                struct.pack(">HHII", 0xffff, 16, 0x2320, 1) + b'\0' * 4,
                struct.pack(">HHI", 1, 4, 1),
                struct.pack(">HHII", 1, 12, 1, 2) + b'\0' * 4,
                struct.pack(">HHI", 1, 8, 1) * 2]
    for b in range(8):
        propsets.append(b''.join(struct.pack(">HHI", t, 8, 1 << b)
                                 for t in range(12)))
    for props in propsets:
        for v in (5, 6):
            out.append(hdr(v, 27, props))
            out.append(hdr(v, 28, props))
        for v in (1, 4):
            out.append(nx(v, 27, props))
    return out


@family
def gen_queue():
    out = []
    minr = struct.pack(">HH4xH6x", 1, 16, 500)
    maxr = struct.pack(">HH4xH6x", 2, 16, 1001)
    exp = struct.pack(">HH4xI4x", 0xffff, 16, 0x2320)
    odd = struct.pack(">HH4xH6x", 7, 16, 1)
    for port in (5, 0xfffc, 0xfffe, 0xffff, 0xff00):
        out.append(hdr(1, 20, struct.pack(">H2x", port)))
    for v in (2, 3, 4):
        for port in (5, 0xffffffff, 0xfffffffe, 0xffff0000):
            out.append(hdr(v, 22, struct.pack(">I4x", port)))
    out.append(hdr(1, 21, struct.pack(">H6x", 5)))
    out.append(hdr(1, 21, struct.pack(">H6x", 5)
                   + struct.pack(">IH2x", 1, 24) + minr
                   + struct.pack(">IH2x", 2, 8)
                   + struct.pack(">IH2x", 3, 40) + maxr + minr))
    out.append(hdr(1, 21, struct.pack(">H6x", 5)
                   + struct.pack(">IH2x", 1, 32) + minr))
    out.append(hdr(1, 21, struct.pack(">H6x", 5)
                   + struct.pack(">IH2x", 1, 4) + minr))
    out.append(hdr(2, 23, struct.pack(">I4x", 5)
                   + struct.pack(">IH2x", 1, 24) + minr))
    for v in (3, 4):
        out.append(hdr(v, 23, struct.pack(">I4x", 5)))
        out.append(hdr(v, 23, struct.pack(">I4x", 5)
                       + struct.pack(">IIH6x", 1, 5, 48) + minr + maxr
                       + struct.pack(">IIH6x", 7, 6, 16)
                       + struct.pack(">IIH6x", 8, 5, 32) + exp
                       + struct.pack(">IIH6x", 9, 5, 32) + odd))
        out.append(hdr(v, 23, struct.pack(">I4x", 0xfffffffe)
                       + struct.pack(">IIH6x", 1, 5, 24)
                       + struct.pack(">HH4xH6x", 1, 8, 5)))
    for v in (5, 6):
        for port, q in ((5, 0xffffffff), (0xffffffff, 3),
                        (0xfffffffe, 0), (0xffff0000, 1)):
            out.append(stats(v, True, 15, struct.pack(">II", port, q)))
        qd = (struct.pack(">IIH6x", 5, 1, 32)
              + struct.pack(">HHH2x", 1, 8, 500)
              + struct.pack(">HHH2x", 2, 8, 1800))
        out.append(stats(v, False, 15, qd + struct.pack(">IIH6x", 6, 2, 16)
                         + struct.pack(">IIH6x", 6, 3, 16) + qd))
        out.append(stats(v, False, 15, b''))
        out.append(stats(v, False, 15, struct.pack(">IIH6x", 5, 1, 24)
                         + struct.pack(">HHH2x", 1, 6, 500)))
        out.append(stats(v, False, 15, struct.pack(">IIH6x", 5, 1, 24)
                         + struct.pack(">HHI", 3, 8, 0)))
        out.append(stats(v, False, 15, struct.pack(">IIH6x", 5, 1, 8)))
    for port in (0xfffc, 3, 0xffff, 0xfffe):
        for q in (0xffffffff, 7):
            out.append(stats(1, True, 5, struct.pack(">H2xI", port, q)))
    for v in (2, 3, 4, 5, 6):
        for port in (0xffffffff, 3, 0xfffffffe, 0xfffffffc):
            out.append(stats(v, True, 5, struct.pack(">II", port,
                                                     0xffffffff)))
    m = 2 ** 64 - 1
    out.append(stats(1, False, 5, struct.pack(">H2xIQQQ", 3, 7, 1, 2, 3)
                     + struct.pack(">H2xIQQQ", 0xfffe, 0, m, m, m)))
    for v in (2, 3):
        out.append(stats(v, False, 5, struct.pack(">IIQQQ", 3, 7, 1, 2, 3)))
    out.append(stats(4, False, 5, struct.pack(">IIQQQII", 3, 7, 1, 2, 3, 10,
                                              200000000)))
    for v in (5, 6):
        out.append(stats(v, False, 5, struct.pack(">H6xIIQQQII", 48, 3, 7, 1,
                                                  2, 3, 10, 200000000)
                         + struct.pack(">H6xIIQQQII", 48, 3, 7, 1, 2, 3,
                                       0xffffffff, 0xffffffff)))
        out.append(stats(v, False, 5, struct.pack(">H6xIIQQQII", 56, 3, 7, 1,
                                                  2, 3, 10, 2) + b'\0' * 8))
        out.append(stats(v, False, 5, struct.pack(">H6xIIQQQII", 40, 3, 7, 1,
                                                  2, 3, 10, 2)))
    return out


@family
def gen_meter():
    out = []
    drop = struct.pack(">HHII4x", 1, 16, 1000, 10)
    dscp = struct.pack(">HHIIB3x", 2, 16, 500, 0, 1)
    expb = struct.pack(">HHIII", 0xffff, 16, 100, 1, 0x2320)
    bad = struct.pack(">HHII4x", 7, 16, 1, 1)
    for v in (4, 5, 6):
        for cmd in (0, 1, 2, 3, 0xffff):
            for flags in (1, 2, 3, 5, 0xf, 0, 0x10, 0xe):
                out.append(hdr(v, 29, struct.pack(">HHI", cmd, flags, 1)
                               + drop + dscp))
        for mid in (0xffffffff, 0xfffffffd, 0xfffffffe, 0xffff0001,
                    0xffff0000, 0):
            out.append(hdr(v, 29, struct.pack(">HHI", 0, 1, mid) + drop))
        for bands in (expb, bad, b'',
                      struct.pack(">HHII4x", 1, 8, 1000, 10) + b'\0' * 8,
                      struct.pack(">HHII4x", 1, 24, 1000, 10) + b'\0' * 8,
                      struct.pack(">HHII4x", 2, 32, 1000, 10) + b'\0' * 16,
                      drop * 3):
            out.append(hdr(v, 29, struct.pack(">HHI", 0, 5, 5) + bands))
        for mid in (0xffffffff, 0xfffffffd, 0xfffffffe, 5, 0xffff0001):
            out.append(stats(v, True, 9, struct.pack(">I4x", mid)))
            out.append(stats(v, True, 10, struct.pack(">I4x", mid)))
        out.append(stats(v, True, 11, b''))
        for bt, caps in ((0x6, 0xf), (0xffffffff, 0xffffffff), (0, 0),
                         (2, 1)):
            out.append(stats(v, False, 11, struct.pack(">IIIBB2x", 100, bt,
                                                       caps, 8, 1)))
        out.append(stats(v, False, 10, struct.pack(">HHI", 40, 1 | 8, 3)
                         + drop + dscp + struct.pack(">HHI", 8, 2, 4)
                         + struct.pack(">HHI", 24, 6, 5) + drop))
        out.append(stats(v, False, 10, b''))
        out.append(stats(v, False, 10, struct.pack(">HHI", 4, 1, 3)))
        out.append(stats(v, False, 10, struct.pack(">HHI", 40, 1, 3)
                         + drop))
        out.append(stats(v, False, 10, struct.pack(">HHI", 24, 1, 3)
                         + expb))
        out.append(stats(v, False, 9, struct.pack(">IH6xIQQII", 1, 72, 2, 3,
                                                  4, 5, 6000)
                         + struct.pack(">QQ", 7, 8) + struct.pack(">QQ", 9, 10)
                         + struct.pack(">IH6xIQQII", 2, 40, 0, 0, 0, 0, 0)))
        out.append(stats(v, False, 9, b''))
        out.append(stats(v, False, 9, struct.pack(">IH6xIQQII", 1, 48, 2, 3,
                                                  4, 5, 6000) + b'\0' * 8))
        out.append(stats(v, False, 9, struct.pack(">IH6xIQQII", 1, 32, 2, 3,
                                                  4, 5, 6000)))
        out.append(stats(v, False, 9, struct.pack(">IH6xIQQII", 1, 88, 2, 3,
                                                  4, 5, 6000)
                         + struct.pack(">QQ", 7, 8)))
    return out


OUT11 = struct.pack(">HHIH6x", 0, 16, 1, 0)
OUT10 = struct.pack(">HHHH", 0, 8, 1, 0)


def b11(weight, wport, wgroup, acts):
    return struct.pack(">HHII4x", 16 + len(acts), weight, wport, wgroup) + acts


def b15(bid, acts, props=b''):
    return struct.pack(">HHI", 8 + len(acts) + len(props), len(acts),
                       bid) + acts + props


def gm15(cmd, typ, gid, cbid, buckets, props=b''):
    return struct.pack(">HBxIH2xI", cmd, typ, gid, len(buckets),
                       cbid) + buckets + props


@family
def gen_group():
    out = []
    nw = (0xffffffff, 0xffffffff)
    bucket_sets = [
        b'', b11(0, *nw, OUT11), b11(1, *nw, OUT11),
        b11(0, 3, 0xffffffff, OUT11), b11(0, 0xffffffff, 3, OUT11),
        b11(0, *nw, OUT11) + b11(7, 2, 9, OUT11 + OUT11),
        b11(10, *nw, OUT11) + b11(20, 0xfffffffe, 0xffffffff, b''),
        b11(0, *nw, OUT11)[:-4], struct.pack(">HHII4x", 8, 0, 0, 0),
        struct.pack(">HHII4x", 40, 0, 0, 0) + OUT11,
        b11(0, 0xffff0001, 0xffffffff, OUT11),
    ]
    for v in (2, 3, 4, 5):
        for cmd in (0, 1, 2, 3, 4, 5, 0x8000):
            for typ in (0, 1, 2, 3, 4):
                for bs in bucket_sets[:6]:
                    out.append(hdr(v, 15, struct.pack(">HBxI", cmd, typ, 5)
                                   + bs))
        for bs in bucket_sets[6:]:
            out.append(hdr(v, 15, struct.pack(">HBxI", 0, 1, 5) + bs))
        for gid in (0xfffffffc, 0xffffff00, 0xffffffff, 0):
            out.append(hdr(v, 15, struct.pack(">HBxI", 2, 0, gid)))
    w = lambda x: struct.pack(">HHH2x", 0, 8, x)
    wp = lambda x: struct.pack(">HHI", 1, 8, x)
    wg = lambda x: struct.pack(">HHI", 2, 8, x)
    for v in (1, 6):
        for cmd in (0, 1, 2, 3, 4, 0x8000):
            for cbid in (0xffffffff, 0xfffffffd, 0xfffffffe, 7):
                for typ in (0, 1, 3):
                    bl = (b15(0, OUT11, w(3)) + b15(1, OUT11 + OUT11, w(1)
                                                    + wp(2)))
                    m = gm15(cmd, typ, 5, cbid, bl)
                    out.append(nx(v, 31, m) if v == 1 else hdr(v, 15, m))
                    m = gm15(cmd, typ, 5, cbid, b'')
                    out.append(nx(v, 31, m) if v == 1 else hdr(v, 15, m))
        for bl in (b15(0, OUT11) + b15(1, OUT11, wg(4)),
                   b15(2, OUT11, wp(3) + wg(4)),
                   b15(2, OUT11, struct.pack(">HHI", 7, 8, 0)),
                   b15(2, OUT11, struct.pack(">HHI", 0, 7, 0)),
                   b15(3, b'', w(0)), b15(3, OUT11)[:-8]):
            for typ in (0, 1, 3):
                m = gm15(0, typ, 5, 0xffffffff, bl)
                out.append(nx(v, 31, m) if v == 1 else hdr(v, 15, m))
        m = gm15(0, 1, 5, 0xffffffff, b15(0, OUT11, w(3)),
                 struct.pack(">HHI", 9, 8, 0))
        out.append(nx(v, 31, m) if v == 1 else hdr(v, 15, m))
    for v in (2, 3, 4, 5, 6):
        for gid in (0xfffffffc, 5, 0xffffffff):
            out.append(stats(v, True, 6, struct.pack(">I4x", gid)))
            if v == 6:
                out.append(stats(v, True, 7, struct.pack(">I4x", gid)))
        if v < 6:
            out.append(stats(v, True, 7, b''))
        if v >= 3:
            out.append(stats(v, True, 8, b''))
        if v >= 4:
            gs = (struct.pack(">H2xII4xQQII", 40 + 32, 5, 2, 10, 20, 3, 4000)
                  + struct.pack(">QQQQ", 1, 2, 3, 4)
                  + struct.pack(">H2xII4xQQII", 40, 6, 0, 0, 0, 0, 0))
            bad = struct.pack(">H2xII4xQQII", 48, 5, 2, 10, 20, 3, 4000)
        else:
            gs = (struct.pack(">H2xII4xQQ", 32 + 16, 5, 2, 10, 20)
                  + struct.pack(">QQ", 1, 2))
            bad = struct.pack(">H2xII4xQQ", 36, 5, 2, 10, 20) + b'\0' * 8
        out.append(stats(v, False, 6, gs))
        out.append(stats(v, False, 6, b''))
        out.append(stats(v, False, 6, bad))
        if v < 6:
            desc = (struct.pack(">HBxI", 8 + 32, 1, 5)
                    + b11(10, *nw, OUT11) + b11(20, 2, 3, b'')
                    + struct.pack(">HBxI", 8 + 16, 0, 7) + b11(0, *nw, OUT11)
                    + struct.pack(">HBxI", 8, 2, 9))
            out.append(stats(v, False, 7, desc))
            out.append(stats(v, False, 7, struct.pack(">HBxI", 100, 1, 5)))
        else:
            bl = b15(0, OUT11, w(3)) + b15(1, OUT11, w(1) + wp(2))
            desc = struct.pack(">HBxIH6x", 16 + len(bl), 1, 5, len(bl)) + bl
            out.append(stats(v, False, 7, desc + desc))
            out.append(stats(v, False, 7, struct.pack(">HBxIH6x", 16, 0, 5,
                                                      8)))
        if v >= 3:
            for types in (0xf, 0x3, 0):
                out.append(stats(v, False, 8, struct.pack(
                    ">II4I4I", types, 0xf, 1, 2, 3, 0xffffff00, 1,
                    0xffffffff, 0, 1 << 25)))
    out.append(vstats(1, True, 0x2320, 7, struct.pack(">I4x", 5)))
    out.append(vstats(1, False, 0x2320, 7, b''))
    return out


@family
def gen_table():
    out = []
    ev = struct.pack(">HHI", 2, 8, 7)
    vac = struct.pack(">HHBBBx", 3, 8, 20, 80, 50)
    for v in (2, 3, 4, 5, 6):
        for tid in (1, 255):
            for cfg in (0, 1, 2, 3, 4, 8, 0xc, 0xffffffff):
                out.append(hdr(v, 17, struct.pack(">B3xI", tid, cfg)))
    for v in (5, 6):
        for props in (ev, vac, ev + vac, struct.pack(">HHI", 5, 8, 0),
                      struct.pack(">HHBBBx", 3, 8, 90, 80, 0),
                      struct.pack(">HHBBBx", 3, 8, 20, 80, 0),
                      struct.pack(">HHBBBx", 3, 8, 20, 180, 0),
                      struct.pack(">HHBBBx", 3, 8, 120, 80, 0),
                      struct.pack(">HHI", 2, 8, 0), struct.pack(">HHI", 2, 8, 1),
                      struct.pack(">HHI", 2, 8, 2), struct.pack(">HHI", 2, 4, 2),
                      struct.pack(">HHII", 0xffff, 12, 0x2320, 0) + b'\0' * 4):
            for cfg in (0, 0xc):
                out.append(hdr(v, 17, struct.pack(">B3xI", 1, cfg) + props))
        out.append(stats(v, True, 14, b''))
        out.append(stats(v, False, 14, struct.pack(">HBxI", 8, 1, 0)
                         + struct.pack(">HBxI", 24, 2, 0xc) + ev + vac))
        out.append(stats(v, False, 14, b''))
        out.append(stats(v, False, 14, struct.pack(">HBxI", 16, 1, 0)
                         + struct.pack(">HHI", 9, 8, 0)))
        out.append(stats(v, False, 14, struct.pack(">HBxI", 16, 1, 0)
                         + struct.pack(">HHBBBx", 3, 8, 90, 80, 0)))
        out.append(stats(v, False, 14, struct.pack(">HBxI", 32, 1, 0) + ev))
        for reason in (3, 4, 5, 0):
            out.append(hdr(v, 31, struct.pack(">B7x", reason)
                           + struct.pack(">HBxI", 16, 2, 0x8) + vac))
        out.append(hdr(v, 31, struct.pack(">B7x", 3)))
        out.append(hdr(v, 31, struct.pack(">B7x", 3)
                       + struct.pack(">HBxI", 8, 2, 0x0)
                       + struct.pack(">HBxI", 8, 3, 0x0)))
    return out


def onf(v, exp_type, body, xid=1):
    return hdr(v, 4, struct.pack(">II", 0x4f4e4600, exp_type) + body, xid)


@family
def gen_bundle():
    out = []
    for v in (4, 5, 6):
        def ctrl(body):
            return onf(v, 2300, body) if v == 4 else hdr(v, 33, body)

        def add(body):
            return onf(v, 2301, body) if v == 4 else hdr(v, 34, body)

        for bid, t, flags in ((0, 0, 3), (7, 1, 0), (0x12345678, 2, 1),
                              (1, 3, 2), (2, 4, 7), (3, 5, 4), (4, 6, 0xc),
                              (5, 7, 0xffff), (6, 8, 3), (7, 0xffff, 0)):
            out.append(ctrl(struct.pack(">IHH", bid, t, flags)))
        # Properties are ignored; truncated ones are framing errors.
        out.append(ctrl(struct.pack(">IHH", 5, 0, 0) + bytes.fromhex(
            '0001000400000000')))
        out.append(ctrl(struct.pack(">IHH", 5, 0, 0) + bytes.fromhex(
            'ffff000c0000232000000001')))
        out.append(ctrl(struct.pack(">IHH", 5, 0, 0) + b'\0'))
        out.append(ctrl(struct.pack(">IH", 5, 0)))
        # Bundle-add with allowed, disallowed and malformed messages.
        gm = hdr(v, 15, struct.pack(">HBxI", 0, 0, 1))
        pm = hdr(v, 16, struct.pack(">I4x6s2xIII4x", 1, MAC, 1, 1, 0)
                 if v < 5 else struct.pack(">I4x6s2xII", 1, MAC, 1, 1))
        inners = [gm, pm, gm + b'\xff\xff\x00\x04',
                  hdr(v, 0, b''), hdr(v, 2, b'abc'), hdr(v, 20, b''),
                  hdr(v, 18, struct.pack(">HH4x", 0, 0)),
                  hdr(v, 29, b'\0' * 8), hdr(v, 17, b'\0' * 8),
                  hdr(v, 22, b''), hdr(v, 5, b'\0' * 8),
                  nx(v, 24, b'\0' * 8), nx(v, 31, b'\0' * 8),
                  nx(v, 16, b'\0' * 4),
                  hdr(v - 1, 15, struct.pack(">HBxI", 0, 0, 1)),
                  hdr(v, 15, struct.pack(">HBxI", 0, 0, 1), xid=2),
                  hdr(v, 0, b'', xid=2), hdr(v - 1, 0, b'', xid=2),
                  bytes.fromhex('%02x1000040000000100' % v),
                  bytes.fromhex('%02x10000c00000001' % v),
                  bytes.fromhex('%02x10' % v), b'']
        for inner in inners:
            for flags in (3, 0):
                out.append(add(struct.pack(">I2xH", 5, flags) + inner))
        out.append((add(struct.pack(">I2xH", 0, 3) + gm), 5))
        out.append((add(struct.pack(">I2xH", 0, 3) + gm), 1))
    for v in (1, 2, 3):
        out.append(onf(v, 2300, struct.pack(">IHH", 1, 0, 3)))
        out.append(onf(v, 2301, struct.pack(">I2xH", 5, 3)
                       + hdr(v, 15, b'\0' * 8)))
    return out


def tun_md(idx, value, mask=None):
    """An NXM entry for tun_metadata<idx>: as long as 'value' is."""
    f = (40 + idx) << 1
    if mask is None:
        return struct.pack(">HBB", 1, f, len(value)) + value
    return struct.pack(">HBB", 1, f | 1, 2 * len(value)) + value + mask


def flow_mod13(entries, instructions=b''):
    body = b''.join(entries)
    match = struct.pack(">HH", 1, 4 + len(body)) + body
    match += b'\0' * (-len(match) % 8)
    fm = struct.pack(">QQBBHHHIIIH2x", 0, 0, 0, 0, 0, 0, 0x8000,
                     0xffffffff, 0xffffffff, 0xffffffff, 0)
    return hdr(4, 14, fm + match + instructions)


def nx_flow_mod(entries, actions=b''):
    body = b''.join(entries)
    fm = struct.pack(">QHHHHIHHH6x", 0, 0, 0, 0, 0x8000, 0xffffffff,
                     0xffff, 0, len(body))
    return nx(1, 13, fm + body + b'\0' * (-len(body) % 8) + actions)


def apply13(actions):
    return struct.pack(">HH4x", 4, 8 + len(actions)) + actions


def nxast(subtype, body):
    a = struct.pack(">HHIH", 0xffff, 0, 0x2320, subtype) + body
    a += b'\0' * (-len(a) % 8)
    return a[:2] + struct.pack(">H", len(a)) + a[4:]


def set_field13(entry):
    a = struct.pack(">HH", 25, 0) + entry
    a += b'\0' * (-len(a) % 8)
    return a[:2] + struct.pack(">H", len(a)) + a[4:]


@family
def gen_tunmeta():
    """tun_metadata (Geneve options) in matches and actions: lengths from 0
    to past the limits, masks, duplicates, the 256-byte total."""
    out = []
    matches = [
        [tun_md(0, b'\x12\x34')],
        [tun_md(0, b'')],
        [tun_md(0, b'', b'')],
        [tun_md(0, b'\x00\x01')],
        [tun_md(0, b'\x01', b'\xff')],
        [tun_md(0, b'\x00\x34', b'\x00\xff')],
        [tun_md(0, b'\x12\x00', b'\xff\x00')],
        [tun_md(0, b'\x00', b'\x00')],
        [tun_md(63, b'\xab\xcd\xef'), tun_md(7, b'\x01')],
        [tun_md(0, bytes(range(1, 125)))],
        [tun_md(0, bytes(range(1, 126)))],
        [tun_md(0, b'\xab' * 127)],
        [tun_md(0, b'\xab' * 128)],
        [tun_md(0, b'\xab' * 127, b'\xff' * 127)],
        [tun_md(0, bytes(range(1, 201)))],
        [tun_md(0, b'\x01'), tun_md(0, b'\x02')],
        [tun_md(0, b'\x03', b'\x01')],
        [tun_md(0, b'\x01' * 124), tun_md(1, b'\x01' * 124),
         tun_md(2, b'\x01' * 8)],
        [tun_md(0, b'\x01' * 124), tun_md(1, b'\x01' * 124),
         tun_md(2, b'\x01' * 9)],
    ]
    for m in matches:
        out.append(flow_mod13(m))
        out.append(nx_flow_mod(m))
        # ovs-ofctl's raw NXM text of an entry longer than 124 bytes shows
        # whatever memory follows its value: left out.
        if all(e[3] // (2 if e[2] & 1 else 1) <= 124 for e in m):
            out.append((nx_flow_mod(m), 5))
    th = struct.pack(">I", 0x0001507c)          # tun_metadata0, 124 bytes
    actions = [
        set_field13(tun_md(3, b'\x05')),
        set_field13(tun_md(3, b'')),
        set_field13(tun_md(3, b'\x00' * 3 + b'\x05')),
        set_field13(tun_md(3, b'\x77' * 124)),
        set_field13(tun_md(3, b'\x77' * 125)),
        set_field13(tun_md(3, b'\x77' * 127)),
        set_field13(tun_md(3, b'\x77' * 128)),
        nxast(33, tun_md(2, b'\x03' * 125, b'\xff' * 125)),
        nxast(33, tun_md(2, b'\x03', b'\x0f')),
        nxast(33, tun_md(9, b'\x12\x34', b'\xff\x00')),
        nxast(50, th + b'\0' * 10),
        nxast(50, struct.pack(">I", 0x00010004) + b'\0' * 10),
        nxast(50, th),
        nxast(6, struct.pack(">HHH", 32, 0, 0) + th
              + struct.pack(">I", 0x00010004)),
        nxast(6, struct.pack(">HHH", 992, 0, 0) + th
              + struct.pack(">I", 0x0001527c)),
        nxast(6, struct.pack(">HHH", 993, 0, 0) + th
              + struct.pack(">I", 0x0001527c)),
    ]
    for a in actions:
        out.append(flow_mod13([], apply13(a)))
        out.append(nx_flow_mod([], a))
    return out


def to_lines(msgs):
    lines = []
    for m in msgs:
        if isinstance(m, tuple):
            lines.append('%s %d' % (m[0].hex(), m[1]))
        else:
            lines.append(m.hex())
    return lines


def ovs_print(line):
    args = line.split()
    r = subprocess.run(['ovs-ofctl', 'ofp-print'] + args,
                       capture_output=True)
    return r.stdout.decode('latin1')


def main():
    args = sys.argv[1:]
    expected = '--expected' in args
    args = [a for a in args if a != '--expected']
    for fam in args or sorted(FAMILIES):
        lines = to_lines(FAMILIES[fam]())
        with open(os.path.join(HERE, 'synth-%s.txt' % fam), 'w') as f:
            f.write('\n'.join(lines) + '\n')
        if expected:
            with open(os.path.join(HERE, 'synth-%s.expected' % fam),
                      'w', encoding='latin1') as f:
                for line in lines:
                    f.write(ovs_print(line))
                    f.write('@@\n')


if __name__ == '__main__':
    main()
