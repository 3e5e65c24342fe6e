#!/usr/bin/env python3
"""Generates corosync.conf inputs for the differential test against the real corosync 3.1.7 (corosync -t, the
daemon until votequorum has loaded, corosync-qdevice) and PVE's own parser (PVE::Corosync::parse_conf).

Every file starts from a configuration PVE itself would write (2 to 5 nodes, one or two links, names or addresses,
sometimes a QDevice), then a few mutations of one kind change it. The kinds are the shapes issue 7 lists plus plain
grammar mutations:
  addr    ring addresses that are no IP literal or host name (inline comment, quotes, /24, :5405, empty, ...)
  log     logging values (debug, to_*, facility, priority, timestamp, blackbox, logger_subsys)
  totem   mixed IP families, ip_version, ring-1_addr, ttl, udp mcastaddr, crypto_model, no nodelist, unnamed node
  nest    a section nested inside a node block
  qdev    QDevice settings (votes, algorithm, tie_breaker, port, timeouts, ip version, heuristics)
  pve     what PVE's parser reads differently (ATB node lists, linknumber/ringnumber, same names, 'node: x')
  nodes   duplicate nodeids, uneven link sets, votes
  syntax  grammar mutations (braces, colons, inline '#', CRLF, extra characters, repeated sections)
  values  typed and enumerated keys with good and bad values

usage: generate.py OUTDIR [COUNT_PER_KIND] [SEED]   (writes OUTDIR/<kind>-NNNN.conf)
"""
import os
import random
import sys


class S:
    """A section: a name and entries, each a (key, value) pair or a nested S."""

    def __init__(self, name, entries=None):
        self.name = name
        self.entries = entries if entries is not None else []

    def get(self, name):
        return next((e for e in self.entries if isinstance(e, S) and e.name == name), None)

    def all(self, name):
        return [e for e in self.entries if isinstance(e, S) and e.name == name]

    def set(self, key, value):
        for i, e in enumerate(self.entries):
            if isinstance(e, tuple) and e[0] == key:
                self.entries[i] = (key, value)
                return
        self.entries.append((key, value))

    def drop(self, key):
        self.entries = [e for e in self.entries if not (isinstance(e, tuple) and e[0] == key)]


def render(sections, r):
    indent = r.choice(["  ", "  ", "    ", "\t"])
    out = []

    def emit(s, depth):
        pad = indent * depth
        out.append(f"{pad}{s.name} {{")
        for e in s.entries:
            if isinstance(e, S):
                emit(e, depth + 1)
            else:
                out.append(f"{pad}{indent}{e[0]}: {e[1]}")
        out.append(f"{pad}}}")

    for i, s in enumerate(sections):
        if i:
            out.append("")
        emit(s, 0)
    return "\n".join(out) + "\n"


def v4(link, n):
    return f"10.{link}.0.{n}"


def v6(link, n):
    return f"fd00:{link}::{n}"


def base(r):
    count = r.choice([2, 3, 3, 4, 5])
    links = [0] if r.random() < 0.6 else [0, 1]
    style = r.choice(["v4", "v4", "v4", "v6", "name"])
    totem = S("totem", [("cluster_name", r.choice(["pve", "lab", "prod-c1"])), ("config_version", str(r.randint(1, 40))),
                        ("ip_version", "ipv4-6"), ("link_mode", "passive"), ("secauth", "on"), ("version", "2")])
    for l in links:
        totem.entries.append(S("interface", [("linknumber", str(l))]))
    nodes = []
    for n in range(1, count + 1):
        name = f"pve{n}"
        node = S("node", [("name", name), ("nodeid", str(n)), ("quorum_votes", "1")])
        for l in links:
            addr = v4(l, n) if style == "v4" else v6(l, n) if style == "v6" else (name if l == 0 else f"{name}-l{l}")
            node.entries.append((f"ring{l}_addr", addr))
        nodes.append(node)
    quorum = S("quorum", [("provider", "corosync_votequorum")])
    if count % 2 == 0 and r.random() < 0.4:
        quorum.entries.append(S("device", [("model", "net"), ("votes", "1"),
                                           S("net", [("algorithm", "ffsplit"), ("host", "10.9.0.1"), ("tls", "off")])]))
    logging = S("logging", [("debug", "off"), ("to_syslog", "yes")])
    order = [logging, S("nodelist", nodes), quorum, totem]
    return order


