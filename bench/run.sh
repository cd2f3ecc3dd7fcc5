#!/usr/bin/env bash
# Benchmarks sso-broker on this machine: start-up, RSS, heap over 10,000 IdPs, and three
# load scenarios at 16 connections with wrk, against the packaged app in the prod profile, the
# local PostgreSQL and a local fake IdP. Writes bench/results/<date>.md. Not part of `mvn verify`.
#   bench/run.sh            (env: DURATION=20s WARMUP_ROUND=10s WARMUP_ROUNDS=15 IDPS=10000 USERS=20000;
#                            SCENARIOS="client_credentials exchange resync resync_no_refresh redirect" to run fewer;
#                            PROFILE=1 profiles each measured scenario with async-profiler (flame graphs and
#                            a CPU breakdown in the results; it costs a few % of throughput);
#                            RESULTS=file to write elsewhere; HOLD=1 keeps the broker running afterwards;
#                            ALGORITHM=ES256 signs the access tokens with ES256 instead of RS256;
#                            NO_DIGEST=1 measures the exchange as it was before the unchanged-re-sync fast
#                            path (a trigger keeps no identity digest, so every re-sync writes in full);
#                            JDK25=dir of a JDK 25 (default: /usr/lib/jvm/temurin-25*) for its start-up figures,
#                            plain and with an AOT cache trained on this machine; JDK25=none skips them)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
trap 'echo "bench: FAILED at line $LINENO: $BASH_COMMAND" >&2' ERR

DURATION=${DURATION:-20s}
# Each scenario is measured at steady state: warm-up rounds run until two in a row are no more
# than 5 % faster than the best so far. On this 2-core machine the C2 compiler needs minutes of load after
# a start (the redirect went 640 -> 10,000 req/s over eight 10 s rounds); a fixed 5 s warm-up
# measured the JIT, not the service. The rounds are listed in the results.
WARMUP_ROUND=${WARMUP_ROUND:-10s}
WARMUP_ROUNDS=${WARMUP_ROUNDS:-15}
IDPS=${IDPS:-10000}
USERS=${USERS:-20000}
PORT=${PORT:-8090}
IDP_PORT=${IDP_PORT:-8091}
FLOOR_PORT=${FLOOR_PORT:-8092}
MGMT_PORT=${MGMT_PORT:-8093}   # the broker's management interface (/q/health, /q/metrics)
SCENARIOS=${SCENARIOS:-client_credentials exchange resync resync_no_refresh redirect}
SCHEMA=sso_broker_bench
ALGORITHM=${ALGORITHM:-RS256}
ALG=$(tr '[:upper:]' '[:lower:]' <<< "$ALGORITHM")
JDK25=${JDK25:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1 || true)}
[ "$JDK25" != none ] || JDK25=""
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
[ -f bench/floor/target/quarkus-app/quarkus-run.jar ] || { log "packaging the start-up floor app"; ./mvnw -B -q -f bench/floor/pom.xml package -DskipTests; }
PROFILER=""
if [ -n "${PROFILE:-}" ]; then   # async-profiler's Linux library, from Maven Central
  ./mvnw -B -q dependency:copy -Dartifact=tools.profiler:async-profiler:4.1 -DoutputDirectory="$WORK" -Dmdep.overWriteReleases=true
  unzip -o -q "$WORK/async-profiler-4.1.jar" 'linux-x64/*' -d "$WORK/async-profiler"
  PROFILER=$PWD/$WORK/async-profiler/linux-x64/libasyncProfiler.so
fi
PGOPTIONS='-c client_min_messages=warning' psql -X -q -h 127.0.0.1 -U postgres -d postgres -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"

