#!/usr/bin/env python3
"""Generates the corosync-vqsim differential cases for pvelint's quorum evaluator (see README.md).

Deterministic (fixed seed): `python3 generate.py > cases.json`. Each case is a corosync.conf and a list of
membership changes, each one vqsim operation (split, join, down, up) so that the evaluator sees exactly the
membership changes vqsim makes. For QDevice cases vqsim has no qnetd: this script decides who gets the QDevice
vote with its own small implementation of qnetd's ffsplit and lms (an independent second implementation; the
evaluator's decision must match it) and drives vqsim's basic quorum device with that answer.
"""
import json
import os
import random

SEED = 20260601
LMS_WINDOW_MS = 1500        # long enough that a step that "does not wait" never sees the timer fire
QDEVICE_TIMEOUT_MS = 400    # vqsim polls every timeout/2; a resync waits at most sync_timeout for a poll
QDEVICE_SYNC_TIMEOUT_MS = 800


def conf(nodes, quorum_lines, device=None):
    out = ["totem {", "  version: 2", "  cluster_name: vqsim", "}", "", "nodelist {"]
    for nid, votes in nodes:
        out += ["  node {", f"    name: n{nid}", f"    nodeid: {nid}"]
        if votes is not None:
            out.append(f"    quorum_votes: {votes}")
        out += [f"    ring0_addr: 10.0.{nid // 250}.{nid % 250 + 1}", "  }"]
    out += ["}", "", "quorum {", "  provider: corosync_votequorum"]
    out += ["  " + line for line in quorum_lines]
    if device is not None:
        out += ["  device {", "    model: net"]
        if device["votes"] is not None:
            out.append(f"    votes: {device['votes']}")
        out += [f"    timeout: {QDEVICE_TIMEOUT_MS}", f"    sync_timeout: {QDEVICE_SYNC_TIMEOUT_MS}", "    net {",
                "      host: 192.0.2.250", f"      algorithm: {device['algorithm']}", f"      tie_breaker: {device['tie_breaker']}",
                "    }", "  }"]
    out += ["}", ""]
    return "\n".join(out)


def node_ids(rng, n):
    if rng.random() < 0.7:
        return list(range(1, n + 1))
    return sorted(rng.sample(range(1, 40), n))


def votes_for(rng, ids, mode):
    if mode == "ones":
        return [(i, None if rng.random() < 0.5 else 1) for i in ids]
    if mode == "mixed":
        return [(i, rng.choice([0, 1, 1, 1, 2, 3])) for i in ids]
    return [(i, rng.choice([0, 1, 2, 3])) for i in ids]


