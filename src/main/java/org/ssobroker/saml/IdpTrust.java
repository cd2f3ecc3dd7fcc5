package org.ssobroker.saml;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.idp.IdpDirectory;
import org.ssobroker.idp.IdpService;
import org.ssobroker.idp.RegisteredIdp;
import org.ssobroker.idp.SamlIdpMetadata;
import org.ssobroker.idp.SamlMetadataReader;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.support.LoginRefusal;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the broker trusts of a SAML IdP: its metadata (entity id, SSO URL, signing certificates),
 * kept in the IdP's cache entry. Uploaded metadata is used as saved. A metadata URL's copy (fetched
 * at save, then by whichever replica refreshed it last) is fetched again when a login finds it
 * older than {@code saml.metadata-refresh-interval}, and at once (at most every
 * {@code saml.metadata-min-refresh-interval}) when a signature matches none of its certificates:
 * a rotated IdP certificate needs no edit. A failed refresh keeps the copy in use. A refreshed copy
 * is stored, and when it changed, every replica is told.
 */
@ApplicationScoped
public class IdpTrust {

    private final IdpDirectory directory;
    private final SamlMetadataReader reader;
    private final IdpService idps;
    private final Clock clock;
    private final Duration refreshInterval;
    private final Duration minRefreshInterval;

    public IdpTrust(IdpDirectory directory, SamlMetadataReader reader, IdpService idps, Clock clock,
            BrokerConfig config) {
        this.directory = directory;
        this.reader = reader;
        this.idps = idps;
        this.clock = clock;
        this.refreshInterval = config.saml().metadataRefreshInterval();
        this.minRefreshInterval = config.saml().metadataMinRefreshInterval();
    }

    /** The metadata in use and its certificates, parsed once. */
    public record Trusted(SamlIdpMetadata metadata, List<X509Certificate> certificates) {
    }

    /** The metadata of one IdP version, as last fetched (a runtime part of its cache entry). */
    static final class Copy {
        private volatile Trusted trusted;
        private volatile Instant fetchedAt;
        private volatile Instant lastAttempt = Instant.EPOCH;

        Copy(Trusted trusted, Instant fetchedAt) {
            this.trusted = trusted;
            this.fetchedAt = fetchedAt;
        }
    }

    /**
     * The metadata to use now, refreshed first when stale. Blocking (may fetch).
     *
     * @throws LoginRefusal (upstream unavailable) when there is no usable copy and none can be fetched
     */
    public Trusted current(RegisteredIdp idp) {
        Copy copy = copy(idp);
        String url = idp.saml().metadataUrl();
        boolean usable = copy.trusted.metadata().ssoUrl() != null && !copy.trusted.certificates().isEmpty();
        if (url != null && (!usable || copy.fetchedAt == null
                || copy.fetchedAt.plus(refreshInterval).isBefore(clock.instant()))) {
            refresh(idp, copy, !usable);
        }
        return copy.trusted;
    }

    /**
     * After a signature none of the certificates verified: the metadata fetched again (if it comes
     * from a URL and was not fetched within the minimum interval), when that changed it.
     */
    public Optional<Trusted> refreshedAfterUnknownSigner(RegisteredIdp idp) {
        Copy copy = copy(idp);
        if (idp.saml().metadataUrl() == null) {
            return Optional.empty();
        }
        Trusted before = copy.trusted;
        refresh(idp, copy, false);
        return copy.trusted.equals(before) ? Optional.empty() : Optional.of(copy.trusted);
    }

    private Copy copy(RegisteredIdp idp) {
        return directory.part(idp, Copy.class, i -> new Copy(trusted(i.saml().metadata()),
                i.samlMetadataFetchedAt()));
    }

    private void refresh(RegisteredIdp idp, Copy copy, boolean required) {
        synchronized (copy) {
            Instant now = clock.instant();
            if (copy.lastAttempt.plus(minRefreshInterval).isAfter(now)) {
                requireUsable(copy, required, "it was fetched moments ago and failed");
                return;
            }
            copy.lastAttempt = now;
            try {
                SamlIdpMetadata fetched = reader.fetch(idp.saml().metadataUrl());
                copy.trusted = trusted(fetched);
                copy.fetchedAt = now;
                store(idp, fetched, now);
            } catch (SamlMetadataReader.MetadataException e) {
                Log.warnf("The SAML metadata of IdP %s was not refreshed (the copy in use stays): %s", idp.tenantId(),
                        e.getMessage());
                requireUsable(copy, required, e.getMessage());
            }
        }
    }

    /** The refreshed copy is used here even when it cannot be stored (the database briefly away). */
    private void store(RegisteredIdp idp, SamlIdpMetadata fetched, Instant now) {
        try {
            idps.storeRefreshedSamlMetadata(idp, fetched, now);
        } catch (RuntimeException e) {
            Log.warnf("The refreshed SAML metadata of IdP %s was not stored: %s", idp.tenantId(), e.getMessage());
        }
    }

    private static void requireUsable(Copy copy, boolean required, String why) {
        if (required) {
            throw new LoginRefusal(LoginRefusal.Reason.UPSTREAM_UNAVAILABLE, "The identity provider's SAML metadata "
                    + "cannot be read (" + why + ").");
        }
    }

    private static Trusted trusted(SamlIdpMetadata metadata) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (String certificate : metadata.signingCertificates()) {
            try {
                certificates.add(SamlCertificates.decode(certificate));
            } catch (CertificateException e) {
                Log.warnf("A stored SAML signing certificate is unreadable and is skipped: %s", e.getMessage());
            }
        }
        return new Trusted(metadata, List.copyOf(certificates));
    }
}
