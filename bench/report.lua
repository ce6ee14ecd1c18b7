-- wrk script shared by every scenario; configured from the environment (BENCH_METHOD,
-- BENCH_BODY, BENCH_TOKEN, BENCH_PAUSE_MS) and reporting one JSON line from done().
local method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY") or ""
local token = os.getenv("BENCH_TOKEN") or ""
local pause_ms = tonumber(os.getenv("BENCH_PAUSE_MS") or "0") or 0

wrk.method = method
if body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
if token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

if pause_ms > 0 then
  math.randomseed(os.time())
  -- exponential pauses: the connections together offer a Poisson-like stream
  function delay()
    return -math.log(1 - math.random()) * pause_ms
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%.0f,"connect":%d,"read":%d,"write":%d,' ..
    '"status":%d,"timeout":%d,"p50":%.0f,"p95":%.0f,"p99":%.0f,"max":%.0f}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
