#!/usr/bin/env python3
"""Runs the cases of cases.json through the real corosync-vqsim and prints what it reported (see README.md).

  python3 run.py [--cases cases.json] [--ids a,b,...] [--first N] [--jobs 2] [--pause S] [--repeat N] > results.json

Needs root (a private mount namespace per run: vqsim always reads /etc/corosync/corosync.conf, and its
expected_votes_tracking file lives in /var/lib/corosync, which gets a private tmpfs) and `corosync-vqsim`
(Debian package corosync-vqsim). vqsim takes commands from a pipe and answers each with a prompt once done;
after every step this script asks `show` (lines `partition:nodeid: q=0|1 ring=[..] nodes=[..]`) until every node
reports the expected membership and two answers 0.2 s apart agree, and records that state. A case that does not
settle is recorded with an "error" (and fails the comparison) instead of a guess.
"""
import argparse
import concurrent.futures
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

SETTLE = 0.2          # between two identical 'show's: vqsim's sync timers are 10 ms, its messages settle well within
QDEVICE_POLL = 1.0    # first poll after 'qdevice on' comes timeout (400 ms) later; one more half period of margin
QDEVICE_SYNC = 1.2    # a resync with a registered device waits sync_timeout (800 ms) for a poll that vqsim cannot send
PAUSE = 0.0           # extra wait before the next step (--pause)
COMMAND_TIMEOUT_MS = 5000   # vqsim waits at most this long for the partitions to agree after a command (default 250)
STATE = re.compile(r"^(\d+):(\d+): q=(\d+) ring=\[([^\]]*)\] nodes=\[([^\]]*)\]$")
REFUSED = re.compile(r"votequorum exec init failed: (.*)$")
PROMPT = "#vqsim> "


