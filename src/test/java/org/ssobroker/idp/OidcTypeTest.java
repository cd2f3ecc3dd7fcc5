package org.ssobroker.idp;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The one list of IdP types: names, presets and the part each field of a document belongs to. */
class OidcTypeTest {

    @Test
    void namesAreCaseInsensitiveAndBlankIsGeneric() {
        assertThat(OidcType.of(" entra_id ")).contains(OidcType.ENTRA_ID);
        assertThat(OidcType.of("")).contains(OidcType.GENERIC);
        assertThat(OidcType.of("ADFS")).isEmpty();
        assertThat(OidcType.names()).containsExactly("AUTH0", "COGNITO", "ENTRA_ID", "GENERIC", "GOOGLE", "KEYCLOAK",
                "OKTA");
    }

    @Test
    void aPresetBuildsItsConfigurationUrlOnceItsInputsAreThere() {
        assertThat(OidcType.COGNITO.configUrl(Map.of("region", "us-east-2"))).isEmpty();
        assertThat(OidcType.COGNITO.missingInputs(Map.of("region", "us-east-2"))).containsExactly("userPoolId");
        assertThat(OidcType.COGNITO.configUrl(Map.of("region", "us-east-2", "userPoolId", "us-east-2_AbC")))
                .contains("https://cognito-idp.us-east-2.amazonaws.com/us-east-2_AbC/.well-known/openid-configuration");
        assertThat(OidcType.OKTA.configUrl(Map.of("domain", "acme.okta.com")))
                .contains("https://acme.okta.com/.well-known/openid-configuration");
        assertThat(OidcType.KEYCLOAK.configUrl(Map.of("baseUrl", "https://kc.example.com//", "realm", "acme")))
                .contains("https://kc.example.com/realms/acme/.well-known/openid-configuration");
        assertThat(OidcType.GENERIC.configUrl(Map.of())).isEmpty();
        assertThat(OidcType.allInputs()).containsExactly("region", "userPoolId", "tenantId", "domain",
                "authorizationServer", "baseUrl", "realm");
    }

    @Test
    void everyFieldPathBelongsToOnePart() {
        assertThat(IdpPart.ofField("oidc.clientId")).contains(IdpPart.DETAILS);
        assertThat(IdpPart.ofField("attributeMappings[2].claim")).contains(IdpPart.ATTRIBUTES);
        assertThat(IdpPart.ofField("welcome.emailTemplate")).contains(IdpPart.WELCOME);
        assertThat(IdpPart.ofField("trustUnverifiedEmail")).contains(IdpPart.BASICS);
        assertThat(IdpPart.ofField("groupOverage.graphBaseUrl")).contains(IdpPart.GROUP_OVERAGE);
        assertThat(IdpPart.ofField("body")).isEmpty();
    }
}
