# Where the broker's time went, from async-profiler's collapsed stacks (with thread names), one
# row per category, largest first. The first matching category wins, so the order matters
# (signing inside a request is signing, not HTTP).
#   awk -v per_request_ms=1.59 -f bench/cpu-breakdown.awk scenario.collapsed
#       a scenario's CPU samples: share of the broker's CPU and ms of CPU per request;
#   awk -v startup_interval_ms=5 -f bench/cpu-breakdown.awk startup.collapsed
#       a start's wall-clock samples of the main thread (which runs every start step): ms each.
function category(stack) {
  if (startup_interval_ms) return startup_category(stack)
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
function startup_category(stack) {
  if (stack ~ /[Hh]ibernate/) return "Hibernate ORM (boot, metadata, schema validation)"
  if (stack ~ /flywaydb|quarkus\/flyway/) return "Flyway (connection, migrations check)"
  if (stack ~ /org\/ssobroker\//) return "the broker's own start-up code"
  if (stack ~ /smallrye\/config|runtime\/generated\/Config|RuntimeConfigSetup/) return "configuration"
  if (stack ~ /quarkus\/oidc|jose4j/) return "quarkus-oidc"
  if (stack ~ /[Mm]icrometer/) return "Micrometer"
  if (stack ~ /io\/quarkus\/runner\/recorded\//) return "other extensions' start steps (CDI, HTTP, REST, ...)"
  return "JVM start and Quarkus bootstrap (class loading before the steps)"
}
# A start profile keeps the main thread until it has started the app (then it only waits).
startup_interval_ms && ($0 !~ /^\[main / || $0 ~ /waitForExit/) { next }
{
  n = $NF
  $NF = ""
  samples[category($0)] += n
  total += n
}
END {
  # Largest first (plain awk has no sorted loop): pick the largest remaining each time.
  if (startup_interval_ms) printf "| where | main thread, ms | share |\n|---|---|---|\n"
  else printf "| where | share of broker CPU | ms per request |\n|---|---|---|\n"
  for (left = length(samples); left > 0; left--) {
    best = ""
    for (c in samples) if (best == "" || samples[c] > samples[best]) best = c
    if (startup_interval_ms) printf "| %s | %d | %.1f %% |\n", best, startup_interval_ms * samples[best], 100 * samples[best] / total
    else printf "| %s | %.1f %% | %.2f |\n", best, 100 * samples[best] / total, per_request_ms * samples[best] / total
    delete samples[best]
  }
  if (startup_interval_ms) printf "| total | %d | 100 %% |\n", startup_interval_ms * total
}
