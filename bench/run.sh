#!/usr/bin/env bash
# Side-by-side gateway benchmark: direct upstream, nginx proxy_pass (the floor), Portkey's gateway
# (npm, bare routing) and AI Hub (one key, rate limit, quotas, parallel limit and three hard budgets
# active), all against the same fast fake upstream (nginx serving a fixed OpenAI answer).
# Prints one table. See docs/benchmarks.md for the method.
#
# Usage: bench/run.sh            (from the repository root or anywhere)
# Settings (environment):
#   BENCH_DURATION=15s   wrk duration of each measured run
#   BENCH_WARMUP=15s     wrk warm-up of each target before its measured runs (32 connections)
#   BENCH_TARGETS="direct nginx portkey aihub"
#   BENCH_PORT_BASE=19080  ports BASE..BASE+3 are used on 127.0.0.1
#   BENCH_WORK=<dir>     working directory (default: a new one under /tmp)
#   BENCH_SCALE=1        seed 1,000,000 API keys and 100,000 budgets (bench/scale/seed-h2.sql) before the measured start
#   BENCH_AOT=1          start the hub from the extracted jar with a JDK AOT cache (trained once, not measured)
#   BENCH_HOLD=1         keep the servers running after the table (for profiling); stop with Ctrl-C
#   AIHUB_JAVA_OPTS      JVM flags of the hub (default below); AIHUB_JAR: the jar (default target/aihub.jar)
#   JAVA_HOME            JDK 21+ (default /usr/lib/jvm/temurin-25-jdk-amd64 when present)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${BENCH_DURATION:-15s}
WARMUP=${BENCH_WARMUP:-15s}
TARGETS=${BENCH_TARGETS:-"direct nginx portkey aihub"}
BASE=${BENCH_PORT_BASE:-19080}
UPSTREAM_PORT=$BASE PROXY_PORT=$((BASE + 1)) PORTKEY_PORT=$((BASE + 2)) HUB_PORT=$((BASE + 3))
WORK=${BENCH_WORK:-$(mktemp -d /tmp/aihub-bench.XXXXXX)}
# nginx workers run as www-data: they must be able to read the fake upstream's files.
mkdir -p "$WORK" && chmod 755 "$WORK"
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
# Heap fixed at 256 MB (no resizing), ParallelGC (throughput collector, least native overhead on 2 cores),
# small code cache and metaspace ceilings: together they keep the process under 512 MB RSS.
# SweeperThreshold=100: with the default (15 % of the 64 MB code cache, ~10 MB of growth) the JVM asked for a
# "CodeCache GC Threshold" collection under load — a full collection with ParallelGC, 0.5 s pauses; now only
# a nearly full code cache does. MetaspaceSize=128m: the default (21 MB) cost three "Metadata GC Threshold"
# full collections during start-up.
AIHUB_JAVA_OPTS=${AIHUB_JAVA_OPTS:-"-Xms256m -Xmx256m -XX:+UseParallelGC -XX:ReservedCodeCacheSize=64m -XX:SweeperThreshold=100 -XX:MetaspaceSize=128m -XX:MaxMetaspaceSize=160m -Xss512k"}
MASTER_KEY=bench-master-key-0123456789abcdef

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ------------------------------------------------------------------ tools
need_install=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need_install+=(nginx)
command -v wrk >/dev/null || need_install+=(wrk)
if [ ${#need_install[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing ${need_install[*]}"
    apt-get update -qq && apt-get install -y -qq "${need_install[@]}" >/dev/null
  else
    die "please install: ${need_install[*]} (apt-get install nginx wrk)"
  fi
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
command -v curl >/dev/null || die "curl is needed"
command -v python3 >/dev/null || die "python3 is needed (JSON parsing of the provisioning answers)"
"$JAVA" -version >/dev/null 2>&1 || die "no java at $JAVA (set JAVA_HOME)"

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/upstream/nginx.pid" ] && kill "$(cat "$WORK/upstream/nginx.pid")" 2>/dev/null || true
  [ -f "$WORK/proxy/nginx.pid" ] && kill "$(cat "$WORK/proxy/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT

wait_http() { # url, seconds; 0 when it answers 2xx
  local url=$1 limit=$2 start=$SECONDS
  while [ $((SECONDS - start)) -lt "$limit" ]; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)
    case $code in 2*) return 0 ;; esac
    sleep 0.02
  done
  return 1
}

