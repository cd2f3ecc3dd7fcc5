package org.ssobroker.wizard;

import org.ssobroker.idp.IdpDocument;
import org.ssobroker.idp.IdpPart;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The nine steps, in the reference wizard's order. Each writes one {@link IdpPart} of the IdP
 * document: either some top-level fields, or one nested object ({@code details} is {@code oidc},
 * or {@code saml} for a SAML IdP).
 */
public enum WizardStep {
    BASICS("basics", IdpPart.BASICS),
    LOGIN_URL("login-url", IdpPart.LOGIN_URL),
    DETAILS("details", IdpPart.DETAILS),
    ATTRIBUTES("attributes", IdpPart.ATTRIBUTES),
    ACCESS_RIGHTS("access-rights", IdpPart.ACCESS_RIGHTS),
    GROUPS("groups", IdpPart.GROUPS),
    DEFAULT_PROPERTIES("default-properties", IdpPart.DEFAULT_PROPERTIES),
    DEFAULT_GROUPS("default-groups", IdpPart.DEFAULT_GROUPS),
    WELCOME("welcome", IdpPart.WELCOME);

    public final String path;
    public final IdpPart part;
    /** The document property this step's body is, or null when it is top-level fields (OIDC; see {@link #nested(IdpDocument)}). */
    public final String nested;
    public final List<String> fields;

    WizardStep(String path, IdpPart part) {
        this.path = path;
        this.part = part;
        this.nested = part.nested;
        this.fields = part.fields;
    }

    /** The document property this step's body is in this draft (the details of a SAML IdP: saml). */
    public String nested(IdpDocument draft) {
        return part.nested(draft != null && draft.usesSaml());
    }

    public static Optional<WizardStep> of(String path) {
        return Arrays.stream(values()).filter(step -> step.path.equals(path)).findFirst();
    }

    /** Whether this step writes a mapping table (whose nodes are chosen after the upload). */
    boolean isMapping() {
        return this == ACCESS_RIGHTS || this == GROUPS;
    }

    public static List<String> paths() {
        return Arrays.stream(values()).map(step -> step.path).toList();
    }
}
