#!/usr/bin/env bash
# Taskbridge benchmarks. Usage: bench/run.sh [ack|approve|help|tick|poll|memory|startup|all|smoke|serialab|approveab|pgab|startupab|mutation|fuzz]
#
# Builds the jar, starts what the scenario needs on 127.0.0.1, runs a bounded load, stops
# everything it started (trap on EXIT) and prints a table. Results also go to bench/out/.
# Knobs (environment): BENCH_WARMUP (s, 30), BENCH_DURATION (s per measured run, 10),
# BENCH_ROUNDS (interleaved A B C rounds, 2), BENCH_CONNS ("16 64"), BENCH_STARTS (5),
# BENCH_SKIP_BUILD=1 (reuse target/taskbridge.jar), BENCH_JAVA_OPTS (JVM flags for Taskbridge after
# bin/taskbridge's own), BENCH_JAR (the Taskbridge jar to run, default target/taskbridge.jar).
# Taskbridge runs as shipped, through bin/taskbridge; Java processes run on `java` from the PATH:
# PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH bench/run.sh ack measures on JDK 25.
# serialab: Taskbridge from BENCH_JAR_OLD against BENCH_JAR (or target/taskbridge.jar), C only,
# interleaved old new old new (used to judge platform/SerialWrites; not part of 'all'). BENCH_JAVA_OLD
# runs the old side on another JVM (e.g. BENCH_JAR_OLD=target/taskbridge.jar BENCH_JAVA_OLD=<jdk25>/bin/java
# puts one build on JDK 25 beside JDK 17). approveab: the same for Approve clicks. pgab: /task add on
# PostgreSQL, the two builds on one embedded server, a database each. startupab: start-up of the two
# builds, launched in turn BENCH_STARTS times each (median ms and the CPU used to the first 200).
# BENCH_CHANNELS (1): the channels approve's and approveab's tasks are spread over; posts to one
# channel are paced at about one a second, so with one channel the outbox hardly delivers during a
# run, and with a thousand its deliveries compete with the clicks (see the "Slack calls/s" column).
# fuzz: the jqwik properties (src/test/java/io/taskbridge/fuzz) for BENCH_FUZZ_SECONDS (600), in rounds
# of BENCH_FUZZ_TRIES (2000) tries per property, each round with new random seeds; stops at the first
# failure (jqwik prints the shrunk input and its seed). Not part of 'all' or 'smoke'.
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
OUT=$BENCH/out
SCENARIO=${1:-all}
SECRET=bench-signing-secret-0123456789abcdef
PORT_A=${BENCH_PORT_A:-3100}
PORT_B=${BENCH_PORT_B:-3101}
PORT_C=${BENCH_PORT_C:-3102}
PORT_SLACK=${BENCH_PORT_SLACK:-3199}
JAR=${BENCH_JAR:-$ROOT/target/taskbridge.jar}
PORT_C2=${BENCH_PORT_C2:-3103}
PORT_PG=${BENCH_PORT_PG:-3198}
PG_ADMIN_KEY=bench-pg-admin-key

if [ "$SCENARIO" = smoke ]; then
  WARMUP=${BENCH_WARMUP:-2}; DURATION=${BENCH_DURATION:-3}; ROUNDS=${BENCH_ROUNDS:-1}
  CONNS=${BENCH_CONNS:-16}; STARTS=${BENCH_STARTS:-1}; XMX_STEPS=${BENCH_XMX_STEPS:-128}; SETTLE_LIMIT=60
  TICK_ARGS=${BENCH_TICK_ARGS:-"2000,20000 200 2 SQLITE,POSTGRES"}; POLL_ARGS=${BENCH_POLL_ARGS:-"2000 20 1 SQLITE"}
  WARM_SIGNED=20000; SIGNED_PER_S=10000; QUICK=1
else
  WARMUP=${BENCH_WARMUP:-30}; DURATION=${BENCH_DURATION:-10}; ROUNDS=${BENCH_ROUNDS:-2}
  CONNS=${BENCH_CONNS:-"16 64"}; STARTS=${BENCH_STARTS:-5}; XMX_STEPS=${BENCH_XMX_STEPS:-"128 96 64 48 32"}
  SETTLE_LIMIT=${BENCH_SETTLE_LIMIT:-180}
  TICK_ARGS=${BENCH_TICK_ARGS:-"10000,1000000 1000 5 SQLITE,POSTGRES"}; POLL_ARGS=${BENCH_POLL_ARGS:-"100000 100 5 SQLITE"}
  WARM_SIGNED=200000; SIGNED_PER_S=40000; QUICK=0
fi
JAVA_OPTS=${BENCH_JAVA_OPTS:-}
CHANNELS=${BENCH_CHANNELS:-1}
FAILED=0
CHECKS_PASSED=0
CHECKS_FAILED=0
# check OK? WHAT: counts one assertion for the closing "N passed, N failed" line.
check() {
  if [ "$1" = ok ]; then CHECKS_PASSED=$((CHECKS_PASSED + 1)); else CHECKS_FAILED=$((CHECKS_FAILED + 1)); FAILED=1; note "FAILED: $2"; fi
}

mkdir -p "$OUT/logs" "$OUT/tmp"
REPORT=$OUT/report-$SCENARIO.md
: >"$REPORT"

# ---------------------------------------------------------------- processes we started
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { printf '%s\n' "$*" | tee -a "$REPORT"; }
note() { printf '  .. %s\n' "$*" >&2; }

# start NAME CMD...: runs CMD in the background, output to out/logs/NAME.log; sets LAST_PID.
start() {
  local name=$1; shift
  "$@" >"$OUT/logs/$name.log" 2>&1 &
  LAST_PID=$!
  PIDS+=("$LAST_PID")
}

# stop PID: SIGTERM, and SIGKILL after 10 s (a JVM that ran out of memory may never finish exiting).
stop() {
  local pid=$1 i
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# wait_http URL SECONDS: waits for a 200.
wait_http() {
  local url=$1 limit=$2 i
  for ((i = 0; i < limit * 20; i++)); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" 2>/dev/null)" = 200 ] && return 0
    sleep 0.05
  done
  echo "no 200 from $url within ${limit}s" >&2
  return 1
}

