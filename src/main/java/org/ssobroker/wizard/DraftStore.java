package org.ssobroker.wizard;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.ssobroker.idp.IdpDocument;
import org.ssobroker.idp.IdpService;
import org.ssobroker.idp.IdpView;
import org.ssobroker.idp.OidcSettings;
import org.ssobroker.site.SiteKeys;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.support.ProblemException;
import org.ssobroker.support.Timestamps;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Wizard drafts in PostgreSQL: created empty or from an existing IdP (edit mode), found per
 * site, and deleted once untouched for {@code sso-broker.wizard-draft-max-age}. Callers hold the
 * transaction.
 */
@ApplicationScoped
class DraftStore {

    private final IdpService idps;
    private final BrokerConfig config;
    private final Clock clock;

    DraftStore(IdpService idps, BrokerConfig config, Clock clock) {
        this.idps = idps;
        this.config = config;
        this.clock = clock;
    }

    /** A new draft, empty or holding an existing IdP. Old drafts are cleaned up on the way. */
    IdpDraft create(String site, String fromIdp) {
        SiteKeys.require(site);
        deleteStale();
        IdpDraft draft = new IdpDraft();
        draft.id = UUID.randomUUID();
        draft.siteKey = site;
        draft.presetInputs = Map.of();
        draft.createdAt = Timestamps.now(clock);
        draft.updatedAt = draft.createdAt;
        if (fromIdp == null) {
            draft.document = new IdpDocument(null, null, "OIDC", List.of(), null, false, List.of(),
                    OidcSettings.builder().type("GENERIC").pkce(true).build(), null,
                    List.of(), null, null, null, List.of(), null, false, null);
        } else {
            // The stored secret stays on the IdP: saving without a new one keeps it, unless the
            // endpoints changed (IdpService refuses: a stored secret never reaches a new endpoint).
            IdpView existing = idps.get(site, fromIdp);
            draft.editingNameId = existing.idp().nameId();
            draft.secretStoredOnIdp = existing.clientSecretSet();
            draft.document = existing.idp().withoutSecret();
        }
        draft.persist();
        return draft;
    }

    IdpDraft get(String site, UUID id) {
        IdpDraft draft = IdpDraft.findById(id);
        if (draft == null || !draft.siteKey.equals(site)) {
            throw ProblemException.notFound("No wizard draft '" + id + "' in site '" + site + "' (saved, discarded, "
                    + "or older than " + config.wizardDraftMaxAge().toDays() + " days).");
        }
        return draft;
    }

    /** A step or discovery changed the draft: its age starts again (by the broker's clock, as the cleanup's). */
    void touch(IdpDraft draft) {
        draft.updatedAt = Timestamps.now(clock);
    }

    /** Off the start path: readiness does not wait for it (creating a draft cleans up too). */
    void cleanUpAtStart(@Observes StartupEvent event) {
        CompletableFuture.runAsync(() -> {
            try {
                QuarkusTransaction.requiringNew().run(this::deleteStale);
            } catch (RuntimeException e) {
                Log.warnf("Stale wizard drafts were not cleaned up at start: %s", e.getMessage());
            }
        });
    }

    private void deleteStale() {
        int deleted = IdpDraft.getEntityManager().createNativeQuery("delete from idp_draft where updated_at < ?1")
                .setParameter(1, Timestamp.from(Timestamps.now(clock).minus(config.wizardDraftMaxAge())))
                .executeUpdate();
        if (deleted > 0) {
            Log.infof("Deleted %d wizard drafts older than %s", deleted, config.wizardDraftMaxAge());
        }
    }
}
