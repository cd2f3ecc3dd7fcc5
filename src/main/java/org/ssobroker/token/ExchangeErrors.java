package org.ssobroker.token;

import org.ssobroker.upstream.ExternalTokenVerifiers;
import org.ssobroker.upstream.UpstreamUserInfo;
import org.ssobroker.idp.InvalidIdTokenException;
import org.ssobroker.support.OAuthException;
import org.ssobroker.mapping.LoginRefusedException;
import org.ssobroker.provisioning.EmailDomainRefusedException;

import java.util.function.Supplier;

/** What a refused exchange answers, the same for both entry points. */
final class ExchangeErrors {

    private ExchangeErrors() {
    }

    /**
     * Runs the exchange, turning its refusals into OAuth errors: a bad id_token is
     * {@code tokenError} (invalid_token on the REST path, invalid_request on the grant), a user the
     * IdP's rules refuse is access_denied, an unreachable IdP is temporarily_unavailable.
     */
    static <T> T answer(Supplier<T> exchange, java.util.function.Function<String, OAuthException> tokenError) {
        try {
            return exchange.get();
        } catch (InvalidIdTokenException | UpstreamUserInfo.UserInfoRefusedException e) {
            throw tokenError.apply(e.getMessage());
        } catch (EmailDomainRefusedException | LoginRefusedException e) {
            throw new OAuthException(403, "access_denied", e.getMessage());
        } catch (ExternalTokenVerifiers.IdpUnavailableException e) {
            throw new OAuthException(503, "temporarily_unavailable", e.getMessage());
        }
    }
}
