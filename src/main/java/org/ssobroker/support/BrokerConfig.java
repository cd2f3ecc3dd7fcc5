package org.ssobroker.support;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Optional;

/**
 * The broker's own settings ({@code sso-broker.*}). Secrets are optional here so that
 * {@link RequiredSettingsCheck} can name every missing one at once in prod, instead of
 * failing on the first.
 */
@ConfigMapping(prefix = "sso-broker")
public interface BrokerConfig {

    /** Base of every URL shown to admins and IdPs, e.g. {@code https://sso.example.com}. */
    Optional<String> publicBaseUrl();

    /** Base64 of 32 bytes: the AES-256-GCM key that encrypts IdP client secrets at rest. */
    Optional<String> encryptionKey();

    /** Encrypts the state and session cookies; shared by every replica. */
    Optional<String> sessionSecret();

    /** Allow plain-http IdP URLs (local fake IdPs in dev and tests). */
    @WithDefault("false")
    boolean insecureAllowHttp();

    /**
     * Dev and test only: generate the encryption key, signing key and session secret when
     * they are not configured. Never enabled in prod.
     */
    @WithDefault("false")
    boolean generateMissingSecrets();

    /** Where generated dev secrets are kept so they survive a restart of {@code quarkus:dev}. */
    Optional<String> generatedSecretsDir();

    /**
     * How many IdPs keep their heavy runtime parts in memory: quarkus-oidc tenant contexts and
     * id_token verifiers with their JWKS and HTTP clients. The rest are rebuilt on demand.
     */
    @WithDefault("2000")
    int idpCacheSize();

    /**
     * How many IdP snapshots (settings, parsed mapping tables, opened secret: a few KB each) stay
     * in memory, so starting a login needs no database read.
     */
    @WithDefault("10000")
    int idpSnapshotCacheSize();

    /**
     * Safety net of the in-memory IdP snapshots and client credentials: dropped after this even
     * if no change arrived (changes normally arrive through the change feed within a poll).
     */
    @WithDefault("PT5M")
    Duration idpSnapshotMaxAge();

    /** How often each replica looks for IdP changes made through other replicas. */
    @WithDefault("PT1S")
    Duration changePollInterval();

    /**
     * How long a user's groups read from Microsoft Graph (Entra ID group overage) are reused, so
     * that repeated sign-ins and exchanges do not call Graph each time.
     */
    @WithDefault("PT5M")
    Duration groupOverageCacheTtl();

    /** Wizard drafts untouched for longer are deleted. */
    @WithDefault("P7D")
    Duration wizardDraftMaxAge();

    Token token();

    PlatformAdmin platformAdmin();

    Limits limits();

    Outbound outbound();

    Saml saml();

    /** Most series (tag combinations) one metric may have; a backstop, see {@code MetricSeriesCap}. */
    @WithDefault("10000")
    int metricsMaxSeriesPerName();

    /** Every URL the broker fetches (OpenID configuration, JWKS, ...): see {@code outbound/OutboundPolicy}. */
    interface Outbound {
        /**
         * Allow loopback, private (RFC 1918, fc00::/7), link-local, multicast and unspecified
         * addresses: dev and test (local fake IdPs). Cloud metadata addresses stay refused.
         */
        @WithDefault("false")
        boolean allowPrivateAddresses();

        /** One deadline per fetch, covering connect, headers and the whole body. */
        @WithDefault("PT5S")
        Duration timeout();

        /** Largest answer accepted, in bytes. */
        @WithDefault("262144")
        int maxBodyBytes();

        /** Fetches in flight at once per replica; more wait up to the timeout, then are refused. */
        @WithDefault("16")
        int maxConcurrentFetches();
    }

    /** SAML 2.0 IdPs. */
    interface Saml {
        /** A metadata URL is fetched again when a login finds its copy older than this (certificate rollover). */
        @WithDefault("PT1H")
        Duration metadataRefreshInterval();

        /**
         * After a failed fetch, or a signature no known certificate verifies, the metadata URL is
         * fetched again at most this often.
         */
        @WithDefault("PT1M")
        Duration metadataMinRefreshInterval();
    }

    interface Token {
        /** Path of the PEM (PKCS#8) private RSA key that signs the broker's tokens. */
        Optional<String> signingKey();

        /**
         * The algorithm of the broker's access tokens: {@code RS256} (default) or {@code ES256}.
         * id_tokens stay RS256 (OpenID Connect requires it of every provider).
         */
        @WithDefault("RS256")
        String algorithm();

        /**
         * Path of the PEM (PKCS#8) private EC P-256 key for ES256. Required when the algorithm is
         * ES256; when set with RS256 its public key is published too (a rollover either way).
         */
        Optional<String> ecSigningKey();

        /** Lifetime of the broker's access tokens. */
        @WithDefault("PT4H")
        Duration accessTokenLifetime();

        /** Lifetime of access tokens holding an admin scope (site_*_admin, platform_admin). */
        @WithDefault("PT15M")
        Duration adminTokenLifetime();

        /** Lifetime of a refresh token (each use replaces it with a new one). */
        @WithDefault("P30D")
        Duration refreshTokenLifetime();

        /** Absolute lifetime of one sign-in's refresh tokens, however often they are rotated. */
        @WithDefault("P90D")
        Duration refreshFamilyMaxAge();

        /** Clock skew tolerated on exp, nbf and iat of IdP id_tokens. */
        @WithDefault("PT60S")
        Duration clockSkew();

        /** An unknown kid refetches an IdP's JWKS at most this often. */
        @WithDefault("PT10S")
        Duration jwksMinRefreshInterval();

        /** Largest IdP id_token accepted, in characters; larger ones are refused before any crypto. */
        @WithDefault("16384")
        int maxIdTokenChars();
    }

    interface PlatformAdmin {
        @WithName("client-id")
        Optional<String> clientId();

        @WithName("client-secret")
        Optional<String> clientSecret();
    }

    interface Limits {
        /** Largest accepted XML mapping document, in bytes. */
        @WithDefault("262144")
        int mappingDocumentBytes();

        /** Largest accepted welcome template, in characters. */
        @WithDefault("102400")
        int templateChars();
    }

    /** The admin console ({@code /console}). */
    Console console();

    interface Console {

        /** A console session ends after this long without a request. */
        @WithDefault("PT30M")
        Duration sessionIdleTimeout();

        /** A console session ends after this long however active: the operator signs in again. */
        @WithDefault("PT12H")
        Duration sessionMaxAge();
    }
}
