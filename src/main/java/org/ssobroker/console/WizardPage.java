package org.ssobroker.console;

import io.quarkus.qute.TemplateData;
import org.ssobroker.mapping.MappingRule;
import org.ssobroker.wizard.WelcomePreview;

import java.util.List;
import java.util.Map;

/**
 * One wizard step as the console renders it: where it is among the nine, the form's values and
 * the errors next to their fields, and what the step shows besides (callback URLs, presets and
 * hints, choices from the site's catalogs, a mapping's nodes and table, the welcome preview).
 */
@TemplateData
public record WizardPage(
        Frame frame,
        String base,
        StepLink step,
        List<StepLink> steps,
        String editing,
        String nameId,
        String prevHref,
        boolean last,
        Map<String, String> values,
        Map<String, String> errors,
        List<OtherError> otherErrors,
        Details details,
        List<Choice> loginUrls,
        List<Choice> accessRights,
        List<Choice> groups,
        List<String> userFields,
        List<WizardForms.Row> rows,
        Mapping mapping,
        WelcomePreview preview,
        String summary) {

    @TemplateData
    public record StepLink(String path, String title, int number, boolean current, String href) {
    }

    @TemplateData
    public record Choice(String value, String label, boolean selected) {
    }

    @TemplateData
    public record OtherError(String step, String href, String field, String message) {
    }

    @TemplateData
    public record PresetInput(String name, String label, boolean required, String value, String error) {
    }

    @TemplateData
    public record Details(String callbackUrl, String authorizationBaseUrl, boolean clientSecretSet,
            boolean endpointsReadOnly, List<String> hints, List<String> warnings, List<Choice> types,
            List<PresetInput> presetInputs, Saml saml) {
    }

    /**
     * A SAML IdP's details besides its fields: what the admin gives the IdP (the SP entity id,
     * which is the SP metadata URL, and the ACS URL), whether the metadata fields are read-only,
     * and the NameID formats to pick from.
     */
    @TemplateData
    public record Saml(String acsUrl, String spEntityId, boolean metadataReadOnly, List<Choice> nameIdFormats) {
    }

    @TemplateData
    public record Mapping(boolean documentSet, String document, List<Choice> keyNodes, List<Choice> valueNodes,
            List<MappingRule> table) {
    }

    /** The field's value for the form ("" when none). */
    public String value(String name) {
        String value = values.get(name);
        return value == null ? "" : value;
    }

    /** Whether a checkbox is ticked. */
    public boolean checked(String name) {
        String value = values.get(name);
        return value != null && !value.isEmpty() && !value.equals("false");
    }

    /** The error of this field, or null. */
    public String error(String name) {
        return errors.get(name);
    }

    /** The heading of the error summary: what was not done. */
    public String errorHeading() {
        return summary != null ? summary : otherErrors.isEmpty() ? "This step was not saved:" : "The IdP was not saved:";
    }

    /** This page with another error-summary heading (a discovery that failed after the step was saved). */
    WizardPage withSummary(String heading) {
        return new WizardPage(frame, base, step, steps, editing, nameId, prevHref, last, values, errors, otherErrors,
                details, loginUrls, accessRights, groups, userFields, rows, mapping, preview, heading);
    }

    /** This page with these rows (a refused step shows the rows as typed). */
    WizardPage withRows(List<WizardForms.Row> typed) {
        return new WizardPage(frame, base, step, steps, editing, nameId, prevHref, last, values, errors, otherErrors,
                details, loginUrls, accessRights, groups, userFields, typed, mapping, preview, summary);
    }

    public boolean hasErrors() {
        return !errors.isEmpty() || !otherErrors.isEmpty();
    }

    public boolean is(String stepPath) {
        return step.path().equals(stepPath);
    }
}