def find(secs, name):
    return next((s for s in secs if s.name == name), None)


def nodes_of(secs):
    nl = find(secs, "nodelist")
    return nl.all("node") if nl else []


def totem_of(secs):
    return find(secs, "totem")


def ring_keys(node):
    return [e for e in node.entries if isinstance(e, tuple) and e[0].startswith("ring")]


# ------------------------------------------------------------------ mutations per kind (each takes secs, r)
def m_addr(secs, r):
    node = r.choice(nodes_of(secs))
    rings = ring_keys(node)
    if not rings:
        return
    key, value = r.choice(rings)
    bad = r.choice([
        value + " # link to switch A", f'"{value}"', value + "/24", value + ":5405", "", "10.0.0.300", "10.0.0",
        "pve 1", "pve_1", "-pve1", "999.1.1.1", "[fd00::1]", "fd00::1::2", "10.0.0.1,10.0.0.2", "localhost",
        "a" * 70, "pve1.", "pve1.example.com", "PVE1", "0x0a000001", "10.000.0.1", "::ffff:10.0.0.9", "fe80::1%eth0",
        value.upper(), "fd00:0:0:0:0:0:0:99", "127.0.0.1", "0.0.0.0", "host.with.dots-and-dash", "1.2.3.4.5"])
    node.set(key, bad)


def m_log(secs, r):
    logging = find(secs, "logging")
    key, values = r.choice([
        ("debug", ["on", "off", "trace", "yes", "no", "maybe", "1", "On", ""]),
        ("to_syslog", ["yes", "no", "on", "off", "maybe", "true", "1", "Yes"]),
        ("to_stderr", ["yes", "no", "on", "maybe"]),
        ("to_logfile", ["yes", "no", "on", "off", "maybe"]),
        ("syslog_facility", ["daemon", "local0", "local7", "user", "kern", "bogus", "local8", "Daemon"]),
        ("syslog_priority", ["info", "debug", "err", "warning", "notice", "emerg", "alert", "crit", "error", "bogus", "trace"]),
        ("logfile_priority", ["info", "debug", "err", "bogus", "warning"]),
        ("timestamp", ["on", "off", "hires", "yes", "bogus", "On"]),
        ("blackbox", ["on", "off", "yes", "no", "bogus"]),
        ("fileline", ["on", "off", "yes", "bogus"]),
        ("function_name", ["on", "off", "bogus"]),
        ("logfile", ["/var/log/corosync/corosync.log", "relative.log", ""]),
    ])
    logging.set(key, r.choice(values))
    if key == "to_logfile" and r.random() < 0.5:
        logging.set("logfile", "/var/log/corosync/corosync.log")
    if r.random() < 0.25:
        sub = S("logger_subsys", [("subsys", r.choice(["QUORUM", "KNET", "TOTEM", "bogus"])),
                                  (r.choice(["debug", "to_syslog", "syslog_priority"]), r.choice(["on", "off", "yes", "bogus", "info"]))])
        if r.random() < 0.2:
            sub.entries = sub.entries[1:]
        logging.entries.append(sub)


