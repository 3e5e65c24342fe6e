#!/usr/bin/env python3
"""Folds the oracle's runs under several Perl hash seeds into one compact line per case.

rules:     {"name", "dropped": {rule: [reason, ...]}, "rules": {id: {...}} (enabled rules after the transforms),
            "node_affinity": {sid: {node: priority}} (compiled), and when Perl's hash order changed them between runs
            "variants": [{"rules", "node_affinity"}, ...] (every distinct outcome seen)}
migration: {"name", "resources.cfg": text|null (null: not written), "rules_sections": [section text, ...],
            "rules_orders": [[section index, ...], ...] (each order of the sections the HA core wrote under some seed),
            "order_values": [{rule id: order}, ...] (each 'order' hash the HA core sorted by; equal values are ties
            that Perl's hash order breaks)}
            or {"name", "error"} when the migration failed
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


def sections(text):
    """rules.cfg as written: every section ends with one empty line, and sections hold no empty line."""
    return [part + "\n\n" for part in text.split("\n\n")[:-1]]


def migration_case(runs):
    first = runs[0]
    if "error" in first:
        assert all(r.get("error") == first["error"] for r in runs), first["name"]
        return {"name": first["name"], "error": first["error"]}
    # the migration never depends on hash order for anything but the order of the rules.cfg sections
    assert all(r.get("resources.cfg") == first.get("resources.cfg") for r in runs), first["name"]
    parts = sections(first["rules.cfg"])
    orders = []
    order_values = []
    for run in runs:
        if run.get("rule_orders") not in order_values:
            order_values.append(run.get("rule_orders"))
        run_parts = sections(run["rules.cfg"])
        assert "".join(run_parts) == run["rules.cfg"] and sorted(run_parts) == sorted(parts), first["name"]
        order = [parts.index(p) for p in run_parts]
        if order not in orders:
            orders.append(order)
    return {"name": first["name"], "resources.cfg": first.get("resources.cfg"), "rules_sections": parts, "rules_orders": orders,
            "order_values": order_values}


def main():
    kind, paths = sys.argv[1], sys.argv[2:]
    runs = [load(p) for p in paths]
    fold = rules_case if kind == "rules" else migration_case
    for cases in zip(*runs):
        assert len({c["name"] for c in cases}) == 1
        print(json.dumps(fold(list(cases)), sort_keys=True, separators=(",", ":")))


if __name__ == "__main__":
    main()
