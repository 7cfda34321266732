#!/usr/bin/env bash
# Smoke run of auditrail-load (issue 6): starts auditrail-ingest on a free port against the test cluster, drives
# it for about three seconds with --verify, and fails unless the run completes by itself and every acknowledged
# event is stored exactly once. Needs AUDITRAIL_TEST_DATABASE_URL (scripts/test sets it; its absence fails).
set -euo pipefail
database_url=${AUDITRAIL_TEST_DATABASE_URL:?AUDITRAIL_TEST_DATABASE_URL is not set: run through scripts/test}
here=$(cd "$(dirname "$0")" && pwd)
# AUDITRAIL_BIN_DIR (scripts/test) wins when it holds the binaries; else the build this test was configured in.
bin_dir=${AUDITRAIL_DEFAULT_BIN_DIR:-$here/../../build/bin}
if [[ -n ${AUDITRAIL_BIN_DIR:-} && -x ${AUDITRAIL_BIN_DIR}/auditrail-ingest ]]; then
  bin_dir=$(cd "$AUDITRAIL_BIN_DIR" && pwd)
fi
secret="smoke-secret-$RANDOM$RANDOM$RANDOM-0123456789abcdef"
work=$(mktemp -d /tmp/auditrail-load-smoke.XXXXXX)

ingest_pid=
cleanup() {
  if [[ -n $ingest_pid ]] && kill -0 "$ingest_pid" 2>/dev/null; then
    kill -TERM "$ingest_pid" 2>/dev/null || true
    wait "$ingest_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# Port 0: the service binds a free port and logs it.
AUDITRAIL_JWT_SECRET=$secret AUDITRAIL_DATABASE_URL=$database_url \
  "$bin_dir/auditrail-ingest" --listen 127.0.0.1:0 --io-threads 2 2>"$work/ingest.log" &
ingest_pid=$!

port=
ready=
for _ in $(seq 1 300); do
  if [[ -z $port ]]; then
    port=$(sed -n 's/.*"ingest service listening","port":"\([0-9]*\)".*/\1/p' "$work/ingest.log" | head -n1)
  fi
  if [[ -n $port ]] && curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then
    ready=1
    break
  fi
  kill -0 "$ingest_pid" 2>/dev/null || break
  sleep 0.1
done
if [[ -z $ready ]]; then
  echo "smoke: auditrail-ingest did not become ready; its log:" >&2
  cat "$work/ingest.log" >&2
  exit 1
fi

# A closed loop of small batches and an open loop of single events, each verified; `timeout` guards the promise
# that a run ends by itself.
status=0
timeout 60 "$bin_dir/auditrail-load" --target "127.0.0.1:$port" --jwt-secret "$secret" --duration 2 \
  --connections 8 --threads 2 --events-per-request 10 --verify --database-url "$database_url" || status=$?
if ((status == 0)); then
  timeout 60 "$bin_dir/auditrail-load" --target "127.0.0.1:$port" --jwt-secret "$secret" --duration 1 \
    --rate 500 --connections 16 --verify --database-url "$database_url" --json || status=$?
fi
if ((status != 0)); then
  echo "smoke: auditrail-load failed (exit $status); the service's log:" >&2
  tail -n 50 "$work/ingest.log" >&2
  exit 1
fi

# The service must drain and stop cleanly too.
kill -TERM "$ingest_pid"
wait "$ingest_pid" || { echo "smoke: auditrail-ingest did not stop cleanly" >&2; exit 1; }
ingest_pid=
echo "smoke: OK"
