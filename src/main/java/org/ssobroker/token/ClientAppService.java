package org.ssobroker.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.ssobroker.idp.IdentityProvider;
import org.ssobroker.site.SiteKeys;
import org.ssobroker.outbound.OutboundPolicy;
import org.ssobroker.security.Scopes;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.security.SigningKeys;
import org.ssobroker.support.ChangeFeed;
import org.ssobroker.support.Changed;
import org.ssobroker.support.FieldError;
import org.ssobroker.support.Identifier;
import org.ssobroker.support.ProblemException;
import org.ssobroker.support.Saved;
import org.ssobroker.support.Timestamps;
import org.ssobroker.support.UrlRules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Client apps of a site: their scopes, grants, redirect URIs and OpenID Provider settings. The
 * secret is generated here and returned once, on creation or rotation; only its hash is stored.
 * Every change reaches the other replicas through the change feed.
 */
@ApplicationScoped
public class ClientAppService {

    private final Optional<String> platformClientId;
    private final ChangeFeed feed;
    private final RefreshTokens refreshTokens;
    private final OutboundPolicy outbound;
    /** Whether an EC key is configured, without which no app may ask for ES256 id_tokens. */
    private final boolean es256Available;

    public ClientAppService(BrokerConfig config, ChangeFeed feed, RefreshTokens refreshTokens,
            OutboundPolicy outbound, SigningKeys keys) {
        this.outbound = outbound;
        this.es256Available = keys.ecKey().isPresent();
        this.platformClientId = config.platformAdmin().clientId();
        this.feed = feed;
        this.refreshTokens = refreshTokens;
    }

    @Transactional
    public List<ClientAppView> list(String site) {
        SiteKeys.require(site);
        return ClientApp.<ClientApp>list("siteKey = ?1 order by clientId", site).stream()
                .map(app -> ClientAppView.of(app, null)).toList();
    }

    @Transactional
    public ClientAppView get(String site, String clientId) {
        SiteKeys.require(site);
        return ClientAppView.of(require(site, clientId), null);
    }

    /** CI's idempotent {@code PUT}: creates the app (with its secret) or updates its settings. */
    @Transactional
    public Saved<ClientAppView> put(String site, String clientId, ClientAppRequest body) {
        SiteKeys.require(site);
        ClientAppRequest request = body == null ? new ClientAppRequest(null, null, null) : body;
        List<FieldError> errors = new ArrayList<>();
        if (!Identifier.CLIENT_ID.valid(clientId)) {
            errors.add(new FieldError("clientId", Identifier.CLIENT_ID.rule()));
        }
        List<String> scopes = scopes(site, request.scopes(), errors);
        List<String> grantTypes = grantTypes(request.grantTypes(), errors);
        List<String> redirectUris = redirectUris(request.redirectUris(), grantTypes, errors);
        OpenIdSettings openId = OpenIdSettingsInput.validate(site, request, grantTypes, errors, outbound,
                es256Available);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        ClientApp app = ClientApp.findById(clientId);
        if ((app != null && !app.siteKey.equals(site)) || platformClientId.filter(clientId::equals).isPresent()) {
            throw ProblemException.conflict("The client id '" + clientId + "' is taken; choose another.");
        }
        if (app != null && app.publicClient != openId.publicClient()) {
            throw ProblemException.invalid(List.of(new FieldError("public", "cannot change after creation; delete "
                    + "the client app and create it again")));
        }
        if (app == null) {
            // A public client gets no secret: it proves its flows with PKCE.
            String secret = openId.publicClient() ? null : ClientSecrets.generate();
            app = new ClientApp();
            app.clientId = clientId;
            app.siteKey = site;
            app.secretHash = secret == null ? null : ClientSecrets.hash(secret);
            app.credentialId = UUID.randomUUID();
            app.publicClient = openId.publicClient();
            write(app, scopes, grantTypes, redirectUris);
            writeOpenId(app, openId);
            app.createdAt = app.updatedAt;
            app.persist();
            feed.record(Changed.client(site, clientId, Changed.Change.CREATED));
            return Saved.created(ClientAppView.of(app, secret));
        }
        if (!Objects.equals(app.scopes, scopes) || !Objects.equals(app.grantTypes, grantTypes)
                || !Objects.equals(app.redirectUris, redirectUris) || !openId.equals(settings(app))) {
            write(app, scopes, grantTypes, redirectUris);
            writeOpenId(app, openId);
            feed.record(Changed.client(site, clientId, Changed.Change.UPDATED));
        }
        return Saved.existing(ClientAppView.of(app, null));
    }

