#!/usr/bin/env python3
"""Generate HA failure scenarios for Proxmox's ha-tester (pve-ha-manager src/test, reference/pve-ha-manager.md §5).

Each scenario is a tester directory: hardware_status, manager_status ({}), service_config, rules_config,
datacenter.cfg and cmdlist. All nodes power on together, the CRM settles the steady state for two command
batches (about 200 simulated seconds), then one or two nodes fail (network or power off; two failures either in
the same batch or one batch per failure, 300 s apart). Quorum is kept: fewer than half of the nodes fail.

Usage: generate.py OUTDIR [--count N] [--seed S] [--mode basic|static]
Deterministic for a given seed. Written for pvelint; no upstream code.
"""
import argparse
import json
import os
import random

NAME_STYLES = [
    lambda i: f"node{i}",
    lambda i: f"pve{i}",
    lambda i: ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"][i - 1],
    # node10 sorts before node2: tie-breaks must use string order, not numeric
    lambda i: f"node{[1, 2, 10, 11, 3, 20, 4, 9][i - 1]}",
]


def pick_nodes(rng):
    count = rng.randint(3, 8)
    style = rng.choice(NAME_STYLES)
    return [style(i) for i in range(1, count + 1)]


def make_services(rng, nodes):
    count = rng.randint(5, 40)
    ids = sorted(rng.sample(range(100, 100 + count * 4), count))
    services = {}
    for vmid in ids:
        kind = "ct" if rng.random() < 0.25 else "vm"
        sid = f"{kind}:{vmid}"
        roll = rng.random()
        state = "started" if roll < 0.85 else "stopped" if roll < 0.95 else "disabled"
        conf = {"node": rng.choice(nodes), "state": state}
        if rng.random() < 0.15:
            conf["failback"] = 0
        services[sid] = conf
    return services


def node_list(rng, nodes, with_priorities):
    chosen = rng.sample(nodes, rng.randint(1, min(3, len(nodes))))
    if not with_priorities:
        return ",".join(chosen)
    return ",".join(f"{n}:{rng.choice([0, 1, 2, 3])}" if rng.random() < 0.8 else n for n in chosen)


def make_rules(rng, nodes, services):
    sids = sorted(services)
    rules = []
    count = rng.choice([0, 1, 2, 2, 3, 3, 4, 5, 6, 8])
    for i in range(count):
        kind = rng.random()
        if kind < 0.4:
            members = rng.sample(sids, rng.randint(1, min(4, len(sids))))
            strict = rng.random() < 0.5
            body = [f"\tresources {','.join(members)}", f"\tnodes {node_list(rng, nodes, rng.random() < 0.5)}"]
            if strict:
                body.append("\tstrict 1")
            rules.append(("node-affinity", f"na{i}", body))
        elif kind < 0.7:
            members = rng.sample(sids, rng.randint(2, min(3, len(sids))))
            rules.append(("resource-affinity", f"together{i}", [f"\tresources {','.join(members)}", "\taffinity positive"]))
        else:
            members = rng.sample(sids, rng.randint(2, min(4, len(sids), len(nodes))))
            rules.append(("resource-affinity", f"apart{i}", [f"\tresources {','.join(members)}", "\taffinity negative"]))
    return rules


def colocate_positive(rng, rules, services, nodes):
    """Start positive partners on one node and negative partners apart, as a settled cluster has them
    (partners started on different nodes at once ping-pong on 5.0.8, bug #6801)."""
    for kind, _, body in rules:
        if kind != "resource-affinity":
            continue
        members = body[0].split(" ", 1)[1].split(",")
        if "positive" in body[1]:
            node = services[members[0]]["node"]
            for sid in members:
                services[sid]["node"] = node
        elif rng.random() < 0.8:
            for sid, node in zip(members, rng.sample(nodes, len(members))):
                services[sid]["node"] = node


def pick_failures(rng, nodes, services):
    most = max(1, (len(nodes) - 1) // 2)  # keep a strict majority online
    count = 1 if most == 1 or rng.random() < 0.55 else 2
    loaded = sorted(nodes, key=lambda n: -sum(1 for s in services.values() if s["node"] == n))
    failed = []
    while len(failed) < count:
        node = loaded[0] if not failed and rng.random() < 0.3 else rng.choice(nodes)
        if node not in failed:
            failed.append(node)
    how = rng.choice(["network", "power"])
    waves = [failed] if count == 1 or rng.random() < 0.75 else [[failed[0]], [failed[1]]]
    return how, waves


def cmdlist(nodes, how, waves):
    batches = [[f"power {n} on" for n in nodes], []]
    for i, wave in enumerate(waves):
        if i:
            batches += [[], []]
        batches.append([f"{how} {n} off" for n in wave])
    return batches


def static_stats(rng, nodes, services):
    hardware = {n: {"cpus": rng.choice([8, 16, 24, 32, 48, 64]), "memory": rng.choice([32, 64, 96, 128, 192, 256]) * 2**30} for n in nodes}
    stats = {}
    for sid in services:
        cpu = rng.choice([1, 2, 2, 4, 4, 8]) if not sid.startswith("ct:") else rng.choice([0, 0.5, 1, 2, 4])
        stats[sid] = {"maxcpu": cpu, "maxmem": rng.choice([1, 2, 4, 4, 8, 16, 32]) * 2**30}
    return hardware, stats


def write_scenario(path, rng, mode):
    nodes = pick_nodes(rng)
    services = make_services(rng, nodes)
    rules = make_rules(rng, nodes, services)
    colocate_positive(rng, rules, services, nodes)
    how, waves = pick_failures(rng, nodes, services)
    os.makedirs(path, exist_ok=True)
    hardware = {n: {"power": "off", "network": "off"} for n in nodes}
    if mode == "static":
        capacity, stats = static_stats(rng, nodes, services)
        for n in nodes:
            hardware[n].update(capacity[n])
        with open(os.path.join(path, "static_service_stats"), "w") as f:
            json.dump(stats, f, indent=1, sort_keys=True)
    files = {
        "hardware_status": hardware,
        "manager_status": {},
        "service_config": services,
        "cmdlist": cmdlist(nodes, how, waves),
        "datacenter.cfg": {"crs": {"ha": mode}},
    }
    for name, data in files.items():
        with open(os.path.join(path, name), "w") as f:
            json.dump(data, f, indent=1, sort_keys=True)
    with open(os.path.join(path, "rules_config"), "w") as f:
        f.write("".join(f"{kind}: {rid}\n" + "\n".join(body) + "\n\n" for kind, rid, body in rules))
    with open(os.path.join(path, "scenario.json"), "w") as f:
        json.dump({"nodes": nodes, "waves": waves, "how": how, "mode": mode}, f, indent=1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("outdir")
    parser.add_argument("--count", type=int, default=240)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--mode", choices=["basic", "static"], default="basic")
    args = parser.parse_args()
    rng = random.Random(f"{args.mode}-{args.seed}")
    for i in range(args.count):
        write_scenario(os.path.join(args.outdir, f"test-{args.mode}-{i:03d}"), rng, args.mode)


if __name__ == "__main__":
    main()
