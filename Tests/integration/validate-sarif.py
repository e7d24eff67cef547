#!/usr/bin/env python3
"""Validates SARIF logs against the SARIF 2.1.0 JSON schema (draft-07).

Usage: validate-sarif.py SCHEMA LOG...

Besides the schema, checks what GitHub code scanning relies on and the schema
leaves optional: exactly one run, each rule once, every result's ruleIndex
pointing at its ruleId. Called by .ci/run; needs `jsonschema` (PyPI).
"""
import json
import sys

import jsonschema


def check(schema, path):
    with open(path, encoding="utf-8") as f:
        log = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    problems = [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in errors[:20]]
    runs = log.get("runs", [])
    if len(runs) != 1:
        problems.append(f"expected exactly one run, found {len(runs)}")
    for run in runs:
        rules = run.get("tool", {}).get("driver", {}).get("rules", [])
        ids = [r.get("id") for r in rules]
        if len(ids) != len(set(ids)):
            problems.append("a rule is listed more than once")
        for i, result in enumerate(run.get("results", [])):
            index = result.get("ruleIndex")
            if index is None or not (0 <= index < len(ids)) or ids[index] != result.get("ruleId"):
                problems.append(f"results/{i}: ruleIndex {index} does not point at {result.get('ruleId')}")
        if run.get("columnKind") != "unicodeCodePoints":
            problems.append("columnKind is not unicodeCodePoints")
        if not all(inv.get("executionSuccessful") is not None for inv in run.get("invocations", [{}])):
            problems.append("invocations[].executionSuccessful missing")
    results = sum(len(run.get("results", [])) for run in runs)
    return problems, results


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    passed = failed = 0
    for path in sys.argv[2:]:
        problems, results = check(schema, path)
        if problems:
            failed += 1
            print(f"FAIL {path}:")
            for p in problems:
                print(f"  {p}")
        else:
            passed += 1
            print(f"ok   {path}: valid SARIF 2.1.0, {results} result(s)")
    print(f"sarif: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
