#!/usr/bin/env bash
# Runs every workload of docs/benchmarks.md against a fresh Blackbox on this machine, in the order of
# its results table, and keeps each workload's printed table and JSON file in one folder.
#
#   ./mvnw -q -DskipTests package && bench/run-all.sh [results-folder]
#
# Extra server settings go in BLACKBOX_ARGS (e.g. BLACKBOX_ARGS="--spring.profiles.active=postgres");
# extra bench options for the JDBC ceilings in CEILING_ARGS (e.g. CEILING_ARGS="--jdbc-url ...").
# SEED_EVENTS sets the size of the rebuilt store (default 1000000).
set -euo pipefail
cd "$(dirname "$0")/.."

results=${1:-bench-results/$(date -u +%Y%m%d-%H%M%S)}
port=${PORT:-8095}
seed=${SEED_EVENTS:-1000000}
mkdir -p "$results"
work=$(mktemp -d)
# A copy: rebuilding app/target/blackbox.jar under a running server breaks its class loading.
cp app/target/blackbox.jar "$work/blackbox.jar"
bench=(java -jar bench/target/blackbox-bench.jar --url "http://localhost:$port" --token bench-token)
tokens=(--blackbox.security.tokens[0].name=bench --blackbox.security.tokens[0].role=responder
        --blackbox.security.tokens[0].secret=bench-token
        --blackbox.security.tokens[1].name=bench-admin --blackbox.security.tokens[1].role=admin
        --blackbox.security.tokens[1].secret=bench-admin-token)

# Private targets allowed: the subscriptions workload's receivers listen on loopback.
java -jar "$work/blackbox.jar" --server.port="$port" --blackbox.data-dir="$work/data" "${tokens[@]}" \
    --blackbox.subscriptions.allow-private-targets=true \
    ${BLACKBOX_ARGS:-} > "$results/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 120); do
    curl -sf "localhost:$port/actuator/health" > /dev/null && break
    sleep 1
done

run() {
    local name=$1
    shift
    echo "== $name"
    "${bench[@]}" "$@" ${CEILING_ARGS:-} --output "$results/$name.json" | tee "$results/$name.txt"
}

# Three ingests on one server: the JIT is still compiling during the first two minutes of load.
run ingest-1 --workload ingest --bots 32 --incidents 1000 --duration 60s --warmup 60s --ceiling-duration 30s
run ingest-2 --workload ingest --bots 32 --incidents 1000 --duration 60s --warmup 20s --ceiling-duration 30s
run ingest-3 --workload ingest --bots 32 --incidents 1000 --duration 60s --warmup 20s --ceiling-duration 30s
sustained=$(sed -n 's/.*"perSecond" : \([0-9]*\).*/\1/p' "$results/ingest-3.json" | head -1)
run lag-half --workload lag --rate $((sustained / 2)) --bots 32 --incidents 1000 --duration 40s --warmup 20s
run lag-full --workload lag --rate 4000 --bots 32 --incidents 1000 --duration 40s --warmup 20s
run postmortem-1 --workload postmortem --entries 1000 --bots 1 --duration 20s --warmup 15s --ceiling-duration 20s
run postmortem-8 --workload postmortem --entries 1000 --bots 8 --duration 20s --warmup 15s --ceiling-duration 20s
run alert-storm --workload alert-storm --groups 50 --alerts 10 --rounds 5
run room --workload room --entries 1000 --bots 8 --duration 20s --warmup 15s --ceiling-duration 20s
run subscriptions --workload subscriptions --admin-token bench-admin-token --bots 32 --incidents 1000 \
    --duration 30s --warmup 15s
run rebuild --workload rebuild --admin-token bench-admin-token --seed-events "$seed"
run search --workload search --admin-token bench-admin-token --seed-events "$seed" --bots 4 --duration 30s --warmup 15s --ceiling-duration 20s
kill $server
wait $server 2> /dev/null || true

# It starts and restarts a server of its own, with the same BLACKBOX_ARGS (profile, datasource).
echo "== big-incident"
java -jar bench/target/blackbox-bench.jar --workload big-incident --server-jar "$work/blackbox.jar" \
    --server-args "${BLACKBOX_ARGS:-}" \
    --events 100000 --bots 32 --duration 60s --warmup 30s --ceiling-duration 30s ${CEILING_ARGS:-} \
    --output "$results/big-incident.json" | tee "$results/big-incident.txt"
echo "results in $results"
