-- bench/keys.lua's requests (each with a key not sent before), each timed as it was: from handing wrk the request to
-- its response, in 10 µs steps, printed at the end as "raw per-request latency". wrk's own figures are not that: after
-- a run it "corrects" its histogram for coordinated omission, adding for every response slower than the run's mean
-- interval per connection the responses a client sending at that steady rate would have waited for too (stats_correct
-- in wrk.c), so one 20 ms stall among 2,500 requests a second becomes fifty samples between 0.4 and 20 ms. That is a
-- paced client's view; this is the requests' own. One connection only (wrk -t1 -c1): the timer is per thread.
dofile("bench/keys.lua")

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_usec; } raw_timeval;
int gettimeofday(raw_timeval *tv, void *tz);
]]
local tv = ffi.new("raw_timeval")
local function now_us()
   ffi.C.gettimeofday(tv, nil)
   return tonumber(tv.tv_sec) * 1000000 + tonumber(tv.tv_usec)
end

local threads = {}
local keyed_setup, keyed_request, keyed_done = setup, request, done

function setup(thread)
   keyed_setup(thread)
   table.insert(threads, thread)
end

raw = {}        -- 10 µs step -> responses; read from each thread's state by done()
slow = {}       -- "wall-clock ms latency ms" of each response over 1 ms, written to SLOW_OUT when it names a file
local started = 0

function request()
   started = now_us()
   return keyed_request()
end

function response(status, headers, body)
   local ended = now_us()
   local step = math.floor((ended - started) / 10)
   raw[step] = (raw[step] or 0) + 1
   if ended - started > 1000 then
      table.insert(slow, string.format("%.3f %.2f", ended / 1000, (ended - started) / 1000))
   end
end

function done(summary, latency, requests)
   keyed_done(summary, latency, requests)
   local counts, total, steps = {}, 0, {}
   for _, thread in ipairs(threads) do
      for step, count in pairs(thread:get("raw")) do
         if not counts[step] then table.insert(steps, step) end
         counts[step] = (counts[step] or 0) + count
         total = total + count
      end
   end
   table.sort(steps)
   local slow_out = os.getenv("SLOW_OUT")
   if slow_out then
      local file = io.open(slow_out, "w")
      for _, thread in ipairs(threads) do
         for _, line in ipairs(thread:get("slow")) do file:write(line, "\n") end
      end
      file:close()
   end
   local function at(share)
      local seen = 0
      for _, step in ipairs(steps) do
         seen = seen + counts[step]
         if seen >= share * total then return step * 10 / 1000 end
      end
      return 0
   end
   io.write(string.format("raw per-request latency: %d requests; p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, "
      .. "p99.9 %.2f ms, max %.2f ms\n", total, at(0.5), at(0.9), at(0.99), at(0.999), at(1)))
end
