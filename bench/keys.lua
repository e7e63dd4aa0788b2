-- wrk script for bench/scale.sh: every request carries one of COUNT keys read from KEYS_FILE starting at line
-- FROM + 1, taken in turn; each wrk thread takes every THREADS-th key from its own offset, so no two threads send
-- the same key and, while fewer than COUNT requests are made, no key is sent twice (a cold run).
local counter = 0

function setup(thread)
   thread:set("id", counter)
   counter = counter + 1
end

function init(args)
   local from = tonumber(os.getenv("FROM") or "0")
   local count = tonumber(os.getenv("COUNT") or "1")
   local stride = tonumber(os.getenv("THREADS") or "2")
   keys = {}
   local line = 0
   for key in io.lines(os.getenv("KEYS_FILE")) do
      if line >= from + count then break end
      if line >= from and (line - from) % stride == id then
         keys[#keys + 1] = "Bearer " .. key
      end
      line = line + 1
   end
   if #keys == 0 then keys[1] = "Bearer " .. io.lines(os.getenv("KEYS_FILE"))() end
   index = 0
   path = os.getenv("ROUTE") or "/v1/webhooks/events"
end

function request()
   index = index % #keys + 1
   return wrk.format("GET", path, {["Authorization"] = keys[index]})
end

function done(summary, latency, requests)
   io.write(string.format("non2xx %d\n", summary.errors.status))
end
