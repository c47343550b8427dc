#!/usr/bin/env bash
# Fuzzes the API from its own document with schemathesis, as a newcomer would: every check, signed out
# and then signed in (a development session cookie and its CSRF header), SECONDS (default 100) each.
#
# Starts the server the way `npm start` does (tsx server/main.ts, development, demo data) on 127.0.0.1
# and a free port, with a fresh DATA_DIR, and stops it at the end. Not part of `npm test`.
#
#   python3 -m venv .cache/schemathesis && .cache/schemathesis/bin/pip install schemathesis
#   scripts/schemathesis/run.sh            # both runs, 100 s each
#   SECONDS_PER_RUN=30 scripts/schemathesis/run.sh signed-in
#
# Reports (JUnit and NDJSON) go to .cache/schemathesis-report/<run>/. Known, deliberate findings are
# listed with their reasons in docs/API-FINDINGS.md.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
ST="${SCHEMATHESIS:-$ROOT/.cache/schemathesis/bin/schemathesis}"
RUNS="${*:-signed-out signed-in}"
PER_RUN="${SECONDS_PER_RUN:-100}"
REPORTS="$ROOT/.cache/schemathesis-report"
if [ ! -x "$ST" ]; then
  echo "schemathesis not found at $ST; install it:" >&2
  echo "  python3 -m venv .cache/schemathesis && .cache/schemathesis/bin/pip install schemathesis" >&2
  exit 2
fi

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
BASE="http://127.0.0.1:$PORT"
DATA_DIR="$(mktemp -d /tmp/concordia-schemathesis.XXXXXX)"
SERVER_LOG="$DATA_DIR/server.log"
SERVER_PID=""

stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  mkdir -p "$REPORTS" && cp "$SERVER_LOG" "$REPORTS/server.log" 2>/dev/null || true
  rm -rf "$DATA_DIR"
}
trap stop_server EXIT

echo "== starting the server on $BASE (DATA_DIR $DATA_DIR)"
# The same start as `npm start` (tsx server/main.ts), in development with demo data.
# The rate limits are raised so the fuzzer reaches the routes instead of meeting 429 (documented, and
# tested in test/server/http/rateLimit.test.ts); FUZZ_DEFAULT_LIMITS=1 keeps the defaults.
if [ "${FUZZ_DEFAULT_LIMITS:-0}" != 1 ]; then
  export RATE_LIMIT_PER_MINUTE=1000000 RATE_LIMIT_WRITES_PER_MINUTE=1000000 \
    RATE_LIMIT_PUBLIC_FORMS_PER_HOUR=1000000 LOGIN_FAILURES_PER_IP_PER_HOUR=1000000
fi
NODE_ENV=development DEMO_DATA=true HOST=127.0.0.1 PORT="$PORT" PUBLIC_URL="$BASE" DATA_DIR="$DATA_DIR" \
  LOG_LEVEL="${LOG_LEVEL:-error}" "$ROOT/node_modules/.bin/tsx" server/main.ts >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do
  if curl -fsS "$BASE/readyz" >/dev/null 2>&1 && curl -fsS "$BASE/dev-idp/people" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "the server stopped:" >&2
    tail -40 "$SERVER_LOG" >&2
    exit 1
  fi
  sleep 1
done
curl -fsS "$BASE/readyz" >/dev/null || { echo "the server did not become ready" >&2; exit 1; }

# Signs in as the demo administrator through the development chooser (no city, so a direct session)
# and prints "cookie csrf".
sign_in() {
  local jar="$DATA_DIR/cookies.txt" person
  person="$(curl -fsS "$BASE/dev-idp/people" | python3 -c '
import json, sys
people = json.load(sys.stdin)["people"]
print(next(p["id"] for p in people if p["via"] == "direct" and "admin" in p["roles"]))')"
  curl -fsS -o /dev/null -c "$jar" -H "Origin: $BASE" -H "Sec-Fetch-Site: same-origin" \
    --data-urlencode "person=$person" --data-urlencode "returnTo=/" "$BASE/dev-idp/choose"
  local csrf
  csrf="$(curl -fsS -b "$jar" "$BASE/api/v1/csrf" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrfToken"])')"
  local cookie
  cookie="$(awk '$6 == "concordia.sid" { print $7 }' "$jar")"
  echo "$cookie $csrf"
}

declare -A RESULT
run_one() {
  local name="$1"
  shift
  mkdir -p "$REPORTS/$name"
  echo "== schemathesis, $name, ${PER_RUN}s, every check"
  set +e
  "$ST" --config-file "$ROOT/scripts/schemathesis/schemathesis.toml" run "$BASE/api/openapi.json" --url "$BASE" --checks all --max-time "$PER_RUN" \
    --suppress-health-check all --continue-on-failure \
    --report junit,ndjson --report-dir "$REPORTS/$name" --output-truncate true "$@" \
    2>&1 | tee "$REPORTS/$name/output.txt"
  local status=${PIPESTATUS[0]}
  set -e
  RESULT[$name]="exit $status; $(grep -E 'generated, ' "$REPORTS/$name/output.txt" | tail -1 | sed 's/^ *//'); $(
    sed -n '/^Failures:/,/^$/p' "$REPORTS/$name/output.txt" | grep -E 'ST[0-9]+' | sed 's/^ *❌ *//' | tr '\n' ';'
  )"
}

for run in $RUNS; do
  case "$run" in
    signed-out) run_one signed-out ;;
    signed-in)
      read -r COOKIE CSRF < <(sign_in)
      # Signing out would end the session the rest of the run relies on (docs/API-FINDINGS.md).
      run_one signed-in -H "Cookie: concordia.sid=$COOKIE" -H "X-CSRF-Token: $CSRF" \
        --exclude-path-regex '^/api/v1/auth/logout'
      ;;
    *) echo "unknown run $run (signed-out, signed-in)" >&2; exit 2 ;;
  esac
done

echo
echo "== summary"
for run in $RUNS; do echo "$run: ${RESULT[$run]}"; done
if grep -q 'Server error' "$REPORTS"/*/output.txt 2>/dev/null; then
  echo "5xx answers seen: see $REPORTS/*/output.txt and the server's log lines 'unhandled error':"
  grep -a 'unhandled error' "$SERVER_LOG" | head -5 | cut -c1-600 || true
fi
echo "reports: $REPORTS"
