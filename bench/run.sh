#!/usr/bin/env bash
# Benchmarks sso-broker on this machine: start-up, RSS, heap over 10,000 IdPs, and three
# load scenarios at 16 connections with wrk, against the packaged app in the prod profile, the
# local PostgreSQL and a local fake IdP. Writes bench/results/<date>.md. Not part of `mvn verify`.
#   bench/run.sh            (env: DURATION=20s WARMUP=5s IDPS=10000 USERS=20000;
#                            SCENARIOS="client_credentials exchange redirect" to run fewer;
#                            RESULTS=file to write elsewhere; HOLD=1 keeps the broker running afterwards for jcmd/JFR probes)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
trap 'echo "bench: FAILED at line $LINENO: $BASH_COMMAND" >&2' ERR

DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-5s}
IDPS=${IDPS:-10000}
USERS=${USERS:-20000}
PORT=${PORT:-8090}
IDP_PORT=${IDP_PORT:-8091}
SCENARIOS=${SCENARIOS:-client_credentials exchange redirect}
SCHEMA=sso_broker_bench
WORK=target/bench
BASE=http://localhost:$PORT
mkdir -p "$WORK" bench/results
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

log() { echo "bench: $*"; }

# --- tools and build -------------------------------------------------------------------------
command -v wrk >/dev/null || { log "installing wrk"; apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }; }
pg_isready -h 127.0.0.1 -p 5432 >/dev/null || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
[ -f target/quarkus-app/quarkus-run.jar ] || { log "packaging"; ./mvnw -B -q package -DskipTests; }
psql -X -q -h 127.0.0.1 -U postgres -d postgres -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null

# --- ceiling: RS256 signatures per second ----------------------------------------------------
log "measuring the RS256 ceiling"
java bench/SignCeiling.java 5 > "$WORK/ceiling.txt"
SIGN1=$(sed -n 's/rs256_per_second_1_thread=//p' "$WORK/ceiling.txt")
SIGNALL=$(sed -n 's/rs256_per_second_[0-9]*_threads=//p' "$WORK/ceiling.txt")

# --- secrets of a prod start, and the fake IdP -----------------------------------------------
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/signing.pem" 2>/dev/null
export SSO_BROKER_PUBLIC_BASE_URL=$BASE SSO_BROKER_TOKEN_SIGNING_KEY=$WORK/signing.pem
export SSO_BROKER_ENCRYPTION_KEY=$(openssl rand -base64 32) SSO_BROKER_SESSION_SECRET=$(openssl rand -base64 32)
export SSO_BROKER_PLATFORM_ADMIN_CLIENT_ID=bench-admin SSO_BROKER_PLATFORM_ADMIN_CLIENT_SECRET=$(openssl rand -hex 24)
export SSO_BROKER_INSECURE_ALLOW_HTTP=true QUARKUS_HTTP_PORT=$PORT
export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:5432/postgres?currentSchema=$SCHEMA"
export QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_FLYWAY_SCHEMAS=$SCHEMA QUARKUS_LOG_LEVEL=WARN
java bench/BenchIdp.java "$IDP_PORT" "$WORK/id_tokens.txt" "$USERS" bench-client > "$WORK/idp.log" 2>&1 &
PIDS+=($!)
until grep -q "ready on" "$WORK/idp.log"; do sleep 0.2; done   # not competing with the start-up below

# --- start-up to ready -------------------------------------------------------------------------
# The heap a pod would give it (deploy/k8s limits memory to 512Mi); SerialGC as on a small container.
JAVA_OPTS=${JAVA_OPTS:--Xmx192m -XX:+UseSerialGC}
START_NS=$(date +%s%N)
java $JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar > "$WORK/broker.log" 2>&1 &
BROKER=$!
PIDS+=($BROKER)
until curl -sf "$BASE/q/health/ready" >/dev/null; do
  kill -0 $BROKER 2>/dev/null || { cat "$WORK/broker.log"; exit 1; }
  sleep 0.05
