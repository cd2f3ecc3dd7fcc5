-- SAML 2.0 IdPs (issue 18).

-- The SAML settings (JSON of idp/SamlSettings) of an IdP whose auth_method is SAML; such an IdP has
-- no OIDC settings. The metadata of a metadata URL is refreshed while in use: when it was fetched.
ALTER TABLE identity_provider ADD COLUMN saml JSONB;
ALTER TABLE identity_provider ADD COLUMN saml_metadata_fetched_at TIMESTAMPTZ;
ALTER TABLE identity_provider ALTER COLUMN oidc_type DROP NOT NULL;
ALTER TABLE identity_provider ALTER COLUMN client_id DROP NOT NULL;
ALTER TABLE identity_provider ALTER COLUMN scopes DROP NOT NULL;
ALTER TABLE identity_provider ADD CONSTRAINT identity_provider_protocol_settings CHECK (
    (auth_method = 'OIDC' AND oidc_type IS NOT NULL AND client_id IS NOT NULL AND scopes IS NOT NULL)
    OR (auth_method = 'SAML' AND saml IS NOT NULL));

-- The broker's service provider keys for one SAML IdP: a signing and an encryption key pair,
-- the private keys sealed (AES-GCM, support/SecretBox, bound to the IdP row), the self-signed
-- certificates (base64 DER) that the SP metadata publishes. Made at the first need.
CREATE TABLE saml_sp_key (
    idp_id                  BIGINT        PRIMARY KEY REFERENCES identity_provider (id) ON DELETE CASCADE,
    signing_key_sealed      VARCHAR(8000) NOT NULL,
    signing_certificate     VARCHAR(8000) NOT NULL,
    encryption_key_sealed   VARCHAR(8000) NOT NULL,
    encryption_certificate  VARCHAR(8000) NOT NULL,
    created_at              TIMESTAMPTZ   NOT NULL DEFAULT now()
);

-- Assertion ids already consumed, per issuing IdP entity id, shared by every replica: an assertion
-- is accepted once. A row lives until the assertion itself expires (its NotOnOrAfter plus the
-- clock skew); expired rows are deleted.
CREATE TABLE saml_assertion_use (
    issuer        VARCHAR(1024) NOT NULL,
    assertion_id  VARCHAR(256)  NOT NULL,
    expires_at    TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (issuer, assertion_id)
);
CREATE INDEX saml_assertion_use_expires_idx ON saml_assertion_use (expires_at);