json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

hwm_kb() { # peak RSS of one pid, kB
  awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0
}

cpu_ticks() { # user + system CPU ticks of a process and its children (nginx master + workers)
  local total=0 pid
  for pid in "$1" $(pgrep -P "$1" || true); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

tree_hwm_kb() { # peak RSS of a process and its children, kB (nginx master + workers)
  local total=0 pid
  for pid in "$1" $(pgrep -P "$1" || true); do total=$((total + $(hwm_kb "$pid"))); done
  echo "$total"
}

mkdir -p "$WORK"
log "work directory: $WORK"
log "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"

# ------------------------------------------------------------------ fake upstream (nginx, static answers)
mkdir -p "$WORK/upstream/root/v1/chat" "$WORK/upstream/root/sse/v1/chat" "$WORK/upstream/tmp"
cp "$ROOT/bench/upstream/chat.json" "$WORK/upstream/root/v1/chat/completions"
cp "$ROOT/bench/upstream/chat.sse" "$WORK/upstream/root/sse/v1/chat/completions"
nginx_common() { # dir
  cat <<EOF
pid $1/nginx.pid;
error_log $1/error.log warn;
worker_processes 1;
events { worker_connections 4096; }
EOF
}
{
  nginx_common "$WORK/upstream"
  cat <<EOF
http {
  access_log off;
  client_body_temp_path $WORK/upstream/tmp; proxy_temp_path $WORK/upstream/tmp;
  fastcgi_temp_path $WORK/upstream/tmp; uwsgi_temp_path $WORK/upstream/tmp; scgi_temp_path $WORK/upstream/tmp;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$UPSTREAM_PORT;
    root $WORK/upstream/root;
    # POST to a static file is a 405 in nginx; error_page turns it into a 200 with the file.
    location /v1/ { default_type application/json; error_page 405 =200 \$uri; }
    # The stream is sent chunked, as real upstreams do: sub_filter (a no-op rewrite) drops Content-Length.
    location /sse/ {
      default_type text/event-stream; error_page 405 =200 \$uri;
      sub_filter_types text/event-stream; sub_filter "data: [NEVER]" "";
    }
  }
}
EOF
} > "$WORK/upstream/nginx.conf"
"$NGINX" -c "$WORK/upstream/nginx.conf" -p "$WORK/upstream" 2>/dev/null || "$NGINX" -c "$WORK/upstream/nginx.conf"
wait_http "http://127.0.0.1:$UPSTREAM_PORT/v1/chat/completions" 5 || die "fake upstream did not start"

# ------------------------------------------------------------------ nginx proxy_pass (the floor)
mkdir -p "$WORK/proxy/tmp"
{
  nginx_common "$WORK/proxy"
  cat <<EOF
http {
  access_log off;
  client_body_temp_path $WORK/proxy/tmp; proxy_temp_path $WORK/proxy/tmp;
  fastcgi_temp_path $WORK/proxy/tmp; uwsgi_temp_path $WORK/proxy/tmp; scgi_temp_path $WORK/proxy/tmp;
  keepalive_requests 1000000;
  upstream fake { server 127.0.0.1:$UPSTREAM_PORT; keepalive 64; keepalive_requests 1000000; }
  server {
    listen 127.0.0.1:$PROXY_PORT;
    location / {
      proxy_pass http://fake;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
    }
  }
}
EOF
} > "$WORK/proxy/nginx.conf"
"$NGINX" -c "$WORK/proxy/nginx.conf" -p "$WORK/proxy" 2>/dev/null || "$NGINX" -c "$WORK/proxy/nginx.conf"

