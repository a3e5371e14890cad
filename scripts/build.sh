#!/usr/bin/env bash
# Builds the release bundle into dist/ (trunk + wasm-opt -Oz + CSP hash), with
# .br and .gz siblings of every text/wasm file for servers that serve them
# precompressed (mock-api does), and prints the sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
# Components are type-erased in the release bundle (`--cfg erase_components`,
# leptos 0.8): the same behaviour, about 9% less wasm.
export RUSTFLAGS="${RUSTFLAGS:-} --cfg erase_components"
trunk build --release
total=0
for f in dist/*.wasm dist/*.js dist/*.css dist/*.html dist/*.json dist/*.svg dist/*.webmanifest; do
  [ -f "$f" ] || continue
  brotli -f -q 11 -k "$f"
  gzip -f -9 -k "$f"
  case "$f" in *.wasm|*.js|*.css|*.html) total=$((total + $(stat -c%s "$f.br")));; esac
  printf '%-40s %8d raw %8d gzip %8d brotli\n' "${f#dist/}" "$(stat -c%s "$f")" "$(stat -c%s "$f.gz")" "$(stat -c%s "$f.br")"
done
printf 'bundle (wasm+js+css+html), brotli: %d bytes\n' "$total"
