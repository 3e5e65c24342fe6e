#!/usr/bin/env python3
"""Generates random CRUSH maps and rules and records what Ceph's own crushtool does with them.

The maps (maps/NNN.crush.txt) are test inputs written by this script; everything in out/ is crushtool's output,
verbatim, after the '$ crushtool ...' line that produced it. The tests in
tests/PveLint.Parsers.Tests/CephAnalysis/CrushOracleTests.cs replay every command with pvelint's CRUSH mapper and
structural rule evaluator and compare.

Needs crushtool (Debian 12: apt-get install ceph-base, Ceph 16.2.15). Deterministic: the same seed gives the same
files. Usage: generate.py [COUNT] (default 120), run from this folder.

What varies: hierarchy depth (host / rack / datacenter levels), bucket counts, OSDs per host, device classes (one
class, per-host classes, mixed hosts, classes missing from a subtree), weights (including zero-weight OSDs and
hosts), bucket algorithms (mostly straw2, some uniform and list), tunables (optimal, or legacy by omission), rules
(chooseleaf/choose, firstn/indep, nested choose, several take/emit blocks, a class on take, set_* steps), pool
sizes, OSDs marked out with --weight, and failed hosts/datacenters for the PG availability question.
"""
import os
import random
import subprocess
import sys

CLASSES = ["ssd", "hdd", "nvme"]
WEIGHTS = ["0.500", "0.873", "1.000", "1.746", "3.639"]
OPTIMAL = [("choose_local_tries", 0), ("choose_local_fallback_tries", 0), ("choose_total_tries", 50),
           ("chooseleaf_descend_once", 1), ("chooseleaf_vary_r", 1), ("chooseleaf_stable", 1),
           ("straw_calc_version", 1), ("allowed_bucket_algs", 54)]
TYPES = ["osd", "host", "chassis", "rack", "row", "pdu", "pod", "room", "datacenter", "zone", "region", "root"]
BAD_X = 1023        # --show-bad-mappings over x 0..BAD_X (crushtool's default range) ...
FEW_BAD = 32        # ... unless more than FEW_BAD come out: then the run is recorded up to the x of the FEW_BAD-th one (compact)
MAP_X = 7           # --show-mappings over x 0..MAP_X
PG_X = 31           # PGs 0..PG_X of a pool for the failure question


class Bucket:
    def __init__(self, kind, name, bid, alg):
        self.kind, self.name, self.id, self.alg = kind, name, bid, alg
        self.items = []          # (name, weight or None)
        self.class_ids = {}
        self.osds = []           # device ids below (any depth)
        self.hosts = []          # host buckets below (any depth)


def build_map(rng, index):
    levels = rng.choice([["host"], ["host"], ["datacenter", "host"], ["datacenter", "host"], ["datacenter", "host"],
                         ["rack", "host"], ["datacenter", "rack", "host"]])
    class_mode = rng.choice(["one", "one", "per-host", "mixed", "none"])
    map_classes = rng.sample(CLASSES, 2) if class_mode != "one" else [rng.choice(CLASSES)]
    tunables = OPTIMAL if rng.random() < 0.85 else []
    next_id = [-1]
    buckets = []
    devices = []     # (id, class or None)
    next_osd = [0]

    def new_bucket(kind, name):
        alg = "straw2"
        # crushtool 16.2.15 cannot clone a uniform bucket into a per-class shadow ('take default has no class
        # information'), so uniform hosts appear only in maps without device classes
        if kind == "host" and rng.random() < 0.08:
            alg = "uniform" if class_mode == "none" and rng.random() < 0.6 else "list"
        b = Bucket(kind, name, next_id[0], alg)
        next_id[0] -= 1
        buckets.append(b)
        return b

    def make_host(name):
        h = new_bucket("host", name)
        count = rng.choice([1, 2, 2, 3, 4])
        host_class = rng.choice(map_classes)
        same_weight = rng.choice(WEIGHTS)
        zero_host = rng.random() < 0.06
        for _ in range(count):
            if rng.random() < 0.05:
                next_osd[0] += 1        # a gap in the device ids
            osd = next_osd[0]
            next_osd[0] += 1
            if class_mode == "none":
                cls = None
            elif class_mode == "mixed":
                cls = rng.choice(map_classes)
            else:
                cls = host_class
            devices.append((osd, cls))
            if h.alg == "uniform":
                weight = same_weight    # a uniform bucket of weight 0 makes crushtool -c abort (ceph_assert in add_bucket)
            elif zero_host or rng.random() < 0.07:
                weight = "0.000"
            else:
                weight = rng.choice(WEIGHTS)
            h.items.append((f"osd.{osd}", weight))
            h.osds.append(osd)
        h.hosts.append(h)
        return h

    counter = {"host": 0, "rack": 0, "datacenter": 0}

    def make(level_index):
        kind = levels[level_index]
        counter[kind] += 1
        name = {"host": "node", "rack": "rack", "datacenter": "dc"}[kind] + str(counter[kind])
        if kind == "host":
            return make_host(name)
        # children first, so that the map lists buckets after their items (as crushtool -d does)
        if kind == "datacenter":
            n = rng.choice([1, 2, 2, 2, 3, 3]) if level_index + 1 < len(levels) and levels[level_index + 1] == "rack" else rng.choice([1, 2, 2, 3, 4])
        else:
            n = rng.choice([1, 2, 2, 3])
        children = [make(level_index + 1) for _ in range(n)]
        b = new_bucket(kind, name)
        for c in children:
            b.items.append((c.name, None))
            b.osds += c.osds
            b.hosts += c.hosts
        return b

    top_count = {"host": rng.choice([2, 3, 3, 4, 5, 6]), "rack": rng.choice([2, 3, 4]), "datacenter": rng.choice([1, 2, 2, 2, 3])}[levels[0]]
    tops = [make(0) for _ in range(top_count)]
    root = Bucket("root", "default", None, "straw2")
    root.id = -1 - len(buckets)
    # give the root id -1 as Ceph does: renumber everything by one
    for b in buckets:
        b.id -= 1
    root.id = -1
    for t in tops:
        root.items.append((t.name, None))
        root.osds += t.osds
        root.hosts += t.hosts
    buckets.append(root)

    present_classes = sorted({c for _, c in devices if c})
    next_class_id = min(b.id for b in buckets) - 1
    for b in buckets:
        for c in present_classes:
            b.class_ids[c] = next_class_id
            next_class_id -= 1
    return {"index": index, "levels": levels, "buckets": buckets, "devices": devices, "tunables": tunables,
            "classes": present_classes, "root": root}