# ------------------------------------------------------------------ Portkey gateway (npm, bare routing)
PORTKEY_PID=
if [[ " $TARGETS " == *" portkey "* ]]; then
  PEERS="$ROOT/bench/peers"
  if [ ! -f "$PEERS/node_modules/@portkey-ai/gateway/build/start-server.js" ] && command -v npm >/dev/null; then
    log "installing @portkey-ai/gateway into bench/peers"
    (cd "$PEERS" && npm install --no-audit --no-fund --silent >/dev/null 2>&1) || log "npm install failed"
  fi
  if [ -f "$PEERS/node_modules/@portkey-ai/gateway/build/start-server.js" ] && command -v node >/dev/null; then
    (cd "$PEERS" && NODE_ENV=production exec node node_modules/@portkey-ai/gateway/build/start-server.js \
      --port=$PORTKEY_PORT --headless > "$WORK/portkey.log" 2>&1) &
    PORTKEY_PID=$!
    PIDS+=("$PORTKEY_PID")
  else
    log "Portkey could not be installed or node is missing: its rows are left empty"
  fi
fi

# ------------------------------------------------------------------ AI Hub
HUB_PID=
STARTUP_MS=
if [[ " $TARGETS " == *" aihub "* ]]; then
  JAR=${AIHUB_JAR:-"$ROOT/target/aihub.jar"}
  if [ ! -f "$JAR" ]; then
    log "building target/aihub.jar"
    (cd "$ROOT" && JAVA_HOME=$JAVA_HOME ./mvnw -q -B -DskipTests package) || die "build failed"
  fi
  mkdir -p "$WORK/hub/data"
  cat > "$WORK/hub/models.yaml" <<EOF
models:
  - name: gpt-4o-mini
    deployments:
      - {provider: openai, base_url: "http://127.0.0.1:$UPSTREAM_PORT/v1", upstream_model: gpt-4o-mini, api_key: "sk-bench"}
    pricing: {input_per_million: "0.15", cached_input_per_million: "0.075", output_per_million: "0.60"}
    max_output_tokens: 16384
  - name: gpt-4o-mini-stream
    deployments:
      - {provider: openai, base_url: "http://127.0.0.1:$UPSTREAM_PORT/sse/v1", upstream_model: gpt-4o-mini, api_key: "sk-bench"}
    pricing: {input_per_million: "0.15", cached_input_per_million: "0.075", output_per_million: "0.60"}
    max_output_tokens: 16384
