package org.ssobroker.wizard;

import java.time.Instant;
import java.util.UUID;

/** A draft in a list: which IdP it will be (or edits), and when it was last touched. */
public record DraftSummary(UUID id, String nameId, String displayName, String editing, Instant updatedAt) {
}
