-- wrk script: one non-streaming OpenAI chat completion per request.
-- BENCH_KEY (gateway key) and BENCH_MODEL come from the environment so the same script serves the
-- direct run (the bench upstream ignores auth) and the gateway run.
local key = os.getenv("BENCH_KEY") or "sk-direct"
local model = os.getenv("BENCH_MODEL") or "gpt-bench"

wrk.headers["Authorization"] = "Bearer " .. key
if os.getenv("BENCH_GET") == "1" then
  -- Control runs (e.g. GET /healthz) reuse the same summary line below.
  wrk.method = "GET"
else
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = '{"model":"' .. model .. '","messages":[{"role":"user","content":"Say hello."}],"max_tokens":32}'
end

-- One machine-readable line for run.sh; latency in microseconds. summary.errors.status counts
-- answers with status >= 400. No response() hook: defining one makes wrk parse every body.
function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout
  io.write(string.format("BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    summary.errors.status, errors))
end
