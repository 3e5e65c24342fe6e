#!/usr/bin/env python3
"""Collect the ha-tester's results from scenario directories (after run.sh) into one compact JSON test data file.

Usage: collect.py OUTFILE DIR...

Per scenario it keeps the inputs (nodes, services, rules_config, failure waves) and what the real software gave:
the effective rules (effective_rules.json), the node of every service just before the first failure (from the
tester's log), the nodes fenced together (log: fence => unknown, grouped by time), the final node and state of
every service (status/manager_status) and the tester's run time.
"""
import json
import os
import re
import sys

ADD = re.compile(r"adding new service '([^']+)' on node '([^']+)'")
CHANGE = re.compile(r"service '([^']+)': state changed from '[^']+' to '[^']+'\s+\(([^)]*)\)")
FAIL_CMD = re.compile(r"^\S+\s+(\d+)\s+cmdlist: execute (?:network|power) (\S+) off")
FENCED = re.compile(r"^\S+\s+(\d+)\s+\S+/crm: node '([^']+)': state changed from 'fence' => 'unknown'")


def read_json(path):
    with open(path) as f:
        return json.load(f)


def parse_log(path):
    steady, nodes, fenced = None, {}, {}
    with open(path) as f:
        for line in f:
            if steady is None and FAIL_CMD.match(line):
                steady = dict(nodes)
            if m := ADD.search(line):
                nodes[m.group(1)] = m.group(2)
            elif m := CHANGE.search(line):
                params = dict(p.split(" = ", 1) for p in m.group(2).split(", ") if " = " in p)
                if "node" in params:
                    nodes[m.group(1)] = params["node"]
            if m := FENCED.match(line):
                fenced.setdefault(int(m.group(1)), []).append(m.group(2))
    return steady or nodes, [sorted(fenced[t]) for t in sorted(fenced)]


def compact_rule(rule):
    out = {"id": rule["id"], "resources": rule["resources"]}
    if rule["type"] == "node-affinity":
        out["nodes"] = rule["nodes"]
        out["strict"] = bool(rule["strict"])
    else:
        out["affinity"] = rule["affinity"]
    return out


def collect(directory):
    scenario = read_json(os.path.join(directory, "scenario.json"))
    services = read_json(os.path.join(directory, "service_config"))
    effective = read_json(os.path.join(directory, "effective_rules.json"))
    status = read_json(os.path.join(directory, "status", "manager_status"))
    steady, fenced = parse_log(os.path.join(directory, "status", "log"))
    with open(os.path.join(directory, "rules_config")) as f:
        rules_config = f.read()
    with open(os.path.join(directory, "time.txt")) as f:
        wall, user, system = (float(x) for x in f.read().split())
    entry = {
        "id": os.path.basename(directory.rstrip("/")),
        "mode": scenario["mode"],
        "nodes": scenario["nodes"],
        "services": {sid: [c["node"], c["state"], c.get("failback", 1)] for sid, c in sorted(services.items())},
        "rulesConfig": rules_config,
        "effectiveRules": [compact_rule(r) for r in effective["rules"]],
        "dropped": effective["dropped"],
        "failed": scenario["waves"],
        "fencedTogether": fenced,
        "steady": dict(sorted(steady.items())),
        "final": {sid: [s.get("node"), s.get("state")] for sid, s in sorted(status.get("service_status", {}).items())},
        "testerSeconds": {"wall": wall, "cpu": round(user + system, 3)},
    }
    if scenario["mode"] == "static":
        hardware = read_json(os.path.join(directory, "hardware_status"))
        entry["capacity"] = {n: [hardware[n]["cpus"], hardware[n]["memory"]] for n in scenario["nodes"]}
        stats = read_json(os.path.join(directory, "static_service_stats"))
        entry["load"] = {sid: [s["maxcpu"], s["maxmem"]] for sid, s in sorted(stats.items())}
    return entry


def main():
    out, dirs = sys.argv[1], sys.argv[2:]
    scenarios = []
    for d in sorted(dirs):
        try:
            scenarios.append(collect(d))
        except (OSError, ValueError, KeyError) as e:
            print(f"skipping {d}: {e}", file=sys.stderr)
    with open(out, "w") as f:
        f.write('{"source": "pve-ha-manager 5.0.8 (9b2729f) src/test ha-tester, pve-common 9.0.15 (46477f6)",\n "scenarios": [\n')
        f.write(",\n".join(json.dumps(s, separators=(",", ":")) for s in scenarios))
        f.write("\n]}\n")


if __name__ == "__main__":
    main()