    /**
     * Replaces the secret; the new one is in this answer only. Every token issued under the old
     * one is revoked: access tokens (a new credential), refresh tokens (marked revoked).
     */
    @Transactional
    public ClientAppView rotateSecret(String site, String clientId) {
        SiteKeys.require(site);
        ClientApp app = require(site, clientId);
        if (app.publicClient) {
            throw ProblemException.conflict("A public client has no secret to rotate.");
        }
        String secret = ClientSecrets.generate();
        app.secretHash = ClientSecrets.hash(secret);
        app.credentialId = UUID.randomUUID();
        app.updatedAt = Timestamps.now();
        refreshTokens.revokeClient(site, clientId);
        feed.record(Changed.client(site, clientId, Changed.Change.UPDATED));
        return ClientAppView.of(app, secret);
    }

    @Transactional
    public void delete(String site, String clientId) {
        SiteKeys.require(site);
        require(site, clientId).delete();
        refreshTokens.revokeClient(site, clientId);
        feed.record(Changed.client(site, clientId, Changed.Change.DELETED));
    }

    private static ClientApp require(String site, String clientId) {
        ClientApp app = ClientApp.findById(clientId);
        if (app == null || !app.siteKey.equals(site)) {
            throw ProblemException.notFound("No client app '" + clientId + "' in site '" + site + "'.");
        }
        return app;
    }

    private static void write(ClientApp app, List<String> scopes, List<String> grantTypes, List<String> redirectUris) {
        app.scopes = scopes;
        app.grantTypes = grantTypes;
        app.redirectUris = redirectUris;
        app.updatedAt = Timestamps.now();
    }

    private static void writeOpenId(ClientApp app, OpenIdSettings openId) {
        app.loginUrl = openId.loginUrl();
        app.userinfoResponse = openId.userinfoResponse();
        app.jwks = openId.jwks();
        app.jwksUri = openId.jwksUri();
        app.postLogoutRedirectUris = openId.postLogoutRedirectUris();
        app.idTokenSignedResponseAlg = openId.idTokenSignedResponseAlg();
    }

    private static OpenIdSettings settings(ClientApp app) {
        return new OpenIdSettings(app.publicClient, app.loginUrl, app.userinfoResponse, app.jwks, app.jwksUri,
                app.postLogoutRedirectUris, app.idTokenSignedResponseAlg);
    }

    /** A site admin may grant only its own site's scopes, and only for IdPs that exist. */
    private static List<String> scopes(String site, List<String> input, List<FieldError> errors) {
        if (input == null || input.isEmpty()) {
            errors.add(new FieldError("scopes", "at least one scope is required"));
            return List.of();
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (int i = 0; i < input.size(); i++) {
            String scope = input.get(i);
            String nameId = Scopes.provisionedNameId(site, scope);
            if (scope.equals(Scopes.siteAdmin(site)) || scope.equals(Scopes.internalApi(site))
                    || OpenIdScopes.ALL.contains(scope)) {
                scopes.add(scope);
            } else if (nameId != null) {
                if (IdentityProvider.find(site, nameId).isEmpty()) {
                    errors.add(new FieldError("scopes[" + i + "]", "no IdP '" + nameId + "' in this site"));
                }
                scopes.add(scope);
            } else {
                errors.add(new FieldError("scopes[" + i + "]", "'" + scope + "' is not a scope of this site; use "
                        + Scopes.siteAdmin(site) + ", " + Scopes.internalApi(site) + " or "
                        + Scopes.provisionByOpenIdToken(site, "{nameId}") + ", or an OpenID scope ("
                        + String.join(", ", OpenIdScopes.ALL) + ")"));
            }
        }
        return List.copyOf(scopes);
    }

    private static List<String> grantTypes(List<String> input, List<FieldError> errors) {
        if (input == null || input.isEmpty()) {
            return List.of(GrantTypes.CLIENT_CREDENTIALS);
        }
        Set<String> grantTypes = new LinkedHashSet<>();
        for (int i = 0; i < input.size(); i++) {
            if (!GrantTypes.ALL.contains(input.get(i))) {
                errors.add(new FieldError("grantTypes[" + i + "]", "must be one of " + String.join(", ", GrantTypes.ALL)));
            }
            grantTypes.add(input.get(i));
        }
        return List.copyOf(grantTypes);
    }

    private static List<String> redirectUris(List<String> input, List<String> grantTypes, List<FieldError> errors) {
        List<String> uris = input == null ? List.of()
                : input.stream().map(uri -> uri == null ? "" : uri.trim()).toList();
        for (int i = 0; i < uris.size(); i++) {
            int index = i;
            UrlRules.redirectUrlProblem(uris.get(i)).ifPresent(p -> errors.add(new FieldError("redirectUris[" + index + "]", p)));
        }
        if (uris.isEmpty() && grantTypes.contains(GrantTypes.AUTHORIZATION_CODE)) {
            errors.add(new FieldError("redirectUris", "at least one is required for the authorization_code grant"));
        }
        return List.copyOf(new LinkedHashSet<>(uris));
    }
}
