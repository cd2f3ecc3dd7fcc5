package org.ssobroker.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.Response;
import org.ssobroker.idp.GroupOverageSettings;
import org.ssobroker.idp.IdpDirectory;
import org.ssobroker.idp.RegisteredIdp;
import org.ssobroker.outbound.OutboundPolicy;
import org.ssobroker.outbound.OutboundRefusedException;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.support.BrokerMetrics;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Entra ID group overage: when a user's groups did not fit in the token, reads them from
 * Microsoft Graph ({@code POST /users/{oid}/getMemberObjects}, every page), and with
 * {@code resolveNames} their display names too ({@code directoryObjects/getByIds}), so the
 * {@code groups} claim holds both and a mapping document may key by either.
 * <p>
 * Graph is called with an app-only token of the IdP's own client (client_credentials at its token
 * endpoint, scope {@code <graph origin>/.default}), reused until shortly before it expires: one
 * path for the browser and the exchange. A user's groups are reused for
 * {@code sso-broker.group-overage-cache-ttl}. The clients, the app token and the per-user cache
 * live in the IdP's cache entry, so an IdP change drops them all. Every URL passes the outbound
 * policy; a next-page link is followed only on the configured base URL.
 */
@ApplicationScoped
public class GraphGroups {

    /** The claim Entra ID leaves out on overage, and the one the groups from Graph fill. */
    public static final String CLAIM = "groups";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ANSWER_CHARS = 4 * 1024 * 1024;
    /** Graph's getMemberObjects answers at most 11,000 objects: pages beyond are a loop. */
    private static final int MAX_PAGES = 50;
    private static final int IDS_PER_LOOKUP = 1000;
    private static final Duration TOKEN_EARLY_RENEWAL = Duration.ofSeconds(60);
    private static final Pattern OBJECT_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final IdpDirectory directory;
    private final ExternalTokenVerifiers verifiers;
    private final OutboundPolicy policy;
    private final BrokerMetrics metrics;
    private final Clock clock;
    private final Duration timeout;
    private final Duration cacheTtl;

    public GraphGroups(IdpDirectory directory, ExternalTokenVerifiers verifiers, OutboundPolicy policy,
            BrokerMetrics metrics, Clock clock, BrokerConfig config) {
        this.directory = directory;
        this.verifiers = verifiers;
        this.policy = policy;
        this.metrics = metrics;
        this.clock = clock;
        this.timeout = config.outbound().timeout();
        this.cacheTtl = config.groupOverageCacheTtl();
    }

    /**
     * Whether the claims say the groups did not fit: {@code _claim_names.groups} (id_tokens),
     * {@code hasgroups} (implicit-flow tokens) or {@code groups.link} (SAML, where the attribute is
     * named {@code http://schemas.microsoft.com/claims/groups.link}).
     */
    public static boolean overage(Map<String, Object> claims) {
        return claims.get("_claim_names") instanceof Map<?, ?> names && names.containsKey(CLAIM)
                || Boolean.TRUE.equals(claims.get("hasgroups")) || "true".equals(claims.get("hasgroups"))
                || claims.keySet().stream().anyMatch(name -> name.equals("groups.link")
                        || name.endsWith("/groups.link"));
    }

    /**
     * The user's group ids (and names with {@code resolveNames}).
     *
     * @throws GroupsUnavailableException naming Graph and what failed
     */
    public List<String> groups(RegisteredIdp idp, Map<String, Object> claims) {
        if (!(claims.get("oid") instanceof String oid) || !OBJECT_ID.matcher(oid).matches()) {
            throw new GroupsUnavailableException("Your groups could not be read from Microsoft Graph: the token has "
                    + "no object id (oid) to look them up with.");
        }
        // Read before building: a part's builder must not ask the directory for another part.
        String tokenUrl = verifiers.tokenUrl(idp).orElseThrow(() -> new GroupsUnavailableException(
                "Your groups could not be read from Microsoft Graph: the IdP has no token endpoint to get the "
                        + "broker's Graph token from."));
        Graph graph = directory.part(idp, Graph.class, built -> build(built, tokenUrl));
        try {
            return graph.users().get(oid, key -> read(idp, graph, key));
        } catch (GroupsUnavailableException e) {
            graph.appToken().set(null); // a refused or expired app token is not reused
            throw e;
        }
    }

    /** One IdP version's Graph access: its clients, its app token, its users' groups. */
    private record Graph(GroupOverageSettings settings, String tokenUrl, GraphApi api, AppTokenApi tokens,
            AtomicReference<AppToken> appToken, Cache<String, List<String>> users) {
    }

    private record AppToken(String value, Instant renewAt) {
    }

    private Graph build(RegisteredIdp idp, String tokenUrl) {
        GroupOverageSettings settings = idp.groupOverage();
        Cache<String, List<String>> users = Caffeine.newBuilder()
                .expireAfterWrite(cacheTtl)
                .maximumSize(10_000)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
        return new Graph(settings, tokenUrl,
                UpstreamAnswers.client(GraphApi.class, settings.graphBaseUrl(), timeout),
                UpstreamAnswers.client(AppTokenApi.class, tokenUrl, timeout), new AtomicReference<>(), users);
    }

