package org.ssobroker.idp;

import java.util.List;

/**
 * What the broker takes from a SAML IdP's metadata: its entity id (the Issuer of its responses),
 * its single sign-on URL (HTTP-Redirect binding) and the certificates its signatures are checked
 * with (base64 DER; several during a key rollover).
 */
public record SamlIdpMetadata(String entityId, String ssoUrl, List<String> signingCertificates) {

    public SamlIdpMetadata {
        signingCertificates = signingCertificates == null ? List.of() : List.copyOf(signingCertificates);
    }
}
