#!/usr/bin/env python3
"""Generates groups.cfg/resources.cfg/rules.cfg sets for the group-migration oracle (see regenerate.sh).

Covers: priorities (also an explicit ':0'), restricted/nofailback absent, 0 or 1, group comments with ':', '%',
'#' and non-ASCII text, unused and missing groups, resources with explicit failback/state/limits/comments, existing
rules (comments URI-escaped, 'disable', 'disable 0', 'strict 0', priorities), a hand-written 'ha-group-<g>' rule,
duplicate rule ids, comment lines, and absent resources.cfg/rules.cfg.
Deterministic for a seed: python3 generate_migration.py [COUNT] [SEED] > migration-cases.jsonl
"""
import json
import random
import sys

GROUP_NAMES = ["web", "db", "dmz", "storage", "g1", "grp-a", "prod_db", "Backend", "mail"]
COMMENTS = ["Web servers", "DMZ: public", "100% critical", "Büro-Server", "# not a comment", "0", "a  b", "x:y%z"]


def node_entry(rng, node):
    r = rng.random()
    if r < 0.5:
        return node
    if r < 0.6:
        return f"{node}:0"
    return f"{node}:{rng.randint(1, 3)}"


def groups_cfg(rng, nodes, names):
    sections = []
    for name in names:
        lines = [f"group: {name}"]
        if rng.random() < 0.4:
            lines.append(f"\tcomment {rng.choice(COMMENTS)}")
        if rng.random() < 0.05:
            pass  # no nodes: PVE drops the group (undef entry)
        else:
            lines.append("\tnodes " + ",".join(node_entry(rng, n) for n in rng.sample(nodes, rng.randint(1, len(nodes)))))
        for key in ("nofailback", "restricted"):
            r = rng.random()
            if r < 0.3:
                lines.append(f"\t{key} 1")
            elif r < 0.4:
                lines.append(f"\t{key} 0")
        sections.append("\n".join(lines) + "\n")
    if rng.random() < 0.2:
        sections.insert(0, "# groups of the old cluster\n")
    return "\n".join(sections)


def resources_cfg(rng, sids, group_names):
    sections = []
    for sid in sids:
        kind, vmid = sid.split(":")
        lines = [f"{kind}: {vmid}"]
        if rng.random() < 0.2:
            lines.append(f"\tcomment {rng.choice(COMMENTS)}")
        if rng.random() < 0.75:
            lines.append(f"\tgroup {rng.choice(group_names + ['missing-group'] if rng.random() < 0.1 else group_names)}")
        if rng.random() < 0.2:
            lines.append(f"\tfailback {rng.choice(['0', '1'])}")
        if rng.random() < 0.3:
            lines.append(f"\tmax_restart {rng.randint(0, 3)}")
        if rng.random() < 0.3:
            lines.append(f"\tmax_relocate {rng.randint(0, 3)}")
        lines.append(f"\tstate {rng.choice(['started', 'started', 'stopped', 'enabled', 'disabled', 'ignored'])}")
        sections.append("\n".join(lines) + "\n")
    return "\n".join(sections)


def rules_cfg(rng, nodes, sids, group_names):
    sections = []
    ids = []
    for i in range(rng.randint(0, 3)):
        if rng.random() < 0.2:
            rid = f"ha-group-{rng.choice(group_names)}"
        elif ids and rng.random() < 0.1:
            rid = rng.choice(ids)  # duplicate id: the later section wins
        else:
            rid = f"rule{i + 1}"
        ids.append(rid)
        lines = []
        if rng.random() < 0.5:
            lines.append(f"node-affinity: {rid}")
            lines.append("\tnodes " + ",".join(node_entry(rng, n) for n in rng.sample(nodes, rng.randint(1, len(nodes)))))
            lines.append("\tresources " + ",".join(rng.sample(sids, rng.randint(1, min(3, len(sids))))))
            if rng.random() < 0.4:
                lines.append(f"\tstrict {rng.choice(['0', '1'])}")
        else:
            lines.append(f"resource-affinity: {rid}")
            lines.append(f"\taffinity {rng.choice(['positive', 'negative'])}")
            lines.append("\tresources " + ",".join(rng.sample(sids, min(len(sids), rng.randint(2, 3)))))
        r = rng.random()
        if r < 0.1:
            lines.insert(1, "\tdisable")
        elif r < 0.2:
            lines.insert(1, "\tdisable 0")
        elif r < 0.25:
            lines.insert(1, "\tdisable 1")
        if rng.random() < 0.3:
            lines.insert(1, "\tcomment " + rng.choice(["keep apart", "a%3A b", "caf%C3%A9", "plain: colon", "100%", "0"]))
        sections.append("\n".join(lines) + "\n")
    return "\n".join(sections)


def case(rng, index):
    nodes = [f"node{i}" for i in range(1, rng.randint(3, 6) + 1)]
    group_names = rng.sample(GROUP_NAMES, rng.randint(1, 5))
    sids = sorted({f"{rng.choice(['vm', 'vm', 'ct'])}:{rng.randint(100, 140)}" for _ in range(rng.randint(2, 9))})
    files = {"groups.cfg": groups_cfg(rng, nodes, group_names)}
    if rng.random() < 0.95:
        files["resources.cfg"] = resources_cfg(rng, sids, group_names)
    rules = rules_cfg(rng, nodes, sids, group_names)
    if rules or rng.random() < 0.5:
        files["rules.cfg"] = rules
    return {"name": f"migrate{index:03d}", "files": files}


# Upstream's test-group-migrate1..4 use these groups and resources (written here as real config files).
UPSTREAM = {
    "name": "upstream-test-group-migrate",
    "files": {
        "groups.cfg": "group: group1\n\tnodes node1\n\trestricted 1\n\ngroup: group2\n\tnodes node2:2,node3\n\tnofailback 1\n",
        "resources.cfg": "vm: 101\n\tgroup group1\n\tstate started\n\nvm: 102\n\tgroup group2\n\tstate started\n\nvm: 103\n\tgroup group2\n\tstate started\n",
    },
}


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 80
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    rng = random.Random(seed)
    print(json.dumps(UPSTREAM, sort_keys=True, ensure_ascii=False))
    for i in range(1, count + 1):
        print(json.dumps(case(rng, i), sort_keys=True, ensure_ascii=False))


if __name__ == "__main__":
    main()
