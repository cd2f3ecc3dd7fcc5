package org.ssobroker.upstream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.ssobroker.idp.IdpDirectory;
import org.ssobroker.idp.InvalidIdTokenException;
import org.ssobroker.idp.RegisteredIdp;
import org.ssobroker.outbound.OutboundPolicy;
import org.ssobroker.outbound.OutboundRefusedException;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.support.BrokerMetrics;
import org.ssobroker.support.LoginRefusal;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Calls an IdP's userinfo endpoint with the user's upstream access token (the exchange path;
 * the browser path gets userinfo from quarkus-oidc). A typed quarkus-rest-client per IdP version,
 * kept in the IdP's cache entry: no redirects followed, connect and read deadlines from
 * {@code sso-broker.outbound.timeout}; the endpoint passes the outbound policy before every call
 * (https, no private or metadata address). The answer is JSON or a signed JWT verified with the
 * IdP's JWKS. Calls, failures and latency are counted per IdP.
 */
@ApplicationScoped
public class UpstreamUserInfo {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final int MAX_ANSWER_CHARS = 65_536;

    private final IdpDirectory directory;
    private final ExternalTokenVerifiers verifiers;
    private final OutboundPolicy policy;
    private final BrokerMetrics metrics;
    private final Duration timeout;

    public UpstreamUserInfo(IdpDirectory directory, ExternalTokenVerifiers verifiers, OutboundPolicy policy,
            BrokerMetrics metrics, BrokerConfig config) {
        this.directory = directory;
        this.verifiers = verifiers;
        this.policy = policy;
        this.metrics = metrics;
        this.timeout = config.outbound().timeout();
    }

    /** The client of one IdP version's userinfo endpoint. */
    private record Client(String url, UserInfoApi api) {
    }

    /**
     * @throws UserInfoRefusedException the answer is not the user's (or not verifiable)
     * @throws ExternalTokenVerifiers.IdpUnavailableException the endpoint cannot be reached or refused the call
     */
    public Map<String, Object> fetch(RegisteredIdp idp, String accessToken) {
        String url = verifiers.userInfoUrl(idp).orElseThrow(() -> new UserInfoRefusedException(
                "the IdP has no userinfo endpoint to read the access token's claims from"));
        long start = System.nanoTime();
        String outcome = "failure";
        try {
            policy.check(url);
            Client client = directory.part(idp, Client.class, built -> new Client(url, build(url)));
            Map<String, Object> claims = read(idp, client.api().userInfo("Bearer " + accessToken));
            outcome = "success";
            return claims;
        } catch (OutboundRefusedException e) {
            throw new ExternalTokenVerifiers.IdpUnavailableException("The IdP's userinfo endpoint is refused: "
                    + e.getMessage());
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 401 || status == 403) {
                outcome = "refused";
                throw new UserInfoRefusedException("the IdP's userinfo endpoint refused the access token (HTTP "
                        + status + ")");
            }
            throw new ExternalTokenVerifiers.IdpUnavailableException("The IdP's userinfo endpoint answered HTTP "
                    + status + ".");
        } catch (ProcessingException e) {
            throw new ExternalTokenVerifiers.IdpUnavailableException("The IdP's userinfo endpoint cannot be reached.");
        } finally {
            metrics.upstreamCall(idp.siteKey(), idp.nameId(), "userinfo", outcome, System.nanoTime() - start);
        }
    }

    private Map<String, Object> read(RegisteredIdp idp, Response response) {
        String type = response.getMediaType() == null ? "" : response.getMediaType().toString();
        String body = UpstreamAnswers.text(response, MAX_ANSWER_CHARS).orElseThrow(() ->
                new UserInfoRefusedException("the IdP's userinfo answer is empty or too large"));
        if (type.startsWith("application/jwt")) {
            try {
                return verifiers.verifyUserInfo(idp, body);
            } catch (InvalidIdTokenException e) {
                throw new UserInfoRefusedException(e.getMessage());
            }
        }
        try {
            Map<String, Object> claims = JSON.readValue(body, MAP);
            if (claims == null) {
                throw new UserInfoRefusedException("the IdP's userinfo answer is not a JSON object");
            }
            return claims;
        } catch (IOException e) {
            throw new UserInfoRefusedException("the IdP's userinfo answer is neither JSON nor a signed JWT");
        }
    }

    private UserInfoApi build(String url) {
        return UpstreamAnswers.client(UserInfoApi.class, url, timeout);
    }

    /** The userinfo answer cannot be used for this user: the caller's fault (a bad or foreign token). */
    public static class UserInfoRefusedException extends LoginRefusal {
        public UserInfoRefusedException(String message) {
            super(Reason.USERINFO_REFUSED, message);
        }
    }
}
