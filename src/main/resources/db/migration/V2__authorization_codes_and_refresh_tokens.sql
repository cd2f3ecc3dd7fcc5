-- One-time codes handed to a site's app after a browser login (redeemed at /oauth/token).
CREATE TABLE authorization_code (
    code_hash     VARCHAR(100) PRIMARY KEY,
    site_key      VARCHAR(40)  NOT NULL REFERENCES site (site_key) ON DELETE CASCADE,
    user_id       UUID         NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    redirect_uri  VARCHAR(2000) NOT NULL,
    expires_at    TIMESTAMPTZ  NOT NULL,
    used_at       TIMESTAMPTZ
);
CREATE INDEX authorization_code_expiry_idx ON authorization_code (expires_at);

-- Opaque refresh tokens, stored only as hashes; a family shares one login's lineage.
CREATE TABLE refresh_token (
    token_hash    VARCHAR(100) PRIMARY KEY,
    family_id     UUID         NOT NULL,
    site_key      VARCHAR(40)  NOT NULL REFERENCES site (site_key) ON DELETE CASCADE,
    user_id       UUID         NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    client_id     VARCHAR(100) NOT NULL,
    scope         VARCHAR(1000) NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    expires_at    TIMESTAMPTZ  NOT NULL,
    used_at       TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ
);
CREATE INDEX refresh_token_family_idx ON refresh_token (family_id);
