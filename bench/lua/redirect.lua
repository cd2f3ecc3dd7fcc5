-- A browser's login start over 10,000 IdPs round robin, both hops: the start URL (303 to the IdP's
-- callback path, with the login intent cookie), then that path without a code, where quarkus-oidc
-- resolves the IdP's tenant (rebuilt under churn: more IdPs than contexts kept) and answers 302 to
-- the IdP's authorization endpoint. Two requests per login start.
local site = os.getenv("BENCH_SITE")
local idps = tonumber(os.getenv("BENCH_IDPS"))
local counter = 0
local offset = 0

function setup(thread)
  thread:set("offset", offset)
  offset = offset + 1
end

function init(args)
  counter = offset * 10007
end

function request()
  counter = counter + 1
  local idp = "idp" .. (math.floor(counter / 2) % idps)
  if counter % 2 == 0 then
    return wrk.format("GET", "/site/" .. site .. "/oauth2/authorization/" .. idp)
  end
  return wrk.format("GET", "/site/" .. site .. "/login/oauth2/code/" .. idp)
end
