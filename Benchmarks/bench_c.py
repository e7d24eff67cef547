#!/usr/bin/env python3
"""Guardrail on a C/C++ tree: what libclang costs per header.

Runs the release binary twice over a tree of real headers (default
``/usr/include``, thousands of them already on disk):

1. ``default pack`` — the built-in rules as a user runs them. The literal
   prefilter means libclang only parses headers that mention a trigger word.
2. ``every header parsed`` — a probe rule (``banned-import`` of a module named
   ``e``, so its trigger is the letter ``e``: present in practically every
   header, while no header includes ``e.h``) forces libclang to parse, tokenize
   and scan the includes of every header, with no findings to report.

For each it prints files, wall time, ms per file, and libclang's own parse time
(summed over worker threads, from ``--stats``). A run that exits other than 0
or 1 — a crash, a signal, an error — fails the benchmark (exit 1).

    python3 Benchmarks/bench_c.py [--c-tree /usr/include] [--binary .build/release/guardrail] [--jobs 0] [--runs 3]

Python 3 standard library only. The tree is only read.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

C_EXTENSIONS = {".h", ".c", ".hh", ".hpp", ".hxx"}

PROBE_RULE = """\
id: c-parse-probe
severity: warning
languages: [c]
summary: Benchmark probe that makes libclang parse every C/C++ file (never fires in practice)
check:
  kind: banned-import
  modules: [e]
"""

STATS_RE = re.compile(r"stats: (\d+) files, (\d+) tokenized, .*?, (\d+) findings, (\d+) ms")
CLANG_RE = re.compile(r"stats: libclang parsed (\d+) C/C\+\+ files? in ([\d.]+) ms")


def run_once(binary: Path, tree: Path, extra: list[str], jobs: int) -> dict:
    cmd = [str(binary), "check", str(tree), "--format", "json", "--output", "/dev/null",
           "--stats", "--no-exclude", "--jobs", str(jobs)] + extra
    began = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall_ms = (time.perf_counter() - began) * 1000
    if proc.returncode not in (0, 1):
        sys.stderr.write(f"guardrail exited {proc.returncode} on {tree}:\n{proc.stderr}\n")
        raise SystemExit(1)
    stats = STATS_RE.search(proc.stderr)
    clang = CLANG_RE.search(proc.stderr)
    return {
        "wall_ms": wall_ms,
        "files": int(stats.group(1)) if stats else 0,
        "tokenized": int(stats.group(2)) if stats else 0,
        "findings": int(stats.group(3)) if stats else 0,
        "parsed": int(clang.group(1)) if clang else 0,
        "clang_ms": float(clang.group(2)) if clang else 0.0,
    }


def median_run(binary: Path, tree: Path, extra: list[str], jobs: int, runs: int) -> dict:
    results = [run_once(binary, tree, extra, jobs) for _ in range(runs)]
    best = sorted(results, key=lambda r: r["wall_ms"])[len(results) // 2]
    best["wall_ms"] = statistics.median(r["wall_ms"] for r in results)
    return best


def report(label: str, r: dict, headers: int) -> None:
    per_file = r["wall_ms"] / max(headers, 1)
    line = (f"{label:<22} {headers:>6} C/C++ files, {r['wall_ms']:>9.0f} ms wall, "
            f"{per_file:6.2f} ms/header wall; libclang parsed {r['parsed']} "
            f"in {r['clang_ms']:.0f} ms thread time")
    if r["parsed"]:
        line += f" = {r['clang_ms'] / r['parsed']:.2f} ms/parsed header"
    line += f"; {r['findings']} findings"
    print(line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--c-tree", type=Path, default=Path("/usr/include"), help="tree of C/C++ headers (read only)")
    parser.add_argument("--binary", type=Path, default=Path(".build/release/guardrail"))
    parser.add_argument("--jobs", type=int, default=0, help="worker threads (0: one per core)")
    parser.add_argument("--runs", type=int, default=3, help="runs per mode; the median is reported")
    args = parser.parse_args()
    if not args.binary.exists():
        sys.stderr.write(f"{args.binary} not found: swift build -c release --product guardrail\n")
        return 2
    headers = sum(1 for p in args.c_tree.rglob("*") if p.suffix.lower() in C_EXTENSIONS and p.is_file())
    version = subprocess.run([str(args.binary), "--version"], capture_output=True, text=True).stdout.strip()
    print(version)
    print(f"tree: {args.c_tree} ({headers} C/C++ files), jobs: {args.jobs or 'all cores'}, runs: {args.runs}")
    with tempfile.TemporaryDirectory(prefix="guardrail-bench-c-") as tmp:
        rules = Path(tmp) / "rules" / "c-parse-probe"
        rules.mkdir(parents=True)
        (rules / "rule.yml").write_text(PROBE_RULE)
        config = Path(tmp) / "guardrail.yml"
        config.write_text(f"rules_dir: {Path(tmp) / 'rules'}\n")
        default = median_run(args.binary, args.c_tree, ["--config", str(config), "--ignore", "c-parse-probe"],
                             args.jobs, args.runs)
        report("default pack", default, headers)
        forced = median_run(args.binary, args.c_tree, ["--config", str(config), "--select", "c-parse-probe"],
                            args.jobs, args.runs)
        report("every header parsed", forced, headers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
