package org.ssobroker.support;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.ssobroker.support.LoginRefusal.Reason;
import org.ssobroker.support.RefusalAnswers.TokenError;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each reason on each channel: the page, the RFC 6749 error, problem+json. */
class RefusalAnswersTest {

    /** What a page shows, as the login feature's pages would get it. */
    record Shown(int status, String heading, String text, String hint, String retryHref) {
    }

    private static final String RETRY = "/site/acme/oauth2/authorization/cognito";

    private static Shown page(Reason reason, String message) {
        Shown[] shown = new Shown[1];
        ErrorPages pages = new ErrorPages() {
            @Override
            public Response page(int status, String heading, String text) {
                throw new AssertionError("the refusal page offers a retry where it can");
            }

            @Override
            public Response message(int status, String heading, String text, String hint, String retryHref) {
                shown[0] = new Shown(status, heading, text, hint, retryHref);
                return Response.status(status).build();
            }
        };
        Response response = RefusalAnswers.page(new LoginRefusal(reason, message), pages, RETRY);
        assertThat(response.getStatus()).isEqualTo(shown[0].status());
        return shown[0];
    }

    @Test
    void aRefusedTokenPageNamesTheReasonAndOffersANewSignIn() {
        assertThat(page(Reason.INVALID_TOKEN, "the id_token expired")).isEqualTo(new Shown(401, "Sign-in refused",
                "The identity provider's token was refused: the id_token expired.", null, RETRY));
        assertThat(page(Reason.USERINFO_REFUSED, "userinfo's sub is another user's")).isEqualTo(new Shown(401,
                "Sign-in refused", "The identity provider's answer was refused: userinfo's sub is another user's.", null,
                RETRY));
    }

    @Test
    void aRefusedUserPageShowsTheMessageWithoutRetry() {
        assertThat(page(Reason.EMAIL_DOMAIN, "Not here.")).isEqualTo(new Shown(403, "Access denied", "Not here.", null,
                null));
        for (Reason reason : List.of(Reason.UNUSABLE_EXTERNAL_ID, Reason.UNVERIFIED_EMAIL, Reason.CLAIM_UNAVAILABLE,
                Reason.LOGIN_TAKEN, Reason.SUBJECT_MISMATCH)) {
            assertThat(page(reason, "Ask an administrator.")).isEqualTo(new Shown(403, "Sign-in refused",
                    "Ask an administrator.", null, null));
        }
    }

    @Test
    void anUnavailableIdpPageSaysToRetryLater() {
        assertThat(page(Reason.UPSTREAM_UNAVAILABLE, "The IdP's userinfo endpoint cannot be reached.")).isEqualTo(
                new Shown(503, "Sign-in failed", "The IdP's userinfo endpoint cannot be reached. Nothing was changed; "
                        + "try again later.", null, RETRY));
    }

    @ParameterizedTest
    @CsvSource({
            "INVALID_TOKEN,        INVALID_TOKEN,   401, invalid_token",
            "INVALID_TOKEN,        INVALID_REQUEST, 400, invalid_request",
            "USERINFO_REFUSED,     INVALID_TOKEN,   401, invalid_token",
            "USERINFO_REFUSED,     INVALID_REQUEST, 400, invalid_request",
            "EMAIL_DOMAIN,         INVALID_TOKEN,   403, access_denied",
            "UNUSABLE_EXTERNAL_ID, INVALID_REQUEST, 403, access_denied",
            "UNVERIFIED_EMAIL,     INVALID_TOKEN,   403, access_denied",
            "CLAIM_UNAVAILABLE,    INVALID_REQUEST, 403, access_denied",
            "LOGIN_TAKEN,          INVALID_REQUEST, 403, access_denied",
            "SUBJECT_MISMATCH,     INVALID_TOKEN,   403, access_denied",
            "UPSTREAM_UNAVAILABLE, INVALID_REQUEST, 503, temporarily_unavailable"})
    void theExchangeAnswersInRfc6749Form(Reason reason, TokenError tokenError, int status, String error) {
        OAuthException answer = RefusalAnswers.oauth(new LoginRefusal(reason, "why"), tokenError);
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.error()).isEqualTo(error);
        assertThat(answer.getMessage()).isEqualTo("why");
        assertThat(answer.challenge()).isEqualTo(status == 401
                ? "Bearer realm=\"sso-broker\", error=\"invalid_token\"" : null);
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void problemJsonNamesTheReason(Reason reason) {
        Response response = RefusalAnswers.problem(new LoginRefusal(reason, "why"));
        Problem problem = (Problem) response.getEntity();
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(problem.type()).isEqualTo("urn:sso-broker:login-refused:" + reason.code());
        assertThat(problem.status()).isEqualTo(response.getStatus()).isEqualTo(switch (reason.kind()) {
            case TOKEN -> 401;
            case POLICY -> 403;
            case UNAVAILABLE -> 503;
        });
        assertThat(problem.detail()).isEqualTo("why");
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void everyCodeNamesItsReason(Reason reason) {
        assertThat(Reason.ofCode(reason.code())).isEqualTo(reason);
        assertThat(reason.code()).matches("[a-z_]+");
    }
}
