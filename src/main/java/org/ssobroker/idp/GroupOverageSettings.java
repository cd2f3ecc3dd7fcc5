package org.ssobroker.idp;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * Entra ID group overage: a user in more than 200 groups gets no {@code groups} claim but a
 * pointer to Microsoft Graph ({@code _claim_names.groups}, {@code hasgroups} or
 * {@code groups.link}). With these settings the broker then reads the groups from Graph with an
 * app-only token of the IdP's own client (Graph application permission
 * {@code GroupMember.Read.All}). Filled with its defaults for every {@code ENTRA_ID} IdP.
 *
 * @param graphBaseUrl        Graph's base, {@code https://graph.microsoft.com/v1.0} by default
 * @param onGroupFetchFailure {@code refuse} (default): the sign-in fails naming Graph;
 *                            {@code keepPrevious}: the sign-in goes on and the IdP's groups stay
 *                            as they were. A failed fetch never counts as "no groups".
 * @param resolveNames        also read the groups' display names, so mapping documents may key by
 *                            name as well as by object id
 */
@RegisterForReflection // also stored in wizard drafts (JSON column)
public record GroupOverageSettings(String graphBaseUrl, String onGroupFetchFailure, Boolean resolveNames) {

    public static final String DEFAULT_GRAPH_BASE_URL = "https://graph.microsoft.com/v1.0";
    public static final String REFUSE = "refuse";
    public static final String KEEP_PREVIOUS = "keepPrevious";
    public static final List<String> FAILURE_MODES = List.of(REFUSE, KEEP_PREVIOUS);

    public static GroupOverageSettings defaults() {
        return new GroupOverageSettings(DEFAULT_GRAPH_BASE_URL, REFUSE, false);
    }

    public boolean keepPreviousOnFailure() {
        return KEEP_PREVIOUS.equals(onGroupFetchFailure);
    }

    public boolean namesResolved() {
        return Boolean.TRUE.equals(resolveNames);
    }
}