# --- ceiling: signatures per second, by the JDK and by ACCP (the broker's signer in JVM mode) -----
ACCP_JAR=$(ls target/quarkus-app/lib/main/*AmazonCorrettoCryptoProvider*.jar 2>/dev/null | head -1 || true)
SIGNER=$([ -n "$ACCP_JAR" ] && echo accp || echo jdk)
ceiling() { # seconds provider: prints provider_alg_per_second_N_thread(s)=rate lines
  if [ "$2" = accp ]; then java -cp "$ACCP_JAR" bench/SignCeiling.java "$1" accp; else java bench/SignCeiling.java "$1" jdk; fi
}
log "measuring the signing ceilings (JDK$([ -n "$ACCP_JAR" ] && echo ' and ACCP'))"
ceiling 5 jdk > "$WORK/ceiling.txt"
[ -z "$ACCP_JAR" ] || ceiling 5 accp >> "$WORK/ceiling.txt"
SIGN1=$(sed -n "s/${SIGNER}_${ALG}_per_second_1_thread=//p" "$WORK/ceiling.txt")
SIGNALL=$(sed -n "s/${SIGNER}_${ALG}_per_second_[0-9]*_threads=//p" "$WORK/ceiling.txt")

# --- secrets of a prod start, and the fake IdP -----------------------------------------------
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/signing.pem" 2>/dev/null
export SSO_BROKER_PUBLIC_BASE_URL=$BASE SSO_BROKER_TOKEN_SIGNING_KEY=$WORK/signing.pem SSO_BROKER_TOKEN_ALGORITHM=$ALGORITHM
if [ "$ALGORITHM" = ES256 ]; then
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$WORK/ec-signing.pem" 2>/dev/null
  export SSO_BROKER_TOKEN_EC_SIGNING_KEY=$WORK/ec-signing.pem
fi
export SSO_BROKER_ENCRYPTION_KEY=$(openssl rand -base64 32) SSO_BROKER_SESSION_SECRET=$(openssl rand -base64 32)
export SSO_BROKER_PLATFORM_ADMIN_CLIENT_ID=bench-admin SSO_BROKER_PLATFORM_ADMIN_CLIENT_SECRET=$(openssl rand -hex 24)
export SSO_BROKER_INSECURE_ALLOW_HTTP=true QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$MGMT_PORT
# The fake IdP listens on loopback, which the prod outbound policy refuses.
export SSO_BROKER_OUTBOUND_ALLOW_PRIVATE_ADDRESSES=true
export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:5432/postgres?currentSchema=$SCHEMA"
export QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_FLYWAY_SCHEMAS=$SCHEMA QUARKUS_LOG_LEVEL=WARN
java bench/BenchIdp.java "$IDP_PORT" "$WORK/id_tokens.txt" "$USERS" bench-client > "$WORK/idp.log" 2>&1 &
PIDS+=($!)
until grep -q "ready on" "$WORK/idp.log"; do sleep 0.2; done   # not competing with the start-up below

# --- start-up to ready -------------------------------------------------------------------------
# What the JVM image runs (src/main/docker/Dockerfile.jvm): its options file, Serial GC, two malloc arenas.
JAVA_OPTS=${JAVA_OPTS:-@src/main/docker/jvm.options -XX:+UseSerialGC}
export MALLOC_ARENA_MAX=2
JAVA=${JAVA:-java}   # the JVM that start_app runs (the JDK 25 figures set it for their starts)
start_app() { # jar port [more JVM options]: starts it; sets BROKER and answers the ms until /q/health/ready said 200
  local start_ns
  start_ns=$(date +%s%N)
  $JAVA $JAVA_OPTS ${3:-} -Dquarkus.http.port="$2" -jar "$1" > "$WORK/broker.log" 2>&1 &
  BROKER=$!
  PIDS+=($BROKER)
  # The broker answers /q/* on its management port; the floor app on its only port.
  until curl -sf "http://localhost:$2/q/health/ready" >/dev/null \
      || curl -sf "http://localhost:$MGMT_PORT/q/health/ready" >/dev/null; do
    kill -0 $BROKER 2>/dev/null || { cat "$WORK/broker.log" >&2; exit 1; }
    sleep 0.05
  done
  echo $(( ($(date +%s%N) - start_ns) / 1000000 ))
}
median_start() { # jar port keep [JVM options]: three starts (this host's speed drifts), "median ms (min-max)";
  # keeps the last if asked; the RSS of the last start, once ready, goes to $WORK/start.rss
  local attempt starts=()
  for attempt in 1 2 3; do
    start_app "$1" "$2" "${4:-}" > "$WORK/start.ms"   # not $(...): BROKER must be set in this shell
    starts+=("$(cat "$WORK/start.ms")")
    awk '/VmRSS/ {print int($2/1024)}' /proc/$BROKER/status > "$WORK/start.rss"
    [ "$attempt" -eq 3 ] && [ "$3" = keep ] || { kill "$BROKER"; wait "$BROKER" 2>/dev/null || true; }
  done
  local sorted=($(printf '%s\n' "${starts[@]}" | sort -n))
  echo "${sorted[1]} ms (${sorted[0]}-${sorted[2]})"
}
if [ -n "$PROFILER" ]; then   # one more start, profiled: where its time goes (the profiler slows it)
  start_app target/quarkus-app/quarkus-run.jar "$PORT" \
    "-agentpath:$PROFILER=start,event=wall,interval=5ms,threads,file=$PWD/$WORK/startup.collapsed,collapsed" > /dev/null
  kill "$BROKER"; wait "$BROKER" 2>/dev/null || true   # the profile is written as the JVM exits
fi
# The floor: the smallest Quarkus app of this version (bench/floor/: REST and health), same JVM options.
median_start bench/floor/target/quarkus-app/quarkus-run.jar "$FLOOR_PORT" stop > "$WORK/floor.ms"
FLOOR_MS=$(cat "$WORK/floor.ms")
# JDK 25 (JEP 483/514/515): the same jar plain, then with an AOT cache of loaded and linked classes and
# method profiles, trained by one start that serves a few requests (the cache is written at exit).
if [ -n "$JDK25" ]; then
  JAVA="$JDK25/bin/java" median_start target/quarkus-app/quarkus-run.jar "$PORT" stop > "$WORK/ready25.ms"
  RSS25=$(cat "$WORK/start.rss")
  rm -f "$WORK/app.aot"
  JAVA="$JDK25/bin/java" start_app target/quarkus-app/quarkus-run.jar "$PORT" "-XX:AOTCacheOutput=$PWD/$WORK/app.aot" > /dev/null
  for i in $(seq 1 50); do
    curl -sf -u "$SSO_BROKER_PLATFORM_ADMIN_CLIENT_ID:$SSO_BROKER_PLATFORM_ADMIN_CLIENT_SECRET" \
      -d grant_type=client_credentials "$BASE/oauth/token" > /dev/null
    curl -sf "$BASE/.well-known/jwks.json" > /dev/null || true
  done
  kill "$BROKER"; wait "$BROKER" 2>/dev/null || true
  [ -f "$WORK/app.aot" ] || { log "the JDK 25 training run wrote no AOT cache"; tail -20 "$WORK/broker.log" >&2; }
  JAVA="$JDK25/bin/java" median_start target/quarkus-app/quarkus-run.jar "$PORT" stop "-XX:AOTCache=$PWD/$WORK/app.aot" > "$WORK/ready25aot.ms"
  RSS25AOT=$(cat "$WORK/start.rss")
  AOT_MB=$(( $(stat -c %s "$WORK/app.aot") / 1048576 ))
  log "JDK 25: ready in $(cat "$WORK/ready25.ms"), with the AOT cache in $(cat "$WORK/ready25aot.ms")"
fi
median_start target/quarkus-app/quarkus-run.jar "$PORT" keep > "$WORK/ready.ms"
READY_MS=$(cat "$WORK/ready.ms")   # BROKER is the kept, third start
log "ready in ${READY_MS}; a bare Quarkus app: ${FLOOR_MS}"
rss() { awk '/VmRSS/ {print int($2/1024)}' /proc/$BROKER/status; }
peak_rss() { awk '/VmHWM/ {print int($2/1024)}' /proc/$BROKER/status; }   # the highest RSS so far
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
  -H 'Content-Type: application/json' -d '{"scopes": ["site_bench_provisionByOpenIdToken_exchange"], "grantTypes": ["client_credentials", "refresh_token"]}' | jq -r .clientSecret)
log "registering $IDPS IdPs"
psql -X -q -h 127.0.0.1 -U postgres -d postgres <<SQL
INSERT INTO $SCHEMA.identity_provider (site_key, name_id, display_name, auth_method, login_url_id, oidc_type, issuer,
  jwks_uri, authorization_url, token_url, client_id, scopes, external_user_id_attribute, allowed_redirect_urls)
SELECT 'bench', 'idp' || i, 'IdP ' || i, 'OIDC', (SELECT id FROM $SCHEMA.login_url WHERE site_key = 'bench'), 'GENERIC',
  'http://localhost:$IDP_PORT', 'http://localhost:$IDP_PORT/jwks', 'http://localhost:$IDP_PORT/authorize',
  'http://localhost:$IDP_PORT/token', 'client-' || i, '["openid","email"]', 'email', '[]'
FROM generate_series(0, $IDPS - 1) AS i;
SQL

if [ -n "${NO_DIGEST:-}" ]; then
  log "NO_DIGEST: no identity digest is kept, every re-sync writes the user, its link and its groups"
  psql -X -q -h 127.0.0.1 -U postgres -d postgres <<SQL
CREATE FUNCTION $SCHEMA.bench_forget_digest() RETURNS trigger LANGUAGE plpgsql AS \$\$
BEGIN NEW.identity_digest := NULL; RETURN NEW; END \$\$;
CREATE TRIGGER bench_forget_digest BEFORE INSERT OR UPDATE ON $SCHEMA.app_user
  FOR EACH ROW EXECUTE FUNCTION $SCHEMA.bench_forget_digest();
SQL
fi

# --- scenarios ---------------------------------------------------------------------------------
export BENCH_BASIC=$(printf 'bench-app:%s' "$APP_SECRET" | base64 -w0)
export BENCH_TOKENS=$WORK/id_tokens.txt BENCH_EXCHANGE_PATH=/rest/external/site/bench/idp/exchange/provisionByOpenIdToken
export BENCH_APP_TOKEN=$(curl -sf -u "bench-app:$APP_SECRET" -d grant_type=client_credentials "$BASE/oauth/token" | jq -r .access_token)
# The same exchange for an app without the refresh grant: it gets no refresh token, so an unchanged
# re-sync writes nothing at all.
PLAIN_SECRET=$(curl -sf -X PUT "$BASE/api/sites/bench/client-apps/bench-plain-app" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -d '{"scopes": ["site_bench_provisionByOpenIdToken_exchange"], "grantTypes": ["client_credentials"]}' | jq -r .clientSecret)
PLAIN_APP_TOKEN=$(curl -sf -u "bench-plain-app:$PLAIN_SECRET" -d grant_type=client_credentials "$BASE/oauth/token" | jq -r .access_token)
export BENCH_SITE=bench BENCH_IDPS=$IDPS
# The exchange warm-up signs in the first half of the users only: the other half are first
# exchanges (provisioning) in the measured run, the first half re-syncs.
WARM_USERS=$((USERS / 2))
TICK=$(getconf CLK_TCK)
cpu() { # CPU seconds used so far by the broker JVM, by the whole machine (PostgreSQL, wrk, OS included)
  # and by PostgreSQL's processes (its backends are the broker's pooled connections: they live through a run)
  local broker machine postgres
  broker=$(awk -v t="$TICK" '{print ($14 + $15) / t}' /proc/$BROKER/stat)
  machine=$(awk -v t="$TICK" '/^cpu / {print ($2 + $3 + $4 + $7 + $8) / t}' /proc/stat)
  postgres=$(for pid in $(pgrep -x postgres); do cat "/proc/$pid/stat" 2>/dev/null; done \
    | awk -v t="$TICK" '{ sub(/^[^)]*\) /, ""); s += $12 + $13 } END { print s / t }')
  echo "$broker $machine $postgres"
}
profiler() { java bench/Profiler.java "$BROKER" "$PROFILER" "$1"; }
users() { psql -X -t -A -h 127.0.0.1 -U postgres -d postgres -c "select count(*) from $SCHEMA.app_user"; }
warm_up() { # name script: rounds until the rate stops climbing; their rates go to $WORK/name.warmup
  [[ " $SCENARIOS " == *" $1 "* ]] || return 0
  local best=0 stale=0 rate round
  : > "$WORK/$1.warmup"
  for round in $(seq 1 "$WARMUP_ROUNDS"); do
    rate=$(BENCH_TOKEN_LIMIT=$WARM_USERS wrk -t2 -c16 -d"$WARMUP_ROUND" -s "bench/lua/$2.lua" "$BASE" | awk '/Requests\/sec/ {print int($2)}')
    echo -n "$rate " >> "$WORK/$1.warmup"
    # Steady: two rounds in a row no more than 5 % above the best so far (one slow round is noise).
    if [ "$rate" -gt $((best * 105 / 100)) ]; then stale=0; else stale=$((stale + 1)); fi
    [ "$rate" -gt "$best" ] && best=$rate
    if [ "$round" -ge 3 ] && [ "$stale" -ge 2 ]; then return 0; fi
  done
}
run() { # name script [signs: compare with the RS256 ceiling]
  [[ " $SCENARIOS " == *" $1 "* ]] || { echo "$1|not run|-|-|-"; return; }
  BENCH_TOKEN_LIMIT=$WARM_USERS wrk -t2 -c16 -d"$WARMUP_ROUND" -s "bench/lua/$2.lua" "$BASE" >/dev/null   # back on this scenario's path
  # This host's speed drifts by ~15 % within minutes: the ceiling a token scenario is compared
  # with is measured right before it (the broker idle meanwhile).
  [ "${3:-}" != "signs" ] || ceiling 3 "$SIGNER" | sed -n "s/${SIGNER}_${ALG}_per_second_[0-9]*_threads=//p" > "$WORK/$1.ceiling"
  [ -z "$PROFILER" ] || profiler "start,event=cpu,interval=1ms,threads"
  local before after users_before
  users_before=$(users)
  before=$(cpu)
  BENCH_TOKEN_LIMIT=${RUN_TOKEN_LIMIT:-0} wrk -t2 -c16 -d"$DURATION" --latency -s "bench/lua/$2.lua" "$BASE" > "$WORK/$1.txt"
  after=$(cpu)
  echo $(( $(users) - users_before )) > "$WORK/$1.created"
  local requests per_request
  requests=$(awk '/requests in/ {print $1}' "$WORK/$1.txt")
  per_request=$(awk -v b="$before" -v a="$after" -v n="$requests" 'BEGIN { split(b, x, " "); split(a, y, " ");
    printf "%.2f %.2f %.2f", 1000 * (y[1] - x[1]) / n, 1000 * (y[2] - x[2]) / n, 1000 * (y[3] - x[3]) / n }')
  read -r cpu_broker cpu_machine cpu_postgres <<< "$per_request"
  echo "| $1 | $cpu_broker ms | $cpu_postgres ms | $cpu_machine ms |" >> "$WORK/cpu.md"
  if [ -n "$PROFILER" ]; then
    profiler "dump,file=$PWD/$WORK/$1.collapsed,collapsed"
    profiler "stop,file=$PWD/$WORK/$1.html"   # the same samples as a flame graph
    { echo; echo "Where the broker's CPU went in $1 (async-profiler, \`$WORK/$1.html\`):"; echo
      awk -v per_request_ms="$cpu_broker" -f bench/cpu-breakdown.awk "$WORK/$1.collapsed"; } >> "$WORK/profile.md"
  fi
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print int($2)}' "$WORK/$1.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$WORK/$1.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$WORK/$1.txt")
  errors=$(awk '/Non-2xx or 3xx/ {n += $NF} /Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$WORK/$1.txt")
  echo "$1|$rps|$p50|$p99|$errors"
}
: > "$WORK/cpu.md"; : > "$WORK/profile.md"
[ -z "$PROFILER" ] || { echo; echo "Where a start's time goes (wall clock of the main thread, which runs every start step; profiled start):"
  echo; awk -v startup_interval_ms=5 -f bench/cpu-breakdown.awk "$WORK/startup.collapsed"; } >> "$WORK/profile.md"
rm -f "$WORK"/*.warmup "$WORK"/*.created "$WORK"/*.ceiling
# Warm every scenario first (the JIT's work for one helps the others), then measure each.
log "warming up client_credentials"; warm_up client_credentials client_credentials
log "warming up provisionByOpenIdToken"; warm_up exchange exchange
HEAP_BEFORE=$(heap)
log "warming up the authorization redirect over $IDPS IdPs"; warm_up redirect redirect
log "client_credentials"; CC=$(run client_credentials client_credentials signs)
log "provisionByOpenIdToken"; EX=$(run exchange exchange signs)
# Re-syncs only (the users the warm-up signed in, every one provisioned by now): an unchanged identity
# writes no user, link or group row; the first app still stores a refresh token, the second nothing.
log "re-sync only"; RS=$(RUN_TOKEN_LIMIT=$WARM_USERS run resync exchange signs)
log "re-sync only, an app without the refresh grant"
RN=$(RUN_TOKEN_LIMIT=$WARM_USERS BENCH_APP_TOKEN=$PLAIN_APP_TOKEN run resync_no_refresh exchange signs)
log "authorization redirect over $IDPS IdPs"; RD=$(run redirect redirect)
RSS_UNDER_LOAD=$(rss)   # right after the last scenario, before any full GC
# --- the console's IdP list over the same IdPs (a page query and a count in PostgreSQL) ----------
COOKIES=$WORK/console.cookies
rm -f "$COOKIES"
curl -sf -c "$COOKIES" -b "$COOKIES" -o /dev/null "$BASE/console/sign-in"
CSRF=$(awk '$6 == "csrf-token" {print $7}' "$COOKIES")
curl -s -c "$COOKIES" -b "$COOKIES" -o /dev/null -d "csrf-token=$CSRF" \
  --data-urlencode "clientId=$SSO_BROKER_PLATFORM_ADMIN_CLIENT_ID" \
  --data-urlencode "clientSecret=$SSO_BROKER_PLATFORM_ADMIN_CLIENT_SECRET" "$BASE/console/sign-in"
list_ms() { # path: the median of five answers in ms, or "failed" unless each was a 200
  local i answers
  answers=$(for i in 1 2 3 4 5; do curl -s -o /dev/null -b "$COOKIES" -w '%{http_code} %{time_total}\n' "$BASE$1"; done)
  grep -qv '^200 ' <<< "$answers" && { echo failed; return; }
  awk '{print $2}' <<< "$answers" | sort -n | sed -n 3p | awk '{printf "%.0f ms", $1 * 1000}'
}
CONSOLE_LIST="$(list_ms "/console/site/bench/idps?page=1") / $(list_ms "/console/site/bench/idps?q=idp9999") / $(list_ms "/console/site/bench/idps?page=$((IDPS / 25))")"
HEAP_AFTER=$(heap)
RSS_LOAD=$(rss)
USERS_MADE=$(users)

# --- report ------------------------------------------------------------------------------------
DATE=$(date -u +%Y-%m-%d)
OUT=${RESULTS:-bench/results/$DATE.md}
frac() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f %%", 100 * a / b; else print "n/a" }'; }
row() { IFS='|' read -r name rps p50 p99 errors <<< "$1"; echo "| $name | $rps | $p50 | $p99 | $errors | $2 |"; }
{
  echo "# sso-broker benchmark, $DATE"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(java -version 2>&1 | head -1), PostgreSQL $(psql -V | awk '{print $3}')."
  echo "Command: \`bench/run.sh\` (wrk, 2 threads, 16 connections; warm-up rounds of ${WARMUP_ROUND} until the rate stops"
  echo "climbing, then ${DURATION} measured; prod profile, JVM \`$JAVA_OPTS\`, i.e."
  echo "\`$(sed 's/#.*//' src/main/docker/jvm.options | xargs)\`, MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX)."
  echo
  echo "Signing ceilings at the start (signatures/s; the broker signs with \`$SIGNER\`):"
  echo
  echo "| provider | RS256 1 thread | RS256 all cores | ES256 1 thread | ES256 all cores |"
  echo "|---|---|---|---|---|"
  for p in jdk accp; do
    grep -q "^${p}_" "$WORK/ceiling.txt" || continue
    echo "| $p | $(sed -n "s/${p}_rs256_per_second_1_thread=//p" "$WORK/ceiling.txt") | $(sed -n "s/${p}_rs256_per_second_[0-9]*_threads=//p" "$WORK/ceiling.txt") | $(sed -n "s/${p}_es256_per_second_1_thread=//p" "$WORK/ceiling.txt") | $(sed -n "s/${p}_es256_per_second_[0-9]*_threads=//p" "$WORK/ceiling.txt") |"
  done
  echo
  [ -z "${NO_DIGEST:-}" ] || echo "NO_DIGEST: a trigger kept no identity digest, so every re-sync wrote in full (the exchange before the fast path)."
  echo "Access tokens signed with $ALGORITHM. Ceiling of the signer ($SIGNER, $ALGORITHM) at the start: $SIGN1 on one thread, $SIGNALL on all cores; right"
  echo "before client_credentials: $(cat "$WORK/client_credentials.ceiling" 2>/dev/null), before exchange: $(cat "$WORK/exchange.ceiling" 2>/dev/null) (the fractions below use these)."
  echo
  echo "| scenario | requests/s | p50 | p99 | errors | of the $ALGORITHM ceiling |"
  echo "|---|---|---|---|---|---|"
  row "$CC" "$(frac "$(cut -d'|' -f2 <<< "$CC")" "$(cat "$WORK/client_credentials.ceiling" 2>/dev/null)")"
  row "$EX" "$(frac "$(cut -d'|' -f2 <<< "$EX")" "$(cat "$WORK/exchange.ceiling" 2>/dev/null)")"
  row "$RS" "$(frac "$(cut -d'|' -f2 <<< "$RS")" "$(cat "$WORK/resync.ceiling" 2>/dev/null)")"
  row "$RN" "$(frac "$(cut -d'|' -f2 <<< "$RN")" "$(cat "$WORK/resync_no_refresh.ceiling" 2>/dev/null)")"
  row "$RD" "no signature"
  echo
  echo "exchange: the measured run both provisions (users the warm-up never signed in) and re-syncs; resync: re-syncs only"
  echo "(the same identities: nothing about the user changes), by an app with the refresh grant (a refresh token stored"
  echo "per exchange); resync_no_refresh: the same by an app without it (nothing written)."
  echo
  echo "The redirect scenario follows a browser's login start: two requests (the authorization base URL, then the"
  echo "callback path where quarkus-oidc resolves the IdP's tenant and redirects to the IdP), so login starts/s are"
  echo "half its requests/s: $(awk -F'|' '{ print ($2 ~ /^[0-9]+$/) ? int($2 / 2) : "not run" }' <<< "$RD")."
  echo
  echo "| figure | value |"
  echo "|---|---|"
  echo "| start to ready (JVM, \`java -jar\` until /q/health/ready answers 200; median of 3, range) | ${READY_MS} |"
  echo "| the same for a bare Quarkus REST + health app (\`bench/floor/\`, same JVM options): the floor here | ${FLOOR_MS} |"
  echo "| RSS idle after start | ${RSS_IDLE} MB |"
  if [ -n "$JDK25" ]; then
    echo "| start to ready on JDK 25 ($("$JDK25/bin/java" -version 2>&1 | head -1 | sed 's/"//g'), same options; median of 3, range), RSS once ready | $(cat "$WORK/ready25.ms"), ${RSS25} MB |"
    echo "| the same with an AOT cache (\`-XX:AOTCache\`, ${AOT_MB} MB, trained by one start serving 100 requests), RSS once ready | $(cat "$WORK/ready25aot.ms"), ${RSS25AOT} MB |"
  fi
  echo "| RSS right after the last scenario / its peak during the run / after a full GC (what \"RSS after load\" reports) | ${RSS_UNDER_LOAD} MB / $(peak_rss) MB / ${RSS_LOAD} MB |"
  echo "| RSS after load | ${RSS_LOAD} MB |"
  echo "| the console's IdP list over $IDPS IdPs, signed in as a platform operator (median of 5: first page / a search / last page) | $CONSOLE_LIST |"
  echo "| heap used before / after touching $IDPS IdPs (after full GC) | ${HEAP_BEFORE} MB / ${HEAP_AFTER} MB (growth $((HEAP_AFTER - HEAP_BEFORE)) MB) |"
  echo "| users provisioned by the exchange scenario (all / in its measured run, of $(awk '/requests in/ {print $1}' "$WORK/exchange.txt" 2>/dev/null) exchanges) | $USERS_MADE / $(cat "$WORK/exchange.created" 2>/dev/null) |"
  echo
  echo "Warm-up rounds (requests/s of each ${WARMUP_ROUND} round, until the rate stopped climbing):"
  echo
  for name in client_credentials exchange redirect; do
    [ -f "$WORK/$name.warmup" ] && echo "- $name: $(cat "$WORK/$name.warmup")"
  done
  echo
  echo "CPU per request (everything shares the same 2 cores; the machine column includes the broker, PostgreSQL and wrk):"
  echo
  echo "| scenario | broker JVM | PostgreSQL | whole machine |"
  echo "|---|---|---|---|"
  cat "$WORK/cpu.md"
  cat "$WORK/profile.md"
} > "$OUT"
cat "$OUT"
[ -z "${HOLD:-}" ] || { log "holding: broker pid $BROKER on $BASE (Ctrl-C ends)"; wait "$BROKER"; }
log "results in $OUT${PROFILER:+; flame graphs in $WORK/*.html}"
