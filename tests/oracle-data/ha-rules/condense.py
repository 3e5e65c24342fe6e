#!/usr/bin/env python3
"""Folds the oracle's runs under several Perl hash seeds into one compact line per case.

rules:     {"name", "dropped": {rule: [reason, ...]}, "rules": {id: {...}} (enabled rules after the transforms),
            "node_affinity": {sid: {node: priority}} (compiled), and when Perl's hash order changed them between runs
            "variants": [{"rules", "node_affinity"}, ...] (every distinct outcome seen)}
migration: {"name", "outputs": [{"rules.cfg": text, "resources.cfg": text|null}, ...] (each distinct output seen),
            "error": text (when the migration failed)}
"""
import json
import sys


def load(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def rules_case(runs):
    first = runs[0]
    if "error" in first:
        return {"name": first["name"], "error": first["error"]}
    # the drops never depend on hash order: every check sorts its conflicts
    assert all(run["dropped"] == first["dropped"] for run in runs), first["name"]
    variants = []
    for run in runs:
        variant = {"rules": {k: v for k, v in run["rules"].items() if not v.get("disable")}}
        if "compiled" in run:
            variant["node_affinity"] = run["compiled"]["node-affinity"]
        if variant not in variants:
            variants.append(variant)
    out = {"name": first["name"], "dropped": first["dropped"], **variants[0]}
    if len(variants) > 1:
        out["variants"] = variants
    return out


def migration_case(runs):
    first = runs[0]
    if "error" in first:
        return {"name": first["name"], "error": first["error"]}
    outputs = []
    for run in runs:
        written = {"rules.cfg": run["rules.cfg"], "resources.cfg": run.get("resources.cfg")}
        if written not in outputs:
            outputs.append(written)
    return {"name": first["name"], "outputs": outputs}


def main():
    kind, paths = sys.argv[1], sys.argv[2:]
    runs = [load(p) for p in paths]
    fold = rules_case if kind == "rules" else migration_case
    for cases in zip(*runs):
        assert len({c["name"] for c in cases}) == 1
        print(json.dumps(fold(list(cases)), sort_keys=True, separators=(",", ":")))


if __name__ == "__main__":
    main()
