#!/usr/bin/env python3
"""Generates HA section-config inputs (ha/resources.cfg, ha/groups.cfg, ha/rules.cfg) for the differential test
against PVE's own parser: grammar-based files plus mutations for the shapes PVE reads differently from a naive
reader (BOM, lone CR, CRLF, Unicode lookalikes, junk inside sections, repeated 'type', unknown type + bad id,
non-UTF-8 and NUL bytes, unknown vs unexpected keys, missing blank lines, comments).

usage: generate.py OUTDIR [COUNT_PER_KIND] [SEED]   (writes OUTDIR/<kind>-NNNN.cfg, bytes exactly as generated)
"""
import os
import random
import sys

NODES = ["node1", "node2", "pve-a", "pve3", "n1"]
IDS = ["g1", "grp-a", "web", "db_2", "a1.b", "Kvm", "x", "rule-1", "r2"]
BAD_IDS = ["1abc", "-x", "a b", "a\u212ab", "\u212avm", "a/b", "_x", "a" * 70]

def node_list(r):
    items = []
    for _ in range(r.randint(1, 3)):
        n = r.choice(NODES + ["bad node", "n:x", "n:-1", "N\u212a"])
        items.append(n if r.random() < 0.6 else f"{n}:{r.randint(0, 3)}")
    return r.choice([",", ", ", ";"]).join(items)

def value_for(kind, key, r):
    bad = r.random() < 0.15
    if key == "state":
        return r.choice(["started", "stopped", "disabled", "ignored", "enabled"] + (["on", "Started"] if bad else []))
    if key in ("max_restart", "max_relocate"):
        return r.choice(["0", "1", "3"] + (["-1", "x", "1.5"] if bad else []))
    if key in ("failback", "restricted", "nofailback", "strict", "disable"):
        return r.choice(["0", "1", "yes", "no", "on"] + (["2", "true1"] if bad else []))
    if key == "group":
        return r.choice(IDS + (BAD_IDS if bad else []))
    if key == "comment":
        return r.choice(["a comment", "# hash", "caf\u00e9", "x" * (5000 if bad else 10)])
    if key == "nodes":
        return node_list(r)
    if key == "resources":
        items = [r.choice(["vm:100", "ct:101", "vm:102"] + (["100", "vm:abc", "qemu:5"] if bad else [])) for _ in range(r.randint(1, 3))]
        return ",".join(items)
    if key == "affinity":
        return r.choice(["positive", "negative"] + (["together", "Positive"] if bad else []))
    return "v"

SCHEMA = {
    "resources": {
        "types": {"vm": ["state", "group", "comment", "failback", "max_restart", "max_relocate"],
                  "ct": ["state", "group", "comment", "failback", "max_restart", "max_relocate"]},
        "foreign": ["nodes", "resources", "affinity", "restricted"],
    },
    "groups": {
        "types": {"group": ["nodes", "comment", "nofailback", "restricted"]},
        "foreign": ["state", "resources", "strict", "affinity"],
    },
    "rules": {
        "types": {"node-affinity": ["resources", "nodes", "strict", "disable", "comment"],
                  "resource-affinity": ["resources", "affinity", "disable", "comment"]},
        "foreign": ["state", "group", "restricted", "max_restart"],
    },
}
REQUIRED = {"group": ["nodes"], "node-affinity": ["resources", "nodes"], "resource-affinity": ["resources", "affinity"]}

def section_id(kind, r):
    if kind == "resources":
        good = str(r.choice([100, 101, 102, 999, 1000000]))
        return good if r.random() > 0.1 else r.choice(["abc", "99", "0100", "1\u212a", "-5", "100a"])
    return r.choice(IDS) if r.random() > 0.1 else r.choice(BAD_IDS)

