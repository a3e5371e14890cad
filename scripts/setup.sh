#!/usr/bin/env bash
# Installs what the portal needs to build (and, with --browser, to test),
# checking each tool before installing it. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

command -v cargo >/dev/null || { echo "cargo not found: install Rust with rustup first" >&2; exit 1; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q ' 0\.21\.14'; then
  say "installing trunk 0.21.14 (about 6 minutes)"
  cargo install trunk --version 0.21.14 --locked
fi

# Must match the wasm-bindgen pinned in Cargo.toml, or trunk tries to download it.
if ! wasm-bindgen --version 2>/dev/null | grep -q ' 0\.2\.130'; then
  say "installing wasm-bindgen-cli 0.2.130 (about 2 minutes)"
  cargo install wasm-bindgen-cli --version 0.2.130
fi

# Splits the release wasm into modules loaded on demand (scripts/split_wasm.py).
if ! cargo install --list 2>/dev/null | grep -q '^wasm_split_cli_support v0\.2\.4:'; then
  say "installing wasm-split-cli 0.2.4 (about 2 minutes)"
  cargo install wasm_split_cli_support --version 0.2.4 --features build-binary --locked
fi

# wasm-opt from npm's binaryen 132 (Debian's v108 silently breaks the module),
# and Playwright's test runner (it drives the system Chromium).
if ! node_modules/.bin/wasm-opt --version 2>/dev/null | grep -q 'version 132' \
   || [ ! -x node_modules/.bin/playwright ]; then
  command -v npm >/dev/null || { say "installing Node.js and npm"; apt-get update -qq; apt-get install -y -qq nodejs npm; }
  say "installing npm tools (binaryen 132, @playwright/test)"
  npm ci --no-audit --no-fund --loglevel=error
fi

missing=()
command -v brotli >/dev/null || missing+=(brotli)   # precompressed bundle files
command -v curl >/dev/null || missing+=(curl)
if [ "${1:-}" = "--browser" ]; then
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  # the deployment test (scripts/nginx_test.sh): nginx and its brotli_static module
  [ -x /usr/sbin/nginx ] || missing+=(nginx)
  [ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing+=(libnginx-mod-http-brotli-static)
fi
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
