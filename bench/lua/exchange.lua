-- provisionByOpenIdToken with id_tokens of many distinct users. Each thread walks the tokens
-- from its own starting point, and every run (warm-up rounds, the measurement) starts somewhere
-- else, so a run mixes first exchanges (provisioning) with later ones (re-sync); run.sh reports
-- how many users the measured run created.
local tokens = {}
for line in io.lines(os.getenv("BENCH_TOKENS")) do tokens[#tokens + 1] = line end
local path = os.getenv("BENCH_EXCHANGE_PATH")
local bearer = "Bearer " .. os.getenv("BENCH_APP_TOKEN")
local counter = 0
local offset = 0

function setup(thread)
  thread:set("offset", offset)
  offset = offset + 1
end

function init(args)
  math.randomseed(os.time() * 7 + offset)
  counter = math.random(#tokens)
end

function request()
  counter = counter + 1
  local token = tokens[(counter % #tokens) + 1]
  return wrk.format("POST", path, {["Content-Type"] = "application/json", ["Authorization"] = bearer},
    '{"openIdToken":"' .. token .. '"}')
end