EOF
  start_hub() { # log file; sets HUB_PID and STARTUP_MS
    local started_ns
    started_ns=$(date +%s%N)
    # shellcheck disable=SC2086
    (cd "$WORK/hub" && SERVER_PORT=$HUB_PORT AIHUB_DATA_DIR="$WORK/hub/data" AIHUB_MASTER_KEY=$MASTER_KEY \
      AIHUB_MODELS_FILE="$WORK/hub/models.yaml" \
      exec "$JAVA" $AIHUB_JAVA_OPTS -jar "$JAR" > "$1" 2>&1) &
    HUB_PID=$!
    PIDS+=("$HUB_PID")
    wait_http "http://127.0.0.1:$HUB_PORT/actuator/health/readiness" 180 || die "AI Hub did not start: see $1"
    STARTUP_MS=$((($(date +%s%N) - started_ns) / 1000000))
  }
  SCALE_NOTE=
  if [ -n "${BENCH_SCALE:-}" ]; then
    # Scale in data: migrate an empty database, stop, bulk-insert 1M keys and 100k budgets, then measure.
    log "BENCH_SCALE: creating the schema (first start, not measured)"
    start_hub "$WORK/hub/hub-first.log"
    kill "$HUB_PID"; wait "$HUB_PID" 2>/dev/null || true
    unzip -p "$JAR" 'BOOT-INF/lib/h2-*.jar' > "$WORK/hub/h2.jar"
    log "BENCH_SCALE: inserting 1,000 organizations, 1,000,000 API keys, 100,000 budgets"
    seed_started=$SECONDS
    "$JAVA" -cp "$WORK/hub/h2.jar" org.h2.tools.RunScript \
      -url "jdbc:h2:file:$WORK/hub/data/aihub;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
      -user sa -password '' -script "$ROOT/bench/scale/seed-h2.sql" -showResults | tail -2 >&2
    log "BENCH_SCALE: seeded in $((SECONDS - seed_started)) s; database $(du -sh "$WORK/hub/data" | cut -f1)"
    SCALE_NOTE=" with 1,000,000 API keys and 100,000 budgets in the database"
  fi
  AOT_NOTE=
  if [ -n "${BENCH_AOT:-}" ]; then
    # JDK 25 ahead-of-time class cache (JEP 483/514): the jar extracted to plain jars (Spring Boot's
    # "tools" jar mode), one training start that stops after the context refresh, then every start maps
    # the cache. A deployment choice, measured beside the plain `java -jar`.
    log "BENCH_AOT: extracting the jar and training the AOT cache (not measured)"
    rm -rf "$WORK/hub/app" "$WORK/hub/train"
    "$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/hub/app" >/dev/null
    mkdir -p "$WORK/hub/train"
    (cd "$WORK/hub" && AIHUB_DATA_DIR="$WORK/hub/train" AIHUB_MASTER_KEY=$MASTER_KEY SERVER_PORT=0 \
      AIHUB_MODELS_FILE="$WORK/hub/models.yaml" "$JAVA" $AIHUB_JAVA_OPTS -XX:AOTCacheOutput="$WORK/hub/aihub.aot" \
      -Dspring.context.exit=onRefresh -jar "$WORK/hub/app/aihub.jar" > "$WORK/hub/train.log" 2>&1) || log "AOT training failed"
    if [ -f "$WORK/hub/aihub.aot" ]; then
      JAR="$WORK/hub/app/aihub.jar"
      AIHUB_JAVA_OPTS="$AIHUB_JAVA_OPTS -XX:AOTCache=$WORK/hub/aihub.aot"
      AOT_NOTE=", extracted jar + AOT cache"
    fi
  fi
  log "starting AI Hub (H2 data directory $WORK/hub/data; JVM: $AIHUB_JAVA_OPTS)"
  start_hub "$WORK/hub/hub.log"
  log "AI Hub ready in ${STARTUP_MS} ms$SCALE_NOTE$AOT_NOTE"

  api() { # method path body
    curl -sf -X "$1" "http://127.0.0.1:$HUB_PORT$2" -H "Authorization: Bearer $MASTER_KEY" \
      -H 'Content-Type: application/json' -d "$3"
  }
  ORG=$(api POST /api/v1/organizations '{"name":"Bench"}' | json_field id)
  TEAM=$(api POST "/api/v1/organizations/$ORG/teams" '{"name":"bench-team"}' | json_field id)
  KEY_JSON=$(api POST "/api/v1/organizations/$ORG/api-keys" "{\"name\":\"bench\",\"team_id\":\"$TEAM\",
    \"rate_limit_per_minute\":100000000,\"tokens_per_minute\":2000000000,\"monthly_request_quota\":2000000000,
    \"monthly_token_quota\":2000000000,\"max_parallel_requests\":1000}")
  KEY_ID=$(json_field id <<< "$KEY_JSON")
  API_KEY=$(json_field api_key <<< "$KEY_JSON")
  echo "$API_KEY" > "$WORK/hub/api-key"
  api POST "/api/v1/organizations/$ORG/budgets" '{"limit":1000000,"hard_limit":true}' >/dev/null
  api POST "/api/v1/organizations/$ORG/teams/$TEAM/budget" '{"limit":1000000,"hard_limit":true}' >/dev/null
  api POST "/api/v1/organizations/$ORG/api-keys/$KEY_ID/budget" '{"limit":1000000,"hard_limit":true}' >/dev/null
  log "provisioned organization $ORG, team $TEAM, key $KEY_ID: rate limit, quotas, parallel limit, three hard budgets"
fi

