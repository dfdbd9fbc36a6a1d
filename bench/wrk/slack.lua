-- Sends pre-signed Slack requests (see bench/src/SignRequests.java), one per line, in order,
-- wrapping around at the end. Prints one machine-readable RESULT line when done.
local ts, sig, trig = {}, {}, {}
local prefix, suffix = "", ""
-- globals, so done() can read them through thread:get()
n, i, wraps = 0, 0, 0
local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local fh = assert(io.open(args[1], "r"))
  prefix = fh:read("*l")
  suffix = fh:read("*l") or ""
  for line in fh:lines() do
    local a, b, c = line:match("^(%S+) (%S+) (%S+)$")
    n = n + 1
    ts[n], sig[n], trig[n] = a, b, c
  end
  fh:close()
end

function request()
  i = i + 1
  if i > n then
    i = 1
    wraps = wraps + 1
  end
  headers["X-Slack-Request-Timestamp"] = ts[i]
  headers["X-Slack-Signature"] = sig[i]
  return wrk.format("POST", "/slack/events", headers, prefix .. trig[i] .. suffix)
end

function done(summary, latency, requests)
  local e = summary.errors
  local distinct, sent = 0, 0
  for _, t in ipairs(threads) do
    local tn, tw = t:get("n"), t:get("wraps")
    distinct = distinct + ((tw > 0) and tn or t:get("i"))
  end
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d sock_errors=%d distinct=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout, distinct))
end