    private List<String> read(RegisteredIdp idp, Graph graph, String oid) {
        Set<String> ids = new LinkedHashSet<>();
        String bearer = "Bearer " + appToken(idp, graph);
        JsonNode page = call(idp, "graph", graph.settings().graphBaseUrl(),
                () -> graph.api().memberObjects(bearer, oid, new GraphApi.MemberObjectsRequest(false)));
        for (int pages = 1; ; pages++) {
            page.path("value").forEach(id -> ids.add(id.asText()));
            String next = page.path("@odata.nextLink").asText(null);
            if (next == null) {
                break;
            }
            if (pages == MAX_PAGES) {
                throw new GroupsUnavailableException("Your groups could not be read from Microsoft Graph: it "
                        + "answered more than " + MAX_PAGES + " pages.");
            }
            String skipToken = skipToken(graph.settings().graphBaseUrl(), oid, next);
            page = call(idp, "graph", next, () -> graph.api().memberObjectsPage(bearer, oid, skipToken));
        }
        List<String> groups = new ArrayList<>(ids);
        if (graph.settings().namesResolved()) {
            groups.addAll(names(idp, graph, bearer, List.copyOf(ids)));
        }
        return List.copyOf(groups);
    }

    private List<String> names(RegisteredIdp idp, Graph graph, String bearer, List<String> ids) {
        List<String> names = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_LOOKUP) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + IDS_PER_LOOKUP));
            JsonNode answer = call(idp, "graph", graph.settings().graphBaseUrl(),
                    () -> graph.api().byIds(bearer, new GraphApi.ByIdsRequest(batch, List.of("group"))));
            answer.path("value").forEach(group -> {
                String name = group.path("displayName").asText("");
                if (!name.isBlank()) {
                    names.add(name);
                }
            });
        }
        return names;
    }

    /**
     * A next-page link is followed only when it is this user's getMemberObjects on the configured
     * base: Graph's answer cannot point the broker (and its token) anywhere else.
     */
    static String skipToken(String base, String oid, String nextLink) {
        String expected = base + "/users/" + oid + "/getMemberObjects?";
        if (!nextLink.startsWith(expected)) {
            throw new GroupsUnavailableException("Your groups could not be read from Microsoft Graph: its next-page "
                    + "link leaves the configured graphBaseUrl.");
        }
        for (String parameter : URI.create(nextLink).getRawQuery().split("&")) {
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).equalsIgnoreCase("$skiptoken")) {
                return URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        throw new GroupsUnavailableException("Your groups could not be read from Microsoft Graph: its next-page "
                + "link has no $skiptoken.");
    }

    /** The app-only token, fetched when missing or about to expire. */
    private String appToken(RegisteredIdp idp, Graph graph) {
        AppToken current = graph.appToken().get();
        if (current != null && clock.instant().isBefore(current.renewAt())) {
            return current.value();
        }
        URI base = URI.create(graph.settings().graphBaseUrl());
        Form form = new Form()
                .param("grant_type", "client_credentials")
                .param("client_id", idp.oidc().clientId())
                .param("client_secret", idp.oidc().clientSecret() == null ? "" : idp.oidc().clientSecret())
                .param("scope", base.getScheme() + "://" + base.getAuthority() + "/.default");
        JsonNode answer = call(idp, "graph_token", graph.tokenUrl(), () -> graph.tokens().token(form));
        String value = answer.path("access_token").asText("");
        if (value.isBlank()) {
            throw new GroupsUnavailableException("Your groups could not be read from Microsoft Graph: the IdP's token "
                    + "endpoint gave the broker no access token.");
        }
        long lifetime = Math.max(0, answer.path("expires_in").asLong(0));
        AppToken token = new AppToken(value, clock.instant().plusSeconds(lifetime).minus(TOKEN_EARLY_RENEWAL));
        graph.appToken().set(token);
        return value;
    }

    /** One upstream call under the outbound policy: timed, counted, its failure named. */
    private JsonNode call(RegisteredIdp idp, String endpoint, String url, java.util.function.Supplier<Response> call) {
        long start = System.nanoTime();
        String outcome = "failure";
        String what = "graph_token".equals(endpoint) ? "the IdP's token endpoint (asked for the broker's Graph token)"
                : "Graph";
        try {
            policy.check(url);
            Response response = call.get();
            String body = UpstreamAnswers.text(response, MAX_ANSWER_CHARS).orElseThrow(() ->
                    new GroupsUnavailableException("Your groups could not be read from Microsoft Graph: " + what
                            + " answered nothing usable."));
            JsonNode json = JSON.readTree(body);
            if (json == null || !json.isObject()) {
                throw new GroupsUnavailableException("Your groups could not be read from Microsoft Graph: " + what
                        + " answered no JSON object.");
            }
            outcome = "success";
            return json;
        } catch (OutboundRefusedException e) {
            throw new GroupsUnavailableException("Your groups could not be read from Microsoft Graph: the address is "
                    + "refused (" + e.getMessage() + ").");
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            outcome = status == 401 || status == 403 ? "refused" : "failure";
            throw new GroupsUnavailableException("Your groups could not be read from Microsoft Graph: " + what
                    + " answered HTTP " + status + (status == 403 && "graph".equals(endpoint)
                    ? " (the app needs the Graph application permission GroupMember.Read.All)" : "") + ".");
        } catch (ProcessingException | IOException e) {
            throw new GroupsUnavailableException("Your groups could not be read from Microsoft Graph: " + what
                    + " cannot be reached.");
        } finally {
            metrics.upstreamCall(idp.siteKey(), idp.nameId(), endpoint, outcome, System.nanoTime() - start);
        }
    }

    /** Graph (or the token for it) failed: the IdP's side, not the user's; the message names Graph. */
    public static class GroupsUnavailableException extends ExternalTokenVerifiers.IdpUnavailableException {
        public GroupsUnavailableException(String message) {
            super(message);
        }
    }
}