# ------------------------------------------------------------------ targets
declare -A URL HEADERS STREAM_URL STREAM_MODEL
URL[direct]="http://127.0.0.1:$UPSTREAM_PORT/v1/chat/completions"
STREAM_URL[direct]="http://127.0.0.1:$UPSTREAM_PORT/sse/v1/chat/completions"
URL[nginx]="http://127.0.0.1:$PROXY_PORT/v1/chat/completions"
STREAM_URL[nginx]="http://127.0.0.1:$PROXY_PORT/sse/v1/chat/completions"
URL[portkey]="http://127.0.0.1:$PORTKEY_PORT/v1/chat/completions"
HEADERS[portkey]="x-portkey-provider: openai|x-portkey-custom-host: http://127.0.0.1:$UPSTREAM_PORT/v1|Authorization: Bearer sk-bench"
STREAM_URL[portkey]="${URL[portkey]}"
URL[aihub]="http://127.0.0.1:$HUB_PORT/v1/chat/completions"
HEADERS[aihub]="Authorization: Bearer ${API_KEY:-none}"
STREAM_URL[aihub]="${URL[aihub]}"
STREAM_MODEL[aihub]=gpt-4o-mini-stream
STREAM_HEADERS_portkey=("x-portkey-provider: openai" "x-portkey-custom-host: http://127.0.0.1:$UPSTREAM_PORT/sse/v1" "Authorization: Bearer sk-bench")
STREAM_HEADERS_aihub=("Authorization: Bearer ${API_KEY:-none}")

if [ -n "$PORTKEY_PID" ]; then
  wait_http "http://127.0.0.1:$PORTKEY_PORT/" 30 || true
fi

available() {
  case $1 in
    portkey) [ -n "$PORTKEY_PID" ] ;;
    aihub) [ -n "$HUB_PID" ] ;;
    *) return 0 ;;
  esac
}

sanity() { # target: one request must answer 200
  local args=() pair
  IFS='|' read -ra pairs <<< "${HEADERS[$1]:-}"
  for pair in "${pairs[@]}"; do [ -n "$pair" ] && args+=(-H "$pair"); done
  curl -s -o "$WORK/sanity-$1.json" -w '%{http_code}' -X POST "${URL[$1]}" -H 'Content-Type: application/json' "${args[@]}" \
    -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}'
}

run_wrk() { # target connections threads duration -> RESULT line
  BENCH_MODEL=gpt-4o-mini BENCH_HEADERS="${HEADERS[$1]:-}" \
    wrk -c"$2" -t"$3" -d"$4" --latency -s "$ROOT/bench/wrk/chat.lua" "${URL[$1]}" > "$WORK/wrk-$1-c$2.txt" 2>&1 || true
  grep '^RESULT' "$WORK/wrk-$1-c$2.txt" || echo "RESULT rps=0 p50=0 p90=0 p99=0 max=0 requests=0 errors=0 non2xx=0"
}

calc() { awk "BEGIN { print $1 }"; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<< "$2"; }

ttfc() { # target -> RESULT line of the streaming probe
  local extra=()
  case $1 in
    portkey) extra=("${STREAM_HEADERS_portkey[@]}") ;;
    aihub) extra=("${STREAM_HEADERS_aihub[@]}") ;;
  esac
  "$JAVA" "$ROOT/bench/probe/FirstChunkProbe.java" "${STREAM_URL[$1]}" "${STREAM_MODEL[$1]:-gpt-4o-mini}" 2000 5000 \
    "${extra[@]}" 2> "$WORK/ttfc-$1.err" | grep '^RESULT' || echo "RESULT p50=0 p99=0 n=0"
}

declare -A C1 C32 TT RSS CPU PID_OF
for t in $TARGETS; do
  available "$t" || { log "$t: not running, skipped"; continue; }
  code=$(sanity "$t")
  [ "$code" = 200 ] || { log "$t: sanity request answered $code ($(head -c 300 "$WORK/sanity-$t.json")), skipped"; continue; }
  log "$t: warm-up $WARMUP at 32 connections"
  run_wrk "$t" 32 2 "$WARMUP" >/dev/null
  log "$t: 1 connection, $DURATION (load $(cut -d' ' -f1 /proc/loadavg))"
  C1[$t]=$(run_wrk "$t" 1 1 "$DURATION")
  case $t in
    direct) PID_OF[$t]=$(cat "$WORK/upstream/nginx.pid") ;;
    nginx) PID_OF[$t]=$(cat "$WORK/proxy/nginx.pid") ;;
    portkey) PID_OF[$t]=$PORTKEY_PID ;;
    aihub) PID_OF[$t]=$HUB_PID ;;
  esac
  log "$t: 32 connections, $DURATION"
  ticks_before=$(cpu_ticks "${PID_OF[$t]}")
  C32[$t]=$(run_wrk "$t" 32 2 "$DURATION")
  ticks=$(($(cpu_ticks "${PID_OF[$t]}") - ticks_before))
  CPU[$t]=$(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" -v r="$(field requests "${C32[$t]}")" \
    'BEGIN { printf "%.0f", (r > 0 ? t / hz * 1e6 / r : 0) }')
  log "$t: streaming time to first chunk"
  TT[$t]=$(ttfc "$t")
  case $t in
    direct) RSS[$t]=$(tree_hwm_kb "$(cat "$WORK/upstream/nginx.pid")") ;;
    nginx) RSS[$t]=$(tree_hwm_kb "$(cat "$WORK/proxy/nginx.pid")") ;;
    portkey) RSS[$t]=$(tree_hwm_kb "$PORTKEY_PID") ;;
    aihub) RSS[$t]=$(hwm_kb "$HUB_PID") ;;
  esac
  log "$t: ${C1[$t]} | ${C32[$t]} | ${TT[$t]}"
