-- GET the authorization base URL of 10,000 IdPs round robin (tenant resolution under churn).
local site = os.getenv("BENCH_SITE")
local idps = tonumber(os.getenv("BENCH_IDPS"))
local counter = 0
local offset = 0

function setup(thread)
  thread:set("offset", offset)
  offset = offset + 1
end

function init(args)
  counter = offset * 5003
end

function request()
  counter = counter + 1
  return wrk.format("GET", "/site/" .. site .. "/oauth2/authorization/idp" .. (counter % idps))
end
