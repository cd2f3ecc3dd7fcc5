package org.ssobroker.saml;

import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.idp.RegisteredIdp;
import org.ssobroker.idp.SamlSettings;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.support.PublicUrls;
import org.ssobroker.support.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Validates a SAML 2.0 Response posted to the assertion consumer service (Web Browser SSO profile,
 * HTTP-POST binding) and reads its assertion. Safe against XML signature wrapping by construction:
 * the response must hold exactly one assertion (plain or encrypted) in the whole document, as a
 * direct child of the Response; a signature counts only for the element it is a direct child of
 * and signs by ID ({@link SignatureCheck}); and every value is then read from that element by
 * walking its direct children, never by searching the document.
 *
 * <p>The checks, each refused with its own {@link SamlRefusal.Check}: the XML (no DOCTYPE), the
 * IdP's status, one assertion in its place, the signatures (by a certificate of the IdP's metadata;
 * the assertion's own when {@code wantAssertionsSigned}), Issuer, Destination, InResponseTo (the
 * request id this browser's intent holds; none only when {@code allowIdpInitiated}), the bearer
 * SubjectConfirmation's Recipient and NotOnOrAfter, the Conditions' times and Audience, and
 * finally the replay cache (nothing is recorded unless every other check passed).
 */
@ApplicationScoped
public class SamlResponses {

    /** The form field is capped by the HTTP body limit (1 MB) already; this bounds the decoded XML. */
    static final int MAX_RESPONSE_BYTES = 512 * 1024;
    private static final int MAX_ID_CHARS = 256;

    private final IdpTrust trust;
    private final SpKeys keys;
    private final ReplayCache replays;
    private final PublicUrls urls;
    private final Clock clock;
    private final Duration skew;

    public SamlResponses(IdpTrust trust, SpKeys keys, ReplayCache replays, PublicUrls urls, Clock clock,
            BrokerConfig config) {
        this.trust = trust;
        this.keys = keys;
        this.replays = replays;
        this.urls = urls;
        this.clock = clock;
        this.skew = config.token().clockSkew();
    }

    /**
     * @param encoded   the {@code SAMLResponse} form field (base64)
     * @param requestId the id of the AuthnRequest this browser's login intent holds, if any
     * @throws SamlRefusal naming the check that failed
     * @throws org.ssobroker.support.LoginRefusal (upstream unavailable) when the IdP's metadata cannot be read
     */
    public SamlAssertion consume(RegisteredIdp idp, String encoded, Optional<String> requestId) {
        Element response = parse(encoded);
        try {
            return new Validation(idp, requestId).run(response);
        } catch (SamlXml.DoubledElementException e) {
            throw new SamlRefusal(SamlRefusal.Check.MALFORMED, "the response holds more than one " + e.getMessage()
                    + " where one is allowed");
        } catch (DateTimeParseException e) {
            throw new SamlRefusal(SamlRefusal.Check.MALFORMED, "a time of the response is not an xs:dateTime in UTC");
        }
    }