done

# ------------------------------------------------------------------ table
D50=$(field p50 "${C1[direct]:-}"); D99=$(field p99 "${C1[direct]:-}")
T50=$(field p50 "${TT[direct]:-}"); T99=$(field p99 "${TT[direct]:-}")
echo
echo "AI Hub bench — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load at end $(cut -d' ' -f1-3 /proc/loadavg), wrk $DURATION per run"
printf '| %-8s | %9s | %9s | %11s | %11s | %10s | %9s | %9s | %8s | %11s | %10s | %8s |\n' target "c1 p50" "c1 p99" \
  "added p50" "added p99" "c32 req/s" "c32 p50" "c32 p99" "CPU/req" "TTFC p50+" "TTFC p99+" "peak RSS"
printf '| %-8s | %9s | %9s | %11s | %11s | %10s | %9s | %9s | %8s | %11s | %10s | %8s |\n' --- --- --- --- --- --- --- --- --- --- --- ---
for t in $TARGETS; do
  [ -n "${C1[$t]:-}" ] || { printf '| %-8s | %s |\n' "$t" "not measured (see log above)"; continue; }
  p50=$(field p50 "${C1[$t]}"); p99=$(field p99 "${C1[$t]}")
  rps=$(field rps "${C32[$t]}"); q50=$(field p50 "${C32[$t]}"); q99=$(field p99 "${C32[$t]}")
  s50=$(field p50 "${TT[$t]}"); s99=$(field p99 "${TT[$t]}")
  printf '| %-8s | %6.3f ms | %6.3f ms | %+8.3f ms | %+8.3f ms | %10.0f | %6.2f ms | %6.2f ms | %5s µs | %+8.3f ms | %+7.3f ms | %5.0f MB |\n' \
    "$t" "$p50" "$p99" "$(calc "$p50 - ${D50:-0}")" "$(calc "$p99 - ${D99:-0}")" "$rps" "$q50" "$q99" "${CPU[$t]}" \
    "$(calc "$s50 - ${T50:-0}")" "$(calc "$s99 - ${T99:-0}")" "$(calc "${RSS[$t]} / 1024")"
done
for t in $TARGETS; do
  e=$(sed -n 's/.*errors=\([0-9]*\) non2xx=\([0-9]*\).*/\1 \2/p' <<< "${C32[$t]:-} ${C1[$t]:-}" | head -1)
  [ -n "$e" ] && [ "$e" != "0 0" ] && echo "warning: $t had socket errors / non-2xx answers: $e (see $WORK/wrk-$t-*.txt)"
done
if [ -n "$STARTUP_MS" ]; then
  if [ -n "${BENCH_SCALE:-}" ]; then
    echo "AI Hub start-up to ready (H2 database${SCALE_NOTE}${AOT_NOTE}): ${STARTUP_MS} ms"
  else
    echo "AI Hub start-up to ready (fresh H2 database, migrations included${AOT_NOTE}): ${STARTUP_MS} ms"
  fi
fi
echo "raw wrk output and logs: $WORK"
if [ -n "${BENCH_HOLD:-}" ]; then
  log "BENCH_HOLD set: servers keep running until this script is stopped"
  while true; do sleep 3600; done
fi
