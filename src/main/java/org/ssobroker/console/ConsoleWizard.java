package org.ssobroker.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.idp.IdpService;
import org.ssobroker.idp.IdpValidationContext;
import org.ssobroker.idp.IdpWriteResult;
import org.ssobroker.idp.WelcomeSettings;
import org.ssobroker.wizard.DraftSummary;
import org.ssobroker.wizard.DraftView;
import org.ssobroker.wizard.WelcomePreview;
import org.ssobroker.wizard.WizardService;
import org.ssobroker.wizard.WizardStep;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The console's side of the IdP wizard: the same drafts, steps, discovery and save as the REST
 * wizard ({@link WizardService}), each step read as the REST wizard shows it ({@link StepViews}),
 * with what its form offers to pick from (the site's login URLs and catalogs).
 */
@ApplicationScoped
public class ConsoleWizard {

    private final WizardService wizard;
    private final IdpService idps;

    public ConsoleWizard(WizardService wizard, IdpService idps) {
        this.wizard = wizard;
        this.idps = idps;
    }

    /** A step as shown: the draft's identity and protocol, the step's view, and the site's choices. */
    public record Step(UUID draftId, String editing, String nameId, boolean clientSecretSet, boolean saml,
            ObjectNode view, Set<String> loginUrls, Set<String> accessRights, Set<String> groups) {
    }

    public UUID create(String site, String fromIdp) {
        return UUID.fromString(wizard.create(site, fromIdp).id());
    }

    public Step step(String site, UUID id, WizardStep step) {
        return shown(site, id, wizard.step(site, id, step));
    }

    /** Writes one step (as the REST wizard's {@code PUT}) and shows it again. */
    public Step put(String site, UUID id, WizardStep step, ObjectNode body) {
        return shown(site, id, wizard.putStep(site, id, step, body));
    }

    /** Discovery runs outside any transaction (it may take the whole outbound deadline). */
    public void discover(String site, UUID id) {
        wizard.discover(site, id);
    }

    public boolean usesSaml(String site, UUID id) {
        return wizard.usesSaml(site, id);
    }

    public IdpWriteResult save(String site, UUID id) {
        return wizard.save(site, id);
    }

    public void discard(String site, UUID id) {
        wizard.discard(site, id);
    }

    public List<DraftSummary> drafts(String site) {
        return wizard.drafts(site);
    }

    /** The element names of a mapping document (none when it does not parse; the step then says why). */
    public List<String> nodes(String document) {
        return wizard.parsedMapping(document).map(doc -> List.copyOf(doc.nodes())).orElse(List.of());
    }

    public WelcomePreview preview(String site, UUID id, WelcomeSettings unsaved) {
        return wizard.preview(site, id, unsaved, "Jane Doe", "jane.doe@example.com", "jane.doe@example.com");
    }

    private Step shown(String site, UUID id, ObjectNode view) {
        DraftView draft = wizard.view(site, id);
        IdpValidationContext context = idps.context(site, Optional.ofNullable(draft.editing()),
                draft.document().nameId());
        return new Step(id, draft.editing(), draft.document().nameId(), draft.clientSecretSet(),
                draft.document().usesSaml(), view,
                context.loginUrls(), context.accessRights(), context.groups());
    }
}
