# Where a scenario's CPU went, from async-profiler's collapsed stacks (with thread names):
# one row per category, as a share of the broker's samples and in ms of CPU per request.
# Usage: awk -v per_request_ms=1.59 -f bench/cpu-breakdown.awk profile.collapsed
# The first matching category wins, so the order below matters (signing inside a request is
# signing, not HTTP).
function category(stack) {
  if (stack ~ /^\[(C1|C2) CompilerThre/) return "JIT compiler"
  if (stack ~ /^\[(VM Thread|GC Thread|VM Periodic|Sweeper thread)/) return "GC and VM"
  if (stack ~ /RSASignature\.engineSign|RSACore\.crtCrypt/) return "RS256 signing"
  if (stack ~ /engineVerify/) return "signature verification"
  if (stack ~ /org\/postgresql\//) return "PostgreSQL driver (round trips)"
  if (stack ~ /narayana|arjuna|org\/hibernate\//) return "Hibernate and JTA"
  if (stack ~ /io\/quarkus\/oidc\//) return "quarkus-oidc"
  if (stack ~ /org\/ssobroker\//) return "broker code (rest)"
  if (stack ~ /io\/netty\/|io\/vertx\/|resteasy/) return "HTTP (Vert.x, Netty, REST)"
  return "other"
}
{
  n = $NF
  $NF = ""
  samples[category($0)] += n
  total += n
}
END {
  # Largest first (plain awk has no sorted loop): pick the largest remaining each time.
  printf "| where | share of broker CPU | ms per request |\n|---|---|---|\n"
  for (left = length(samples); left > 0; left--) {
    best = ""
    for (c in samples) if (best == "" || samples[c] > samples[best]) best = c
    printf "| %s | %.1f %% | %.2f |\n", best, 100 * samples[best] / total, per_request_ms * samples[best] / total
    delete samples[best]
  }
}
