#!/usr/bin/env bash
# scripts/check-includes passes on the tree and fails, naming each rule, on a copy of src/ with
# one forbidden include of every kind planted (core -> an adapter, core -> an I/O library,
# http -> llm, http -> storage, an adapter -> another adapter); allowed ones stay quiet.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
"$repo/scripts/check-includes" "$repo" >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$repo/src" "$tmp/src"
plant() { printf '%s\n' "$2" >>"$tmp/src/$1"; }
plant core/result.cpp '#include "storage/sqlite/row_codec.hpp"'
plant core/text/utf8.cpp '#include <sqlite3.h>'
plant core/model/brief.cpp '# include <curl/curl.h>'
plant http/router.cpp '#include "llm/openai_client.hpp"'
plant http/router.cpp '#include "storage/sqlite/sqlite_job_store.hpp"'
plant render/painter.cpp '#include "kb/source_files.hpp"'
plant kb/schema.cpp '#include "sqlite/database.hpp"'
plant http/router.cpp '#include "codec/brief_json.hpp"'
plant app/server.cpp '#include "storage/sqlite/sqlite_job_store.hpp"'
set +e
out=$("$repo/scripts/check-includes" "$tmp" 2>&1)
status=$?
set -e
fail=0
[ "$status" -eq 1 ] || { echo "expected exit 1, got $status"; fail=1; }
for want in "src/core may not include src/storage" "may not include <sqlite3.h>" \
  "may not include <curl/" "src/http may not include src/llm" \
  "src/http may not include src/storage" "src/render may not include src/kb"; do
  grep -qF "$want" <<<"$out" || { echo "missing: $want"; fail=1; }
done
[ "$(grep -c '^check-includes: src/' <<<"$out")" -eq 6 ] || { echo "expected 6 findings:"; fail=1; }
[ "$fail" -eq 0 ] || { echo "$out"; exit 1; }
echo "check_includes_test: 6 planted forbidden includes reported, 3 allowed ones quiet"
