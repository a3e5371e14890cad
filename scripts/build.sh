#!/usr/bin/env bash
# Builds the release bundle into dist/, split into modules loaded on demand:
#   1. trunk builds html, css and assets (index.html without its rust link,
#      so trunk compiles no wasm);
#   2. cargo builds the wasm with --cfg portal_split and relocations;
#   3. scripts/split_wasm.py splits it (wasm-split-cli), runs wasm-bindgen on
#      the main module and wasm-opt -Oz on every module, hashes the names,
#      writes the boot script into dist/index.html, weighs every route and
#      fails when a budget is exceeded;
#   4. .br and .gz siblings of every text/wasm file for servers that serve
#      them precompressed (mock-api does).
# `trunk serve` (development) still builds one unsplit module from index.html.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

# The html of the release build: index.html less the rust link, in a folder
# without a Cargo.toml (else trunk builds the crate anyway).
mkdir -p target/release-html
grep -v 'data-trunk rel="rust"' index.html | sed -e 's#href="style/#href="../../style/#' -e 's#href="public/#href="../../public/#' \
  > target/release-html/index.html
trunk build --release true target/release-html/index.html

# Components are type-erased (`--cfg erase_components`, leptos 0.8): the same
# behaviour, about 9% less wasm. `--emit-relocs` is what wasm-split reads.
RUSTFLAGS="--cfg erase_components --cfg portal_split -Clink-args=--emit-relocs" \
  cargo build --release --target wasm32-unknown-unknown --bin portal
python3 scripts/split_wasm.py target/wasm32-unknown-unknown/release/portal.wasm dist

echo
for f in dist/*.wasm dist/*.js dist/*.css dist/*.html dist/*.json dist/*.svg dist/*.webmanifest; do
  [ -f "$f" ] || continue
  [ -f "$f.br" ] || brotli -f -q 11 -k "$f"
  gzip -f -9 -k "$f"
  printf '%-40s %8d raw %8d gzip %8d brotli\n' "${f#dist/}" "$(stat -c%s "$f")" "$(stat -c%s "$f.gz")" "$(stat -c%s "$f.br")"
done
python3 -c 'import json; r=json.load(open("target/bundle-report.json")); print("bundle (wasm+js+css+html), brotli: %d bytes; /login cold %d, /dashboard cold %d" % (r["bundle"], r["routes"]["/login"]["bytes"], r["routes"]["/dashboard"]["bytes"]))'