def rules_for(rng, m):
    levels = m["levels"]
    classes = m["classes"]
    dcs = [b for b in m["buckets"] if b.kind == "datacenter"]
    rules = []

    def cls():
        return rng.choice(classes) if classes and rng.random() < 0.45 else None

    def take(name="default", c=None):
        return f"step take {name}" + (f" class {c}" if c else "")

    domain = rng.choice([l for l in levels] + ["osd"])
    rules.append(("replicated", [take(c=cls()), f"step chooseleaf firstn 0 type {domain}", "step emit"]))
    if "datacenter" in levels:
        inner = "host" if rng.random() < 0.8 else ("rack" if "rack" in levels else "osd")
        rules.append(("replicated", [take(c=cls()), f"step choose firstn {rng.choice([0, 2, 2, 3])} type datacenter",
                                     f"step chooseleaf firstn {rng.choice([1, 2, 2])} type {inner}", "step emit"]))
        if len(dcs) >= 2:
            a, b = rng.sample(dcs, 2)
            c = cls()
            rules.append(("replicated", [take(a.name, c), "step chooseleaf firstn 2 type host", "step emit",
                                         take(b.name, c), "step chooseleaf firstn 2 type host", "step emit"]))
        rules.append(("erasure", ["step set_chooseleaf_tries 5", "step set_choose_tries 100", take(c=cls()),
                                  f"step choose indep {rng.choice([0, 2])} type datacenter", "step chooseleaf indep 2 type host", "step emit"]))
    else:
        steps = [take(c=cls()), f"step chooseleaf indep 0 type {rng.choice(['host', 'osd'])}", "step emit"]
        if rng.random() < 0.5:
            steps = ["step set_chooseleaf_tries 5", "step set_choose_tries 100"] + steps
        rules.append(("erasure", steps))
    if rng.random() < 0.5:
        rules.append(("replicated", [take(c=cls()), "step choose firstn 0 type osd", "step emit"]))
    if rng.random() < 0.3 and "host" in levels:
        rules.append(("replicated", [take(c=cls()), "step choose firstn 0 type host", "step chooseleaf firstn 1 type osd", "step emit"]))
    return rules


def render(m, rules):
    out = ["# begin crush map (generated by tests/data/crush-oracle/generate.py; input, not Ceph output)"]
    out += [f"tunable {n} {v}" for n, v in m["tunables"]]
    out += ["", "# devices"]
    for osd, c in sorted(m["devices"]):
        out.append(f"device {osd} osd.{osd}" + (f" class {c}" if c else ""))
    out += ["", "# types"] + [f"type {i} {t}" for i, t in enumerate(TYPES)] + ["", "# buckets"]
    for b in m["buckets"]:
        out.append(f"{b.kind} {b.name} {{")
        out.append(f"\tid {b.id}\t\t# do not change unnecessarily")
        for c, cid in sorted(b.class_ids.items()):
            out.append(f"\tid {cid} class {c}\t\t# do not change unnecessarily")
        out.append(f"\talg {b.alg}")
        out.append("\thash 0\t# rjenkins1")
        for name, w in b.items:
            out.append(f"\titem {name}" + (f" weight {w}" if w is not None else ""))
        out.append("}")
    out += ["", "# rules"]
    for rid, (kind, steps) in enumerate(rules):
        out += [f"rule r{rid} {{", f"\tid {rid}", f"\ttype {kind}", "\tmin_size 1", "\tmax_size 10"]
        out += [f"\t{s}" for s in steps]
        out.append("}")
    out += ["", "# end crush map", ""]
    return "\n".join(out)