def m_totem(secs, r):
    totem = totem_of(secs)
    nodes = nodes_of(secs)
    what = r.choice(["mixed", "ipv6only", "ipv4only", "ringminus", "ttl", "udp", "crypto_model", "no_nodelist",
                     "unnamed_first", "unnamed_other", "ip_version", "knet_transport", "link_priority", "udpu"])
    if what == "mixed":
        node = r.choice(nodes)
        for i, e in enumerate(node.entries):
            if isinstance(e, tuple) and e[0] == "ring0_addr":
                node.entries[i] = ("ring0_addr", v6(0, 77) if "." in e[1] or e[1].startswith("pve") else v4(0, 77))
    elif what in ("ipv6only", "ipv4only"):
        totem.set("ip_version", "ipv6" if what == "ipv6only" else "ipv4")
    elif what == "ringminus":
        r.choice(nodes).entries.append((r.choice(["ring-1_addr", "ring8_addr", "ring10_addr", "ring01_addr"]), "10.5.0.1"))
    elif what == "ttl":
        iface = totem.get("interface")
        if iface is None or r.random() < 0.3:
            iface = S("interface", [("linknumber", r.choice(["0", "1", "5"]))])
            totem.entries.append(iface)
        iface.set("ttl", r.choice(["1", "2", "64", "0"]))
    elif what in ("udp", "udpu"):
        totem.set("transport", what)
        totem.set("secauth", r.choice(["off", "off", "on"]))
        if what == "udp":
            iface = totem.get("interface")
            if iface is None:
                iface = S("interface", [("linknumber", "0")])
                totem.entries.append(iface)
            iface.set("mcastaddr", r.choice(["239.192.1.1", "10.0.0.1", "224.0.0.1", "ff15::1", "bogus"]))
            if r.random() < 0.5:
                iface.set("ttl", r.choice(["1", "3"]))
            if r.random() < 0.3:
                iface.set("mcastport", r.choice(["5405", "70000"]))
        if len(totem.all("interface")) > 1 and r.random() < 0.5:
            totem.entries = [e for e in totem.entries if not (isinstance(e, S) and e.name == "interface" and e.entries[0][1] == "1")]
            for n in nodes:
                n.drop("ring1_addr")
    elif what == "crypto_model":
        totem.set("crypto_model", r.choice(["nss", "openssl", "gcrypt", "mbedtls", "NSS", "bogus"]))
        if r.random() < 0.5:
            totem.set("crypto_cipher", r.choice(["aes256", "aes128", "none"]))
            totem.set("crypto_hash", r.choice(["sha256", "sha1", "none"]))
    elif what == "no_nodelist":
        secs.remove(find(secs, "nodelist"))
        if r.random() < 0.5:
            find(secs, "quorum").set("expected_votes", "3")
        if r.random() < 0.5:
            totem.get("interface").set("bindnetaddr", "10.0.0.0")
    elif what in ("unnamed_first", "unnamed_other"):
        node = nodes[0] if what == "unnamed_first" else r.choice(nodes[1:])
        node.drop("name")
        if r.random() < 0.6:
            node.drop("ring0_addr")
    elif what == "ip_version":
        totem.set("ip_version", r.choice(["ipv4", "ipv6", "ipv6-4", "ipv4-6", "ipv5", "IPv4"]))
    elif what == "knet_transport":
        totem.get("interface").set("knet_transport", r.choice(["udp", "sctp", "tcp"]))
    elif what == "link_priority":
        totem.get("interface").set("knet_link_priority", r.choice(["0", "1", "255", "256"]))
    if r.random() < 0.3:
        m_totem(secs, r)


def m_nest(secs, r):
    node = r.choice(nodes_of(secs))
    inner = S(r.choice(["ring0", "interface", "node", "link", "x"]), [(r.choice(["addr", "ring1_addr", "nodeid", "k"]), r.choice(["10.1.0.9", "9", "v"]))])
    pos = r.randint(0, len(node.entries))
    node.entries.insert(pos, inner)
    if r.random() < 0.2:
        r.choice(nodes_of(secs)).entries.append(S("empty"))


