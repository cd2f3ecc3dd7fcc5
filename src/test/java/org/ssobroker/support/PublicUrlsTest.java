package org.ssobroker.support;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PublicUrlsTest {

    @ParameterizedTest
    @CsvSource({
            "https://sso.example.com,       https://sso.example.com/site/36/login/oauth2/code/cognito,       false",
            "https://sso.example.com/,      https://sso.example.com/site/36/login/oauth2/code/cognito,       false",
            "https://sso.example.com:443,   https://sso.example.com/site/36/login/oauth2/code/cognito,       false",
            "http://sso.example.com:80/ctx, http://sso.example.com/ctx/site/36/login/oauth2/code/cognito,    false",
            "https://sso.example.com:8443,  https://sso.example.com:8443/site/36/login/oauth2/code/cognito,  true",
            "http://localhost:8080,         http://localhost:8080/site/36/login/oauth2/code/cognito,         false"})
    void callbackUrlsNeverCarryADefaultPortAndAnotherPortIsAWarning(String base, String callback, boolean warns) {
        PublicUrls urls = new PublicUrls(TestConfig.of(Map.of("sso-broker.public-base-url", base)));
        assertThat(urls.callbackUrl("36", "cognito")).isEqualTo(callback);
        assertThat(urls.authorizationBaseUrl("36", "cognito"))
                .isEqualTo(callback.replace("/login/oauth2/code/", "/oauth2/authorization/"));
        assertThat(urls.portWarning().isPresent()).isEqualTo(warns);
        urls.portWarning().ifPresent(w -> assertThat(w).contains("Cognito"));
    }

    /** Cookies are Secure, and HSTS is sent, from the configured URL alone: never from a request. */
    @ParameterizedTest
    @CsvSource({"https://sso.example.com, true", "HTTPS://sso.example.com:8443, true", "http://localhost:8080, false"})
    void httpsComesFromThePublicBaseUrl(String base, boolean https) {
        assertThat(new PublicUrls(TestConfig.of(Map.of("sso-broker.public-base-url", base))).https()).isEqualTo(https);
    }
}
