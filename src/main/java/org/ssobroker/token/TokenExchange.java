package org.ssobroker.token;

import org.ssobroker.upstream.ClaimSources;
import org.ssobroker.upstream.ExternalTokenVerifiers;
import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.idp.IdpDirectory;
import org.ssobroker.idp.RegisteredIdp;
import org.ssobroker.mapping.Claims;
import org.ssobroker.provisioning.IdentityProvisioning;
import org.ssobroker.security.Scopes;
import org.ssobroker.provisioning.ProvisionedUser;
import org.ssobroker.support.BrokerMetrics;
import org.ssobroker.support.LoginRefusal;
import org.ssobroker.support.OAuthException;
import org.ssobroker.support.RefusalAnswers;

import java.util.Optional;

/**
 * Swaps an IdP's id_token for the broker's tokens, provisioning the user on the way exactly as
 * a browser login does (same mapping, same provisioning). Shared by provisionByOpenIdToken and
 * the RFC 8693 grant. The IdP and its verifier come from caches, so a warm exchange does one
 * statement: the user's provisioning and its refresh token, in one round trip and one commit.
 * No connection is held while it verifies or signs.
 */
@ApplicationScoped
public class TokenExchange {

    private final IdpDirectory directory;
    private final ExternalTokenVerifiers verifiers;
    private final ClaimSources claimSources;
    private final IdentityProvisioning provisioning;
    private final RefreshTokens refreshTokens;
    private final TokenIssuer issuer;
    private final BrokerMetrics metrics;

    public TokenExchange(IdpDirectory directory, ExternalTokenVerifiers verifiers, IdentityProvisioning provisioning,
            RefreshTokens refreshTokens, TokenIssuer issuer, BrokerMetrics metrics, ClaimSources claimSources) {
        this.claimSources = claimSources;
        this.directory = directory;
        this.verifiers = verifiers;
        this.provisioning = provisioning;
        this.refreshTokens = refreshTokens;
        this.issuer = issuer;
        this.metrics = metrics;
    }

    public record Result(IssuedToken accessToken, String refreshToken) {
    }

    public Optional<RegisteredIdp> idp(String site, String nameId) {
        return directory.find(site, nameId);
    }

    /**
     * @param accessToken the user's upstream access token: userinfo is read with it and merged
     * @param tokenError  what the endpoint calls a refused token
     * @throws OAuthException a refusal (the id_token, userinfo, the user's rules, the IdP unreachable),
     *                        in RFC 6749 form by {@link RefusalAnswers#oauth}
     */
    public Result exchange(RegisteredIdp idp, String idToken, Optional<String> accessToken, AuthenticatedClient client,
            RefusalAnswers.TokenError tokenError) {
        try {
            Result result = verifyAndProvision(idp, idToken, accessToken, client);
            metrics.exchange(idp.siteKey(), idp.nameId(), "success");
            return result;
        } catch (LoginRefusal refusal) {
            metrics.refused(BrokerMetrics.LoginFlow.EXCHANGE, idp.siteKey(), idp.nameId(), refusal);
            throw RefusalAnswers.oauth(refusal, tokenError);
        } catch (RuntimeException e) {
            // Not a refusal (the database failed, a bug): answered as a 500, counted as before.
            metrics.exchange(idp.siteKey(), idp.nameId(), "refused");
            throw e;
        }
    }

    /** A client without the refresh_token grant gets no refresh token (and none is stored). */
    private Result verifyAndProvision(RegisteredIdp idp, String idToken, Optional<String> accessToken,
            AuthenticatedClient client) {
        Claims claims = claimSources.exchange(idp, verifiers.verify(idp, idToken), accessToken).claims();
        String scope = Scopes.internalApi(idp.siteKey());
        RefreshTokens.NewFamily refresh = client.mayRefresh()
                ? refreshTokens.newFamily(idp.siteKey(), client.clientId(), scope) : null;
        ProvisionedUser user = provisioning.provision(idp, claims, refresh == null ? null : refresh.row());
        return new Result(issuer.userToken(idp.siteKey(), user.userId().toString(), client, scope),
                refresh == null ? null : refresh.refreshToken());
    }
}