def m_qdev(secs, r):
    quorum = find(secs, "quorum")
    dev = quorum.get("device")
    if dev is None:
        dev = S("device", [("model", "net"), ("votes", "1"), S("net", [("algorithm", "ffsplit"), ("host", "10.9.0.1"), ("tls", "off")])])
        quorum.entries.append(dev)
    net = dev.get("net")
    for _ in range(r.choice([1, 1, 2])):
        what = r.choice(["votes", "algorithm", "tie_breaker", "port", "connect_timeout", "force_ip_version", "kaptb",
                         "heuristics", "timeout", "sync_timeout", "tls", "host", "model", "nohost"])
        if what == "votes":
            v = r.choice(["0", "1", "2", "3", "x", None])
            dev.drop("votes") if v is None else dev.set("votes", v)
        elif what == "algorithm":
            net.set("algorithm", r.choice(["ffsplit", "lms", "2nodelms", "test", "bogus", "FFSPLIT"]))
        elif what == "tie_breaker":
            net.set("tie_breaker", r.choice(["lowest", "highest", "1", "2", "0", "99", "65536", "-1", "x", "1 2", "Lowest", ""]))
        elif what == "port":
            net.set("port", r.choice(["5403", "1", "65535", "0", "65536", "-1", "x", "54o3"]))
        elif what == "connect_timeout":
            net.set("connect_timeout", r.choice(["8000", "1000", "999", "1", "0", "300000", "300001", "x"]))
        elif what == "force_ip_version":
            net.set("force_ip_version", r.choice(["0", "4", "6", "5", "ipv4", "x"]))
        elif what == "kaptb":
            net.set("keep_active_partition_tie_breaker", r.choice(["on", "off", "yes", "no", "1", "0", "maybe", "ON"]))
        elif what == "heuristics":
            h = S("heuristics", [("mode", r.choice(["off", "on", "sync", "yes", "bogus", "ON"]))])
            if r.random() < 0.6:
                h.entries.append(("exec_ping", "/bin/true"))
            if r.random() < 0.3:
                h.entries.append((r.choice(["timeout", "sync_timeout", "interval"]), r.choice(["5000", "0", "x", "1"])))
            dev.entries.append(h)
        elif what == "timeout":
            dev.set("timeout", r.choice(["10000", "1000", "999", "1", "0", "x", "120000", "120001"]))
        elif what == "sync_timeout":
            dev.set("sync_timeout", r.choice(["30000", "1000", "999", "0", "x", "120001"]))
        elif what == "tls":
            net.set("tls", r.choice(["off", "no", "0", "OFF", "bogus"]))
        elif what == "host":
            net.set("host", r.choice(["qnetd.example", "10.9.0.1", "", "fd00:9::1"]))
        elif what == "model":
            dev.set("model", r.choice(["net", "disk", "", "NET"]))
        elif what == "nohost":
            net.drop("host")


def m_pve(secs, r):
    totem = totem_of(secs)
    nodes = nodes_of(secs)
    quorum = find(secs, "quorum")
    what = r.choice(["atb", "atb", "ringnumber", "samename", "samename_case", "node_key", "iface_key", "noname_two",
                     "linkaddr"])
    if what == "atb":
        quorum.entries = [e for e in quorum.entries if not isinstance(e, S)]
        quorum.set("auto_tie_breaker", r.choice(["1", "1", "0"]))
        quorum.set("auto_tie_breaker_node", r.choice(["lowest", "highest", "1", "2", "1 2", "3 1", "9", "x", "lowest 1",
                                                      "1,2", "", "0", "-1", "Lowest", "2 x"]))
        if r.random() < 0.5:
            quorum.set(r.choice(["last_man_standing", "wait_for_all", "two_node"]), "1")
    elif what == "ringnumber":
        iface = totem.get("interface")
        choice = r.random()
        if choice < 0.4:
            iface.drop("linknumber")
        iface.set("ringnumber", r.choice(["0", "1", "x"]))
    elif what in ("samename", "samename_case"):
        a, b = r.sample(nodes, 2)
        name = dict(e for e in a.entries if isinstance(e, tuple))["name"]
        b.set("name", name if what == "samename" else name.upper())
    elif what == "node_key":
        nl = find(secs, "nodelist")
        nl.entries.insert(r.choice([0, len(nl.entries)]), ("node", r.choice(["x", "pve9"])))
    elif what == "iface_key":
        totem.entries.insert(r.choice([0, len(totem.entries)]), ("interface", "x"))
    elif what == "noname_two":
        for n in r.sample(nodes, 2):
            n.drop("name")
    elif what == "linkaddr":
        node = r.choice(nodes)
        node.entries.append(("link1_addr", "10.1.0.50"))