done
READY_MS=$(( ($(date +%s%N) - START_NS) / 1000000 ))
log "ready in ${READY_MS} ms"
# Profile the load (JFR) once started, so the start-up figure stays clean.
jcmd $BROKER JFR.start name=bench settings=profile filename=$WORK/broker.jfr >/dev/null
rss() { awk '/VmRSS/ {print int($2/1024)}' /proc/$BROKER/status; }
heap() { # MB used in the Java heap after a full GC (every generation, not metaspace)
  jcmd $BROKER GC.run >/dev/null
  jcmd $BROKER GC.heap_info | awk '/used/ && !/Metaspace|class space/ {
    for (i = 1; i < NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); if (v ~ /^[0-9]+$/) s += v } }
    END { print int(s / 1024) }'
}
RSS_IDLE=$(rss)

# --- data: a site, catalogs, the exchange IdP, a client app, 10,000 more IdPs -----------------
TOKEN=$(curl -sf -u "$SSO_BROKER_PLATFORM_ADMIN_CLIENT_ID:$SSO_BROKER_PLATFORM_ADMIN_CLIENT_SECRET" \
  -d grant_type=client_credentials "$BASE/oauth/token" | jq -r .access_token)
api() { curl -sf -X "$1" "$BASE$2" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' ${3:+-d "$3"} >/dev/null; }
api PUT /api/sites/bench '{"name": "Bench"}'
api PUT /api/sites/bench/access-rights/Viewer '{}'
api PUT /api/sites/bench/groups/Everyone '{}'
api PUT /api/sites/bench/groups/Operations '{}'
api PUT /api/sites/bench/login-urls/main '{"title": "Bench"}'
api PUT /api/sites/bench/idps/exchange "{\"displayName\": \"Exchange\", \"loginUrl\": \"main\",
  \"oidc\": {\"configUrl\": \"http://localhost:$IDP_PORT/.well-known/openid-configuration\", \"clientId\": \"bench-client\"},
  \"groupMapping\": {\"claim\": \"groups\", \"document\": \"<m><r><k>OPS</k><v>Operations</v></r></m>\", \"keyNode\": \"k\", \"valueNode\": \"v\"},
  \"defaultUserProperties\": {\"accessRight\": \"Viewer\"}, \"defaultGroups\": [\"Everyone\"]}"
APP_SECRET=$(curl -sf -X PUT "$BASE/api/sites/bench/client-apps/bench-app" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -d '{"scopes": ["site_bench_provisionByOpenIdToken_exchange"]}' | jq -r .clientSecret)
log "registering $IDPS IdPs"
psql -X -q -h 127.0.0.1 -U postgres -d postgres <<SQL
INSERT INTO $SCHEMA.identity_provider (site_key, name_id, display_name, auth_method, login_url_id, oidc_type, issuer,
  jwks_uri, authorization_url, token_url, client_id, scopes, external_user_id_attribute, allowed_redirect_urls)
SELECT 'bench', 'idp' || i, 'IdP ' || i, 'OIDC', (SELECT id FROM $SCHEMA.login_url WHERE site_key = 'bench'), 'GENERIC',
  'http://localhost:$IDP_PORT', 'http://localhost:$IDP_PORT/jwks', 'http://localhost:$IDP_PORT/authorize',
  'http://localhost:$IDP_PORT/token', 'client-' || i, '["openid","email"]', 'email', '[]'
FROM generate_series(0, $IDPS - 1) AS i;
SQL

# --- scenarios ---------------------------------------------------------------------------------
export BENCH_BASIC=$(printf 'bench-app:%s' "$APP_SECRET" | base64 -w0)
export BENCH_TOKENS=$WORK/id_tokens.txt BENCH_EXCHANGE_PATH=/rest/external/site/bench/idp/exchange/provisionByOpenIdToken
export BENCH_APP_TOKEN=$(curl -sf -u "bench-app:$APP_SECRET" -d grant_type=client_credentials "$BASE/oauth/token" | jq -r .access_token)
export BENCH_SITE=bench BENCH_IDPS=$IDPS
TICK=$(getconf CLK_TCK)
cpu() { # CPU seconds used so far by the broker JVM, and by the whole machine (PostgreSQL, wrk, OS included)
  local broker machine
  broker=$(awk -v t="$TICK" '{print ($14 + $15) / t}' /proc/$BROKER/stat)
  machine=$(awk -v t="$TICK" '/^cpu / {print ($2 + $3 + $4 + $7 + $8) / t}' /proc/stat)
  echo "$broker $machine"
}
run() { # name script
  [[ " $SCENARIOS " == *" $1 "* ]] || { echo "$1|not run|-|-|-"; return; }
  wrk -t2 -c16 -d"$WARMUP" -s "bench/lua/$2.lua" "$BASE" >/dev/null
  local before after
  before=$(cpu)
  wrk -t2 -c16 -d"$DURATION" --latency -s "bench/lua/$2.lua" "$BASE" > "$WORK/$1.txt"
  after=$(cpu)
  local requests
  requests=$(awk '/requests in/ {print $1}' "$WORK/$1.txt")
  awk -v b="$before" -v a="$after" -v n="$requests" -v name="$1" 'BEGIN { split(b, x, " "); split(a, y, " ");
    printf "| %s | %.2f ms | %.2f ms |\n", name, 1000 * (y[1] - x[1]) / n, 1000 * (y[2] - x[2]) / n }' >> "$WORK/cpu.md"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print int($2)}' "$WORK/$1.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$WORK/$1.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$WORK/$1.txt")
  errors=$(awk '/Non-2xx or 3xx/ {n += $NF} /Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$WORK/$1.txt")
  echo "$1|$rps|$p50|$p99|$errors"
}
: > "$WORK/cpu.md"
log "client_credentials"; CC=$(run client_credentials client_credentials)
log "provisionByOpenIdToken"; EX=$(run exchange exchange)
HEAP_BEFORE=$(heap)
log "authorization redirect over $IDPS IdPs"; RD=$(run redirect redirect)
HEAP_AFTER=$(heap)
RSS_LOAD=$(rss)
jcmd $BROKER JFR.dump name=bench filename=$WORK/broker.jfr >/dev/null
USERS_MADE=$(psql -X -t -A -h 127.0.0.1 -U postgres -d postgres -c "select count(*) from $SCHEMA.app_user")

