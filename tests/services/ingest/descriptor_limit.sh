#!/usr/bin/env bash
# auditrail-ingest under an open-file limit far below its connection bound (ulimit -n 64 against the default
# 10,000): it must lower the bound to what the limit allows and say so, instead of failing accepts with EMFILE in
# a loop (one core spun, hundreds of thousands of "accept failed" log lines a second), and answer once the idle
# connections are gone. Needs AUDITRAIL_TEST_DATABASE_URL (scripts/test sets it).
set -euo pipefail
database_url=${AUDITRAIL_TEST_DATABASE_URL:?AUDITRAIL_TEST_DATABASE_URL is not set: run through scripts/test}
bin_dir=${AUDITRAIL_BIN_DIR:-${AUDITRAIL_DEFAULT_BIN_DIR:?}}
work=$(mktemp -d /tmp/auditrail-fd-limit.XXXXXX)
ingest_pid=
cleanup() {
  if [[ -n $ingest_pid ]] && kill -0 "$ingest_pid" 2>/dev/null; then kill -KILL "$ingest_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "descriptor limit: $1; the service's log (head):" >&2; head -n 20 "$work/ingest.log" >&2; exit 1; }

(ulimit -n 64 && AUDITRAIL_JWT_SECRET=fd-limit-test-secret-0123456789abcdef AUDITRAIL_DATABASE_URL=$database_url \
  exec "$bin_dir/auditrail-ingest" --listen 127.0.0.1:0 --io-threads 1 2>"$work/ingest.log") &
ingest_pid=$!
port=
for _ in $(seq 1 300); do
  port=$(sed -n 's/.*"ingest service listening","port":"\([0-9]*\)".*/\1/p' "$work/ingest.log" | head -n1)
  [[ -n $port ]] && curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  port=
  kill -0 "$ingest_pid" 2>/dev/null || fail "it exited before it was ready"
  sleep 0.1
done
[[ -n $port ]] || fail "it did not become ready"
grep -q '"fewer connections than configured' "$work/ingest.log" || fail "no warning that the bound was lowered"

# Twice the descriptors it has, held open for two seconds.
fds=()
for _ in $(seq 1 128); do
  exec {fd}<>"/dev/tcp/127.0.0.1/$port" && fds+=("$fd")
done
sleep 2
for fd in "${fds[@]}"; do exec {fd}>&-; done

failed_accepts=$(grep -c '"accept failed"' "$work/ingest.log" || true)
((failed_accepts <= 2)) || fail "$failed_accepts 'accept failed' lines in two seconds"
answered=
for _ in $(seq 1 50); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && { answered=1; break; }
  sleep 0.1
done
[[ -n $answered ]] || fail "no answer once the connections were closed"
kill -TERM "$ingest_pid"
wait "$ingest_pid" || fail "it did not stop cleanly"
ingest_pid=
echo "descriptor limit: OK"
