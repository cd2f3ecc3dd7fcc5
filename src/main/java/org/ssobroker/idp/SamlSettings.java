package org.ssobroker.idp;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The SAML 2.0 part of an IdP document ({@code authMethod: "SAML"}). The IdP's metadata comes
 * from {@code metadataUrl} (fetched through the outbound policy at save and refreshed while in
 * use) or {@code metadataXml} (uploaded); {@code idpEntityId}, {@code ssoUrl} and
 * {@code signingCertificates} (base64 DER, as in the metadata) are filled from it and read-only.
 *
 * @param nameIdFormat            the NameID format asked for in the AuthnRequest (default unspecified)
 * @param externalUserIdAttribute {@code NameID} (default) or the Name or FriendlyName of an attribute
 * @param signAuthnRequest        sign the AuthnRequest (HTTP-Redirect binding, RSA-SHA256); default true
 * @param wantAssertionsSigned    the assertion itself must be signed (a signed Response alone is not
 *                                enough); default true
 * @param allowIdpInitiated       accept unsolicited responses (no InResponseTo); default false
 * @param forceAuthn              ask the IdP to authenticate the user again even with a session there
 */
@RegisterForReflection // also stored in wizard drafts and the IdP row (JSON columns)
public record SamlSettings(
        String metadataUrl,
        String metadataXml,
        String idpEntityId,
        String ssoUrl,
        List<String> signingCertificates,
        String nameIdFormat,
        String externalUserIdAttribute,
        Boolean signAuthnRequest,
        Boolean wantAssertionsSigned,
        Boolean allowIdpInitiated,
        Boolean forceAuthn) {

    public static final String NAME_ID = "NameID";
    public static final String UNSPECIFIED = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";
    public static final String PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
    public static final String TRANSIENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
    public static final String EMAIL = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
    /** The read-only fields, which the metadata fills. */
    public static final List<String> FROM_METADATA = List.of("idpEntityId", "ssoUrl", "signingCertificates");

    /** The NameID formats of SAML 2.0 core 8.3, by their short names. */
    private static final Map<String, String> FORMATS = Map.of(
            "unspecified", UNSPECIFIED,
            "emailaddress", EMAIL,
            "x509subjectname", "urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName",
            "windowsdomainqualifiedname", "urn:oasis:names:tc:SAML:1.1:nameid-format:WindowsDomainQualifiedName",
            "persistent", PERSISTENT,
            "transient", TRANSIENT,
            "kerberos", "urn:oasis:names:tc:SAML:2.0:nameid-format:kerberos",
            "entity", "urn:oasis:names:tc:SAML:2.0:nameid-format:entity");

    /** The format's URN, for a URN of core 8.3 or its short name ({@code persistent}); empty otherwise. */
    public static Optional<String> nameIdFormat(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(UNSPECIFIED);
        }
        String given = value.trim();
        String shortName = given.substring(given.lastIndexOf(':') + 1).toLowerCase(Locale.ROOT);
        String urn = FORMATS.get(shortName);
        return urn != null && (given.equalsIgnoreCase(shortName) || given.equals(urn)) ? Optional.of(urn)
                : Optional.empty();
    }

    /** The known format URNs, as error messages list them. */
    public static List<String> nameIdFormats() {
        return FORMATS.values().stream().sorted().toList();
    }

    /** These settings with what the IdP's metadata says. */
    public SamlSettings withMetadata(SamlIdpMetadata metadata) {
        return new SamlSettings(metadataUrl, metadataXml, metadata.entityId(), metadata.ssoUrl(),
                metadata.signingCertificates(), nameIdFormat, externalUserIdAttribute, signAuthnRequest,
                wantAssertionsSigned, allowIdpInitiated, forceAuthn);
    }

    /** The metadata these settings hold (what the last fetch or the upload gave). */
    public SamlIdpMetadata metadata() {
        return new SamlIdpMetadata(idpEntityId, ssoUrl, signingCertificates == null ? List.of() : signingCertificates);
    }
}
