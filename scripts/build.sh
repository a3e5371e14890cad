#!/usr/bin/env bash
# Builds the release bundle into dist/ (trunk + wasm-opt -Oz + CSP hash).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
trunk build --release
