package org.ssobroker.mapping;

/** A mapping document that cannot be used; the message is shown to the admin as is. */
public class MappingDocumentException extends Exception {

    public MappingDocumentException(String message) {
        super(message, null, false, false);
    }
}