def section(kind, r):
    types = SCHEMA[kind]["types"]
    typ = r.choice(list(types)) if r.random() > 0.07 else r.choice(["service", "location", "Group", "VM", "foo"])
    sid = section_id(kind, r)
    header = f"{typ}:{sid}" if (kind == "resources" and r.random() < 0.2) else f"{typ}: {sid}"
    keys = list(types.get(typ, ["nodes", "comment"]))
    chosen = REQUIRED.get(typ, []) if r.random() < 0.85 else []
    chosen = chosen + [k for k in keys if k not in chosen and r.random() < 0.4]
    lines = [header]
    for k in chosen:
        indent = r.choice(["\t", "    ", " "])
        lines.append(f"{indent}{k} {value_for(kind, k, r)}")
    if r.random() < 0.1:
        lines.insert(r.randint(1, len(lines)), f"\t{r.choice(SCHEMA[kind]['foreign'])} {value_for(kind, 'x', r)}")
    if r.random() < 0.08:
        lines.insert(r.randint(1, len(lines)), f"\t{r.choice(['bogus', 'Nodes', 'digest'])} 1")
    return lines

MUTATIONS = []
def mutation(f):
    MUTATIONS.append(f)
    return f

@mutation
def bom(text, r): return "\ufeff" + text
@mutation
def crlf(text, r): return text.replace("\n", "\r\n")
@mutation
def lone_cr(text, r):
    lines = text.split("\n"); i = r.randrange(len(lines)); lines[i] = lines[i] + "\r" + r.choice(["", "\tcomment x", "junk"]); return "\n".join(lines)
@mutation
def kelvin(text, r): return text.replace("k", "\u212a", 1) if "k" in text else text + "\ngroup: \u212a1\n\tnodes n1\n"
@mutation
def junk_in_section(text, r):
    lines = text.split("\n"); i = r.randrange(len(lines))
    lines.insert(i, r.choice(["junk", "   ", "\t", "group: swallowed", "vm: 555", "node-affinity: r9", " # indented comment", "#c", "0"])); return "\n".join(lines)
@mutation
def repeated_type(text, r):
    lines = text.split("\n"); i = r.randrange(len(lines)); lines.insert(i + 1, "\ttype " + r.choice(["group", "vm", "node-affinity", "other"])); return "\n".join(lines)
@mutation
def unknown_type_bad_id(text, r): return text + "\n" + r.choice(["foo: 1bad", "location: -x", "service: a/b", "xx: 100a"]) + "\n\tnodes n1\n"
@mutation
def latin1(text, r): return text.replace("\u00e9", "\udce9") if "\u00e9" in text else text + "\n#caf\udce9\n"
@mutation
def nul(text, r):
    i = r.randrange(len(text) + 1); return text[:i] + "\x00" + text[i:]
@mutation
def missing_blank(text, r): return text.replace("\n\n", "\n", 1)
@mutation
def comments(text, r):
    lines = text.split("\n"); lines.insert(r.randrange(len(lines) + 1), r.choice(["# top", "  # x", "#"])); return "\n".join(lines)
@mutation
def duplicate_key(text, r):
    lines = text.split("\n")
    body = [i for i, l in enumerate(lines) if l.startswith(("\t", " ")) and l.strip()]
    if body:
        i = r.choice(body); lines.insert(i + 1, lines[i])
    return "\n".join(lines)
@mutation
def trailing_space(text, r): return text.replace("\n", " \n", 1)
@mutation
def whitespace_separator(text, r): return text.replace("\n\n", "\n \n", 1)
@mutation
def no_final_newline(text, r): return text.rstrip("\n")
@mutation
def zero_line(text, r): return text.replace("\n\n", "\n0\n", 1)

def generate(kind, r):
    sections = ["\n".join(section(kind, r)) for _ in range(r.randint(0, 4))]
    text = "\n\n".join(sections) + ("\n" if sections else "")
    for m in r.sample(MUTATIONS, k=r.choice([0, 1, 1, 2, 3])):
        text = m(text, r)
    # Lone surrogates stand for raw bytes (0x80-0xFF) that are not UTF-8.
    return text.encode("utf-8", "surrogateescape")

def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    os.makedirs(out, exist_ok=True)
    r = random.Random(seed)
    for kind in ("resources", "groups", "rules"):
        for n in range(count):
            with open(os.path.join(out, f"{kind}-{n:04d}.cfg"), "wb") as f:
                f.write(generate(kind, r))

if __name__ == "__main__":
    main()
