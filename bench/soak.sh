#!/usr/bin/env bash
# Soak: the packaged gateway (redis backend, usage recording on) under mixed traffic (200, 404, 403, 401, 429)
# for SOAK (default 300s) after a 60 s warm-up; reports the count of each status, any unexpected one (5xx or
# anything but 200/401/403/404/429), socket errors, p50/p99, and heap after a full GC before and after.
#   bash bench/soak.sh                 # needs PostgreSQL and Redis on 127.0.0.1, wrk, jq, jcmd
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/tools.sh
SOAK=${SOAK:-300s}
PORT=18099
ADMIN=soak-admin-token
JAR=target/migma-gateway-0.1.0-SNAPSHOT.jar
log=$(mktemp)

./mvnw -B -q -Pbench package -DskipTests
dropdb -h 127.0.0.1 -U postgres --if-exists --force migma_soak
createdb -h 127.0.0.1 -U postgres migma_soak
SERVER_PORT=$PORT SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/migma_soak MIGMA_ADMIN_TOKEN=$ADMIN \
    MIGMA_RATE_LIMIT_BACKEND=redis SPRING_DATA_REDIS_URL=redis://127.0.0.1:6379 \
    java -Xmx512m -jar "$JAR" > "$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$PORT/actuator/health" > /dev/null && break; sleep 1; done

base=http://127.0.0.1:$PORT
admin() { curl -sf -X POST "$base$1" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' -d "$2"; }
big=$(admin /admin/v1/accounts '{"name":"soak","plan":"enterprise","rateLimitPerMinute":1000000000}' | jq -r .data.account.id)
small=$(admin /admin/v1/accounts '{"name":"soak-free","plan":"free"}' | jq -r .data.account.id)
export GOOD FREE
GOOD=$(admin "/admin/v1/accounts/$big/api-keys" '{"name":"good","environment":"test","permissions":["audience:read"]}' | jq -r .data.apiKey.key)
FREE=$(admin "/admin/v1/accounts/$small/api-keys" '{"name":"free","environment":"test"}' | jq -r .data.apiKey.key)

heap() { jcmd "$pid" GC.run > /dev/null; sleep 1; jcmd "$pid" GC.heap_info | awk '/used/ {print; exit}'; }
wrk -t2 -c32 -d60s -s bench/soak.lua "$base" > /dev/null
echo "heap before: $(heap)"
wrk -t2 -c32 -d"$SOAK" --timeout 5s -s bench/soak.lua "$base" | tee /tmp/soak-wrk.txt | grep -E "^(status|requests|socket_errors|p50_ms|p99_ms)"
echo "heap after: $(heap)"
unexpected=$(awk '$1 == "status" && $2 !~ /^(200|401|403|404|429)$/ {n += $3} END {print n + 0}' /tmp/soak-wrk.txt)
echo "unexpected statuses: $unexpected"
echo "errors logged by the gateway: $(grep -c ' ERROR ' "$log" || true)"