def crushtool(args):
    run = subprocess.run(["crushtool"] + args, capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"crushtool {' '.join(args)} failed: {run.stderr}")
    return run.stdout


def record(lines, binary, args):
    text = crushtool(["-i", binary] + args)
    bad = [l for l in text.splitlines() if l.startswith("bad mapping")]
    if "--show-bad-mappings" in args and len(bad) > FEW_BAD:
        # keep the run compact: end the x range at the FEW_BAD-th bad mapping (crushtool prints them in x order)
        args = list(args)
        args[args.index("--max-x") + 1] = bad[FEW_BAD - 1].split(" x ")[1].split(" ")[0]
        text = crushtool(["-i", binary] + args)
    lines.append("$ crushtool -i " + os.path.basename(binary) + " " + " ".join(args))
    lines += [l for l in text.splitlines() if l.strip()]


def out_weights(rng, m):
    """A set of OSDs to mark out: a random share, or every OSD of one or two hosts."""
    if rng.random() < 0.5:
        hosts = [b for b in m["buckets"] if b.kind == "host"]
        chosen = rng.sample(hosts, min(len(hosts), rng.choice([1, 1, 2])))
        return sorted({o for h in chosen for o in h.osds})
    osds = [o for o, _ in m["devices"]]
    return sorted(rng.sample(osds, max(1, int(len(osds) * rng.choice([0.1, 0.25, 0.4])))))


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 120
    rng = random.Random(20261126)
    os.makedirs("maps", exist_ok=True)
    os.makedirs("out", exist_ok=True)
    work = "/tmp/crush-oracle-work"
    os.makedirs(work, exist_ok=True)
    for index in range(count):
        m = build_map(rng, index)
        rules = rules_for(rng, m)
        text = render(m, rules)
        name = f"{index:03d}"
        with open(f"maps/{name}.crush.txt", "w") as f:
            f.write(text)
        binary = f"{work}/{name}.bin"
        crushtool(["-c", f"maps/{name}.crush.txt", "-o", binary])
        lines = [f"# crushtool (Ceph 16.2.15) on maps/{name}.crush.txt compiled with: crushtool -c maps/{name}.crush.txt -o {name}.bin"]
        for rid, (kind, _) in enumerate(rules):
            sizes = sorted(set(rng.sample([2, 3, 4, 5, 6], 2)))
            for size in sizes:
                record(lines, binary, ["--test", "--rule", str(rid), "--num-rep", str(size), "--min-x", "0", "--max-x", str(BAD_X), "--show-bad-mappings"])
                outs = out_weights(rng, m)
                weight_args = [a for o in outs for a in ("--weight", str(o), "0")]
                record(lines, binary, ["--test", "--rule", str(rid), "--num-rep", str(size), "--min-x", "0", "--max-x", str(BAD_X), "--show-bad-mappings"] + weight_args)
            size = sizes[-1]
            partial = [a for o, _ in rng.sample(m["devices"], min(2, len(m["devices"]))) for a in ("--weight", str(o), "0.5")]
            record(lines, binary, ["--test", "--rule", str(rid), "--num-rep", str(size), "--pool-id", str(rid + 1), "--min-x", "0", "--max-x", str(MAP_X), "--show-mappings"] + partial)
        # the failure question: one replicated pool, PGs 0..PG_X; a host fails, then a datacenter or rack fails
        replicated = [rid for rid, (kind, _) in enumerate(rules) if kind == "replicated"]
        rid = rng.choice(replicated)
        size = rng.choice([2, 3, 3, 4])
        domains = [b for b in m["buckets"] if b.kind == "host"]
        wider = [b for b in m["buckets"] if b.kind in ("datacenter", "rack")]
        failures = [rng.choice(domains)] + ([rng.choice(wider)] if wider else [])
        lines.append(f"# pool {rid + 1}: rule {rid}, size {size}")
        record(lines, binary, ["--test", "--rule", str(rid), "--num-rep", str(size), "--pool-id", str(rid + 1), "--min-x", "0", "--max-x", str(PG_X), "--show-mappings"])
        for failed in failures:
            lines.append(f"# failure: {failed.kind} {failed.name} (osds {','.join(map(str, failed.osds))})")
            weight_args = [a for o in failed.osds for a in ("--weight", str(o), "0")]
            record(lines, binary, ["--test", "--rule", str(rid), "--num-rep", str(size), "--pool-id", str(rid + 1), "--min-x", "0", "--max-x", str(PG_X), "--show-mappings"] + weight_args)
        with open(f"out/{name}.crushtool.txt", "w") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
