package org.ssobroker.mapping;

/**
 * One concern of turning claims into a local user. Mappers are pure (no I/O) and run in
 * {@link #order()}; each has a stable id, a label and help text for admins.
 */
public interface ClaimMapper {

    String id();

    String label();

    String helpText();

    /** Lower runs first: later mappers may fill what earlier ones left empty. */
    int order();

    void map(Claims claims, MappingRules rules, MappedIdentityBuilder identity);
}
