package org.ssobroker.support;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.Optional;

/**
 * The URLs admins copy into their IdP. Built from {@code sso-broker.public-base-url}, with
 * a default port (":443" on https, ":80" on http) removed: Amazon Cognito refuses callback
 * URLs that carry a port.
 */
@ApplicationScoped
public class PublicUrls {

    private final String base;
    private final Optional<String> portWarning;
    private final boolean https;

    public PublicUrls(BrokerConfig config) {
        URI uri = URI.create(config.publicBaseUrl().orElse("http://localhost:8080").trim());
        int port = uri.getPort();
        boolean defaultPort = port == -1
                || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443)
                || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        this.base = uri.getScheme() + "://" + uri.getHost() + (defaultPort ? "" : ":" + port) + path;
        this.https = "https".equalsIgnoreCase(uri.getScheme());
        // Cognito accepts ports on http://localhost callback URLs (local development) only.
        boolean local = "localhost".equalsIgnoreCase(uri.getHost()) && !https;
        this.portWarning = defaultPort || local ? Optional.empty()
                : Optional.of("The public base URL carries the port " + port
                        + ": some IdPs (Amazon Cognito) refuse callback URLs with a port. "
                        + "Serve the broker on the default port behind a proxy for those IdPs.");
    }

    public String base() {
        return base;
    }

    /** Whether browsers reach the broker over https: the Secure flag of every cookie, HSTS. */
    public boolean https() {
        return https;
    }

    public String callbackUrl(String site, String nameId) {
        return base + "/site/" + site + "/login/oauth2/code/" + nameId;
    }

    /** A SAML IdP's assertion consumer service (HTTP-POST binding): where the IdP posts its responses. */
    public String samlAcsUrl(String site, String nameId) {
        return base + "/site/" + site + "/login/saml2/sso/" + nameId;
    }

    /** The broker's SAML service provider entity id for this IdP: its SP metadata URL. */
    public String samlEntityId(String site, String nameId) {
        return base + "/site/" + site + "/saml2/service-provider-metadata/" + nameId;
    }

    public String authorizationBaseUrl(String site, String nameId) {
        return base + "/site/" + site + "/oauth2/authorization/" + nameId;
    }

    /** A warning for every IdP answer while the public base URL has a non-default port. */
    public Optional<String> portWarning() {
        return portWarning;
    }
}
