#!/usr/bin/env python3
"""Condenses the oracles' output into verdicts.jsonl, one line per input:
  corosync  verdict (accepted, refused, or host: a refusal that depends on the host, such as a missing key file or
            no local node), stage (parser: coroparse.c with a line; config: corosync -t's logging and totem checks;
            daemon: votequorum and the other services at start-up; abort: the daemon died on an assertion),
            line (parser stage only) and corosync's own message;
  host      the host name corosync ran under (the first node's name): refusals on one host only are compared there;
  qdevice   null without a quorum device that corosync-qdevice got to read; else its verdict and message;
  pve       what PVE::Corosync::parse_conf did: died (its message) or the nodes and interfaces it keys, and how many
            node and interface blocks it read before keying them (fewer keys than blocks: it dropped some).

usage: condense.py COROSYNC.jsonl PVE.jsonl > verdicts.jsonl   (coro_oracle.py and pve-parse.pl output)
"""
import json
import os
import re
import sys

HOST = re.compile(r"authkey|private key|No valid name found for local host|uidgid|NSS|nss_|certificate database", re.I)
PARSER = re.compile(r"parser error: [^:]*:(\d+): (.*)")
STAMP = re.compile(r"^(\w{3} \d\d [\d:.]+ )?(error|crit|warning) +\[\w+ *\] +")


def clean(text):
    return STAMP.sub("", text.strip())[:200]


def corosync_verdict(d):
    reasons = d.get("reasons") or (d.get("diag") or {}).get("reasons") or []
    daemon = d.get("daemon") or {}
    if d["verdict"] == "accepted":
        return {"verdict": "accepted", "stage": None, "line": None, "reason": None}
    if d["stage"] == "corosync -t":
        for r in reasons:
            m = PARSER.search(r)
            if m:
                return {"verdict": "refused", "stage": "parser", "line": int(m.group(1)), "reason": m.group(2).strip()[:200]}
        reason = clean(reasons[0]) if reasons else ""
        return {"verdict": "host" if HOST.search(reason) else "refused", "stage": "config", "line": None, "reason": reason}
    text = "\n".join(reasons) + "\n" + (daemon.get("stderr") or "")
    if daemon.get("rc") is not None and daemon["rc"] < 0 and daemon["rc"] != -9:
        m = re.search(r"Assertion .*", daemon.get("stderr") or "")
        return {"verdict": "refused", "stage": "abort", "line": None, "reason": (m.group(0) if m else f"signal {-daemon['rc']}")[:200]}
    m = re.search(r"failed to load for reason '(.*?)'", text)
    reason = m.group(1) if m else clean(reasons[0]) if reasons else f"exit {daemon.get('rc')}"
    return {"verdict": "host" if HOST.search(reason) else "refused", "stage": "daemon", "line": None, "reason": reason[:200]}


def qdevice_verdict(d):
    q = (d.get("daemon") or {}).get("qdevice")
    if q is None:
        return None
    if not q["exited"]:
        return {"verdict": "accepted", "reason": None}
    # corosync-qdevice -f -d logs "Mon DD HH:MM:SS level   message" to stderr; the first crit/error line says why.
    errors = [m.group(2).strip() for m in (re.match(r"^\w{3} +\d+ [\d:]+ (crit|error) +(.*)$", l) for l in q["log"].splitlines()) if m]
    errors = [e for e in errors if not re.search(r"Can't connect to qnetd", e)]
    if q["rc"] is not None and q["rc"] < 0:
        reason = f"corosync-qdevice died of signal {-q['rc']}"
    else:
        reason = errors[0][:200] if errors else f"exit {q['rc']}"
    return {"verdict": "host" if HOST.search(reason) else "refused", "reason": reason}


def main():
    pve = {}
    with open(sys.argv[2], encoding="utf-8") as f:
        for line in f:
            p = json.loads(line)
            pve[os.path.basename(p["file"])] = p
    rows = []
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            name = os.path.basename(d["file"])
            p = pve[name]
            rows.append({
                "file": name,
                "host": d["env"]["hostname"],
                "corosync": corosync_verdict(d),
                "qdevice": qdevice_verdict(d),
                "pve": {"died": p["died"].strip() if p["died"] else None,
                        "nodes": None if p["died"] else sorted(p["nodes"]),
                        "interfaces": None if p["died"] else p["interfaces"],
                        "node_blocks": None if p["died"] else p["node_blocks"],
                        "interface_blocks": None if p["died"] else p["interface_blocks"]},
            })
    for row in sorted(rows, key=lambda r: r["file"]):
        print(json.dumps(row, ensure_ascii=True, sort_keys=True))


if __name__ == "__main__":
    main()