class Qnetd:
    """qnetd's decision, written independently of pvelint's C# arbiter (corosync-qdevice 3.0.3 qnetd-algo-*.c)."""

    def __init__(self, config_ids, algorithm, tie_breaker):
        self.config_ids, self.algorithm, self.tie_breaker = config_ids, algorithm, tie_breaker
        self.quorate_partition = set()
        self.lms = {}

    def decide(self, partitions, reaches):
        connected = [p for p, r in zip(partitions, reaches) if r and p]
        for nid in list(self.lms):
            if not any(nid in p for p in connected):
                del self.lms[nid]
        if not connected:
            self.quorate_partition = set() if self.algorithm == "ffsplit" else self.quorate_partition
            return set()
        return self.ffsplit(connected) if self.algorithm == "ffsplit" else self.lms_decide(connected)

    def ffsplit(self, connected):
        c = len(self.config_ids)
        winner = next((p for p in connected if len(p) > c // 2), None)
        if winner is None and c % 2 == 0:
            halves = [p for p in connected if len(p) == c // 2]
            if len(halves) == 1:
                winner = halves[0]
            elif len(halves) == 2:
                a, b = halves
                a_in, b_in = all(x in self.quorate_partition for x in a), all(x in self.quorate_partition for x in b)
                a_out, b_out = not any(x in self.quorate_partition for x in a), not any(x in self.quorate_partition for x in b)
                if a_in and b_out:
                    winner = a
                elif b_in and a_out:
                    winner = b
                elif (a_in and b_in) or (a_out and b_out):
                    pref = min(self.config_ids) if self.tie_breaker == "lowest" else max(self.config_ids)
                    winner = a if pref in a else b if pref in b else None
                    if winner is None:
                        raise ValueError("undecidable")
                else:
                    raise ValueError("undecidable")
        self.quorate_partition = set(winner) if winner else set()
        return set(winner) if winner else set()

    def lms_decide(self, connected):
        if len(connected) == 1:
            for nid in connected[0]:
                self.lms[nid] = "ACK"
            return set(connected[0])
        best = max(len(p) for p in connected)
        largest = [p for p in connected if len(p) == best]
        if len(largest) == 1:
            win = largest[0]
        else:
            allc = [x for p in connected for x in p]
            tb = min(allc) if self.tie_breaker == "lowest" else max(allc)
            win = next(p for p in connected if tb in p)
        holders = [x for p in connected for x in p if self.lms.get(x) == "ACK"]
        ack = set()
        for p in connected:
            for nid in p:
                newcomer_refused = nid not in self.lms and any(h not in p for h in holders)
                if newcomer_refused:
                    continue
                self.lms[nid] = "ACK" if p is win else "NACK"
                if p is win:
                    ack.add(nid)
        return ack


def steps_for(rng, ids, count, lms, qnetd, allow_up):
    parts = {0: list(ids)}
    down = []
    steps = []
    for _ in range(count):
        ops = []
        if any(len(p) >= 2 for p in parts.values()):
            ops += ["split"] * 3
        if len([p for p in parts.values() if p]) >= 2:
            ops += ["join"] * 2
        if sum(len(p) for p in parts.values()) >= 2:
            ops += ["down"] * 2
        if down and allow_up:
            ops += ["up"]
        if not ops:
            break
        op = rng.choice(ops)
        resync_all = op in ("split", "join")
        if op == "split":
            src = rng.choice([k for k, p in parts.items() if len(p) >= 2])
            moved = rng.sample(parts[src], rng.randint(1, len(parts[src]) - 1))
            dst = next(k for k in range(0, 16) if not parts.get(k))
            parts[src] = [x for x in parts[src] if x not in moved]
            parts[dst] = parts.get(dst, []) + moved
            command = f"split {dst}:" + ",".join(map(str, moved))
        elif op == "join":
            a, b = sorted(rng.sample([k for k, p in parts.items() if p], 2))
            parts[a] = parts[a] + parts[b]
            parts[b] = []
            command = f"join {a} {b}"
        elif op == "down":
            victim = rng.choice([x for p in parts.values() for x in p])
            for k in parts:
                parts[k] = [x for x in parts[k] if x != victim]
            down.append(victim)
            command = f"down {victim}"
        else:
            back = rng.choice(down)
            down.remove(back)
            dst = rng.choice([k for k, p in parts.items() if p] + [next(k for k in range(16) if not parts.get(k))])
            parts[dst] = parts.get(dst, []) + [back]
            command = f"up {dst}:{back}"
        live = [k for k in sorted(parts) if parts[k]]
        step = {"command": command, "resyncAll": resync_all,
                "partitions": [list(parts[k]) for k in live],
                "lmsElapsed": bool(lms and rng.random() < 0.6)}
        if qnetd is not None:
            reach = [rng.random() < 0.85 for _ in live]
            if rng.random() < 0.1:
                reach = [False for _ in live]
            try:
                cast = qnetd.decide(step["partitions"], reach)
            except ValueError:
                return steps   # the evaluator calls this undecidable; stop the case here
            step["qnetd"] = reach
            step["cast"] = sorted(cast)
        steps.append(step)
    return steps


def plain_case(rng, n, features):
    ids = node_ids(rng, n)
    vmode = rng.choice(["ones", "ones", "ones", "mixed", "any"]) if "votes" in features else "ones"
    nodes = votes_for(rng, ids, vmode)
    total = sum(1 if v is None else v for _, v in nodes)
    lines = []
    if "expected" in features:
        lines.append(f"expected_votes: {max(1, total + rng.choice([-2, -1, 1, 2, 3]))}")
    if "two_node" in features:
        lines.append("two_node: 1")
    if "wfa" in features:
        lines.append(f"wait_for_all: {rng.choice([0, 1, 1])}")
    if "lms" in features:
        lines += ["last_man_standing: 1", f"last_man_standing_window: {LMS_WINDOW_MS}"]
    if "atb" in features:
        lines.append("auto_tie_breaker: 1")
        r = rng.random()
        if r < 0.3:
            lines.append("auto_tie_breaker_node: highest")
        elif r < 0.55:
            lines.append("auto_tie_breaker_node: " + " ".join(map(str, rng.sample(ids, min(len(ids), rng.randint(1, 3))))))
        elif r < 0.6:
            lines.append("auto_tie_breaker_node: lowest")
    if "downscale" in features:
        lines.append("allow_downscale: 1")
    return ids, nodes, lines


def main():
    rng = random.Random(SEED)
    cases = []

    def add(kind, ids, nodes, lines, device=None, qnetd=None, lms=False, allow_up=True, max_steps=4):
        steps = steps_for(rng, ids, rng.randint(1, max_steps), lms, qnetd, allow_up)
        cases.append({"id": f"{kind}-{len(cases) + 1:04d}", "conf": conf(nodes, lines, device), "steps": steps})

    sizes = [1, 2, 2, 3, 3, 4, 4, 4, 5, 5, 6, 6, 7, 8, 8, 9, 10, 12, 16]
    feature_sets = [[], ["votes"], ["expected"], ["wfa"], ["two_node"], ["atb"], ["atb", "wfa"], ["downscale"],
                    ["votes", "expected"], ["two_node", "wfa"], ["atb", "votes"], ["expected", "wfa"], ["atb", "two_node"]]
    for _ in range(380):
        n = rng.choice(sizes)
        features = rng.choice(feature_sets)
        if "two_node" in features and rng.random() < 0.7:
            n = 2
        ids, nodes, lines = plain_case(rng, n, features)
        # allow_downscale keeps expected_votes_tracking state in a file that vqsim's nodes share; no reboots then.
        add("plain", ids, nodes, lines, allow_up="downscale" not in features)

    for _ in range(80):
        n = rng.choice([3, 4, 4, 5, 5, 6, 7, 8, 9, 12])
        features = rng.choice([["lms"], ["lms", "wfa"], ["lms", "atb", "wfa"], ["lms", "votes"], ["lms", "atb"], ["lms", "downscale"]])
        ids, nodes, lines = plain_case(rng, n, features)
        add("lms", ids, nodes, lines, lms=True, allow_up="downscale" not in features, max_steps=4)

    for _ in range(90):
        n = rng.choice([2, 2, 3, 4, 4, 4, 5, 6, 6, 8])
        ids = node_ids(rng, n)
        algorithm = "ffsplit" if rng.random() < 0.7 else "lms"
        explicit = algorithm == "ffsplit" or rng.random() < 0.3
        device = {"votes": (1 if rng.random() < 0.8 else rng.randint(1, max(1, n - 1))) if explicit else None,
                  "algorithm": algorithm, "tie_breaker": rng.choice(["lowest", "lowest", "highest"])}
        nodes = [(i, None) for i in ids]
        q = Qnetd(ids, algorithm, device["tie_breaker"])
        q.decide([list(ids)], [True])    # the steady state: one partition, everyone connected
        add("qdevice", ids, nodes, [], device=device, qnetd=q, max_steps=3)

    refusals = [
        (["two_node: 1"], {"votes": 1, "algorithm": "ffsplit", "tie_breaker": "lowest"}),
        (["last_man_standing: 1"], {"votes": 1, "algorithm": "ffsplit", "tie_breaker": "lowest"}),
        (["auto_tie_breaker: 1"], {"votes": 1, "algorithm": "ffsplit", "tie_breaker": "lowest"}),
        (["allow_downscale: 1"], {"votes": 1, "algorithm": "ffsplit", "tie_breaker": "lowest"}),
        (["expected_votes: 5"], {"votes": None, "algorithm": "lms", "tie_breaker": "lowest"}),
        (["expected_votes: 4"], {"votes": 3, "algorithm": "ffsplit", "tie_breaker": "lowest"}),
        (["auto_tie_breaker: 1", "last_man_standing: 1"], None),
        (["auto_tie_breaker: 1", "last_man_standing: 1", "wait_for_all: 0"], None),
    ]
    for i in range(30):
        lines, device = refusals[i % len(refusals)]
        n = rng.choice([3, 5]) if device is None else rng.choice([2, 3, 4])
        ids = node_ids(rng, n)
        nodes = [(x, None) for x in ids]
        if i % len(refusals) == 4:
            nodes[0] = (ids[0], 2)   # unequal votes and no device votes
        cases.append({"id": f"refused-{len(cases) + 1:04d}", "conf": conf(nodes, lines, device), "steps": []})

    # The vote arithmetic the PVE1001 and PVE1013 bad fixtures claim: the fixture's own corosync.conf, each failure
    # played in vqsim (a site lost is its nodes going down one after the other).
    here = os.path.dirname(os.path.abspath(__file__))
    def fixture(rule):
        with open(os.path.join(here, "..", "..", "fixtures", rule, "bad", "etc", "pve", "corosync.conf")) as f:
            return f.read()
    def down(*ids, running):
        steps = []
        for i in ids:
            running = [x for x in running if x != i]
            steps.append({"command": f"down {i}", "resyncAll": False, "partitions": [running], "lmsElapsed": False})
        return steps
    four = [1, 2, 3, 4]
    cases.append({"id": "fixture-PVE1001-lose-room-a", "conf": fixture("PVE1001"), "steps": down(1, 2, running=four)})
    cases.append({"id": "fixture-PVE1001-lose-room-b", "conf": fixture("PVE1001"), "steps": down(3, 4, running=four)})
    cases.append({"id": "fixture-PVE1001-cut", "conf": fixture("PVE1001"),
                  "steps": [{"command": "split 1:3,4", "resyncAll": True, "partitions": [[1, 2], [3, 4]], "lmsElapsed": False}]})
    cases.append({"id": "fixture-PVE1013-lose-pve1", "conf": fixture("PVE1013"), "steps": down(1, running=[1, 2])})
    cases.append({"id": "fixture-PVE1013-lose-pve2", "conf": fixture("PVE1013"), "steps": down(2, running=[1, 2])})

    print(json.dumps({"seed": SEED, "lmsWindowMs": LMS_WINDOW_MS, "cases": cases}, separators=(",", ":")))


if __name__ == "__main__":
    main()