def m_nodes(secs, r):
    nodes = nodes_of(secs)
    what = r.choice(["dupid", "dupid", "uneven", "uneven", "votes", "noid", "bigid", "zeroid", "extra_link", "dupaddr"])
    if what == "dupid":
        a, b = r.sample(nodes, 2)
        b.set("nodeid", dict(e for e in a.entries if isinstance(e, tuple))["nodeid"])
    elif what == "uneven":
        node = r.choice(nodes)
        rings = ring_keys(node)
        if len(rings) > 1 and r.random() < 0.5:
            node.drop(r.choice(rings)[0])
        else:
            node.entries.append(("ring1_addr" if len(rings) == 1 else "ring2_addr", "10.7.0.9"))
    elif what == "votes":
        r.choice(nodes).set("quorum_votes", r.choice(["0", "2", "3", "x"]))
    elif what == "noid":
        r.choice(nodes).drop("nodeid")
    elif what == "bigid":
        r.choice(nodes).set("nodeid", r.choice(["65535", "65536", "4294967295"]))
    elif what == "zeroid":
        r.choice(nodes).set("nodeid", "0")
    elif what == "extra_link":
        for n in nodes:
            n.entries.append(("ring3_addr", v4(3, len(n.entries))))
    elif what == "dupaddr":
        a, b = r.sample(nodes, 2)
        ka = ring_keys(a)
        if ka:
            b.set(ka[0][0], ka[0][1])


def m_values(secs, r):
    totem = totem_of(secs)
    quorum = find(secs, "quorum")
    section, key, values = r.choice([
        (totem, "token", ["3000", "10", "0", "x", "-1", "4294967296"]),
        (totem, "token_coefficient", ["125", "0", "x"]),
        (totem, "consensus", ["100", "10", "4000"]),
        (totem, "join", ["50", "10", "5000"]),
        (totem, "version", ["2", "1", "3", "x"]),
        (totem, "transport", ["knet", "udpu", "udp", "sctp", "KNET"]),
        (totem, "link_mode", ["passive", "active", "rr", "bogus"]),
        (totem, "secauth", ["on", "off", "yes", "bogus"]),
        (totem, "crypto_cipher", ["aes256", "none", "aes512"]),
        (totem, "crypto_hash", ["sha256", "none", "md4"]),
        (totem, "config_version", ["0", "-1", "x", "18446744073709551616"]),
        (totem, "token_warning", ["75", "101", "0"]),
        (totem, "knet_compression_model", ["none", "zlib", "gzip"]),
        (quorum, "two_node", ["1", "0", "yes", "2", "256"]),
        (quorum, "wait_for_all", ["1", "0", "on"]),
        (quorum, "last_man_standing", ["1", "0"]),
        (quorum, "expected_votes", ["1", "2", "5", "0", "x"]),
        (quorum, "provider", ["corosync_votequorum", "votequorum", ""]),
        (quorum, "allow_downscale", ["1", "0"]),
    ])
    section.set(key, r.choice(values))


