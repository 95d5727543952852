#!/usr/bin/env bash
# Measures an HTTP server with wrk on loopback: requests/s, p50/p99 latency, and the server's own
# CPU time per request (its processes' utime+stime over the measured run, so the figure means
# something on a machine other work keeps busy). 16 connections, 2 wrk threads, WARM seconds of
# warm-up then DUR seconds measured (10 and 10 by default). Starts the server itself, stops it after.
#
#   benchmarks/scripts/serve-wrk.sh plugboard 8080 ./plugboard serve hello-http.wasm --addr 127.0.0.1:8080
#   benchmarks/scripts/serve-wrk.sh jco 8081 jco serve hello-http.wasm --port 8081 --host 127.0.0.1
set -uo pipefail
label=$1; port=$2; shift 2
"$@" > "/tmp/serve-wrk-$label.log" 2>&1 &
pid=$!
for _ in $(seq 1 90); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 1; done
wrk -t2 -c16 -d"${WARM:-10}"s "http://127.0.0.1:$port/hello" > /dev/null
pids="$pid $(pgrep -P "$pid" | tr '\n' ' ')"
cpu() { local t=0; for p in $pids; do [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14+$15}' "/proc/$p/stat"))); done; echo "$t"; }
ticks=$(getconf CLK_TCK)
cpu0=$(cpu); load0=$(cut -d' ' -f1 /proc/loadavg)
res=$(wrk -t2 -c16 -d"${DUR:-10}"s --latency "http://127.0.0.1:$port/hello")
cpu1=$(cpu); load1=$(cut -d' ' -f1 /proc/loadavg)
n=$(echo "$res" | awk '/requests in/ {print $1}')
echo "$label: $(echo "$res" | awk '/Requests\/sec/ {print $2}') req/s, p50 $(echo "$res" | awk '$1=="50%" {print $2}')," \
  "p99 $(echo "$res" | awk '$1=="99%" {print $2}'), $n requests," \
  "server CPU $(( (cpu1 - cpu0) * 1000000 / ticks / n )) us/request, load average $load0-$load1" \
  "$(echo "$res" | grep -E 'Non-2xx|Socket errors' | tr '\n' ' ')"
kill "$pid" 2>/dev/null
for p in $pids; do kill "$p" 2>/dev/null; done
wait "$pid" 2>/dev/null