# ---------------------------------------------------------------- build
ensure_tools() {
  local need=()
  command -v wrk >/dev/null || need+=(wrk)
  command -v node >/dev/null || need+=(nodejs npm)
  command -v curl >/dev/null || need+=(curl)
  command -v sqlite3 >/dev/null || need+=(sqlite3)
  if [ ${#need[@]} -gt 0 ]; then
    note "installing ${need[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
}

build() {
  ensure_tools
  if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$JAR" ]; then
    note "building the jar"
    (cd "$ROOT" && mvn -q -B clean package -DskipTests)
  fi
  if [ ! -f "$OUT/cp.txt" ] || [ "$ROOT/pom.xml" -nt "$OUT/cp.txt" ]; then
    (cd "$ROOT" && mvn -q -B dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null)
  fi
  if [ ! -f "$OUT/cp-test.txt" ] || [ "$ROOT/pom.xml" -nt "$OUT/cp-test.txt" ]; then
    (cd "$ROOT" && mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/cp-test.txt" >/dev/null)
  fi
  if [ ! -d "$ROOT/target/test-classes/io" ]; then
    (cd "$ROOT" && mvn -q -B test-compile)
  fi
  CP=$(cat "$OUT/cp.txt")
  # TickBench and PollBench run the service's own classes and its test fakes (FakeWorkiva, Databases).
  TEST_CP="$ROOT/target/classes:$ROOT/target/test-classes:$(cat "$OUT/cp-test.txt")"
  mkdir -p "$OUT/classes"
  javac -nowarn -d "$OUT/classes" -cp "$TEST_CP" "$BENCH"/src/*.java
  BENCH_CP="$OUT/classes:$CP"
  # The bench's own JVMs log warnings only (logback's default is DEBUG, one line per request).
  LOG_OPT="-Dlogback.configurationFile=$BENCH/logback-bench.xml"
}

ensure_peers() {
  if [ ! -d "$BENCH/peers/node_modules/@slack/bolt" ]; then
    note "installing @slack/bolt for the peer app"
    (cd "$BENCH/peers" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}

# ---------------------------------------------------------------- servers
start_fake_slack() {
  start fake-slack env PORT=$PORT_SLACK java -Xmx256m "$LOG_OPT" -cp "$BENCH_CP" FakeSlackApi
  FAKE_PID=$LAST_PID
  wait_http "http://127.0.0.1:$PORT_SLACK/healthz" 30
}

start_a() {
  start server-A env PORT=$PORT_A java "$LOG_OPT" -cp "$BENCH_CP" BareJavalin
  PID_A=$LAST_PID
  wait_http "http://127.0.0.1:$PORT_A/healthz" 30
}

start_b() {
  start server-B env PORT=$PORT_B SLACK_SIGNING_SECRET=$SECRET SLACK_API_URL="http://127.0.0.1:$PORT_SLACK/api/" node "$BENCH/peers/bolt-app.js"
  PID_B=$LAST_PID
  wait_http "http://127.0.0.1:$PORT_B/healthz" 30
}

# start_c [extra java flags...]: Taskbridge on a fresh SQLite file, Slack pointed at the fake.
start_c() {
  DB_C=$OUT/tmp/taskbridge-c.db
  start_taskbridge server-C "$PORT_C" "$DB_C" "$JAR" "$@"
  PID_C=$LAST_PID
}

# shipped NAME JAR JAVA [java flags...]: sets SHIPPED to the command that runs JAR as bin/taskbridge
# runs it (what the Procfile and the README run): its JVM flags and environment, then BENCH_JAVA_OPTS
# and these flags (JAVA_OPTS to it), on the JDK of JAVA, with a class-data archive of its own for NAME
# (under out/tmp, with the launcher's native library and schema copies beside it). The archive is
# made first, as bin/taskbridge --train (what mvn package runs), so that its few seconds are not part
# of the start; without one the launcher would run a start unlike the shipped one, so the run fails.
# An experiment with another collector turns the launcher's off: -XX:-UseSerialGC -XX:+UseG1GC.
shipped() {
  local name=$1 jar=$2 java=$3 home
  shift 3
  home=$(dirname "$(dirname "$(readlink -f "$(command -v "$java")")")")
  SHIPPED=(env JAVA_HOME="$home" TASKBRIDGE_JAR="$jar" TASKBRIDGE_CDS_ARCHIVE="$OUT/tmp/$name.cds"
    JAVA_OPTS="$JAVA_OPTS $*" "$ROOT/bin/taskbridge")
  rm -f "$OUT/tmp/$name.cds" "$OUT/tmp/$name.cds.id"
  "${SHIPPED[@]}" --train >"$OUT/logs/train-$name.log" 2>&1 || true
  [ -s "$OUT/tmp/$name.cds" ] || check no "bin/taskbridge --train made no archive for $name (see $OUT/logs/train-$name.log)"
}

# start_taskbridge LOGNAME PORT DBFILE JAR [java flags...]: on TB_JAVA, else `java` on the PATH.
start_taskbridge() {
  local name=$1 port=$2 db=$3 jar=$4
  shift 4
  rm -f "$db" "$db-wal" "$db-shm"
  shipped "$name" "$jar" "${TB_JAVA:-java}" "$@"
  start "$name" env PORT=$port TASKBRIDGE_DB_URL="jdbc:sqlite:$db" \
    SLACK_SIGNING_SECRET=$SECRET SLACK_BOT_TOKEN=xoxb-bench SLACK_API_URL="http://127.0.0.1:$PORT_SLACK/api/" \
    "${SHIPPED[@]}"
  wait_http "http://127.0.0.1:$port/healthz" 60
}

port_of() { case $1 in A) echo $PORT_A ;; B) echo $PORT_B ;; C | new | P) echo $PORT_C ;; old) echo $PORT_C2 ;; esac; }

# ---------------------------------------------------------------- load
# sign COUNT: writes a fresh pre-signed request file (timestamps now, so within Slack's 5 minutes).
SIGN_RUN=0
sign() {
  SIGN_RUN=$((SIGN_RUN + 1))
  SIGNED=$OUT/tmp/signed-$SIGN_RUN.txt
  SLACK_SIGNING_SECRET=$SECRET BENCH_KIND=${SIGN_KIND:-command} BENCH_FIRST_ID=${SIGN_FIRST:-1} \
    java -cp "$BENCH_CP" SignRequests "$SIGNED" "$1" "run$$-$SIGN_RUN" \
    "http://127.0.0.1:$PORT_SLACK/response/bench"
}

# load SERVER CONNS SECONDS COUNT: one wrk thread; sets R_* from the RESULT line.
load() {
  local server=$1 conns=$2 secs=$3 count=$4 port line
  port=$(port_of "$server")
  sign "$count"
  line=$(wrk -t1 -c"$conns" -d"${secs}s" --timeout 5s -s "$BENCH/wrk/slack.lua" \
    "http://127.0.0.1:$port/slack/events" -- "$SIGNED" | grep '^RESULT' || true)
  rm -f "$SIGNED"
  [ -n "$line" ] || { echo "wrk printed no RESULT for $server" >&2; return 1; }
  eval "$(echo "${line#RESULT }" | tr ' ' '\n' | sed 's/^/R_/')"
  R_RPS=$(awk -v r="$R_requests" -v d="$R_duration_us" 'BEGIN { printf "%.0f", r / (d / 1e6) }')
}

# warm SERVER [COUNT]: the load before a scenario's measured runs (64 connections for WARMUP seconds,
# COUNT signed requests, WARM_SIGNED unless given), its result not kept.
warm() {
  note "warming $1 for ${WARMUP}s"
  load "$1" 64 "$WARMUP" "${2:-$WARM_SIGNED}" >/dev/null
}

fake_stat() { curl -s "http://127.0.0.1:$PORT_SLACK/stats" | awk -F= -v k="$1" '$1 == k { print $2 }' | grep . || echo 0; }
# Every Web API call and response_url post the fake Slack has answered (what the outboxes delivered).
slack_calls() { curl -s "http://127.0.0.1:$PORT_SLACK/stats" | awk -F= '$1 != "busy_replies" { n += $2 } END { print n + 0 }'; }
# tasks_stored [DBFILE] / busy_acks [LOGNAME]: default Taskbridge C.
tasks_stored() { sqlite3 "file:${1:-$DB_C}?mode=ro" "SELECT count(*) FROM tasks" 2>/dev/null || echo "?"; }
sql_c() { sqlite3 "file:${2:-$DB_C}?mode=ro" "$1" 2>/dev/null || echo "?"; }
busy_acks() { grep -c -e 'work queue is full' -e 'could not record a Slack request' "$OUT/logs/${1:-server-C}.log" || true; }

# quiesce [DBFILE] [SQL]: waits until SQL (default: the task count) stops changing for a second
# (work queued after the ack done), then deletes the pending outbox rows. Posts to one channel are
# paced as Slack requires (outbox/ChannelPacer: about one a second), so a benchmark's thousands of
# posts would take hours to drain and the growing backlog would tax later runs; each run starts
# without one. Prints how many rows it deleted. Gives up waiting after SETTLE_LIMIT seconds.
quiesce() {
  local db=${1:-$DB_C} q=${2:-SELECT count(*) FROM tasks} last=-1 now i
  for ((i = 0; i < SETTLE_LIMIT * 2; i++)); do
    now=$(sql_c "$q" "$db")
    [ "$now" = "$last" ] && break
    last=$now
    sleep 0.5
  done
  sqlite3 "$db" "PRAGMA busy_timeout=10000; DELETE FROM outbox WHERE state = 'pending'; SELECT changes();" 2>/dev/null | tail -1
}

# The 1-minute load average: this machine is shared, and a busy neighbour halves every number.
load1() { cut -d' ' -f1 /proc/loadavg; }

rss_peak_mb() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?"; }

# say_jvm: which JVMs run C (TB_JAVA, else `java` on the PATH) and A (`java`): on JDK 24 and later C
# serves requests on virtual threads, so a ratio means little without it.
say_jvm() {
  say ""
  say "- C runs on: $("${TB_JAVA:-java}" -version 2>&1 | sed -n 2p); A on: $(java -version 2>&1 | sed -n 2p)"
}

# ---------------------------------------------------------------- scenario 1
scenario_ack() {
  say ""
  say "## 1. Slash-command ack (/task add), wrk -t1, ${WARMUP}s warm-up, ${DURATION}s runs, interleaved A B C x $ROUNDS"
  say_jvm
  ensure_peers
  start_fake_slack
  start_a; start_b; start_c
  local s
  for s in A B C; do
    warm "$s"
    if [ "$s" = C ]; then quiesce >/dev/null; fi
  done
  local rows=$OUT/tmp/ack-rows.txt conns round
  : >"$rows"
  say ""
  say "| server | conns | round | load1 | req/s | p50 ms | p99 ms | non-2xx | socket err | busy acks | distinct triggers | tasks stored | tasks stored/s | posts queued, not yet sent |"
  say "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  for conns in $CONNS; do
    for ((round = 1; round <= ROUNDS; round++)); do
      for s in A B C; do
        local before_tasks before_busy stored=- busy=- l1 rate=- queued=-
        l1=$(load1)
        if [ "$s" = C ]; then before_tasks=$(tasks_stored); before_busy=$(busy_acks); fi
        load "$s" "$conns" "$DURATION" $((SIGNED_PER_S * DURATION))
        if [ "$s" = C ]; then
          queued=$(quiesce)
          stored=$(($(tasks_stored) - before_tasks))
          busy=$(($(busy_acks) - before_busy))
          rate=$(awk -v n="$stored" -v d="$R_duration_us" 'BEGIN { printf "%.0f", n / (d / 1e6) }')
        fi
        say "| $s | $conns | $round | $l1 | $R_RPS | $(ms "$R_p50_us") | $(ms "$R_p99_us") | $R_non2xx | $R_sock_errors | $busy | $R_distinct | $stored | $rate | $queued |"
        echo "$s $conns $R_RPS $R_p50_us $R_p99_us $R_non2xx $R_sock_errors ${busy/-/0} ${rate/-/0}" >>"$rows"
        if [ "$R_non2xx" != 0 ] || [ "$R_sock_errors" != 0 ]; then check no "$s at $conns conns had errors"; else check ok; fi
      done
    done
  done
  PEAK_A=$(rss_peak_mb "$PID_A"); PEAK_B=$(rss_peak_mb "$PID_B"); PEAK_C=$(rss_peak_mb "$PID_C")
  say ""
  say "busy acks: 200s whose body says Taskbridge is too busy and changed nothing (its after-ack queue of 1,000 was full)."
  say "They count as req/s for wrk but are not tasks: compare 'tasks stored' with 'distinct triggers'."
  say "A local /task add by a user whose zone is cached is stored before its ack, so tasks stored/s is C's real rate."
  say "Its Slack posts are queued in the outbox and paced at about one a second per channel (all runs use one"
  say "channel): the harness deletes that backlog after each run (last column) so runs start alike."
  say ""
  say "Mean over rounds, and the ratios (targets: C/B >= 2 on req/s with a lower p99; C/A >= 0.5):"
  say ""
  ratio_table "$rows" "C tasks stored/s"

  say ""
  say "Peak RSS during scenario 1 (VmHWM): A ${PEAK_A} MB, B ${PEAK_B} MB, C ${PEAK_C} MB" \
      "(fake Slack $(rss_peak_mb "$FAKE_PID") MB, not counted)."
  say "Slack calls C made: chat.postMessage=$(fake_stat chat.postMessage), response_url=$(fake_stat response_url)," \
      "users.info=$(fake_stat users.info), auth.test=$(fake_stat auth.test); tasks stored in total: $(tasks_stored)."
  stop "$PID_A"; stop "$PID_C"

  say ""
  say "C on embedded PostgreSQL (P; same jar and request, ${WARMUP}s warm-up, B's req/s from the runs above):"
  say ""
  start_c_pg
  say "The server is durable, as the target asks: $PG_SETTINGS."
  say ""
  say "| server | conns | round | load1 | req/s | p50 ms | p99 ms | non-2xx | socket err | tasks stored | tasks stored/s |"
  say "|---|---|---|---|---|---|---|---|---|---|---|"
  warm P
  for conns in $CONNS; do
    for ((round = 1; round <= ROUNDS; round++)); do
      local bt stored rate l1
      l1=$(load1); bt=$(tasks_stored_pg)
      load P "$conns" "$DURATION" $((SIGNED_PER_S * DURATION))
      sleep 1
      stored=$(($(tasks_stored_pg) - bt))
      rate=$(awk -v n="$stored" -v d="$R_duration_us" 'BEGIN { printf "%.0f", n / (d / 1e6) }')
      say "| P | $conns | $round | $l1 | $R_RPS | $(ms "$R_p50_us") | $(ms "$R_p99_us") | $R_non2xx | $R_sock_errors | $stored | $rate |"
      echo "P $conns $R_RPS $R_p50_us $R_p99_us $R_non2xx $R_sock_errors 0 $rate" >>"$rows"
      if [ "$R_non2xx" != 0 ] || [ "$R_sock_errors" != 0 ]; then check no "P at $conns conns had errors"; else check ok; fi
    done
  done
  stop "$PID_C"; stop "$PID_PG"; stop "$PID_B"; stop "$FAKE_PID"
  ratio_line "$rows" ack
}

# start_pg [DATABASE...]: an embedded PostgreSQL (bench/src/EmbeddedPg.java) with these databases
# beside "postgres".
start_pg() {
  start embedded-pg java -Xmx256m -cp "$OUT/classes:$TEST_CP" EmbeddedPg "$PORT_PG" "$@"
  PID_PG=$LAST_PID
  local i
  for ((i = 0; i < 600; i++)); do grep -q '^JDBC ' "$OUT/logs/embedded-pg.log" 2>/dev/null && break; sleep 0.1; done
  PG_SETTINGS=$(sed -n 's/^SETTINGS //p' "$OUT/logs/embedded-pg.log")
  case "$PG_SETTINGS" in
    "fsync=on synchronous_commit=on") check ok ;;
    *) check no "embedded PostgreSQL is not durable: ${PG_SETTINGS:-its settings were not printed}" ;;
  esac
}

# start_taskbridge_pg NAME PORT DATABASE JAR [JAVA]: Taskbridge on the embedded PostgreSQL's DATABASE.
start_taskbridge_pg() {
  shipped "$1" "$4" "${5:-java}"
  start "$1" env PORT=$2 TASKBRIDGE_DB_URL="jdbc:postgresql://127.0.0.1:$PORT_PG/$3" \
    TASKBRIDGE_DB_USER=postgres TASKBRIDGE_DB_PASSWORD=postgres TASKBRIDGE_ADMIN_KEY=$PG_ADMIN_KEY \
    SLACK_SIGNING_SECRET=$SECRET SLACK_BOT_TOKEN=xoxb-bench SLACK_API_URL="http://127.0.0.1:$PORT_SLACK/api/" \
    "${SHIPPED[@]}"
  wait_http "http://127.0.0.1:$2/healthz" 90
}

# start_c_pg: an embedded PostgreSQL and Taskbridge C on it, on C's port.
start_c_pg() {
  start_pg
  start_taskbridge_pg server-C-pg "$PORT_C" postgres "$JAR"
  PID_C=$LAST_PID
}

# tasks_stored_pg [PORT]: a Taskbridge-on-PostgreSQL's task count (default C's), through its REST API (no psql needed).
tasks_stored_pg() {
  curl -s -H "Authorization: Bearer $PG_ADMIN_KEY" "http://127.0.0.1:${1:-$PORT_C}/v1/tasks?limit=1" \
    | sed -n 's/.*"total":\([0-9]*\).*/\1/p' | grep . || echo 0
}

# ratio_line ROWS NAME: the scenario's one machine-readable line, per conns: C/A, C/B and p99s (ms),
# and, when ROWS has them (server P), C on PostgreSQL against B.
ratio_line() {
  local line="" conns part
  for conns in $CONNS; do
    part=$(awk -v c="$conns" '
      $2 == c { n[$1]++; rps[$1] += $3; p99[$1] += $5 }
      END {
        for (s in n) { rps[s] /= n[s]; p99[s] /= n[s] }
        ca = (rps["A"] > 0) ? rps["C"] / rps["A"] : 0
        cb = (rps["B"] > 0) ? rps["C"] / rps["B"] : 0
        printf "conns=%s C/A=%.2f C/B=%.2f p99C=%.1f p99B=%.1f", c, ca, cb, p99["C"] / 1000, p99["B"] / 1000
        if (n["P"] > 0) { pb = (rps["B"] > 0) ? rps["P"] / rps["B"] : 0; printf " Cpg/B=%.2f p99Cpg=%.1f", pb, p99["P"] / 1000 }
      }' "$1")
    line="${line:+$line; }$part"
  done
  say ""
  say "$2 ratios: $line"
}

# ratio_table ROWS LABEL: means over rounds per conns, C/A and C/B (ROWS: server conns rps p50 p99 non2xx sock busy done).
ratio_table() {
  say "| conns | A req/s | B req/s | C req/s | $2 | A p99 ms | B p99 ms | C p99 ms | C/A | C/B | C done/B | p99 C < B |"
  say "|---|---|---|---|---|---|---|---|---|---|---|---|"
  for conns in $CONNS; do
    awk -v c="$conns" '
      $2 == c { n[$1]++; rps[$1] += $3; p99[$1] += $5; done[$1] += $9 }
      END {
        for (s in n) { rps[s] /= n[s]; p99[s] /= n[s]; done[s] /= n[s] }
        printf "| %s | %.0f | %.0f | %.0f | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %s |\n", c,
          rps["A"], rps["B"], rps["C"], done["C"], p99["A"] / 1000, p99["B"] / 1000, p99["C"] / 1000,
          rps["C"] / rps["A"], rps["C"] / rps["B"], done["C"] / rps["B"], (p99["C"] < p99["B"]) ? "yes" : "no"
      }' "$1" | tee -a "$REPORT"
  done
}

ms() { awk -v u="$1" 'BEGIN { printf "%.2f", u / 1000 }'; }

# ---------------------------------------------------------------- scenario 5
scenario_memory() {
  say ""
  say "## 5. Memory: smallest -Xmx that holds scenario 1's load on C, run by bin/taskbridge with its class-data archive (64 conns, ${DURATION}s after ${WARMUP}s warm-up)"
  say ""
  say "| -Xmx | req/s | p99 ms | non-2xx | socket err | busy acks | OutOfMemoryError | peak RSS MB | verdict |"
  say "|---|---|---|---|---|---|---|---|---|"
  start_fake_slack
  local x smallest=none verdict oom busy
  for x in $XMX_STEPS; do
    start_c "-Xmx${x}m"
    warm C || true
    quiesce >/dev/null
    local before_busy; before_busy=$(busy_acks)
    if load C 64 "$DURATION" $((SIGNED_PER_S * DURATION)); then
      quiesce >/dev/null
      busy=$(($(busy_acks) - before_busy))
      oom=$(grep -c OutOfMemoryError "$OUT/logs/server-C.log" || true)
      verdict=held
      if [ "$R_non2xx" != 0 ] || [ "$R_sock_errors" != 0 ] || [ "$oom" != 0 ]; then verdict=failed; fi
      say "| ${x}m | $R_RPS | $(ms "$R_p99_us") | $R_non2xx | $R_sock_errors | $busy | $oom | $(rss_peak_mb "$PID_C") | $verdict |"
    else
      verdict=failed
      say "| ${x}m | - | - | - | - | - | - | $(rss_peak_mb "$PID_C") | failed (no result) |"
    fi
    stop "$PID_C"
    [ "$verdict" = held ] && smallest=${x}m
    [ "$verdict" = held ] || break
  done
  say ""
  say "Smallest -Xmx tried that held the load: $smallest (target: 128m)."
  if [ "$smallest" != none ]; then check ok; else check no "no -Xmx held the load"; fi
  stop "$FAKE_PID"
}

# ---------------------------------------------------------------- scenario 6
# launch_once COMMAND...: prints milliseconds from launch to the first 200 from /healthz.
launch_once() {
  local db=$OUT/tmp/startup.db t0 t1 pid i
  rm -f "$db" "$db-wal" "$db-shm"
  t0=$(date +%s%N)
  env PORT=$PORT_C TASKBRIDGE_DB_URL="jdbc:sqlite:$db" SLACK_SIGNING_SECRET=$SECRET SLACK_BOT_TOKEN=xoxb-bench \
    SLACK_API_URL="http://127.0.0.1:$PORT_SLACK/api/" TASKBRIDGE_JAR="$JAR" TASKBRIDGE_CDS_ARCHIVE="$STARTUP_JSA" \
    "$@" >"$OUT/logs/startup.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  for ((i = 0; i < 6000; i++)); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT_C/healthz" 2>/dev/null)" = 200 ]; then
      t1=$(date +%s%N)
      break
    fi
    sleep 0.005
  done
  # The CPU the process had used by then (user + system, ms), for startupab.
  awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$pid/stat" >"$OUT/tmp/launch.cpu" 2>/dev/null || true
  stop "$pid"
  [ -n "${t1:-}" ] || { echo "no 200 from /healthz" >&2; return 1; }
  echo $(((t1 - t0) / 1000000))
}

stats_ms() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1; s += $1 } END { printf "%d | %d | %d | %d", v[1], v[int((NR + 1) / 2)], v[NR], s / NR }'; }

# launch_row LABEL [--fresh-archive] COMMAND...: STARTS launches, one table row (--fresh-archive: none at each launch).
# Sets R_median to the row's median in ms.
launch_row() {
  local label=$1 fresh=0 runs="" i
  shift
  [ "$1" = --fresh-archive ] && { fresh=1; shift; }
  for ((i = 0; i < STARTS; i++)); do
    [ "$fresh" = 1 ] && rm -f "$STARTUP_JSA" "$STARTUP_JSA.id"
    runs+=" $(launch_once "$@")"
  done
  R_median=$(echo "$runs" | tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  say "| $label | $(echo "$runs" | stats_ms) |"
}

# The newest JDK 25 or later on this machine (BENCH_JAVA25 to choose one), for the side-by-side rows.
java25_home() {
  local home
  if [ -n "${BENCH_JAVA25:-}" ]; then echo "$BENCH_JAVA25"; return; fi
  for home in /usr/lib/jvm/*; do
    if [ -x "$home/bin/java" ] && "$home/bin/java" -version 2>&1 | sed -n 1p | grep -q '"\(2[5-9]\|[3-9][0-9]\)'; then echo "$home"; fi
  done | sort | tail -1
}

scenario_startup() {
  STARTUP_JSA=$OUT/tmp/taskbridge.jsa
  local launcher=$ROOT/bin/taskbridge t0
  say ""
  say "## 6. Start-up: launch to the first 200 from /healthz (fresh SQLite file each launch, Slack configured), $STARTS launches"
  say ""
  say "| launch | min ms | median ms | max ms | mean ms |"
  say "|---|---|---|---|---|"
  launch_once java -jar "$JAR" >/dev/null # page cache
  launch_row "java -jar (plain JVM)" java -jar "$JAR"
  check ok
  launch_row "bin/taskbridge without its archive (TASKBRIDGE_CDS=off: its flags only)" env TASKBRIDGE_CDS=off "$launcher"
  # The archive as mvn package makes it (bin/taskbridge --train), here beside the bench's other files.
  rm -f "$STARTUP_JSA" "$STARTUP_JSA.id"
  t0=$(date +%s%N)
  TASKBRIDGE_JAR="$JAR" TASKBRIDGE_CDS_ARCHIVE="$STARTUP_JSA" "$launcher" --train 2>/dev/null || true
  local train_ms=$((($(date +%s%N) - t0) / 1000000))
  if [ -s "$STARTUP_JSA" ]; then
    launch_row "bin/taskbridge (shipped: those flags + class-data archive from mvn package)" "$launcher"
    T17=$R_median
    [ "$QUICK" = 1 ] || launch_row "bin/taskbridge on a new build, no archive yet (makes it first)" --fresh-archive "$launcher"
    archive_note="Archive: $(du -m "$STARTUP_JSA" | cut -f1) MB, made in $train_ms ms (bin/taskbridge --train, as mvn package runs it)."
    check ok
  else
    say "| bin/taskbridge | archive was not made (see $STARTUP_JSA.log) |"
    check no "bin/taskbridge --train made no archive"
  fi
  local t17=${T17:-none} t25=none bolt
  # The same launcher on JDK 25 (its AOT cache, JEP 483/514/515, in place of the CDS archive).
  local j25
  j25=$(java25_home)
  if [ -n "$j25" ]; then
    STARTUP_JSA=$OUT/tmp/taskbridge.aot
    rm -f "$STARTUP_JSA" "$STARTUP_JSA.id"
    t0=$(date +%s%N)
    JAVA_HOME=$j25 TASKBRIDGE_JAR="$JAR" TASKBRIDGE_CDS_ARCHIVE="$STARTUP_JSA" "$launcher" --train 2>/dev/null || true
    train_ms=$((($(date +%s%N) - t0) / 1000000))
    launch_row "JDK 25: bin/taskbridge without its cache (TASKBRIDGE_CDS=off)" env JAVA_HOME="$j25" TASKBRIDGE_CDS=off "$launcher"
    if [ -s "$STARTUP_JSA" ]; then
      launch_row "JDK 25: bin/taskbridge (those flags + AOT cache, made in $train_ms ms, $(du -m "$STARTUP_JSA" | cut -f1) MB)" \
        env JAVA_HOME="$j25" "$launcher"
      t25=$R_median
      check ok
    else
      say "| JDK 25: bin/taskbridge | AOT cache was not made (see $STARTUP_JSA.log) |"
      check no "bin/taskbridge --train made no AOT cache on JDK 25"
    fi
  fi
  # Side by side: Bolt for JavaScript's smallest app (server B of scenario 1) to its first 200.
  ensure_peers
  launch_row "Bolt for JavaScript (peer B, node)" node "$BENCH/peers/bolt-app.js"
  bolt=$R_median
  check ok
  say ""
  say "${archive_note:-}"
  say ""
  say "Target: <= 1200 ms, and no slower than Bolt for JavaScript."
  say ""
  say "startup ratios: jdk17=${t17}ms jdk25=${t25}ms boltjs=${bolt}ms jdk17/boltjs=$(awk -v a="$t17" -v b="$bolt" 'BEGIN { printf "%.2f", a / b }') jdk25/boltjs=$(awk -v a="$t25" -v b="$bolt" 'BEGIN { if (a == "none") print "none"; else printf "%.2f", a / b }')"
}

# startupab: the start-up of two builds (BENCH_JAR_OLD against BENCH_JAR), each through this
# checkout's bin/taskbridge with an archive made for it first (as mvn package makes it), launched in
# turn old new old new, BENCH_STARTS times each: the median ms to the first 200 from /healthz, and
# the CPU the JVM had used by then. A change to the launcher itself needs the old checkout's bin/.
scenario_startupab() {
  local old=${BENCH_JAR_OLD:?set BENCH_JAR_OLD to the jar to compare against} launcher=$ROOT/bin/taskbridge s i
  say ""
  say "## A/B: start-up of two builds (BENCH_JAR_OLD vs BENCH_JAR), launch to the first 200 from /healthz, old new x $STARTS"
  say ""
  say "- old: $old"
  say "- new: $JAR"
  say "- JVM: $(java -version 2>&1 | sed -n 2p)"
  declare -A jar=([old]=$old [new]=$JAR) ms=() cpu=()
  for s in old new; do
    rm -f "$OUT/tmp/startup-$s.cds" "$OUT/tmp/startup-$s.cds.id"
    TASKBRIDGE_JAR="${jar[$s]}" TASKBRIDGE_CDS_ARCHIVE="$OUT/tmp/startup-$s.cds" "$launcher" --train >/dev/null 2>&1 || true
    [ -s "$OUT/tmp/startup-$s.cds" ] || check no "bin/taskbridge --train made no archive for $s"
    JAR=${jar[$s]} STARTUP_JSA=$OUT/tmp/startup-$s.cds launch_once "$launcher" >/dev/null # page cache
  done
  for ((i = 0; i < STARTS; i++)); do
    for s in old new; do
      ms[$s]+=" $(JAR=${jar[$s]} STARTUP_JSA=$OUT/tmp/startup-$s.cds launch_once "$launcher")"
      cpu[$s]+=" $(cat "$OUT/tmp/launch.cpu")"
    done
  done
  say ""
  say "| build | min ms | median ms | max ms | mean ms | mean CPU ms |"
  say "|---|---|---|---|---|---|"
  declare -A median=() mean_cpu=()
  for s in old new; do
    local stats; stats=$(echo "${ms[$s]}" | stats_ms)
    median[$s]=$(echo "$stats" | cut -d'|' -f2)
    mean_cpu[$s]=$(echo "${cpu[$s]}" | tr ' ' '\n' | grep . | awk '{ t += $1 } END { printf "%d", t / NR }')
    say "| $s | $stats | ${mean_cpu[$s]} |"
  done
  check ok
  say ""
  say "startupab ratios: median new/old=$(awk -v a="${median[new]}" -v b="${median[old]}" 'BEGIN { printf "%.2f", a / b }') cpu new/old=$(awk -v a="${mean_cpu[new]}" -v b="${mean_cpu[old]}" 'BEGIN { printf "%.2f", a / b }')"
}

# ---------------------------------------------------------------- A/B of two builds
# Two Taskbridge builds side by side (old on PORT_C2, new on PORT_C), each on its own fresh SQLite
# file, warmed alike, then measured old new old new at each connection count.
scenario_serialab() {
  ab_start "/task add"
  ab_runs "SELECT count(*) FROM tasks" "$WARM_SIGNED" $((SIGNED_PER_S * DURATION)) "tasks stored" optional
  ab_stop
}

# pgab: /task add on two builds (BENCH_JAR_OLD against BENCH_JAR) on one embedded PostgreSQL, each
# build on its own database, interleaved old new: the A/B of a change to PostgreSQL's write path.
scenario_pgab() {
  local old=${BENCH_JAR_OLD:?set BENCH_JAR_OLD to the jar to compare against} s conns round
  say ""
  say "## A/B: /task add on PostgreSQL, two builds (BENCH_JAR_OLD vs BENCH_JAR), ${WARMUP}s warm-up, ${DURATION}s runs, old new x $ROUNDS"
  say ""
  say "- old: $old"
  say "- new: $JAR"
  start_fake_slack
  start_pg old
  say "- PostgreSQL: $PG_SETTINGS"
  start_taskbridge_pg server-old-pg "$PORT_C2" old "$old" "${BENCH_JAVA_OLD:-java}"; PID_OLD=$LAST_PID
  start_taskbridge_pg server-C-pg "$PORT_C" postgres "$JAR"; PID_C=$LAST_PID
  for s in old new; do warm "$s"; done
  say ""
  say "| build | conns | round | load1 | req/s | p50 ms | p99 ms | non-2xx | socket err | tasks stored | tasks stored/s |"
  say "|---|---|---|---|---|---|---|---|---|---|---|"
  for conns in $CONNS; do
    for ((round = 1; round <= ROUNDS; round++)); do
      for s in old new; do
        local l1 before stored rate
        l1=$(load1); before=$(tasks_stored_pg "$(port_of $s)")
        load "$s" "$conns" "$DURATION" $((SIGNED_PER_S * DURATION))
        sleep 1
        stored=$(($(tasks_stored_pg "$(port_of $s)") - before))
        rate=$(awk -v n="$stored" -v d="$R_duration_us" 'BEGIN { printf "%.0f", n / (d / 1e6) }')
        say "| $s | $conns | $round | $l1 | $R_RPS | $(ms "$R_p50_us") | $(ms "$R_p99_us") | $R_non2xx | $R_sock_errors | $stored | $rate |"
        if [ "$R_non2xx" != 0 ] || [ "$R_sock_errors" != 0 ]; then check no "$s at $conns conns had errors"; else check ok; fi
        if [ "$stored" -gt 0 ]; then check ok; else check no "$s stored no tasks at $conns conns"; fi
      done
    done
  done
  stop "$PID_OLD"; stop "$PID_C"; stop "$PID_PG"; stop "$FAKE_PID"
}

# ab_start WHAT: the fake Slack, BENCH_JAR_OLD (on BENCH_JAVA_OLD) on PORT_C2 and BENCH_JAR on PORT_C,
# each on its own fresh SQLite file (DB_OLD, DB_C).
ab_start() {
  local old=${BENCH_JAR_OLD:?set BENCH_JAR_OLD to the jar to compare against}
  DB_OLD=$OUT/tmp/taskbridge-old.db
  say ""
  say "## A/B: $1 on two builds (BENCH_JAR_OLD vs BENCH_JAR), ${WARMUP}s warm-up, ${DURATION}s runs, old new x $ROUNDS"
  say ""
  say "- old: $old"
  say "- new: $JAR"
  say "- old runs on: $("${BENCH_JAVA_OLD:-java}" -version 2>&1 | sed -n 2p); new on: $(java -version 2>&1 | sed -n 2p)"
  start_fake_slack
  TB_JAVA=${BENCH_JAVA_OLD:-java} start_taskbridge server-old "$PORT_C2" "$DB_OLD" "$old"; PID_OLD=$LAST_PID
  start_c
}

ab_stop() {
  wal_sizes "at the end of the runs" old "$DB_OLD" new "$DB_C"
  stop "$PID_OLD"; stop "$PID_C"; stop "$FAKE_PID"
}

# wal_sizes WHEN NAME DBFILE ...: the size of each SQLite file's write-ahead log, said before its server
# stops (closing the last connection checkpoints it and removes it). Passive checkpoints copy the
# log back but never start it again while some request is reading from it, so under a steady load
# it only grows; this keeps that in view (see RESULTS.md, the fifteenth session).
wal_sizes() {
  local line="SQLite write-ahead log $1:" sep=" "
  shift
  while [ $# -ge 2 ]; do
    [ -f "$2-wal" ] && line="$line$sep$1 $(( $(stat -c %s "$2-wal") / 1048576 )) MiB" && sep=", "
    shift 2
  done
  [ "$sep" = ", " ] && say "" && say "$line"
  return 0
}

# ab_runs COUNT_SQL WARM PER_RUN COLUMN REQUIRED: warms both builds with WARM signed requests, then
# runs old new old new, PER_RUN requests each, counting what COUNT_SQL counts in each build's file
# (COLUMN names it in the table). With REQUIRED=required a run that counted nothing fails. Requests
# that name a row (SIGN_KIND=approve) take ids 1, 2, … in each build, none twice.
ab_runs() {
  local q=$1 warm=$2 per_run=$3 column=$4 required=$5 s db log conns round next_old=1 next_new=1
  for s in old new; do
    if [ $s = old ]; then SIGN_FIRST=$next_old; next_old=$((next_old + warm)); db=$DB_OLD
    else SIGN_FIRST=$next_new; next_new=$((next_new + warm)); db=$DB_C; fi
    warm "$s" "$warm"
    quiesce "$db" "$q" >/dev/null
  done
  say ""
  say "| build | conns | round | load1 | req/s | p50 ms | p99 ms | non-2xx | socket err | busy acks | $column | $column/s | Slack calls/s |"
  say "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  for conns in $CONNS; do
    for ((round = 1; round <= ROUNDS; round++)); do
      for s in old new; do
        local l1 before bb counted busy rate calls
        if [ $s = old ]; then db=$DB_OLD; log=server-old; SIGN_FIRST=$next_old; next_old=$((next_old + per_run))
        else db=$DB_C; log=server-C; SIGN_FIRST=$next_new; next_new=$((next_new + per_run)); fi
        l1=$(load1); before=$(sql_c "$q" "$db"); bb=$(busy_acks "$log"); calls=$(slack_calls)
        load "$s" "$conns" "$DURATION" "$per_run"
        calls=$(awk -v n="$(($(slack_calls) - calls))" -v d="$R_duration_us" 'BEGIN { printf "%.0f", n / (d / 1e6) }')
        quiesce "$db" "$q" >/dev/null
        counted=$(($(sql_c "$q" "$db") - before)); busy=$(($(busy_acks "$log") - bb))
        rate=$(awk -v n="$counted" -v d="$R_duration_us" 'BEGIN { printf "%.0f", n / (d / 1e6) }')
        say "| $s | $conns | $round | $l1 | $R_RPS | $(ms "$R_p50_us") | $(ms "$R_p99_us") | $R_non2xx | $R_sock_errors | $busy | $counted | $rate | $calls |"
        if [ "$R_non2xx" != 0 ] || [ "$R_sock_errors" != 0 ]; then check no "$s at $conns conns had errors"; else check ok; fi
        if [ "$required" = required ]; then
          if [ "$counted" -gt 0 ]; then check ok; else check no "$s counted no $column at $conns conns"; fi
        fi
      done
    done
  done
}

# ---------------------------------------------------------------- scenario 2
# approve_rows N [DBFILE]: N tasks in review, each with one ONE step waiting for U0BENCH (ids 1..N), written
# straight into C's SQLite file (the schema is the service's, migrated when it started), in workspace
# T1, the fake Slack's: a task of no workspace is "not found" to a click (and no decision is recorded).
# Task i is in channel C0BENCH, or with BENCH_CHANNELS=n above 1 in channel C<i mod n>.
approve_rows() {
  local now channel="'C0BENCH'"; now=$(date +%s%3N)
  [ "$CHANNELS" -gt 1 ] && channel="'C' || (i % $CHANNELS)"
  sqlite3 "${2:-$DB_C}" "PRAGMA busy_timeout=10000; BEGIN;
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)
    INSERT INTO tasks (id, title, status, priority, created_by, slack_team, slack_channel, slack_ts, created_at,
                       updated_at, approval_round, approval_state, approval_step, workspace)
      SELECT i, 'Approve ' || i, 'REVIEW', 'MEDIUM', 'UBOB', 'T1', $channel, '1700000000.' || i, $now, $now, 1, 'PENDING', 0,
             'T1' FROM n;
    INSERT INTO approval_steps (task_id, round, position, mode) SELECT id, 1, 0, 'ONE' FROM tasks;
    INSERT INTO approval_participants (task_id, round, position, user_id) SELECT id, 1, 0, 'U0BENCH' FROM tasks;
    COMMIT;"
}

scenario_approve() {
  say ""
  say "## 2. Approve clicks (block_actions approval_approve, one ONE step per task, each click on its own task), wrk -t1, ${WARMUP}s warm-up, ${DURATION}s runs, interleaved A B C x $ROUNDS"
  say_jvm
  ensure_peers
  start_fake_slack
  start_a; start_b; start_c
  local per_run=$((SIGNED_PER_S * 5 / 8 * DURATION)) warm=$((5000 * WARMUP)) nconns total next=1
  nconns=$(echo $CONNS | wc -w)
  total=$((warm + nconns * ROUNDS * per_run))
  note "writing $total tasks waiting for approval"
  local t0; t0=$(date +%s)
  approve_rows "$total" >/dev/null
  note "rows written in $(($(date +%s) - t0))s"
  wal_sizes "after the rows were written" C "$DB_C"
  local s
  SIGN_KIND=approve
  for s in A B C; do
    SIGN_FIRST=$next
    warm "$s" "$warm"
    if [ "$s" = C ]; then next=$((next + warm)); quiesce "$DB_C" "SELECT count(*) FROM approval_responses" >/dev/null; fi
  done
  local rows=$OUT/tmp/approve-rows.txt conns round
  : >"$rows"
  say ""
  say "| server | conns | round | load1 | req/s | p50 ms | p99 ms | non-2xx | socket err | busy acks | distinct clicks | decisions recorded | decisions/s | drain s |"
  say "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  for conns in $CONNS; do
    for ((round = 1; round <= ROUNDS; round++)); do
      for s in A B C; do
        local bd bb dec=- busy=- rate=- drain=- l1 t1
        l1=$(load1)
        SIGN_FIRST=$next
        if [ "$s" = C ]; then bd=$(sql_c "SELECT count(*) FROM approval_responses"); bb=$(busy_acks); fi
        load "$s" "$conns" "$DURATION" "$per_run"
        if [ "$s" = C ]; then
          next=$((next + per_run))
          t1=$(date +%s%N)
          quiesce "$DB_C" "SELECT count(*) FROM approval_responses" >/dev/null
          drain=$(awk -v a="$t1" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 - 1 }')
          dec=$(($(sql_c "SELECT count(*) FROM approval_responses") - bd)); busy=$(($(busy_acks) - bb))
          rate=$(awk -v n="$dec" -v d="$R_duration_us" -v w="$drain" 'BEGIN { if (w < 0) w = 0; printf "%.0f", n / (d / 1e6 + w) }')
        fi
        say "| $s | $conns | $round | $l1 | $R_RPS | $(ms "$R_p50_us") | $(ms "$R_p99_us") | $R_non2xx | $R_sock_errors | $busy | $R_distinct | $dec | $rate | $drain |"
        echo "$s $conns $R_RPS $R_p50_us $R_p99_us $R_non2xx $R_sock_errors ${busy/-/0} ${rate/-/0}" >>"$rows"
        if [ "$R_non2xx" != 0 ] || [ "$R_sock_errors" != 0 ]; then check no "$s at $conns conns had errors"; else check ok; fi
      done
    done
  done
  SIGN_KIND=command
  say ""
  say "C records a plain Approve before its ack (one transaction in its own store): decisions/s ="
  say "decisions recorded / (run + time until the count stopped moving), so drain s is ~0. busy acks must stay 0."
  say ""
  ratio_table "$rows" "C decisions/s"
  local dup; dup=$(sql_c "SELECT count(*) - count(DISTINCT task_id) FROM approval_responses")
  say ""
  say "Decisions recorded in total: $(sql_c "SELECT count(*) FROM approval_responses"); tasks approved (DONE):" \
      "$(sql_c "SELECT count(*) FROM tasks WHERE status = 'DONE'"); tasks with two responses: $dup."
  if [ "$dup" = 0 ]; then check ok; else check no "a task recorded two decisions for one ONE step"; fi
  if [ "$(sql_c "SELECT count(*) FROM approval_responses")" -gt 0 ]; then check ok; else check no "no click recorded a decision"; fi
  wal_sizes "at the end of the runs" C "$DB_C"
  stop "$PID_A"; stop "$PID_B"; stop "$PID_C"; stop "$FAKE_PID"
  ratio_line "$rows" approve
}

# approveab: approve clicks on two builds (BENCH_JAR_OLD against BENCH_JAR), C only, interleaved old new,
# each on its own SQLite file holding the same tasks waiting for approval: the A/B of a change to the
# decision path (runs one after the other on a shared machine differ by more than most changes).
scenario_approveab() {
  ab_start "Approve clicks"
  local per_run=$((SIGNED_PER_S * 5 / 8 * DURATION)) warm=$((5000 * WARMUP)) nconns total
  nconns=$(echo $CONNS | wc -w)
  total=$((warm + nconns * ROUNDS * per_run))
  say "- tasks spread over $CHANNELS channel(s) (BENCH_CHANNELS)"
  note "writing $total tasks waiting for approval, in each build's file"
  approve_rows "$total" "$DB_OLD" >/dev/null
  approve_rows "$total" "$DB_C" >/dev/null
  wal_sizes "after the rows were written" old "$DB_OLD" new "$DB_C"
  SIGN_KIND=approve
  ab_runs "SELECT count(*) FROM approval_responses" "$warm" "$per_run" "decisions recorded" required
  SIGN_KIND=command
  ab_stop
}

# help: `/task help` on Taskbridge (C) against bare Javalin (A), interleaved: the Slack path alone
# (Javalin, signature, Bolt, the command grammar, the answer) with no store work. Target: C/A >= 0.5.
scenario_help() {
  say ""
  say "## /task help: Taskbridge (C) vs bare Javalin (A), wrk -t1, ${WARMUP}s warm-up, ${DURATION}s runs, interleaved A C x $ROUNDS"
  start_fake_slack
  start_a; start_c
  local s conns round rows=$OUT/tmp/help-rows.txt
  : >"$rows"
  export BENCH_TEXT=help
  for s in A C; do warm "$s"; done
  say ""
  say "| server | conns | round | load1 | req/s | p50 ms | p99 ms | non-2xx | socket err |"
  say "|---|---|---|---|---|---|---|---|---|"
  for conns in $CONNS; do
    for ((round = 1; round <= ROUNDS; round++)); do
      for s in A C; do
        local l1; l1=$(load1)
        load "$s" "$conns" "$DURATION" $((SIGNED_PER_S * DURATION))
        say "| $s | $conns | $round | $l1 | $R_RPS | $(ms "$R_p50_us") | $(ms "$R_p99_us") | $R_non2xx | $R_sock_errors |"
        echo "$s $conns $R_RPS" >>"$rows"
        if [ "$R_non2xx" != 0 ] || [ "$R_sock_errors" != 0 ]; then check no "$s at $conns conns had errors"; else check ok; fi
      done
    done
  done
  unset BENCH_TEXT
  stop "$PID_A"; stop "$PID_C"; stop "$FAKE_PID"
  local line="help ratios:" sep=" " c a
  for conns in $CONNS; do
    a=$(awk -v c="$conns" '$1 == "A" && $2 == c { s += $3; n++ } END { printf "%.0f", s / n }' "$rows")
    c=$(awk -v c="$conns" '$1 == "C" && $2 == c { s += $3; n++ } END { printf "%.0f", s / n }' "$rows")
    line="$line${sep}conns=$conns A=$a C=$c C/A=$(awk -v c="$c" -v a="$a" 'BEGIN { printf "%.2f", c / a }')"
    sep="; "
  done
  say ""
  say "$line"
}

# ---------------------------------------------------------------- scenario 3
scenario_tick() {
  say ""
  say "## 3. Reminder tick: claim and queue due reminders (bench/src/TickBench.java; args: sizes due ticks stores = $TICK_ARGS)"
  say ""
  say "Each size: that many open tasks, each with an overdue reminder 3 days ahead, loaded in bulk; then five warm-up ticks"
  say "and the measured ticks, each claiming a fresh set of due reminders on random tasks (a reply in the task's"
  say "thread plus a DM to its assignee: two outbox rows per reminder)."
  say ""
  local out=$OUT/tmp/tick.txt
  # shellcheck disable=SC2086
  if ! java -Xmx1g -cp "$OUT/classes:$TEST_CP" TickBench $TICK_ARGS >"$OUT/logs/tick.log" 2>&1; then
    check no "TickBench failed (see bench/out/logs/tick.log)"
    return
  fi
  grep '^TICK ' "$OUT/logs/tick.log" >"$out"
  say "| store | tasks | due | ticks | load s | min ms | median ms | max ms | claimed | outbox rows | due left |"
  say "|---|---|---|---|---|---|---|---|---|---|---|"
  sed 's/^TICK //' "$out" | while read -r line; do
    eval "$(echo "$line" | tr ' ' '\n' | sed 's/^/T_/')"
    say "| $T_kind | $T_tasks | $T_due | $T_ticks | $T_load_s | $T_min_ms | $T_median_ms | $T_max_ms | $T_claimed | $T_outbox_rows | $T_due_left |"
  done
  say ""
  say "| store | median ms, smallest size | median ms, largest size | ratio (target <= 1.5) |"
  say "|---|---|---|---|"
  sed 's/^TICK //' "$out" | awk '
    { for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      k = v["kind"]; if (!(k in first)) first[k] = v["median_ms"]; last[k] = v["median_ms"]; order[k] = NR }
    END { for (k in first) printf "| %s | %.1f | %.1f | %.2f |\n", k, first[k], last[k], last[k] / first[k] }' | tee -a "$REPORT"
  if grep -q 'due_left=0' "$out" && ! grep -qv 'due_left=0' "$out"; then check ok; else check no "a tick left due reminders"; fi
}

# ---------------------------------------------------------------- scenario 4
scenario_poll() {
  say ""
  say "## 4. One Workiva poll cycle (bench/src/PollBench.java; args: tasks changed polls store = $POLL_ARGS)"
  say ""
  say "The fake Workiva (src/test/.../FakeWorkiva) holds the tasks; the service (RunningService) has copied them all in"
  say "a first poll (set-up, first row). Each measured poll follows edits of that many other tasks in Workiva; the"
  say "last one follows no edit. Requests: everything the fake received during that poll (token included)."
  say ""
  # shellcheck disable=SC2086
  if ! java -Xmx2g -cp "$OUT/classes:$TEST_CP" PollBench $POLL_ARGS >"$OUT/logs/poll.log" 2>&1; then
    check no "PollBench failed (see bench/out/logs/poll.log)"
    return
  fi
  say "| poll | tasks in Workiva | edited since the cursor | requests | list requests | pages | tasks seen | changed | ms | ok |"
  say "|---|---|---|---|---|---|---|---|---|---|"
  local line
  while read -r line; do
    local P_kind P_tasks P_edited=all P_requests P_list_requests=- P_pages P_seen P_changed P_ms P_ok name=measured
    case $line in POLL_FIRST*) name="set-up: first polls (the scheduled one included)" ;; esac
    eval "$(echo "${line#* }" | tr ' ' '\n' | sed 's/^/P_/')"
    say "| $name | $P_tasks | $P_edited | $P_requests | $P_list_requests | $P_pages | $P_seen | $P_changed | $P_ms | $P_ok |"
    if [ "$P_ok" = true ]; then check ok; else check no "a poll failed"; fi
  done < <(grep -E '^POLL(_FIRST)? ' "$OUT/logs/poll.log")
  say ""
  say "Target: <= 2 requests per poll when 100 of 100k changed."
}

# ---------------------------------------------------------------- mutation
# PIT on the domain (task, approval, reminder, command): no jar, no servers; the Maven profile
# 'mutation' does the work. Prints the score per package from PIT's CSV and the report's path.
scenario_mutation() {
  local csv=$ROOT/target/pit-reports/mutations.csv
  (cd "$ROOT" && mvn -B -q -Pmutation test-compile org.pitest:pitest-maven:mutationCoverage) >"$OUT/logs/mutation.log" 2>&1 \
    || { note "PIT failed: see $OUT/logs/mutation.log"; FAILED=1; return; }
  say "| package | mutants | killed | survived | no coverage | score |"
  say "|---|---|---|---|---|---|"
  awk -F, '$2 ~ /^io\.taskbridge\./ { pkg = $2; sub(/\.[^.]*$/, "", pkg); total[pkg]++; all++
             if ($6 == "KILLED" || $6 == "TIMED_OUT" || $6 == "MEMORY_ERROR") { killed[pkg]++; k++ }
             if ($6 == "SURVIVED") survived[pkg]++; if ($6 == "NO_COVERAGE") none[pkg]++ }
           END { for (p in total) printf "| %s | %d | %d | %d | %d | %.0f%% |\n", p, total[p], killed[p], survived[p], none[p], 100 * killed[p] / total[p]
                 printf "| all | %d | %d | | | %.0f%% |\n", all, k, 100 * k / all }' "$csv" | sort | tee -a "$REPORT"
  say ""
  say "Report: target/pit-reports/index.html"
  check ok
}

# ---------------------------------------------------------------- main
header() {
  say "# Taskbridge benchmark: $SCENARIO"
  say ""
  say "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ); commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  say "- machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)," \
      "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  say "- load average at start (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
  say "- JVM: $(java -version 2>&1 | sed -n 2p); node $(node -v 2>/dev/null || echo '-'); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
}

if [ "$SCENARIO" = mutation ]; then
  say "# Taskbridge mutation score (PIT)"
  say ""
  say "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ); commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  scenario_mutation
  echo "bench $SCENARIO: $CHECKS_PASSED passed, $CHECKS_FAILED failed"
  [ "$FAILED" = 0 ]
  exit
fi
# ---------------------------------------------------------------- fuzz (not part of all/smoke)
scenario_fuzz() {
  local seconds=${BENCH_FUZZ_SECONDS:-600} tries=${BENCH_FUZZ_TRIES:-2000} round=0 end
  say "## Fuzz: jqwik properties, ${tries} tries per property per round, for ${seconds} s (at least one round)"
  (cd "$ROOT" && mvn -q -B test-compile)
  end=$(($(date +%s) + seconds))
  while [ "$round" = 0 ] || [ "$(date +%s)" -lt "$end" ]; do
    round=$((round + 1))
    if ! (cd "$ROOT" && mvn -q -B -o surefire:test -Dtest='io.taskbridge.fuzz.*Test' -Djqwik.tries.default="$tries" \
        >"$OUT/logs/fuzz-round-$round.log" 2>&1); then
      say "round $round FAILED: see $OUT/logs/fuzz-round-$round.log and target/surefire-reports/io.taskbridge.fuzz.*.txt"
      exit 1
    fi
    note "fuzz round $round passed"
  done
  say "fuzz: $round rounds passed ($((round * tries)) tries per property)"
  exit 0
}
[ "$SCENARIO" = fuzz ] && scenario_fuzz

build
header
case $SCENARIO in
  ack) scenario_ack ;;
  approve) scenario_approve ;;
  tick) scenario_tick ;;
  poll) scenario_poll ;;
  memory) scenario_memory ;;
  startup) scenario_startup ;;
  startupab) scenario_startupab ;;
  serialab) scenario_serialab ;;
  approveab) scenario_approveab ;;
  pgab) scenario_pgab ;;
  help) scenario_help ;;
  all | smoke)
    scenario_ack; scenario_approve; scenario_tick; scenario_poll; scenario_memory; scenario_startup ;;
  *) echo "unknown scenario '$SCENARIO' (ack approve help tick poll memory startup all smoke serialab approveab pgab startupab mutation fuzz)" >&2; exit 2 ;;
esac
say ""
if [ "$FAILED" != 0 ]; then
  say "RESULT: some runs had errors (non-2xx, socket errors, OOM or no archive): see the tables above."
else
  say "RESULT: no errors."
fi
echo "bench $SCENARIO: $CHECKS_PASSED passed, $CHECKS_FAILED failed"
[ "$FAILED" = 0 ]
