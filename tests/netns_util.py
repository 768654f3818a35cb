"""Hosts in network namespaces, wired to a switch with veth pairs.

What: Hosts(switch_pid) creates named network namespaces ("svsh<N>-<i>")
and veth pairs whose host end goes into a namespace (as "eth0", with an
IPv4 address and a static ARP entry for every other host, so that tests
need no ARP) and whose switch end ("<prefix><i>") goes into the network
namespace of the process 'switch_pid' (the switch daemon, which the
sandbox starts under `unshare --net`).  exec() runs a command in a host;
cleanup() deletes everything.

Offloads are left on: packets from a veth carry partial checksums, which
the switch must handle.

Needs root.  Thread-safety: none.
"""

import itertools
import os
import subprocess

_counter = itertools.count()


def need_root():
    return os.geteuid() == 0


def run(*args, check=True, timeout=60, **kw):
    return subprocess.run(list(args), check=check, capture_output=True,
                          text=True, timeout=timeout, **kw)


class Hosts(object):
    def __init__(self, switch_pid, n=2, prefix="sv"):
        self.id = "%d%d" % (os.getpid() % 10000, next(_counter))
        self.switch_pid = switch_pid
        self.names = []
        self.ports = []
        self.macs = []
        self.ips = []
        try:
            for i in range(n):
                self._add_host(i, prefix)
            for i in range(n):
                for j in range(n):
                    if i != j:
                        self.exec(i, "ip", "neigh", "replace", self.ips[j],
                                  "lladdr", self.macs[j], "dev", "eth0",
                                  "nud", "permanent")
        except Exception:
            self.cleanup()
            raise

    def _add_host(self, i, prefix):
        ns = "svsh%s-%d" % (self.id, i)
        port = "%s%s%d" % (prefix, self.id, i)
        peer = "h%s%d" % (self.id, i)
        mac = "02:00:00:%02x:%02x:%02x" % ((int(self.id) >> 8) & 0xff,
                                          int(self.id) & 0xff, i + 1)
        ip = "10.%d.0.%d" % (200 + (int(self.id) % 50), i + 1)
        run("ip", "netns", "add", ns)
        self.names.append(ns)
        run("ip", "link", "add", port, "type", "veth", "peer", "name", peer)
        self.ports.append(port)
        run("ip", "link", "set", peer, "netns", ns)
        run("ip", "link", "set", port, "netns", str(self.switch_pid))
        self.exec(i, "ip", "link", "set", peer, "name", "eth0")
        self.exec(i, "ip", "link", "set", "eth0", "address", mac)
        self.exec(i, "ip", "addr", "add", ip + "/24", "dev", "eth0")
        self.exec(i, "ip", "link", "set", "eth0", "up")
        self.exec(i, "ip", "link", "set", "lo", "up")
        self.switch_exec("ip", "link", "set", port, "up")
        self.macs.append(mac)
        self.ips.append(ip)

    def exec(self, i, *args, check=True, timeout=60, **kw):
        return run("ip", "netns", "exec", self.names[i], *args, check=check,
                   timeout=timeout, **kw)

    def popen(self, i, *args, **kw):
        return subprocess.Popen(["ip", "netns", "exec", self.names[i]]
                                + list(args), **kw)

    def switch_exec(self, *args, check=True):
        return run("nsenter", "--net=/proc/%d/ns/net" % self.switch_pid,
                   *args, check=check)

    def ping(self, src, dst, count=3, check=True):
        return self.exec(src, "ping", "-c", str(count), "-i", "0.2", "-W",
                         "2", self.ips[dst], check=check)

    def cleanup(self):
        for ns in self.names:
            run("ip", "netns", "del", ns, check=False)
        self.names = []