def m_syntax_tree(secs, r):
    what = r.choice(["dup_section", "unknown_section", "unknown_key", "system"])
    if what == "dup_section":
        name = r.choice(["quorum", "logging", "totem"])
        secs.append(S(name, [r.choice([("expected_votes", "3"), ("debug", "on"), ("token", "5000")])]))
    elif what == "unknown_section":
        secs.append(S(r.choice(["qb", "bogus", "amf"]), [("a", "b")]))
    elif what == "unknown_key":
        r.choice(secs).entries.append((r.choice(["bogus_key", "tokn", "two_nodes", "x"]), "1"))
    elif what == "system":
        secs.append(S("system", [(r.choice(["sched_rr", "qb_ipc_type", "move_to_root_cgroup"]), r.choice(["yes", "no", "auto", "shm", "bogus"]))]))


def m_syntax_text(text, r):
    lines = text.split("\n")
    body = [i for i, l in enumerate(lines) if l.strip()]
    i = r.choice(body)
    what = r.choice(["drop_close", "drop_line", "no_colon", "inline_comment", "crlf", "extra_open", "extra_close",
                     "nospace", "colon_brace", "oneline", "junk", "tab", "empty_value", "trailing", "stray_close",
                     "comment_line", "long_line", "no_newline"])
    if what == "drop_close":
        closes = [j for j, l in enumerate(lines) if l.strip() == "}"]
        del lines[r.choice(closes)]
    elif what == "drop_line":
        del lines[i]
    elif what == "no_colon":
        lines[i] = lines[i].replace(":", "", 1)
    elif what == "inline_comment":
        lines[i] = lines[i] + r.choice([" # note", "#x", "\t# a b"])
    elif what == "crlf":
        return "\r\n".join(lines)
    elif what == "extra_open":
        lines[i] = lines[i].replace("{", "{ x", 1) if "{" in lines[i] else lines[i] + " {"
    elif what == "extra_close":
        lines[i] = lines[i].replace("}", "} }", 1) if "}" in lines[i] else lines[i] + "}"
    elif what == "nospace":
        lines[i] = lines[i].replace(": ", ":", 1)
    elif what == "colon_brace":
        lines[i] = lines[i].replace(" {", ": {", 1)
    elif what == "oneline":
        lines.insert(i, "system { sched_rr: yes }")
    elif what == "junk":
        lines.insert(i, r.choice(["secauth on", "junk", "  =", "key = value"]))
    elif what == "tab":
        lines[i] = lines[i].replace(" ", "\t")
    elif what == "empty_value":
        if ":" in lines[i]:
            lines[i] = lines[i].split(":", 1)[0] + ":"
    elif what == "trailing":
        lines[i] = lines[i] + r.choice(["   ", "\t"])
    elif what == "stray_close":
        lines.insert(i, "}")
    elif what == "comment_line":
        lines.insert(i, r.choice(["# comment", "   # indented", "#"]))
    elif what == "long_line":
        lines.insert(i, "  # " + "x" * 600)
    elif what == "no_newline":
        return "\n".join(lines).rstrip("\n")
    return "\n".join(lines)


KINDS = {
    "addr": m_addr, "log": m_log, "totem": m_totem, "nest": m_nest, "qdev": m_qdev, "pve": m_pve, "nodes": m_nodes,
    "syntax": m_syntax_tree, "values": m_values,
}


def generate(kind, r):
    secs = base(r)
    r.shuffle(secs) if r.random() < 0.2 else None
    mutate = KINDS[kind]
    for _ in range(r.choice([1, 1, 1, 2])):
        try:
            mutate(secs, r)
        except (AttributeError, ValueError, IndexError, KeyError):
            pass  # a mutation that does not fit this base
    text = render(secs, r)
    if kind == "syntax" and r.random() < 0.8:
        text = m_syntax_text(text, r)
    return text.encode("utf-8")


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    os.makedirs(out, exist_ok=True)
    r = random.Random(seed)
    for kind in KINDS:
        for n in range(count):
            with open(os.path.join(out, f"{kind}-{n:04d}.conf"), "wb") as f:
                f.write(generate(kind, r))


if __name__ == "__main__":
    main()
