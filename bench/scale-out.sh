#!/usr/bin/env bash
# Two command and two query processes of one jar on one store, loaded by the bench's ingest and lag
# workloads with the bots spread over the command processes and the lag probes reading from the
# query processes. Prints each process's share of the requests (in the bench's tables) and of the
# CPU, and the stores' CPU when STORE_PID names their processes (PostgreSQL's postmaster, Axon Server;
# space-separated).
#
#   ./mvnw -q -DskipTests package && PROFILE=postgres bench/scale-out.sh [results-folder]
#
# PROFILE=postgres: everything in the PostgreSQL database of SPRING_DATASOURCE_URL, _USERNAME and
#   _PASSWORD (a fresh, empty one). A JDBC ceiling on PostgreSQL (CEILING_ARGS="--jdbc-url ...") needs
#   another database: it drops and creates its own domain_event_entry table.
# PROFILE=axonserver: events, commands and queries through the Axon Server at AXON_SERVERS
#   (default localhost:8124, a fresh one), read models and tokens in that PostgreSQL database.
# The four processes listen on PORT to PORT+3 (default 8095). BLACKBOX_ARGS adds server settings,
# CEILING_ARGS bench options for the ingest's ceilings; WARMUP and DURATION (seconds, default 60 and
# 60) set the ingest's phases, the lag's are a third shorter.
set -euo pipefail
cd "$(dirname "$0")/.."

profile=${PROFILE:-postgres}
case $profile in
    postgres) profiles=(--spring.profiles.active=postgres) ;;
    axonserver) profiles=(--spring.profiles.active=axonserver,postgres
                          --axon.axonserver.servers="${AXON_SERVERS:-localhost:8124}") ;;
    *) echo "PROFILE must be postgres or axonserver" >&2; exit 2 ;;
esac
: "${SPRING_DATASOURCE_URL:?the PostgreSQL database, e.g. jdbc:postgresql://localhost:5432/blackbox}"
results=${1:-bench-results/scale-out-$profile-$(date -u +%Y%m%d-%H%M%S)}
port=${PORT:-8095}
mkdir -p "$results"
work=$(mktemp -d)
# A copy: rebuilding app/target/blackbox.jar under a running server breaks its class loading.
cp app/target/blackbox.jar "$work/blackbox.jar"
tokens=(--blackbox.security.tokens[0].name=bench --blackbox.security.tokens[0].role=responder
        --blackbox.security.tokens[0].secret=bench-token)

names=(command-1 command-2 query-1 query-2)
modes=(command command query query)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
for i in 0 1 2 3; do
    # One after the other: a fresh database is migrated by the first process to start.
    java -jar "$work/blackbox.jar" "${profiles[@]}" --blackbox.mode="${modes[$i]}" --server.port=$((port + i)) \
        --blackbox.data-dir="$work/${names[$i]}" "${tokens[@]}" ${BLACKBOX_ARGS:-} \
        > "$results/${names[$i]}.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 120); do
        curl -sf "localhost:$((port + i))/actuator/health/readiness" > /dev/null && break
        sleep 1
    done
done
url() { echo "http://localhost:$((port + $1))"; }
commands="$(url 0),$(url 1)"
queries="$(url 2),$(url 3)"

# CPU time in clock ticks of a process and, for the store, its children (PostgreSQL's backends).
ticks() {
    local total=0 pid
    for pid in "$@"; do
        [ -r "/proc/$pid/stat" ] && total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
    done
    echo $total
}
store_pids() {
    local pid
    for pid in ${STORE_PID:-}; do
        echo "$pid" $(ps -o pid= --ppid "$pid")
    done
}
hz=$(getconf CLK_TCK)

# CPU of each process (and the store) in the measured window only, a little inside it: load starts
# right after the bench does, so the window begins about warm-up seconds later.
run() {
    local name=$1 warmup=$2 duration=$3
    shift 3
    echo "== $name"
    java -jar bench/target/blackbox-bench.jar --url "$(url 0)" --token bench-token \
        --command-urls "$commands" --query-urls "$queries" --warmup "${warmup}s" --duration "${duration}s" "$@" \
        --output "$results/$name.json" > "$results/$name.txt" &
    local bench=$! before=() i store_before window=$((duration - 6))
    sleep $((warmup + 3))
    for i in 0 1 2 3; do before+=("$(ticks "${pids[$i]}")"); done
    store_before=$(ticks $(store_pids))
    sleep $window
    local after=() store_after
    for i in 0 1 2 3; do after+=("$(ticks "${pids[$i]}")"); done
    store_after=$(ticks $(store_pids))
    wait $bench
    cat "$results/$name.txt"
    local rate
    rate=$(sed -n 's/.*"perSecond" : \([0-9.]*\).*/\1/p' "$results/$name.json" | head -1)
    {
        echo "CPU in the measured window ($window s) at $rate commands/s:"
        for i in 0 1 2 3; do
            awk -v n="${names[$i]}" -v t=$(( after[i] - before[i] )) -v hz="$hz" -v s="$window" -v r="$rate" \
                'BEGIN { printf "  %-10s %5.2f cores  %6.3f CPU-ms per command\n", n, t / hz / s, 1000 * t / hz / s / r }'
        done
        if [ -n "${STORE_PID:-}" ]; then
            awk -v t=$(( store_after - store_before )) -v hz="$hz" -v s="$window" -v r="$rate" \
                'BEGIN { printf "  %-10s %5.2f cores  %6.3f CPU-ms per command\n", "store", t / hz / s, 1000 * t / hz / s / r }'
        fi
    } | tee "$results/$name-cpu.txt"
}

warmup=${WARMUP:-60}
duration=${DURATION:-60}
run ingest "$warmup" "$duration" --workload ingest --bots 32 --incidents 1000 --ceiling-duration 30s ${CEILING_ARGS:-}
sustained=$(sed -n 's/.*"perSecond" : \([0-9]*\).*/\1/p' "$results/ingest.json" | head -1)
run lag $((warmup / 3)) $((duration * 2 / 3)) --workload lag --rate $((sustained / 2)) --bots 32 --incidents 1000
echo "results in $results"
