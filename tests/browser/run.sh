#!/usr/bin/env bash
# The pages in a real browser (issue 4): starts auditrail-ingest and auditrail-query on free ports against the test
# cluster with a throwaway HS256 secret, creates a tenant owner with `auditrail users create`, then runs
# pages.test.mjs (node:test + playwright-core driving Debian's headless Chromium), which posts the scenario events
# and walks the pages. Screenshots land in $AUDITRAIL_BROWSER_ARTIFACTS (default <build>/test-artifacts/browser/).
# Needs AUDITRAIL_TEST_DATABASE_URL (scripts/test sets it), node and npm, and /usr/bin/chromium (scripts/install-deps
# installs them); a missing one fails the test, never skips it.
set -euo pipefail
database_url=${AUDITRAIL_TEST_DATABASE_URL:?AUDITRAIL_TEST_DATABASE_URL is not set: run through scripts/test}
here=$(cd "$(dirname "$0")" && pwd)
build_dir=${AUDITRAIL_BROWSER_BUILD_DIR:-$here/../../build}
# AUDITRAIL_BIN_DIR (scripts/test) wins when it holds the binaries; else the build this test was configured in.
bin_dir=$build_dir/bin
if [[ -n ${AUDITRAIL_BIN_DIR:-} && -x ${AUDITRAIL_BIN_DIR}/auditrail-query ]]; then
  bin_dir=$(cd "$AUDITRAIL_BIN_DIR" && pwd)
fi
chromium=${AUDITRAIL_CHROMIUM:-/usr/bin/chromium}
artifacts=${AUDITRAIL_BROWSER_ARTIFACTS:-$build_dir/test-artifacts/browser}

fail() { echo "browser: $*" >&2; exit 1; }
[[ -x $chromium ]] || fail "no Chromium at $chromium (Debian package chromium; scripts/install-deps installs it)"
command -v node >/dev/null || fail "node is missing (scripts/install-deps installs Debian's nodejs)"
command -v npm >/dev/null || fail "npm is missing (scripts/install-deps installs Debian's npm)"
for binary in auditrail auditrail-ingest auditrail-query; do
  [[ -x $bin_dir/$binary ]] || fail "no $bin_dir/$binary: build first"
done

# playwright-core, exactly as package-lock.json pins it, installed once per build directory (so that two builds
# running their suites at once never share a node_modules that `npm ci` is rewriting) and again when the lock
# changes. The npm cache (~/.npm) makes later installs work offline.
modules_root=$build_dir/browser-test
if ! cmp -s "$here/package-lock.json" "$modules_root/package-lock.json" ||
  [[ ! -f $modules_root/node_modules/playwright-core/package.json ]]; then
  mkdir -p "$modules_root"
  cp "$here/package.json" "$here/package-lock.json" "$modules_root/"
  (cd "$modules_root" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error) ||
    fail "npm ci of tests/browser/package-lock.json failed"
fi

mkdir -p "$artifacts"
rm -f "$artifacts"/*.png "$artifacts"/*.log # the previous run's
artifacts=$(cd "$artifacts" && pwd)
work=$(mktemp -d /tmp/auditrail-browser.XXXXXX)
secret="browser-secret-$RANDOM$RANDOM$RANDOM$RANDOM-0123456789"
suffix="$(date +%s)$RANDOM"
tenant="browser$suffix"
email="owner-$suffix@browser.test"
password="pw-$RANDOM$RANDOM$RANDOM-$RANDOM"

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  # The service logs stay beside the screenshots: they are what explains a failed page.
  cp "$work"/*.log "$artifacts/" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

export AUDITRAIL_DATABASE_URL=$database_url AUDITRAIL_JWT_SECRET=$secret
"$bin_dir/auditrail" migrate >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log" >&2; fail "migrate failed"; }
AUDITRAIL_USER_PASSWORD=$password "$bin_dir/auditrail" users create --tenant "$tenant" --email "$email" \
  --role owner >"$work/users.log" 2>&1 </dev/null || { cat "$work/users.log" >&2; fail "users create failed"; }

# Port 0: each service binds a free port and logs it.
"$bin_dir/auditrail-ingest" --listen 127.0.0.1:0 --io-threads 1 2>"$work/ingest.log" &
pids+=($!)
# No background health snapshot: the dashboard then scores exactly at each view, so the walk cannot depend on
# when a refresh ran (the snapshot's dashboard is tested in health_snapshot_pgtest).
"$bin_dir/auditrail-query" --listen 127.0.0.1:0 --io-threads 1 --worker-threads 2 --pool-size 4 \
  --health-snapshot-interval-s 0 2>"$work/query.log" &
pids+=($!)

wait_ready() { # name log -> prints the port once /readyz answers 200
  local name=$1 log=$2 port=
  for _ in $(seq 1 300); do
    [[ -n $port ]] || port=$(sed -n "s/.*\"$name service listening\",\"port\":\"\\([0-9]*\\)\".*/\\1/p" "$log" | head -n1)
    if [[ -n $port ]] && curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then
      echo "$port"
      return 0
    fi
    sleep 0.1
  done
  echo "browser: auditrail-$name did not become ready; its log:" >&2
  cat "$log" >&2
  return 1
}
ingest_port=$(wait_ready ingest "$work/ingest.log")
query_port=$(wait_ready query "$work/query.log")

token=$("$bin_dir/auditrail" token --tenant "$tenant" --scope "events:write events:read health:read" --ttl 3600 \
  --sub browser-test)

echo "browser: screenshots and service logs go to $artifacts"
status=0
(
  cd "$modules_root"
  AUDITRAIL_BROWSER_INGEST_URL="http://127.0.0.1:$ingest_port" \
    AUDITRAIL_BROWSER_QUERY_URL="http://127.0.0.1:$query_port" \
    AUDITRAIL_BROWSER_TOKEN=$token AUDITRAIL_BROWSER_TENANT=$tenant \
    AUDITRAIL_BROWSER_EMAIL=$email AUDITRAIL_BROWSER_PASSWORD=$password \
    AUDITRAIL_BROWSER_ARTIFACTS=$artifacts AUDITRAIL_CHROMIUM=$chromium \
    AUDITRAIL_BROWSER_MODULES="$modules_root/node_modules" \
    timeout 240 node --test --test-reporter=spec "$here/pages.test.mjs"
) || status=$?

ls "$artifacts"/*.png 2>/dev/null | sed 's/^/browser: screenshot /' || true
if ((status != 0)); then
  echo "browser: FAILED (exit $status); the query service's last log lines:" >&2
  tail -n 30 "$work/query.log" >&2
  exit 1
fi
echo "browser: OK"
