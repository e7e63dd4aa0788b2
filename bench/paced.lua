-- wrk script for bench/compare.sh with PACE_MS: each connection waits PACE_MS milliseconds after every response
-- before sending its next request, so the load stays below what either JVM can serve and the latencies compare
-- the work each request costs rather than the length of the queue in front of it. Headers come from wrk's -H.
local pace = tonumber(os.getenv("PACE_MS") or "1")

function delay()
   return pace
end
