#!/usr/bin/env bash
# Runs shellcheck over every shell script of scripts/, deploy/, bench/ and tests/ (found at test
# time, so a new script is linted without re-running cmake). Python files are skipped.
set -euo pipefail
cd "$(dirname "$0")/../.."
shopt -s globstar nullglob
command -v shellcheck >/dev/null || { echo "shellcheck is not installed (scripts/setup-deps)" >&2; exit 1; }
files=()
for f in scripts/* deploy/** bench/*.sh tests/**/*.sh; do
  [ -f "$f" ] || continue
  case "$f" in */node_modules/*) continue ;; esac  # npm packages' own scripts
  if head -n 1 "$f" | grep -qE '^#!.*[/ ](ba|da|k)?sh$'; then
    files+=("$f")
  fi
done
[ ${#files[@]} -gt 0 ] || { echo "no shell scripts found" >&2; exit 1; }
echo "shellcheck: ${files[*]}"
shellcheck --external-sources "${files[@]}"