    private static Element parse(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            throw new SamlRefusal(SamlRefusal.Check.MALFORMED, "the request carries no SAMLResponse");
        }
        byte[] xml;
        try {
            // Some IdPs break the base64 into lines.
            xml = Base64.getDecoder().decode(encoded.replaceAll("[\\r\\n\\t ]", ""));
        } catch (IllegalArgumentException e) {
            throw new SamlRefusal(SamlRefusal.Check.MALFORMED, "the SAMLResponse is not base64");
        }
        if (xml.length > MAX_RESPONSE_BYTES) {
            throw new SamlRefusal(SamlRefusal.Check.MALFORMED, "the SAMLResponse is larger than " + MAX_RESPONSE_BYTES
                    + " bytes");
        }
        Document document;
        try {
            document = SamlXml.PARSER.parse(xml);
        } catch (SafeXml.RefusedXmlException e) {
            throw switch (e.problem()) {
                case DOCTYPE -> new SamlRefusal(SamlRefusal.Check.DOCTYPE, "the response contains a DOCTYPE (DTDs and "
                        + "entities are refused)");
                case TOO_DEEP -> new SamlRefusal(SamlRefusal.Check.MALFORMED, "the response nests elements too deeply");
                case MALFORMED -> new SamlRefusal(SamlRefusal.Check.MALFORMED, "the response is not well-formed XML");
            };
        }
        Element root = document.getDocumentElement();
        if (!SamlXml.is(root, SamlXml.PROTOCOL, "Response") || !"2.0".equals(SamlXml.attribute(root, "Version"))) {
            throw new SamlRefusal(SamlRefusal.Check.MALFORMED, "the SAMLResponse is not a SAML 2.0 Response");
        }
        return root;
    }

    /** One response's checks, in order. */
    private final class Validation {
        private final RegisteredIdp idp;
        private final SamlSettings settings;
        private final Optional<String> requestId;
        private final String acsUrl;
        private final String spEntityId;
        private final Instant now;
        private IdpTrust.Trusted trusted;

        Validation(RegisteredIdp idp, Optional<String> requestId) {
            this.idp = idp;
            this.settings = idp.saml();
            this.requestId = requestId;
            this.acsUrl = urls.samlAcsUrl(idp.siteKey(), idp.nameId());
            this.spEntityId = urls.samlEntityId(idp.siteKey(), idp.nameId());
            this.now = clock.instant();
        }

        SamlAssertion run(Element response) {
            status(response);
            Element placed = onlyAssertion(response);
            trusted = trust.current(idp);
            boolean responseSigned = signed(response);
            issuer(response, false);
            String inResponseTo = SamlXml.attribute(response, "InResponseTo");
            destination(response, responseSigned);
            boolean solicited = inResponseTo(inResponseTo);
            Element assertion = SamlXml.is(placed, SamlXml.ASSERTION, "EncryptedAssertion")
                    ? decrypted(placed) : placed;
            if (Objects.equals(SamlXml.attribute(assertion, "ID"), SamlXml.attribute(response, "ID"))) {
                throw wrapping("the assertion and the response share one ID");
            }
            boolean assertionSigned = signed(assertion);
            if (!assertionSigned && !responseSigned) {
                throw new SamlRefusal(SamlRefusal.Check.UNSIGNED, "neither the response nor its assertion is signed");
            }
            if (!assertionSigned && Boolean.TRUE.equals(settings.wantAssertionsSigned())) {
                throw new SamlRefusal(SamlRefusal.Check.UNSIGNED, "the assertion is not signed (this IdP's "
                        + "wantAssertionsSigned asks for a signed assertion, not only a signed response)");
            }
            return read(assertion, solicited ? inResponseTo : null);
        }

        private void status(Element response) {
            Element status = SamlXml.child(response, SamlXml.PROTOCOL, "Status").orElseThrow(() ->
                    new SamlRefusal(SamlRefusal.Check.MALFORMED, "the response has no Status"));
            Element code = SamlXml.child(status, SamlXml.PROTOCOL, "StatusCode").orElseThrow(() ->
                    new SamlRefusal(SamlRefusal.Check.MALFORMED, "the response has no StatusCode"));
            String value = SamlXml.attribute(code, "Value");
            if (SamlXml.SUCCESS.equals(value)) {
                return;
            }
            String detail = SamlXml.child(code, SamlXml.PROTOCOL, "StatusCode")
                    .map(sub -> " / " + shortCode(SamlXml.attribute(sub, "Value"))).orElse("")
                    + SamlXml.child(status, SamlXml.PROTOCOL, "StatusMessage")
                    .map(message -> " (" + SamlXml.text(message) + ")").orElse("");
            throw new SamlRefusal(SamlRefusal.Check.IDP_STATUS, "the identity provider did not sign the user in: "
                    + "status " + shortCode(value) + detail);
        }

        private static String shortCode(String value) {
            return value == null ? "none" : value.substring(value.lastIndexOf(':') + 1);
        }

        /**
         * Exactly one assertion, plain or encrypted, in the whole document, and it is a direct
         * child of the Response: any other (before or after it, in Extensions, inside a signature)
         * is how signature wrapping smuggles an unsigned assertion past a signed one.
         */
        private Element onlyAssertion(Element response) {
            Document document = response.getOwnerDocument();
            int assertions = document.getElementsByTagNameNS(SamlXml.ASSERTION, "Assertion").getLength()
                    + document.getElementsByTagNameNS(SamlXml.ASSERTION, "EncryptedAssertion").getLength();
            List<Element> placed = new ArrayList<>(SamlXml.children(response, SamlXml.ASSERTION, "Assertion"));
            placed.addAll(SamlXml.children(response, SamlXml.ASSERTION, "EncryptedAssertion"));
            if (assertions > 1) {
                throw wrapping("the response holds " + assertions + " assertions; exactly one is accepted");
            }
            if (placed.isEmpty()) {
                throw assertions == 0 ? new SamlRefusal(SamlRefusal.Check.MALFORMED, "the response holds no assertion")
                        : wrapping("the assertion is not a direct child of the Response (it was moved, e.g. into "
                                + "Extensions)");
            }
            return placed.get(0);
        }

        /**
         * Whether the element carries a signature (a direct child) that verifies with the IdP's
         * metadata; a signature that does not verify refuses the response (after one refresh of
         * the metadata, in case the IdP rolled its key over).
         */
        private boolean signed(Element element) {
            Optional<Element> signature = SamlXml.child(element, SamlXml.DSIG, "Signature");
            if (signature.isEmpty()) {
                return false;
            }
            if (SignatureCheck.verifies(element, signature.get(), trusted.certificates())) {
                return true;
            }
            Optional<IdpTrust.Trusted> refreshed = trust.refreshedAfterUnknownSigner(idp);
            if (refreshed.isPresent() && SignatureCheck.verifies(element, signature.get(),
                    refreshed.get().certificates())) {
                trusted = refreshed.get();
                return true;
            }
            throw new SamlRefusal(SamlRefusal.Check.BAD_SIGNATURE, "the " + SamlXml.name(element) + "'s signature "
                    + "does not verify with any signing certificate of the IdP's metadata");
        }

        /** The Issuer: required in the assertion, optional in the response; the IdP's entity id. */
        private void issuer(Element element, boolean required) {
            Optional<Element> issuer = SamlXml.child(element, SamlXml.ASSERTION, "Issuer");
            if (issuer.isEmpty()) {
                if (required) {
                    throw new SamlRefusal(SamlRefusal.Check.ISSUER, "the assertion has no Issuer");
                }
                return;
            }
            String value = SamlXml.text(issuer.get());
            if (!value.equals(trusted.metadata().entityId())) {
                throw new SamlRefusal(SamlRefusal.Check.ISSUER, "the " + SamlXml.name(element) + "'s Issuer '" + value
                        + "' is not the IdP's entity id '" + trusted.metadata().entityId() + "'");
            }
        }

        /** Destination: this IdP's ACS URL; required when the response is signed (SAML bindings 3.5.5.2). */
        private void destination(Element response, boolean signed) {
            String destination = SamlXml.attribute(response, "Destination");
            if (destination == null && !signed) {
                return;
            }
            if (!acsUrl.equals(destination)) {
                throw new SamlRefusal(SamlRefusal.Check.DESTINATION, destination == null
                        ? "the signed response has no Destination"
                        : "the response's Destination '" + destination + "' is not this sign-in method's assertion "
                                + "consumer URL '" + acsUrl + "'");
            }
        }

        /** @return whether the response answers this browser's request (false: IdP-initiated, allowed) */
        private boolean inResponseTo(String inResponseTo) {
            if (inResponseTo == null) {
                if (!Boolean.TRUE.equals(settings.allowIdpInitiated())) {
                    throw new SamlRefusal(SamlRefusal.Check.UNSOLICITED, "the response answers no request "
                            + "(IdP-initiated sign-in), which this sign-in method does not allow; start the sign-in "
                            + "from the application");
                }
                return false;
            }
            if (requestId.isEmpty()) {
                throw new SamlRefusal(SamlRefusal.Check.IN_RESPONSE_TO, "the response answers a sign-in that was not "
                        + "started in this browser, or that took too long; start again");
            }
            if (!requestId.get().equals(inResponseTo)) {
                throw new SamlRefusal(SamlRefusal.Check.IN_RESPONSE_TO, "the response answers another request ("
                        + "InResponseTo '" + inResponseTo + "') than the one this browser sent");
            }
            return true;
        }

        private Element decrypted(Element encrypted) {
            Element assertion = AssertionDecryption.decrypt(encrypted, keys.of(idp).encryptionKey());
            if (assertion.getOwnerDocument().getElementsByTagNameNS(SamlXml.ASSERTION, "Assertion").getLength() != 1) {
                throw wrapping("the encrypted assertion holds more than one assertion");
            }
            return assertion;
        }

        /** Everything below reads the verified assertion element, by its direct children. */
        private SamlAssertion read(Element assertion, String inResponseTo) {
            String id = SamlXml.attribute(assertion, "ID");
            if (id == null || id.isBlank() || id.length() > MAX_ID_CHARS
                    || !"2.0".equals(SamlXml.attribute(assertion, "Version"))) {
                throw new SamlRefusal(SamlRefusal.Check.MALFORMED, "the assertion is not a SAML 2.0 assertion with an "
                        + "ID of at most " + MAX_ID_CHARS + " characters");
            }
            issuer(assertion, true);
            notInTheFuture(assertion, "IssueInstant");
            Element subject = SamlXml.child(assertion, SamlXml.ASSERTION, "Subject").orElseThrow(() ->
                    new SamlRefusal(SamlRefusal.Check.MALFORMED, "the assertion has no Subject"));
            if (SamlXml.child(subject, SamlXml.ASSERTION, "EncryptedID").isPresent()) {
                throw new SamlRefusal(SamlRefusal.Check.MALFORMED, "the assertion's subject is an EncryptedID, which "
                        + "the broker does not read; encrypt the whole assertion instead");
            }
            Instant expiresAt = bearer(subject, inResponseTo);
            expiresAt = min(expiresAt, conditions(assertion));
            if (SamlXml.children(assertion, SamlXml.ASSERTION, "AuthnStatement").isEmpty()) {
                throw new SamlRefusal(SamlRefusal.Check.MALFORMED, "the assertion has no AuthnStatement (it does not "
                        + "say that the user signed in)");
            }
            Optional<Element> nameId = SamlXml.child(subject, SamlXml.ASSERTION, "NameID");
            Map<String, Object> claims = claims(assertion, nameId);
            String issuer = trusted.metadata().entityId();
            Instant keepUntil = expiresAt.plus(skew);
            if (!replays.firstUse(issuer, id, keepUntil)) {
                throw new SamlRefusal(SamlRefusal.Check.REPLAYED, "the assertion " + id + " was used before (a "
                        + "response is accepted once)");
            }
            return new SamlAssertion(issuer, id, nameId.map(SamlXml::text).orElse(null), keepUntil,
                    inResponseTo != null, claims);
        }

        /**
         * A bearer SubjectConfirmation (Web SSO profile) whose data passes: Recipient the ACS URL,
         * NotOnOrAfter present and not passed, InResponseTo this browser's request (absent when
         * unsolicited). @return its NotOnOrAfter
         */
        private Instant bearer(Element subject, String inResponseTo) {
            SamlRefusal failure = new SamlRefusal(SamlRefusal.Check.MALFORMED, "the assertion's subject has no bearer "
                    + "SubjectConfirmation");
            for (Element confirmation : SamlXml.children(subject, SamlXml.ASSERTION, "SubjectConfirmation")) {
                if (!SamlXml.BEARER.equals(SamlXml.attribute(confirmation, "Method"))) {
                    continue;
                }
                try {
                    return confirmed(confirmation, inResponseTo);
                } catch (SamlRefusal refusal) {
                    failure = refusal;
                }
            }
            throw failure;
        }

        private Instant confirmed(Element confirmation, String inResponseTo) {
            Element data = SamlXml.child(confirmation, SamlXml.ASSERTION, "SubjectConfirmationData").orElseThrow(() ->
                    new SamlRefusal(SamlRefusal.Check.MALFORMED, "the bearer SubjectConfirmation has no data"));
            String recipient = SamlXml.attribute(data, "Recipient");
            if (!acsUrl.equals(recipient)) {
                throw new SamlRefusal(SamlRefusal.Check.RECIPIENT, "the assertion's Recipient '" + recipient + "' is "
                        + "not this sign-in method's assertion consumer URL '" + acsUrl + "'");
            }
            if (!Objects.equals(inResponseTo, SamlXml.attribute(data, "InResponseTo"))) {
                throw new SamlRefusal(SamlRefusal.Check.IN_RESPONSE_TO, "the assertion's InResponseTo is not the "
                        + "response's");
            }
            notYetValid(data);
            return notOnOrAfter(data, true);
        }

        /** @return the Conditions' NotOnOrAfter (or none); the audience must include this SP */
        private Optional<Instant> conditions(Element assertion) {
            Element conditions = SamlXml.child(assertion, SamlXml.ASSERTION, "Conditions").orElseThrow(() ->
                    new SamlRefusal(SamlRefusal.Check.AUDIENCE, "the assertion has no Conditions, so no audience"));
            notYetValid(conditions);
            Optional<Instant> notOnOrAfter = Optional.ofNullable(notOnOrAfter(conditions, false));
            List<Element> restrictions = SamlXml.children(conditions, SamlXml.ASSERTION, "AudienceRestriction");
            if (restrictions.isEmpty()) {
                throw new SamlRefusal(SamlRefusal.Check.AUDIENCE, "the assertion has no AudienceRestriction");
            }
            for (Element restriction : restrictions) {
                List<String> audiences = SamlXml.children(restriction, SamlXml.ASSERTION, "Audience").stream()
                        .map(SamlXml::text).toList();
                if (!audiences.contains(spEntityId)) {
                    throw new SamlRefusal(SamlRefusal.Check.AUDIENCE, "the assertion is for " + audiences + ", not for "
                            + "this service provider (" + spEntityId + ")");
                }
            }
            return notOnOrAfter;
        }

        private void notYetValid(Element element) {
            Optional<Instant> notBefore = SamlXml.instant(element, "NotBefore");
            if (notBefore.isPresent() && now.plus(skew).isBefore(notBefore.get())) {
                throw new SamlRefusal(SamlRefusal.Check.EXPIRED, "the assertion is not valid before " + notBefore.get());
            }
        }

        private Instant notOnOrAfter(Element element, boolean required) {
            Optional<Instant> end = SamlXml.instant(element, "NotOnOrAfter");
            if (end.isEmpty()) {
                if (required) {
                    throw new SamlRefusal(SamlRefusal.Check.EXPIRED, "the assertion's " + element.getLocalName()
                            + " has no NotOnOrAfter");
                }
                return null;
            }
            if (!now.minus(skew).isBefore(end.get())) {
                throw new SamlRefusal(SamlRefusal.Check.EXPIRED, "the assertion expired at " + end.get());
            }
            return end.get();
        }

        private void notInTheFuture(Element element, String attribute) {
            Optional<Instant> instant = SamlXml.instant(element, attribute);
            if (instant.isEmpty() || instant.get().isAfter(now.plus(skew))) {
                throw new SamlRefusal(SamlRefusal.Check.EXPIRED, "the assertion's " + attribute + " is missing or in "
                        + "the future");
            }
        }

        private SamlRefusal wrapping(String message) {
            return new SamlRefusal(SamlRefusal.Check.WRAPPING, message);
        }
    }

    private static Instant min(Instant a, Optional<Instant> b) {
        return b.filter(value -> value.isBefore(a)).orElse(a);
    }

    /** The claims of a verified assertion; see {@link SamlAssertion}. */
    static Map<String, Object> claims(Element assertion, Optional<Element> nameId) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        Map<String, List<String>> byFriendlyName = new LinkedHashMap<>();
        for (Element statement : SamlXml.children(assertion, SamlXml.ASSERTION, "AttributeStatement")) {
            for (Element attribute : SamlXml.children(statement, SamlXml.ASSERTION, "Attribute")) {
                String name = SamlXml.attribute(attribute, "Name");
                if (name == null || name.isBlank()) {
                    continue;
                }
                List<String> values = new ArrayList<>();
                for (Element value : SamlXml.children(attribute, SamlXml.ASSERTION, "AttributeValue")) {
                    if (!"true".equals(value.getAttributeNS(SamlXml.XSI, "nil"))) {
                        values.add(SamlXml.text(value));
                    }
                }
                byName.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values);
                String friendly = SamlXml.attribute(attribute, "FriendlyName");
                if (friendly != null && !friendly.isBlank()) {
                    byFriendlyName.computeIfAbsent(friendly, n -> new ArrayList<>()).addAll(values);
                }
            }
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        byName.forEach((name, values) -> claims.put(name, value(values)));
        byFriendlyName.forEach((name, values) -> claims.putIfAbsent(name, value(values)));
        nameId.ifPresent(element -> {
            String format = Optional.ofNullable(SamlXml.attribute(element, "Format")).orElse(SamlSettings.UNSPECIFIED);
            claims.put(SamlSettings.NAME_ID, SamlXml.text(element));
            claims.put("NameIDFormat", format);
            if (SamlSettings.PERSISTENT.equals(format)) {
                claims.put("sub", SamlXml.text(element));
            }
        });
        SamlXml.child(assertion, SamlXml.ASSERTION, "Issuer").ifPresent(issuer -> claims.put("iss",
                SamlXml.text(issuer)));
        return Collections.unmodifiableMap(claims);
    }

    private static Object value(List<String> values) {
        return values.size() == 1 ? values.get(0) : List.copyOf(values);
    }
}