class Session:
    """One corosync-vqsim process in its own mount namespace and process group, driven command by command:
    every command is answered by a new prompt once vqsim has finished it (or its command timeout passed)."""

    def __init__(self, conf_path):
        inner = (f"mount -t tmpfs tmpfs /var/lib/corosync && mount --bind '{conf_path}' /etc/corosync/corosync.conf "
                 "&& cd /var/lib/corosync && exec corosync-vqsim")
        self.proc = subprocess.Popen(["unshare", "-m", "sh", "-c", inner], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        self.out, self.err = [], []
        self.threads = [threading.Thread(target=self._pump, args=(self.proc.stdout, self.out), daemon=True),
                        threading.Thread(target=self._pump, args=(self.proc.stderr, self.err), daemon=True)]
        for t in self.threads:
            t.start()
        self.commands = 0

    @staticmethod
    def _pump(stream, sink):
        while True:
            chunk = os.read(stream.fileno(), 65536)
            if not chunk:
                return
            sink.append(chunk.decode(errors="replace"))

    def text(self):
        return "".join(self.out)

    def wait_prompt(self, count, timeout=30.0):
        deadline = time.time() + timeout
        while self.text().count(PROMPT) < count:
            if time.time() > deadline or self.proc.poll() is not None:
                raise TimeoutError(f"vqsim gave no prompt {count} within {timeout} s")
            time.sleep(0.01)

    def send(self, command):
        self.proc.stdin.write((command + "\n").encode())
        self.proc.stdin.flush()
        self.commands += 1
        self.wait_prompt(self.commands + 1)

    def show(self):
        self.send("show")
        return parse_shows(self.text())[-1]

    def stable_show(self, expected_partitions, attempts=25):
        """'show' until two answers in a row agree and every node reports the expected membership."""
        want = {n: sorted(p) for p in expected_partitions for n in p}
        previous = None
        for _ in range(attempts):
            current = self.show()
            settled = (set(current) == {str(n) for n in want}
                       and all(sorted(current[str(n)]["nodes"]) == want[n] for n in want))
            if settled and current == previous:
                return current
            previous = current
            time.sleep(SETTLE)
        raise TimeoutError("vqsim did not settle on the expected membership")

    def close(self):
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()
        for t in self.threads:
            t.join(timeout=5)


def run_case(case, lms_window_ms):
    work = tempfile.mkdtemp(prefix="vqsim-")
    session = None
    try:
        conf_path = os.path.join(work, "corosync.conf")
        with open(conf_path, "w") as f:
            f.write(case["conf"])
        ids = [int(m) for m in re.findall(r"nodeid: (\d+)", case["conf"])]
        qdevice = "device {" in case["conf"]
        session = Session(conf_path)
        session.wait_prompt(1)
        time.sleep(0.2)
        if session.proc.poll() is None and REFUSED.search("".join(session.err)) is None:
            session.send(f"timeout {COMMAND_TIMEOUT_MS}")
        refused = sorted({m.group(1) for m in map(REFUSED.search, "".join(session.err).splitlines()) if m})
        if refused:
            return {"shows": [], "refused": refused}
        shows = []
        if qdevice:
            session.send("qdevice on " + ",".join(map(str, ids)))
            time.sleep(QDEVICE_POLL)
        shows.append(session.stable_show([ids]))
        time.sleep(PAUSE)
        for step in case["steps"]:
            session.send(step["command"])
            if qdevice:
                time.sleep(QDEVICE_SYNC)
                running = [x for p in step["partitions"] for x in p]
                session.send("qdevice off " + ",".join(map(str, running)))
                if step["cast"]:
                    session.send("qdevice on " + ",".join(map(str, step["cast"])))
                time.sleep(QDEVICE_POLL)
            elif step.get("lmsElapsed"):
                time.sleep(lms_window_ms / 1000 + 0.4)
            shows.append(session.stable_show(step["partitions"]))
            time.sleep(PAUSE)
        return {"shows": shows, "refused": []}
    except TimeoutError as e:
        return {"shows": [], "refused": [], "error": str(e)}
    finally:
        if session is not None:
            session.close()
        shutil.rmtree(work, ignore_errors=True)


def parse_shows(stdout):
    shows, current = [], None
    for line in stdout.splitlines():
        if line.startswith("#vqsim> "):
            current = {} if line.strip() == "#vqsim> show" else None
            if current is not None:
                shows.append(current)
            continue
        m = STATE.match(line.strip())
        if m and current is not None:
            current[m.group(2)] = {"partition": int(m.group(1)), "q": int(m.group(3)), "nodes": [int(x) for x in m.group(5).split()]}
    return shows


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", default=os.path.join(here, "cases.json"))
    ap.add_argument("--ids", default="")
    ap.add_argument("--first", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--pause", type=float, default=0.0, help="seconds to wait after each step before the next")
    ap.add_argument("--repeat", type=int, default=1, help="run every case this many times and keep every run (nondeterminism evidence)")
    args = ap.parse_args()
    global PAUSE
    PAUSE = args.pause
    if shutil.which("corosync-vqsim") is None:
        sys.exit("corosync-vqsim is not installed (apt-get install corosync-vqsim)")
    data = json.load(open(args.cases))
    cases = data["cases"]
    if args.ids:
        wanted = set(args.ids.split(","))
        cases = [c for c in cases if c["id"] in wanted]
    if args.first:
        cases = cases[:args.first]
    version = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "corosync-vqsim"], capture_output=True, text=True).stdout
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        if args.repeat > 1:
            results = {c["id"]: {"runs": list(pool.map(lambda _: run_case(c, data["lmsWindowMs"]), range(args.repeat)))} for c in cases}
        else:
            results = dict(zip([c["id"] for c in cases], pool.map(lambda c: run_case(c, data["lmsWindowMs"]), cases)))
    json.dump({"vqsim": f"corosync-vqsim {version}", "results": results}, sys.stdout, indent=None, separators=(",", ":"))
    print()


if __name__ == "__main__":
    main()
