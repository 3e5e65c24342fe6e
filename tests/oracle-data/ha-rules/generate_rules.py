#!/usr/bin/env python3
"""Generates random HA rules.cfg cases for the rules oracle (see regenerate.sh).

Each case: 3-8 nodes, 2-20 resources, node-affinity rules (priorities, strict), positive and negative
resource-affinity rules that overlap, and disabled rules ('disable', 'disable 0', 'disable 1').
Deterministic for a given seed: python3 generate_rules.py [COUNT] [SEED] > rules-cases.jsonl
"""
import json
import random
import sys


def sids(rng, count):
    pool = set()
    while len(pool) < count:
        kind = rng.choice(["vm", "vm", "vm", "ct"])
        # mixed widths so that string order differs from numeric order (vm:1000 < vm:101)
        vmid = rng.choice([rng.randint(100, 130), rng.randint(200, 230), rng.randint(1000, 1010)])
        pool.add(f"{kind}:{vmid}")
    return sorted(pool)


def node_names(rng, count):
    style = rng.random()
    if style < 0.7:
        return [f"node{i}" for i in range(1, count + 1)]
    if style < 0.85:
        return [f"pve{i:02d}" for i in range(1, count + 1)]
    return [rng.choice(["a", "b", "c"]) + f"-host{i}" for i in range(count)]


def pick(rng, items, low, high):
    return rng.sample(items, min(len(items), rng.randint(low, high)))


def node_list(rng, nodes, multi):
    if multi < 0:  # one or two nodes, one priority class
        return ",".join(pick(rng, nodes, 1, 2))
    chosen = pick(rng, nodes, 1, len(nodes) if rng.random() < 0.3 else 3)
    mode = rng.random()
    parts = []
    for n in chosen:
        if mode >= multi:
            # one priority class, written bare or all with the same number
            parts.append(n if mode < 0.8 or multi == 0 else f"{n}:2")
        elif mode < multi / 2:
            parts.append(f"{n}:{rng.choice([1, 2])}" if rng.random() < 0.3 else n)
        else:
            parts.append(f"{n}:{rng.randint(0, 3)}")
    return ",".join(parts)


def disable_line(rng):
    r = rng.random()
    if r < 0.06:
        return "\tdisable\n"
    if r < 0.09:
        return "\tdisable 0\n"
    if r < 0.11:
        return "\tdisable 1\n"
    return ""


# Each case draws a profile so that every check and transform is exercised often, not only the likeliest ones.
PROFILES = {
    # (node-affinity rules, resource-affinity rules, resources per node-affinity rule, share of multi-priority rules)
    "mixed": ((0, 4), (0, 5), (1, 4), 0.5),
    "resource-affinity": ((0, 0), (2, 7), (1, 1), 0.0),
    "node-affinity": ((2, 6), (0, 0), (1, 3), 0.5),
    "single-priority": ((1, 4), (1, 5), (1, 2), 0.0),
    "sparse": ((0, 2), (1, 3), (1, 2), 0.2),
    # few nodes per node-affinity rule under negative rules (check C7)
    "negative-vs-nodes": ((1, 4), (1, 3), (1, 3), -1.0),
}


def case(rng, index):
    profile = rng.choice(list(PROFILES))
    (na_low, na_high), (ra_low, ra_high), (na_res_low, na_res_high), multi = PROFILES[profile]
    nodes = node_names(rng, rng.randint(3, 8))
    resources = sids(rng, rng.randint(2, 20))
    sections = []
    used_ids = set()

    def new_id(prefix):
        while True:
            rid = f"{prefix}{rng.randint(1, 99)}"
            if rid not in used_ids:
                used_ids.add(rid)
                return rid

    for _ in range(rng.randint(na_low, na_high)):
        nodes_value = node_list(rng, nodes, multi)
        body = f"\tresources {','.join(pick(rng, resources, na_res_low, na_res_high))}\n\tnodes {nodes_value}\n"
        if rng.random() < 0.4:
            body += f"\tstrict {rng.choice(['0', '1', '1'])}\n"
        sections.append(f"node-affinity: {new_id('na')}\n{disable_line(rng)}{body}")
    for _ in range(rng.randint(ra_low, ra_high)):
        affinity = "negative" if multi < 0 and rng.random() < 0.8 else rng.choice(["positive", "negative"])
        high = 2 if rng.random() < 0.15 else rng.randint(2, min(6, len(resources)))
        members = pick(rng, resources, 1 if rng.random() < 0.1 else 2, high)
        body = f"\tresources {','.join(members)}\n\taffinity {affinity}\n"
        sections.append(f"resource-affinity: {new_id('pos' if affinity == 'positive' else 'neg')}\n{disable_line(rng)}{body}")
    rng.shuffle(sections)
    return {"name": f"case{index:03d}", "nodes": nodes, "rules": "\n".join(sections), "profile": profile}


def section(kind, rid, **keys):
    return f"{kind}: {rid}\n" + "".join(f"\t{k} {v}\n" for k, v in keys.items())


# Hand-written cases: upstream's verified greedy-merge example, and overlapping positive rules whose widened
# node-affinity rules depend on Perl's hash order.
HANDWRITTEN = [
    ("greedy-merge", ["node1", "node2", "node3"], [
        section("resource-affinity", "r1", resources="vm:101,vm:201", affinity="positive"),
        section("resource-affinity", "r2", resources="vm:102,vm:202", affinity="positive"),
        section("resource-affinity", "r3", resources="vm:103,vm:201,vm:202", affinity="positive"),
    ]),
    ("hash-order-widening", ["node1", "node2", "node3"], [
        section("resource-affinity", "r1", resources="vm:101,vm:201", affinity="positive"),
        section("resource-affinity", "r2", resources="vm:102,vm:202", affinity="positive"),
        section("resource-affinity", "r3", resources="vm:103,vm:201,vm:202", affinity="positive"),
        section("node-affinity", "na1", resources="vm:101", nodes="node1"),
        section("node-affinity", "na2", resources="vm:102", nodes="node2"),
    ]),
    ("merged-negative-shares-two", ["node1", "node2", "node3", "node4"], [
        section("resource-affinity", "p1", resources="vm:101,vm:102", affinity="positive"),
        section("resource-affinity", "p2", resources="vm:102,vm:103", affinity="positive"),
        section("resource-affinity", "n1", resources="vm:101,vm:103", affinity="negative"),
    ]),
]


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    rng = random.Random(seed)
    for i in range(1, count + 1):
        print(json.dumps(case(rng, i), sort_keys=True))
    for name, nodes, sections in HANDWRITTEN:
        print(json.dumps({"name": name, "nodes": nodes, "rules": "\n".join(sections), "profile": "handwritten"}, sort_keys=True))


if __name__ == "__main__":
    main()
