-- wrk script: POST the draft of benches/load/draft.txt to /v1/check.
-- run.sh passes the draft's path as the script's first argument.
function init(args)
  local f = assert(io.open(args[1], "r"))
  local text = f:read("*a")
  f:close()
  text = text:gsub('\\', '\\\\'):gsub('"', '\\"'):gsub('\n', '\\n')
  wrk.method = "POST"
  wrk.body = '{"text": "' .. text .. '"}'
  wrk.headers["Content-Type"] = "application/json"
end

function done(summary, latency, requests)
  io.write(string.format("p50_us %d\np99_us %d\nrequests %d\nerrors %d\n",
    latency:percentile(50), latency:percentile(99), summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout))
end
