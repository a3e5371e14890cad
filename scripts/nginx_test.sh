#!/usr/bin/env bash
# The deployment test: serves the release bundle (dist/) with Debian's nginx
# and deploy/nginx/portal.conf *unchanged*, /api/ proxied to a running
# mock-api, and runs e2e/deploy.spec.ts through it.
#
#   scripts/nginx_test.sh MOCK_URL [playwright options...]
#   e.g. scripts/nginx_test.sh http://127.0.0.1:8091 --reporter=list
#
# Needs dist/ (scripts/build.sh), nginx with the brotli_static module
# (scripts/setup.sh --browser) and mock-api listening at MOCK_URL. Writes a
# wrapper nginx.conf and the two site files portal.conf includes
# (portal/http.conf, portal/server.conf) into a temporary directory, starts
# nginx on a free port of 127.0.0.1, runs Playwright with
# PORTAL_DEPLOY=nginx PORTAL_URL=<nginx> MOCK_URL=<mock-api>, stops nginx.
# Exits with Playwright's status; nginx's logs go to target/test-logs/.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH:/usr/sbin"
LOGS="target/test-logs"
mkdir -p "$LOGS"

MOCK_URL="${1:?usage: scripts/nginx_test.sh MOCK_URL [playwright options...]}"
shift
mock_addr="${MOCK_URL#http://}"
mock_addr="${mock_addr%%/*}"
NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"

[ -f dist/index.html ] || { echo "nginx_test: no dist/index.html (run scripts/build.sh)" >&2; exit 1; }
[ -x "$NGINX" ] || { echo "nginx_test: nginx not found (scripts/setup.sh --browser installs it)" >&2; exit 1; }
curl -fs "$MOCK_URL/__mock/health" >/dev/null || { echo "nginx_test: no mock-api at $MOCK_URL" >&2; exit 1; }

tmp="$(mktemp -d /tmp/portal-nginx.XXXXXX)"
chmod 755 "$tmp" # nginx's workers (an unprivileged user) write their temp files here
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
mkdir -p "$tmp/portal" "$tmp/logs"
# Debian's modules-enabled/*.conf load "modules/<name>.so", relative to the prefix.
ln -s /usr/lib/nginx/modules "$tmp/modules"

# The wrapper: what /etc/nginx/nginx.conf does on Debian (modules, mime
# types), with every path in the temporary directory.
cat > "$tmp/nginx.conf" <<EOF
# written by scripts/nginx_test.sh
daemon off;
pid $tmp/nginx.pid;
error_log $tmp/logs/error.log warn;
include /etc/nginx/modules-enabled/*.conf;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log $tmp/logs/access.log;
    client_body_temp_path $tmp/client_body;
    proxy_temp_path $tmp/proxy;
    fastcgi_temp_path $tmp/fastcgi;
    uwsgi_temp_path $tmp/uwsgi;
    scgi_temp_path $tmp/scgi;
    include $ROOT/deploy/nginx/portal.conf;
}
EOF
# The two site files, as a deployment writes them (deploy/nginx/portal/*):
# plain HTTP on the free port, the bundle in dist/, mock-api as the API.
cat > "$tmp/portal/http.conf" <<EOF
upstream portal_api {
    server $mock_addr;
    keepalive 4;
}
EOF
cat > "$tmp/portal/server.conf" <<EOF
listen 127.0.0.1:$port;
server_name 127.0.0.1;
root $ROOT/dist;
set \$portal_api_scheme http;
set \$portal_api_host $mock_addr;
EOF

if ! "$NGINX" -t -q -p "$tmp" -e "$tmp/logs/error.log" -c "$tmp/nginx.conf"; then
  cat "$tmp/logs/error.log" >&2
  rm -rf "$tmp"
  exit 1
fi
"$NGINX" -p "$tmp" -e "$tmp/logs/error.log" -c "$tmp/nginx.conf" &
nginx_pid=$!
stop_nginx() {
  kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  cp "$tmp/logs/error.log" "$LOGS/nginx-error.log" 2>/dev/null
  cp "$tmp/logs/access.log" "$LOGS/nginx-access.log" 2>/dev/null
  rm -rf "$tmp"
}
trap stop_nginx EXIT
url="http://127.0.0.1:$port"
for _ in $(seq 1 50); do curl -fs "$url/" >/dev/null && break; sleep 0.1; done
echo "nginx $("$NGINX" -v 2>&1 | sed 's#.*/##') serving dist/ at $url, /api/ -> $MOCK_URL"

PORTAL_DEPLOY=nginx PORTAL_URL="$url" MOCK_URL="$MOCK_URL" \
  playwright test --config e2e/playwright.config.ts "$@"
st=$?
exit "$st"
