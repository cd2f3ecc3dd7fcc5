package org.ssobroker.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.ssobroker.security.Scopes;
import org.ssobroker.support.OAuthException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The {@code authorization_code} grant. The code's row stays locked while it is checked and
 * redeemed, so two redemptions cannot both win, and a replay finds what the first one issued
 * and revokes it. A code is redeemed only by the client it was issued to (any client of the site
 * holding the redirect URI for codes of the pre-OpenID flow without {@code client_id}), with the
 * same redirect URI and, when the request carried a PKCE challenge, the matching verifier: a
 * code injected into another browser's flow fails (RFC 9700 section 4.5).
 */
@ApplicationScoped
public class CodeGrant {

    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private final AuthorizationCodes codes;
    private final TokenIssuer issuer;
    private final RefreshTokens refreshTokens;
    private final OpenIdTokens openIdTokens;
    private final UserClaims userClaims;
    private final Clock clock;

    public CodeGrant(AuthorizationCodes codes, TokenIssuer issuer, RefreshTokens refreshTokens,
            OpenIdTokens openIdTokens, UserClaims userClaims, Clock clock) {
        this.codes = codes;
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
        this.openIdTokens = openIdTokens;
        this.userClaims = userClaims;
        this.clock = clock;
    }

    @Transactional(dontRollbackOn = OAuthException.class)
    public TokenResponse redeem(AuthenticatedClient client, String code, String redirectUri, String verifier) {
        AuthorizationCodes.Bound bound = checked(client, code, redirectUri, verifier);
        CodeRequest request = bound.request();
        String scope = request.openId() ? request.scope() : Scopes.internalApi(bound.siteKey());
        IssuedToken access = issuer.userToken(bound.siteKey(), bound.userId().toString(), client, scope);
        UUID family = client.mayRefresh() ? UUID.randomUUID() : null;
        String refresh = family == null ? null
                : refreshTokens.issue(family, bound.siteKey(), bound.userId(), client.clientId(), scope);
        codes.redeemed(bound.codeHash(), access, clock.instant().plusSeconds(access.expiresIn()), family);
        if (!request.openId()) {
            return TokenResponse.of(access, refresh);
        }
        return openIdAnswer(bound.siteKey(), bound.userId(), client, access, refresh, request.nonce(),
                bound.authTime());
    }

    /**
     * The code for one of the broker's own apps (the console), which needs the user and no token:
     * checked exactly like {@link #redeem} and used up. Such codes are bound to their built-in
     * client id, which no client app can have, so neither side can redeem the other's codes.
     */
    @Transactional(dontRollbackOn = OAuthException.class)
    public UUID redeemForBuiltIn(AuthenticatedClient builtIn, String code, String redirectUri, String verifier) {
        AuthorizationCodes.Bound bound = checked(builtIn, code, redirectUri, verifier);
        if (bound.request().clientId() == null) {
            throw invalidGrant("The code was issued to another client.");
        }
        codes.usedUp(bound.codeHash());
        return bound.userId();
    }

    /** The code's row, locked, once every rule holds: unused (a replay revokes), in time, this client's, this redirect, PKCE. */
    private AuthorizationCodes.Bound checked(AuthenticatedClient client, String code, String redirectUri,
            String verifier) {
        AuthorizationCodes.Bound bound = codes.lock(code).orElseThrow(() -> invalidGrant("The code is unknown."));
        if (bound.used()) {
            codes.revoke(bound.codeHash());
            if (bound.refreshFamily() != null) {
                refreshTokens.revokeFamily(bound.refreshFamily());
            }
            throw invalidGrant("The code was already used; the tokens issued with it are revoked.");
        }
        CodeRequest request = bound.request();
        if (bound.expired() || !bound.siteKey().equals(client.siteKey())) {
            throw invalidGrant("The code is expired or was issued in another site.");
        }
        if (request.clientId() != null ? !request.clientId().equals(client.clientId())
                : !client.redirectUris().contains(redirectUri)) {
            throw invalidGrant("The code was issued to another client.");
        }
        if (!bound.redirectUri().equals(redirectUri)) {
            throw invalidGrant("The redirect_uri differs from the one of the authorization request.");
        }
        checkPkce(client, request.codeChallenge(), verifier);
        return bound;
    }

    /**
     * An OpenID answer: the tokens plus an id_token with the user's claims of the access token's
     * scope. After a refresh (OIDC Core 12.2) there is no nonce, and no auth_time: the new id_token
     * may leave it out, and must not claim a newer sign-in.
     */
    TokenResponse openIdAnswer(String siteKey, UUID userId, AuthenticatedClient client, IssuedToken access,
            String refresh, String nonce, java.time.Instant authTime) {
        Map<String, Object> claims = userClaims.of(siteKey, userId, Scopes.parse(access.scope()))
                .orElseThrow(() -> invalidGrant("The user no longer exists."));
        return TokenResponse.openId(access, refresh,
                openIdTokens.idToken(siteKey, client.clientId(), nonce, authTime, claims,
                        client.openId().idTokenSignedResponseAlg()));
    }

    /** RFC 7636 4.6; a public client must have used PKCE (the authorization endpoint requires it). */
    private static void checkPkce(AuthenticatedClient client, String challenge, String verifier) {
        if (challenge == null) {
            if (verifier != null) {
                throw invalidGrant("A code_verifier was sent, but the authorization request had no code_challenge.");
            }
            if (client.openId().publicClient()) {
                throw invalidGrant("A public client must use PKCE.");
            }
            return;
        }
        if (verifier == null) {
            throw invalidGrant("The code_verifier is required: the authorization request had a code_challenge.");
        }
        if (!VERIFIER.matcher(verifier).matches() || !MessageDigest.isEqual(
                s256(verifier).getBytes(StandardCharsets.US_ASCII), challenge.getBytes(StandardCharsets.US_ASCII))) {
            throw invalidGrant("The code_verifier does not match the code_challenge.");
        }
    }

    public static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static OAuthException invalidGrant(String description) {
        return new OAuthException(400, "invalid_grant", description);
    }

}
