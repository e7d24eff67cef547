#!/usr/bin/env python3
"""Guardrail stress run: large generated files of one shape each, timed.

Each file repeats one construct ~150,000 times (or is one 10 MB line), the
shapes where a per-finding or per-lookup cost that grows with the file would
turn quadratic: many calls resolved against many bindings, many `const`
options objects, suppressions, windows, templates, JSX, a minified line.
Every run must end with exit 0 or 1 within --limit seconds (default 20);
the table gives wall time, peak RSS and the number of findings.

    python3 Benchmarks/stress.py [--binary PATH] [--limit SECONDS] [--keep]

Python 3 standard library only; needs GNU time (/usr/bin/time) for RSS.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

N = 150_000


def shapes() -> dict[str, str]:
    """File name -> contents."""
    line_py = "".join(f"a{i} = now(); " if i % 50 == 0 else f'x{i} = "09:{i % 60:02d}"; ' for i in range(800_000))
    line_js = "".join(f"var a{i}=fetch(u{i});" if i % 50 == 0 else f'x{i}="s{i}";' for i in range(700_000))
    return {
        "one-line.py": "from datetime import datetime\n" + line_py[:10_000_000] + "\n",
        "minified.js": line_js[:10_000_000],
        "calls-and-bindings.py": "from datetime import datetime\n"
        + "".join(f"v{i} = datetime.now()\n" for i in range(N)),
        "defs.py": "".join(f"def f{i}(a, b=now()):\n    return lambda q: [z for z in a if datetime.now(z)]\n"
                           for i in range(N)),
        "imports.py": "".join(f"from app.m{i} import x{i} as y{i}\ny{i}.now()\n" for i in range(N)),
        # One name bound over and over, alternately local and imported, each
        # binding followed by a call to resolve: the last binding before each
        # use is looked up among all of them.
        "rebound-name.py": "".join(f"time = t{i}\ntime.fromisoformat(s)\nfrom datetime import time\ntime.fromisoformat(s)\n"
                                   for i in range(N // 2)),
        # One 10 MB line of statements under a geometry constant (a check
        # once walked back to the line start from every top-level name).
        "statements-one-line.py": "BITS_PER_DAY = 1440\n" + "a=1;" * 2_500_000 + "\n",
        "fetch-options.ts": "".join(f'const o{i} = {{method: "GET"}};\nfetch(u, o{i});\n' for i in range(N)),
        "fetch-one-line.ts": "".join(f'const o{i} = {{method: "GET"}}; fetch(u, o{i}); ' for i in range(N)),
        "windows.py": "".join(f'w{i} = ("09:00", "24:00")\nd{i} = {{"start_time": "10:00", "end_time": "09:{i % 60:02d}"}}\n'
                              for i in range(N)),
        "suppressions.py": "from datetime import date\n"
        + "".join(f"x{i} = date.today()  # guardrail: ignore[naive-today] -- fixture {i}\n" for i in range(N)),
        "templates.ts": "".join(f"const s{i} = `${{fetch(a{i})}} ${{`${{b}}`}}`;\n" for i in range(N)),
        "jsx.tsx": "const X = () => (<div>" + "".join(f"<A k={{fetch(u{i})}}>{{x}}</A>" for i in range(N)) + "</div>);\n",
        "lambdas-one-line.py": "from datetime import datetime\n" + "a=lambda:1;" * 90_000 + "\ndatetime.now()\n",
        "nested-def-parameters.py": "from datetime import datetime\n" + "def a(" * 40_000 + "\ndatetime.now()\n",
        "nested-let.ts": "let{" * 40_000 + "\nfetch(u, o);\n",
        "long-tuple-target.py": "from datetime import datetime\n" + "a, " * 200_000 + "a = 1\ndatetime.now()\n",
        "minutes.py": "".join(f"m{i} = t.hour * 60 + t.minute\n" for i in range(N)),
        "magic.ts": "".join(f"const b{i} = new Uint8Array(180); const l{i} = arr.length === 1440;\n" for i in range(N)),
        # Long digit runs, each a number the magic-number gate reads from every digit.
        "digits.py": "x = len(a)\nb = 180\n" + "1234567890123456789012345678901234567890123456789012345678901234 " * N + "\n",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", type=Path, default=Path(__file__).resolve().parent.parent / ".build/release/guardrail")
    parser.add_argument("--limit", type=float, default=20.0, help="seconds allowed per file (default 20)")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()
    # The runs happen in the scratch folder: a relative path would not resolve there.
    args.binary = args.binary.resolve()
    if not args.binary.exists():
        print(f"no guardrail binary at {args.binary} (swift build -c release)", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="guardrail-stress-"))
    failures = 0
    print("| file | MB | exit | wall s | peak RSS MB | findings |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    try:
        for name, text in shapes().items():
            path = work / name
            path.write_text(text)
            report = work / (name + ".json")
            rss = work / "rss"
            started = time.perf_counter()
            try:
                proc = subprocess.run(["/usr/bin/time", "-q", "-f", "%M", "-o", str(rss), str(args.binary), "check",
                                       name, "--no-cache", "--format", "json", "--output", str(report)],
                                      cwd=work, capture_output=True, text=True, timeout=args.limit)
                code = proc.returncode
            except subprocess.TimeoutExpired:
                code = None
            wall = time.perf_counter() - started
            findings = len(json.loads(report.read_text())["findings"]) if code in (0, 1) and report.exists() else "–"
            peak = int(rss.read_text().split()[-1]) / 1024 if code is not None and rss.exists() else float("nan")
            ok = code in (0, 1)
            failures += not ok
            print(f"| {name} | {path.stat().st_size / 1e6:.1f} | {code if code is not None else 'timeout'} "
                  f"| {wall:.2f} | {peak:.0f} | {findings} |", flush=True)
    finally:
        if args.keep:
            print(f"files kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
