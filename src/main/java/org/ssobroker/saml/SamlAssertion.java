package org.ssobroker.saml;

import java.time.Instant;
import java.util.Map;

/**
 * A verified assertion, read from the verified element only: who issued it, its id, its subject,
 * and the claims the mapping engine reads. {@code claims} holds every attribute by {@code Name}
 * and by {@code FriendlyName} (one value: a string; several: a list), {@code NameID},
 * {@code NameIDFormat}, {@code iss} (the IdP's entity id) and, for a persistent NameID, {@code sub}
 * (the immutable subject a link is bound to).
 *
 * @param solicited whether it answers a request this browser started (false: IdP-initiated)
 */
public record SamlAssertion(String issuer, String id, String nameId, Instant expiresAt, boolean solicited,
        Map<String, Object> claims) {
}
