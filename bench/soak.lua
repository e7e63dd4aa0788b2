-- Mixed traffic for bench/soak.sh: per request, one of the outcomes a gateway sees all day.
-- Keys arrive in the environment: GOOD (pro-like, audience:read), FREE (a free plan key, mostly 429).
local good = os.getenv("GOOD")
local free = os.getenv("FREE")
local plan = {
  {"/v1/projects", good},            -- 200, with SQL
  {"/v1/projects/not-a-project", good}, -- 404
  {"/v1/webhooks", good},            -- 403
  {"/v1/projects", "mgma_sk_test_" .. string.rep("A", 38)}, -- 401, bad checksum
  {"/v1/projects", free},            -- 429 after the first 10 a minute
}
local threads = {}
local counter = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
end

function request()
  counter = counter + 1
  local entry = plan[(counter % #plan) + 1]
  return wrk.format("GET", entry[1], {["Authorization"] = "Bearer " .. entry[2]})
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("counts")) do
      total[status] = (total[status] or 0) + n
    end
  end
  for status, n in pairs(total) do
    io.write(string.format("status %d %d\n", status, n))
  end
  io.write(string.format("requests %d\n", summary.requests))
  io.write(string.format("socket_errors %d\n", summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout))
  io.write(string.format("p50_ms %.2f\np99_ms %.2f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
