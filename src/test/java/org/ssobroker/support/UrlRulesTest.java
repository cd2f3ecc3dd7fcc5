package org.ssobroker.support;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class UrlRulesTest {

    @ParameterizedTest
    @CsvSource(nullValues = "OK", value = {
            "https://app.example.com/cb,   OK",
            "http://localhost:3000/cb,     OK",
            "http://127.0.0.1/cb,          OK",
            "http://app.example.com/cb,    http is allowed only for localhost",
            "ftp://app.example.com/cb,     must use https",
            "/relative,                    absolute",
            "https://app.example.com/#x,   fragment",
            "'https://exa mple.com',       not a valid URL"})
    void redirectUrls(String url, String problem) {
        if (problem == null) {
            assertThat(UrlRules.redirectUrlProblem(url)).isEmpty();
        } else {
            assertThat(UrlRules.redirectUrlProblem(url)).hasValueSatisfying(p -> assertThat(p).contains(problem));
        }
    }

    @ParameterizedTest
    @CsvSource(nullValues = "OK", value = {
            "https://idp.example.com/.well-known/openid-configuration, false, OK",
            "http://idp.example.com/.well-known/openid-configuration,  false, must use https",
            "http://localhost:8089/.well-known/openid-configuration,   false, must use https",
            "http://localhost:8089/.well-known/openid-configuration,   true,  OK"})
    void idpUrlsNeedHttpsUnlessInsecureHttpIsAllowed(String url, boolean allowHttp, String problem) {
        assertThat(UrlRules.idpUrlProblem(url, allowHttp).orElse(null)).isEqualTo(problem);
    }
}
