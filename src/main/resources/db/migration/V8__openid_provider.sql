-- Each site is an OpenID Provider for its client apps (issue 15).
ALTER TABLE client_app
    -- public clients (browser, mobile) hold no secret and prove the flow with PKCE
    ADD COLUMN public_client              BOOLEAN       NOT NULL DEFAULT false,
    ADD COLUMN login_url                  VARCHAR(100),
    ADD COLUMN userinfo_response          VARCHAR(40)   NOT NULL DEFAULT 'plainJson',
    ADD COLUMN jwks                       TEXT,
    ADD COLUMN jwks_uri                   VARCHAR(2000),
    ADD COLUMN post_logout_redirect_uris  JSONB         NOT NULL DEFAULT '[]';
ALTER TABLE client_app ALTER COLUMN secret_hash DROP NOT NULL;

-- A code is bound to the request that asked for it, and remembers what it was redeemed for
-- (a replay revokes those tokens, RFC 6749 section 4.1.2).
ALTER TABLE authorization_code
    ADD COLUMN client_id          VARCHAR(100),
    ADD COLUMN openid             BOOLEAN       NOT NULL DEFAULT false,
    ADD COLUMN scope              VARCHAR(1000),
    ADD COLUMN nonce              VARCHAR(500),
    ADD COLUMN code_challenge     VARCHAR(100),
    ADD COLUMN auth_time          TIMESTAMPTZ,
    ADD COLUMN access_token_jti   VARCHAR(64),
    ADD COLUMN access_token_exp   TIMESTAMPTZ,
    ADD COLUMN refresh_family_id  UUID,
    ADD COLUMN revoked_at         TIMESTAMPTZ;
CREATE INDEX authorization_code_jti_idx ON authorization_code (access_token_jti) WHERE access_token_jti IS NOT NULL;
