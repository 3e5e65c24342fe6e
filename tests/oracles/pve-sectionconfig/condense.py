#!/usr/bin/env python3
"""Condenses the oracle's per-file JSON (driver.pl) into verdicts.jsonl: per input, each warning PVE prints with its
line and a message class, the sections PVE skips as broken (check_config failed; PVE prints the line where the
section ended, so they are matched by id), and the sections it keeps with their keys.

usage: condense.py RAWDIR INPUTDIR > verdicts.jsonl
"""
import json
import os
import re
import sys

def classify(text):
    body = text.split(" line ", 1)[1]
    if " - ignore config line:" in body:
        return "ignore", None
    m = re.search(r"unable to parse value of '.*?': (.*)$", body, re.S)
    if m:
        err = m.group(1).strip()
        if err == "duplicate attribute": return "duplicate-attribute", None
        if err == "unknown property type": return "unknown-property", None
        if err.startswith("unexpected property"): return "unexpected-property", None
        return "invalid-value", None
    m = re.search(r"\(skip section '(.*?)'\): (.*)$", body, re.S)
    if m:
        err = m.group(2).strip()
        if err.startswith(("unsupported type", "no such resource type")): return "unsupported-type", None
        if err.startswith(("invalid configuration ID", "invalid VMID", "invalid format")): return "invalid-id", None
        return "broken", m.group(1)
    return "other", None

def main():
    raw, inputs = sys.argv[1], sys.argv[2]
    for name in sorted(os.listdir(inputs)):
        with open(os.path.join(raw, name[:-4] + ".json"), encoding="ascii") as f:
            d = json.load(f)
        warnings, broken = [], []
        for w in d["warnings"]:
            cls, section = classify(w["text"])
            if cls == "broken":
                broken.append(section)
            else:
                warnings.append({"line": w["line"], "class": cls, "text": w["text"].strip()[:200]})
        sections = [{"id": s["id"], "defined": s["defined"], "keys": sorted((s["data"] or {}).keys())}
                    for s in d.get("sections") or []]
        print(json.dumps({"file": name, "kind": d["kind"], "died": d["died"], "warnings": warnings,
                          "broken": broken, "sections": sections}, ensure_ascii=True, sort_keys=True))

if __name__ == "__main__":
    main()
