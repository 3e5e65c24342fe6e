#!/usr/bin/env python3
"""Runs the `run:` steps of a composite action.yml the way the GitHub runner does, for scripts/check-integrations.sh.

usage: run-composite-action.py ACTION_YML WORKDIR [input=value ...]

Each `run:` step runs in bash (`bash -e {0}`, the runner's default) in WORKDIR, with its `env:` (the expressions
`${{ inputs.X }}` and `${{ steps.ID.outputs.X }}` filled in), GITHUB_ACTION_PATH (the action's folder), RUNNER_TEMP,
and the GITHUB_PATH / GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, whose contents carry over between steps as on a
runner. `uses:` steps are not run: they are printed (and the upload step's SARIF file must exist). A step's `if:`
understands the forms action.yml uses: `inputs.X == 'true'`, `hashFiles(inputs.X) != ''`, joined with `&&`.
Exits with the exit code of the first failing step (0 when all pass); the step summary is printed at the end.
"""
import os
import re
import subprocess
import sys
import tempfile

import yaml


def main() -> int:
    action_file, workdir, *assignments = sys.argv[1:]
    action = yaml.safe_load(open(action_file, encoding="utf-8"))
    inputs = {name: str(spec.get("default", "")) for name, spec in action.get("inputs", {}).items()}
    for assignment in assignments:
        name, value = assignment.split("=", 1)
        if name not in inputs:
            sys.exit(f"unknown input {name!r}; action.yml has {sorted(inputs)}")
        inputs[name] = value
    outputs: dict[str, dict[str, str]] = {}
    temp = tempfile.mkdtemp(prefix="pvelint-action-")
    files = {name: os.path.join(temp, name) for name in ("path", "output", "summary")}
    for path in files.values():
        open(path, "w").close()
    path_entries: list[str] = []

    def expand(text: str) -> str:
        def value(match: re.Match) -> str:
            expression = match.group(1).strip()
            if m := re.fullmatch(r"inputs\.([\w-]+)", expression):
                return inputs[m.group(1)]
            if m := re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression):
                return outputs.get(m.group(1), {}).get(m.group(2), "")
            raise SystemExit(f"expression not understood: {expression}")
        return re.sub(r"\$\{\{(.*?)\}\}", value, str(text))

    def condition(text: str) -> bool:
        for part in text.split("&&"):
            part = part.strip()
            if m := re.fullmatch(r"inputs\.([\w-]+) == '([^']*)'", part):
                if inputs[m.group(1)] != m.group(2):
                    return False
            elif m := re.fullmatch(r"hashFiles\(inputs\.([\w-]+)\) != ''", part):
                if not os.path.isfile(os.path.join(workdir, inputs[m.group(1)])):
                    return False
            else:
                raise SystemExit(f"if: not understood: {part}")
        return True

    for number, step in enumerate(action["runs"]["steps"], 1):
        name = step.get("name") or step.get("uses") or f"step {number}"
        if "if" in step and not condition(step["if"]):
            print(f"--- {name}: skipped (if: {step['if']})", flush=True)
            continue
        if "uses" in step:
            with_ = {k: expand(v) for k, v in step.get("with", {}).items()}
            print(f"--- {name}: uses {step['uses']} with {with_} (not run here)", flush=True)
            if "sarif_file" in with_ and not os.path.isfile(os.path.join(workdir, with_["sarif_file"])):
                print(f"the SARIF file {with_['sarif_file']} to upload does not exist", file=sys.stderr)
                return 1
            continue
        print(f"--- {name}", flush=True)
        env = dict(os.environ)
        env.update({k: expand(v) for k, v in step.get("env", {}).items()})
        env.update(GITHUB_ACTION_PATH=os.path.dirname(os.path.abspath(action_file)), RUNNER_TEMP=temp,
                   GITHUB_PATH=files["path"], GITHUB_OUTPUT=files["output"], GITHUB_STEP_SUMMARY=files["summary"])
        env["PATH"] = os.pathsep.join(path_entries + [env["PATH"]])
        open(files["output"], "w").close()
        status = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=workdir, env=env).returncode
        path_entries = [line.strip() for line in reversed(open(files["path"]).read().splitlines()) if line.strip()]
        if "id" in step:
            outputs[step["id"]] = dict(line.split("=", 1) for line in open(files["output"]).read().splitlines() if "=" in line)
        if status != 0:
            print(f"--- {name} failed with exit code {status}", flush=True)
            print_summary(files["summary"])
            return status
    print_summary(files["summary"])
    return 0


def print_summary(path: str) -> None:
    text = open(path, encoding="utf-8").read()
    print(f"--- job summary ({len(text)} characters)")
    print(text[:400] + ("…" if len(text) > 400 else ""))


if __name__ == "__main__":
    sys.exit(main())
