#!/usr/bin/env bash
# Lighthouse (mobile, its default simulated throttling) on the release bundle
# served by mock-api with precompressed files: prints the scores and LCP of
# /login and /signup. Installs lighthouse 13.5.0 into .tools/ when missing.
#   scripts/lighthouse.sh            (builds dist/ first if it is missing)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
PORT="${LH_PORT:-8097}"
LH=.tools/lighthouse/node_modules/.bin/lighthouse
if ! "$LH" --version 2>/dev/null | grep -qx '13.5.0'; then
  echo "==> installing lighthouse 13.5.0 into .tools/lighthouse"
  mkdir -p .tools/lighthouse
  npm install --prefix .tools/lighthouse --no-save --no-audit --no-fund --loglevel=error lighthouse@13.5.0
fi
[ -f dist/index.html ] || scripts/build.sh
cargo build -q -p mock-api
target/debug/mock-api --host 127.0.0.1 --port "$PORT" --dist dist > target/lighthouse-mock.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$PORT/__mock/config" >/dev/null && break; sleep 0.2; done
mkdir -p target/lighthouse
for route in /login /signup; do
  out="target/lighthouse/$(echo "$route" | tr -d /).json"
  CHROME_PATH=/usr/bin/chromium "$LH" "http://127.0.0.1:$PORT$route" --quiet --output=json --output-path="$out" \
    --only-categories=performance,accessibility,best-practices \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --disable-sync --no-first-run"
  node -e '
    const r = require(process.argv[1]); const c = r.categories, a = r.audits;
    const s = (k) => Math.round(c[k].score * 100);
    console.log(`${process.argv[2].padEnd(8)} performance ${s("performance")}  accessibility ${s("accessibility")}  best practices ${s("best-practices")}  FCP ${a["first-contentful-paint"].displayValue}  LCP ${a["largest-contentful-paint"].displayValue}  TBT ${a["total-blocking-time"].displayValue}`);
  ' "$PWD/$out" "$route"
done
