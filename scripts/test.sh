#!/usr/bin/env bash
# Runs every test layer and ends with one line: "N passed, N failed".
#   0. lint:       cargo fmt --check; clippy -D warnings, host and wasm
#   1. host:       cargo test (app logic, decoding, i18n parity; mock-api)
#   2. browser:    wasm-bindgen-test in headless Chromium (fake camera on)
#   3. journeys:   Playwright against the release bundle served by mock-api,
#                  then e2e/deploy.spec.ts through nginx (scripts/nginx_test.sh)
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CARGO_TERM_COLOR=never
E2E_PORT="${E2E_PORT:-8090}"
LOGS="target/test-logs"
mkdir -p "$LOGS"

scripts/setup.sh --browser || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

passed=0; failed=0; summary=()
# Adds up cargo's / wasm-bindgen-test's "test result:" lines of a log.
count_cargo() {
  local log="$1" p f
  p=$(grep -aE '^test result:' "$log" | sed -E 's/.* ([0-9]+) passed; ([0-9]+) failed.*/\1/' | awk '{s+=$1} END {print s+0}')
  f=$(grep -aE '^test result:' "$log" | sed -E 's/.* ([0-9]+) passed; ([0-9]+) failed.*/\2/' | awk '{s+=$1} END {print s+0}')
  echo "$p $f"
}
layer() { # name, status, passed, failed, seconds
  local name="$1" status="$2" p="$3" f="$4" secs="$5"
  # a layer that broke before reporting counts as one failure
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p)); failed=$((failed + f))
  summary+=("$(printf '%-10s %4d passed, %d failed  (%ss)' "$name" "$p" "$f" "$secs")")
}

echo "==> lint (rustfmt, clippy host + wasm)"
t0=$SECONDS
p=0; f=0
lint() { # name, command...
  local name="$1"; shift
  if "$@" > "$LOGS/lint-$name.log" 2>&1; then p=$((p + 1)); else f=$((f + 1)); echo "lint $name failed:"; tail -40 "$LOGS/lint-$name.log"; fi
}
lint fmt cargo fmt --all -- --check
lint clippy-host cargo clippy --workspace --all-targets -- -D warnings
lint clippy-wasm cargo clippy --target wasm32-unknown-unknown -p portal --all-targets -- -D warnings
layer lint 0 "$p" "$f" $((SECONDS - t0))

echo "==> host tests"
t0=$SECONDS
cargo test --workspace --no-fail-fast 2>&1 | tee "$LOGS/host.log"; st=${PIPESTATUS[0]}
read -r p f < <(count_cargo "$LOGS/host.log"); layer host "$st" "$p" "$f" $((SECONDS - t0))

echo "==> browser tests (headless Chromium)"
t0=$SECONDS
suites=(); for f in tests/*.rs; do suites+=(--test "$(basename "$f" .rs)"); done
cargo test --target wasm32-unknown-unknown --no-fail-fast "${suites[@]}" 2>&1 | tee "$LOGS/browser.log"; st=${PIPESTATUS[0]}
read -r p f < <(count_cargo "$LOGS/browser.log"); layer browser "$st" "$p" "$f" $((SECONDS - t0))

echo "==> Playwright journeys (release bundle + mock-api)"
t0=$SECONDS
st=0; p=0; f=0
if scripts/build.sh 2>&1 | tee "$LOGS/build.log" && cargo build -p mock-api 2>&1 | tail -1; then
  target/debug/mock-api --host 127.0.0.1 --port "$E2E_PORT" --dist dist > "$LOGS/mock-api.log" 2>&1 &
  mock_pid=$!
  rm -f "$LOGS/e2e.json"
  trap 'kill $mock_pid 2>/dev/null' EXIT
  for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$E2E_PORT/__mock/config" >/dev/null && break; sleep 0.2; done
  PORTAL_URL="http://127.0.0.1:$E2E_PORT" PLAYWRIGHT_JSON_OUTPUT_NAME="$PWD/$LOGS/e2e.json" \
    playwright test --config e2e/playwright.config.ts --reporter=list,json; st=$?
  if [ -f "$LOGS/e2e.json" ]; then
    read -r p f < <(node -e '
      const r = require(process.argv[1]); const s = r.stats || {};
      console.log((s.expected || 0) + (s.flaky || 0), (s.unexpected || 0));' "$PWD/$LOGS/e2e.json")
  fi
  [ "$p" -gt 0 ] || { echo "Playwright produced no report"; st=1; }
  # the deployment: the same bundle through nginx and deploy/nginx/portal.conf
  echo "==> deployment journeys (nginx + mock-api)"
  rm -f "$LOGS/deploy.json"
  PLAYWRIGHT_JSON_OUTPUT_NAME="$PWD/$LOGS/deploy.json" \
    scripts/nginx_test.sh "http://127.0.0.1:$E2E_PORT" --reporter=list,json || st=1
  if [ -f "$LOGS/deploy.json" ]; then
    read -r dp df < <(node -e '
      const r = require(process.argv[1]); const s = r.stats || {};
      console.log((s.expected || 0) + (s.flaky || 0), (s.unexpected || 0));' "$PWD/$LOGS/deploy.json")
    p=$((p + dp)); f=$((f + df))
  fi
  kill $mock_pid 2>/dev/null; trap - EXIT
else
  st=1
fi
layer e2e "$st" "$p" "$f" $((SECONDS - t0))

echo
echo "==> summary"
printf '%s\n' "${summary[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
