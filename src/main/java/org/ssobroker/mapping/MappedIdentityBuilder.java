package org.ssobroker.mapping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the mappers fill in, one concern each, before {@link #build()}. */
public final class MappedIdentityBuilder {

    String externalUserId;
    /** The IdP's {@code iss} and {@code sub}: a link is bound to them at its first login. */
    String issuer;
    String subject;
    /** Whether the email the IdP sent may be used (verified, or the IdP is trusted to have checked it). */
    boolean emailVerified;
    /** Google's {@code hd}: the Workspace domain of the account (checked against the email domains). */
    String hostedDomain;
    String login;
    String email;
    String name;
    String firstName;
    String lastName;
    String accessRight;
    final Set<String> idpGroups = new LinkedHashSet<>();
    /** The IdP's groups could not be read: provisioning leaves the stored ones as they are. */
    boolean keepIdpGroups;
    final Set<String> defaultGroups = new LinkedHashSet<>();
    String portalPage;
    String skin;
    String dashboardTheme;
    String language;
    final Map<String, String> attributes = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();

    public MappedIdentity build() {
        return new MappedIdentity(externalUserId, issuer, subject, login, email, name, firstName, lastName, accessRight,
                keepIdpGroups ? null : Collections.unmodifiableSet(new LinkedHashSet<>(idpGroups)),
                Collections.unmodifiableSet(new LinkedHashSet<>(defaultGroups)),
                portalPage, skin, dashboardTheme, language,
                Collections.unmodifiableMap(new LinkedHashMap<>(attributes)), hostedDomain, List.copyOf(notes));
    }
}
