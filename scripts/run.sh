#!/usr/bin/env bash
# Installs what is missing, builds the release bundle and serves it with the
# mock API on http://127.0.0.1:8080 (bundle at /, API at /api).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
PORT="${PORT:-8080}"
scripts/setup.sh
scripts/build.sh
cargo build -p mock-api
cat <<MSG

  Portal:      http://127.0.0.1:${PORT}/
  Demo login:  demo@bkns.vn / Demo@2026
  (Ctrl+C stops the server)

MSG
exec target/debug/mock-api --host 127.0.0.1 --port "$PORT" --dist dist
