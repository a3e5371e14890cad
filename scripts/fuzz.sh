#!/usr/bin/env bash
# Feeds every answer decoder and the envelope reader 100,000 arbitrary and
# mutated JSON values in all (src/api/fuzz.rs: 50,000 random, 50,000 changed
# reference examples) and prints the count. CI runs 2,000 of each.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
FUZZ_CASES="${FUZZ_CASES:-50000}" cargo test --lib api::fuzz -- --nocapture --test-threads 2 2>&1 \
  | grep -E '^fuzz:|test result' 
