-- sso-broker schema. Hibernate only validates it; every change is a new migration.

CREATE TABLE site (
    site_key    VARCHAR(40)  PRIMARY KEY CHECK (site_key ~ '^[a-z0-9-]{1,40}$'),
    name        VARCHAR(200) NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE access_right (
    site_key    VARCHAR(40)  NOT NULL REFERENCES site (site_key) ON DELETE CASCADE,
    name        VARCHAR(100) NOT NULL,
    description VARCHAR(500),
    PRIMARY KEY (site_key, name)
);

CREATE TABLE user_group (
    site_key    VARCHAR(40)  NOT NULL REFERENCES site (site_key) ON DELETE CASCADE,
    name        VARCHAR(100) NOT NULL,
    description VARCHAR(500),
    PRIMARY KEY (site_key, name)
);

CREATE TABLE login_url (
    id          BIGSERIAL    PRIMARY KEY,
    site_key    VARCHAR(40)  NOT NULL REFERENCES site (site_key) ON DELETE CASCADE,
    name        VARCHAR(60)  NOT NULL CHECK (name ~ '^[a-z0-9-]+$'),
    title       VARCHAR(200) NOT NULL,
    CONSTRAINT login_url_site_name_uq UNIQUE (site_key, name)
);

CREATE TABLE identity_provider (
    id                          BIGSERIAL    PRIMARY KEY,
    site_key                    VARCHAR(40)  NOT NULL REFERENCES site (site_key) ON DELETE CASCADE,
    name_id                     VARCHAR(64)  NOT NULL CHECK (name_id ~ '^[A-Za-z0-9]+$'),
    display_name                VARCHAR(200) NOT NULL,
    auth_method                 VARCHAR(10)  NOT NULL CHECK (auth_method IN ('OIDC', 'SAML')),
    email_domains               JSONB        NOT NULL DEFAULT '[]',
    login_url_id                BIGINT       NOT NULL REFERENCES login_url (id),
    hide_login_button           BOOLEAN      NOT NULL DEFAULT FALSE,
    allowed_redirect_urls       JSONB        NOT NULL DEFAULT '[]',
    oidc_type                   VARCHAR(20)  NOT NULL,
    config_url                  VARCHAR(2000),
    issuer                      VARCHAR(2000),
    jwks_uri                    VARCHAR(2000),
    authorization_url           VARCHAR(2000),
    token_url                   VARCHAR(2000),
    user_info_url               VARCHAR(2000),
    client_id                   VARCHAR(500) NOT NULL,
    -- AES-GCM sealed, never plaintext (see SecretBox)
    client_secret_sealed        VARCHAR(4000),
    scopes                      JSONB        NOT NULL,
    external_user_id_attribute  VARCHAR(200) NOT NULL,
    pkce                        BOOLEAN      NOT NULL DEFAULT TRUE,
    attribute_mappings          JSONB        NOT NULL DEFAULT '[]',
    access_right_mapping        JSONB,
    group_mapping               JSONB,
    default_user_properties     JSONB        NOT NULL DEFAULT '{}',
    default_groups              JSONB        NOT NULL DEFAULT '[]',
    welcome                     JSONB        NOT NULL DEFAULT '{}',
    version                     BIGINT       NOT NULL DEFAULT 0,
    created_at                  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at                  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
-- nameId is used in URLs: "Cognito" and "cognito" would be two IdPs an admin cannot tell apart.
CREATE UNIQUE INDEX identity_provider_site_name_uq ON identity_provider (site_key, lower(name_id));
CREATE INDEX identity_provider_login_url_idx ON identity_provider (login_url_id);

CREATE TABLE app_user (
    id                   UUID         PRIMARY KEY,
    site_key             VARCHAR(40)  NOT NULL REFERENCES site (site_key) ON DELETE CASCADE,
    login                VARCHAR(320) NOT NULL,
    email                VARCHAR(320),
    name                 VARCHAR(300),
    first_name           VARCHAR(200),
    last_name            VARCHAR(200),
    access_right         VARCHAR(100),
    portal_page          VARCHAR(200),
    skin                 VARCHAR(100),
    dashboard_theme      VARCHAR(100),
    language             VARCHAR(20),
    attributes           JSONB        NOT NULL DEFAULT '{}',
    first_login_pending  BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at           TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_login_at        TIMESTAMPTZ,
    version              BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT app_user_site_login_uq UNIQUE (site_key, login)
);

-- Where a membership came from: the IdP at the last login, the IdP's defaults, or an admin.
-- Re-sync replaces only the IdP-sourced rows.
CREATE TABLE user_group_membership (
    user_id     UUID         NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    site_key    VARCHAR(40)  NOT NULL,
    group_name  VARCHAR(100) NOT NULL,
    source      VARCHAR(10)  NOT NULL CHECK (source IN ('IDP', 'DEFAULT', 'ADMIN')),
    PRIMARY KEY (user_id, group_name, source),
    FOREIGN KEY (site_key, group_name) REFERENCES user_group (site_key, name) ON DELETE CASCADE
);

CREATE TABLE user_idp_link (
    user_id          UUID         NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    idp_id           BIGINT       NOT NULL REFERENCES identity_provider (id) ON DELETE CASCADE,
    external_user_id VARCHAR(500) NOT NULL,
    linked_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, idp_id),
    CONSTRAINT user_idp_link_external_uq UNIQUE (idp_id, external_user_id)
);

CREATE TABLE client_app (
    -- client ids are global: /oauth/token is not site-scoped
    client_id     VARCHAR(100) PRIMARY KEY CHECK (client_id ~ '^[A-Za-z0-9._-]{1,100}$'),
    site_key      VARCHAR(40)  NOT NULL REFERENCES site (site_key) ON DELETE CASCADE,
    -- SHA-256 of a 256-bit random secret (see ClientSecretHasher)
    secret_hash   VARCHAR(100) NOT NULL,
    scopes        JSONB        NOT NULL DEFAULT '[]',
    grant_types   JSONB        NOT NULL DEFAULT '[]',
    redirect_uris JSONB        NOT NULL DEFAULT '[]',
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX client_app_site_idx ON client_app (site_key);
