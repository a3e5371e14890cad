#!/usr/bin/env bash
# Builds the release bundle into dist/ (trunk + wasm-opt -Oz + CSP hash).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
# Components are type-erased in the release bundle (`--cfg erase_components`,
# leptos 0.8): the same behaviour, about 9% less wasm.
export RUSTFLAGS="${RUSTFLAGS:-} --cfg erase_components"
trunk build --release
