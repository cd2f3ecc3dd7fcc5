-- provisionByOpenIdToken with id_tokens of many distinct users. Each thread walks the tokens
-- from its own starting point, and every run (warm-up rounds, the measurement) starts somewhere
-- else (the time seeds it), so a run mixes first exchanges (provisioning) with later ones
-- (re-sync). The warm-up uses only the first BENCH_TOKEN_LIMIT tokens, so the users of the
-- others are new to the measured run; run.sh reports how many users it created.
local tokens = {}
local limit = tonumber(os.getenv("BENCH_TOKEN_LIMIT") or "0")
for line in io.lines(os.getenv("BENCH_TOKENS")) do
  if limit == 0 or #tokens < limit then tokens[#tokens + 1] = line end
end
local path = os.getenv("BENCH_EXCHANGE_PATH")
local bearer = "Bearer " .. os.getenv("BENCH_APP_TOKEN")
local counter = 0
local offset = 0

function setup(thread)
  thread:set("offset", offset)
  offset = offset + 1
end

-- Thread i starts at a random point of the i-th half of the tokens: with BENCH_TOKEN_LIMIT set to
-- half of them, the measured run's second thread starts among users the warm-up never signed in.
function init(args)
  math.randomseed(os.time() + offset * 7919)
  math.random(); math.random()   -- the first values after close seeds are close too
  local half = math.floor(#tokens / 2)
  counter = (offset % 2) * half + math.random(half)
end

function request()
  counter = counter + 1
  local token = tokens[(counter % #tokens) + 1]
  return wrk.format("POST", path, {["Content-Type"] = "application/json", ["Authorization"] = bearer},
    '{"openIdToken":"' .. token .. '"}')
end
