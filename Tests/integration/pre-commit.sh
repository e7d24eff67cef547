#!/usr/bin/env bash
# The real pre-commit framework (https://pre-commit.com) running this
# repository's .pre-commit-hooks.yaml in a throwaway git repository:
#   1. a staged violation blocks the commit,
#   2. a clean commit passes,
#   3. a violation present only in the unstaged working copy does not block
#      (pre-commit stashes it; the commit holds the clean staged content),
#   4. `pre-commit run --all-files` checks the whole tree.
#
# Usage: Tests/integration/pre-commit.sh PRE_COMMIT [HOOK_ID]
#   PRE_COMMIT  the pre-commit executable (from PyPI, e.g. a venv's bin/pre-commit)
#   HOOK_ID     guardrail         language: swift — pre-commit clones the repo and
#                                 runs `swift build -c release` (minutes on 2 cores)
#               guardrail-system  language: system — uses the `guardrail` on PATH
#
# The hook repository is this checkout at HEAD when the work tree is clean (as
# in CI, a fresh clone); otherwise a snapshot of the work tree committed to a
# temporary repository, so uncommitted hook changes are what gets tested.
set -euo pipefail

pre_commit=${1:?usage: pre-commit.sh PRE_COMMIT [HOOK_ID]}
hook_id=${2:-guardrail}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/guardrail-pre-commit.XXXXXX")
trap 'rm -rf "$work"' EXIT

export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t
export PRE_COMMIT_HOME="$work/cache" NO_COLOR=1
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE

passed=0
failed=0
pass() { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

# --- the hook repository and revision -------------------------------------
dirty=$(git -C "$root" --no-optional-locks status --porcelain --untracked-files=normal 2>/dev/null || echo unknown)
if [ -z "$dirty" ] && git -C "$root" cat-file -e HEAD:.pre-commit-hooks.yaml 2>/dev/null; then
    hook_repo=$root
else
    echo "note: $root has uncommitted changes; testing a snapshot of its work tree"
    hook_repo="$work/snapshot"
    mkdir -p "$hook_repo"
    (cd "$root" && git --no-optional-locks ls-files -z --cached --others --exclude-standard) |
        while IFS= read -r -d '' f; do
            [ -f "$root/$f" ] || continue
            mkdir -p "$hook_repo/$(dirname "$f")"
            cp -p "$root/$f" "$hook_repo/$f"
        done
    git -C "$hook_repo" init -q -b main
    git -C "$hook_repo" add -A
    git -C "$hook_repo" commit -q -m snapshot
fi
rev=$(git -C "$hook_repo" rev-parse HEAD)
echo "hook repository: $hook_repo @ $rev, hook id: $hook_id"

# --- a project that lists guardrail in .pre-commit-config.yaml ------------
project="$work/project"
mkdir -p "$project/app"
cd "$project"
git init -q -b main
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $hook_repo
    rev: $rev
    hooks:
      - id: $hook_id
YAML
printf 'exclude: ["vendor/**"]\n' > .guardrail.yml
printf 'x = 1\n' > app/a.py
git add -A
git commit -q -m "initial"
"$pre_commit" install >/dev/null
start=$(date +%s)
if ! "$pre_commit" install-hooks >"$work/install.log" 2>&1; then
    cat "$work/install.log"
    fail "pre-commit could not install the $hook_id hook"
    echo "pre-commit: $passed passed, $failed failed"
    exit 1
fi
echo "pre-commit install-hooks took $(( $(date +%s) - start )) s"

# 1. A staged violation blocks the commit.
printf 'from app.models import AvailabilitySlot\n' > app/bad.py
git add app/bad.py
if git commit -q -m "bad" >"$work/out1" 2>&1; then
    fail "a staged violation was committed"
    cat "$work/out1"
else
    if grep -q "app/bad.py:1:1: error\[slot-era-import\]" "$work/out1"; then
        pass "a staged violation blocks the commit"
    else
        fail "the commit was blocked without guardrail's finding in the output"
        cat "$work/out1"
    fi
fi
git rm -q --cached app/bad.py
rm app/bad.py

# 2. A clean commit passes.
printf 'x = 2\n' > app/a.py
git add app/a.py
if git commit -q -m "clean" >"$work/out2" 2>&1; then
    pass "a clean commit passes"
else
    fail "a clean commit was blocked"
    cat "$work/out2"
fi

# 3. A violation only in the unstaged working copy does not block, and is
#    still there afterwards (pre-commit restores it).
printf 'x = 3\n' > app/a.py
git add app/a.py
printf 'x = 3\ny = repo.slot_exists()\n' > app/a.py
if git commit -q -m "staged clean, work tree dirty" >"$work/out3" 2>&1; then
    if grep -q slot_exists app/a.py && ! git show HEAD:app/a.py | grep -q slot_exists; then
        pass "an unstaged violation does not block, and stays in the work tree"
    else
        fail "the unstaged change was lost or committed"
    fi
else
    fail "a violation only in the unstaged working copy blocked the commit"
    cat "$work/out3"
fi
git checkout -q -- app/a.py

# 4. `pre-commit run --all-files` checks the whole tree; `exclude` applies.
mkdir -p vendor
printf 'from m import SlotManager\n' > vendor/v.py
printf 'from m import SlotManager\n' > app/c.py
git add -A
if "$pre_commit" run --all-files >"$work/out4" 2>&1; then
    fail "run --all-files passed with a violation in the tree"
    cat "$work/out4"
elif grep -q "app/c.py:1:1: error\[slot-era-import\]" "$work/out4" && ! grep -q "vendor/v.py" "$work/out4"; then
    pass "run --all-files reports the tree's violations, honouring exclude"
else
    fail "run --all-files output is not what was expected"
    cat "$work/out4"
fi

echo "pre-commit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
