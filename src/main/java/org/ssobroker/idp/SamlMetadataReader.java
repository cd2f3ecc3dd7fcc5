package org.ssobroker.idp;

/**
 * Reads a SAML IdP's metadata (implemented by the saml package): the validator parses uploaded
 * metadata, and saving an IdP with a metadata URL fetches it (through the outbound policy).
 */
public interface SamlMetadataReader {

    /** @throws MetadataException why the document is not usable IdP metadata */
    SamlIdpMetadata parse(String xml) throws MetadataException;

    /** @throws MetadataException why the URL gave no usable IdP metadata */
    SamlIdpMetadata fetch(String url) throws MetadataException;

    /** The metadata cannot be used; the message says why, for an admin. */
    class MetadataException extends Exception {
        public MetadataException(String message) {
            super(message, null, false, false);
        }
    }
}