# --- report ------------------------------------------------------------------------------------
DATE=$(date -u +%Y-%m-%d)
OUT=${RESULTS:-bench/results/$DATE.md}
frac() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f %%", 100 * a / b; else print "n/a" }'; }
row() { IFS='|' read -r name rps p50 p99 errors <<< "$1"; echo "| $name | $rps | $p50 | $p99 | $errors | $2 |"; }
{
  echo "# sso-broker benchmark, $DATE"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(java -version 2>&1 | head -1), PostgreSQL $(psql -V | awk '{print $3}')."
  echo "Command: \`bench/run.sh\` (wrk, 2 threads, 16 connections, ${WARMUP} warm-up, ${DURATION} measured; prod profile, JVM \`$JAVA_OPTS\`)."
  echo
  echo "Ceiling: RS256 (2048-bit) signatures/s: $SIGN1 on one thread, $SIGNALL on all cores."
  echo
  echo "| scenario | requests/s | p50 | p99 | errors | of the RS256 ceiling |"
  echo "|---|---|---|---|---|---|"
  row "$CC" "$(frac "$(cut -d'|' -f2 <<< "$CC")" "$SIGNALL")"
  row "$EX" "$(frac "$(cut -d'|' -f2 <<< "$EX")" "$SIGNALL")"
  row "$RD" "no signature"
  echo
  echo "| figure | value |"
  echo "|---|---|"
  echo "| start to ready (JVM, \`java -jar\` until /q/health/ready answers 200) | ${READY_MS} ms |"
  echo "| RSS idle after start | ${RSS_IDLE} MB |"
  echo "| RSS after load | ${RSS_LOAD} MB |"
  echo "| heap used before / after touching $IDPS IdPs (after full GC) | ${HEAP_BEFORE} MB / ${HEAP_AFTER} MB |"
  echo "| users provisioned by the exchange scenario | $USERS_MADE |"
  echo
  echo "CPU per request (everything shares the same 2 cores; the machine column includes the broker, PostgreSQL and wrk):"
  echo
  echo "| scenario | broker JVM | whole machine |"
  echo "|---|---|---|"
  cat "$WORK/cpu.md"
} > "$OUT"
cat "$OUT"
[ -z "${HOLD:-}" ] || { log "holding: broker pid $BROKER on $BASE (Ctrl-C ends)"; wait "$BROKER"; }
log "results in $OUT; flight recording in $WORK/broker.jfr"
