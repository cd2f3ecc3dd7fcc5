package org.ssobroker.saml;

import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.idp.RegisteredIdp;
import org.ssobroker.idp.SamlSettings;
import org.ssobroker.support.PublicUrls;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Starts a SAML sign-in: an AuthnRequest to the IdP's SSO URL with the HTTP-Redirect binding
 * (deflated, base64, in the query), signed with the SP signing key over the query (RSA-SHA256,
 * SAML bindings 3.4.4.1) unless the IdP's {@code signAuthnRequest} is false. Its id comes back as
 * the response's InResponseTo; the caller binds it to the browser.
 */
@ApplicationScoped
public class AuthnRequests {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdpTrust trust;
    private final SpKeys keys;
    private final PublicUrls urls;
    private final Clock clock;

    public AuthnRequests(IdpTrust trust, SpKeys keys, PublicUrls urls, Clock clock) {
        this.trust = trust;
        this.keys = keys;
        this.urls = urls;
        this.clock = clock;
    }

    /** The request's id and where to send the browser. */
    public record Start(String requestId, URI location) {
    }

    /**
     * Blocking (the IdP's metadata may be refreshed, the SP keys made).
     *
     * @throws org.ssobroker.support.LoginRefusal (upstream unavailable) when the IdP's metadata cannot be read
     */
    public Start start(RegisteredIdp idp) {
        SamlSettings saml = idp.saml();
        String ssoUrl = trust.current(idp).metadata().ssoUrl();
        // An xs:ID: it must not start with a digit.
        String id = "_" + HexFormat.of().formatHex(random());
        String xml = "<samlp:AuthnRequest xmlns:samlp=\"" + SamlXml.PROTOCOL + "\" xmlns:saml=\"" + SamlXml.ASSERTION
                + "\" ID=\"" + id + "\" Version=\"2.0\" IssueInstant=\""
                + clock.instant().truncatedTo(ChronoUnit.SECONDS) + "\" Destination=\"" + SamlXml.escape(ssoUrl)
                + "\" AssertionConsumerServiceURL=\"" + SamlXml.escape(urls.samlAcsUrl(idp.siteKey(), idp.nameId()))
                + "\" ProtocolBinding=\"" + SamlXml.HTTP_POST + "\""
                + (Boolean.TRUE.equals(saml.forceAuthn()) ? " ForceAuthn=\"true\"" : "") + ">"
                + "<saml:Issuer>" + SamlXml.escape(urls.samlEntityId(idp.siteKey(), idp.nameId())) + "</saml:Issuer>"
                + "<samlp:NameIDPolicy Format=\"" + SamlXml.escape(saml.nameIdFormat()) + "\" AllowCreate=\"true\"/>"
                + "</samlp:AuthnRequest>";
        String query = "SAMLRequest=" + encode(Base64.getEncoder().encodeToString(deflate(xml)));
        if (!Boolean.FALSE.equals(saml.signAuthnRequest())) {
            query += "&SigAlg=" + encode(SamlXml.RSA_SHA256);
            query += "&Signature=" + encode(sign(query, idp));
        }
        return new Start(id, URI.create(ssoUrl + (ssoUrl.contains("?") ? "&" : "?") + query));
    }

    private static byte[] random() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** The signature over the query exactly as sent (values URL-encoded), base64. */
    private String sign(String signedQuery, RegisteredIdp idp) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.of(idp).signingKey());
            signature.update(signedQuery.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The AuthnRequest cannot be signed", e);
        }
    }

    /** Raw DEFLATE (RFC 1951, no zlib header), as the HTTP-Redirect binding wants. */
    private static byte[] deflate(String xml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.DEFLATED, true);
        try (DeflaterOutputStream stream = new DeflaterOutputStream(out, deflater)) {
            stream.write(xml.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("The AuthnRequest cannot be deflated", e);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
