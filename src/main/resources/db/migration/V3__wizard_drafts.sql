-- IdP wizard drafts: the IdP document built step by step; they survive restarts.
CREATE TABLE idp_draft (
    id                    UUID         PRIMARY KEY,
    site_key              VARCHAR(40)  NOT NULL REFERENCES site (site_key) ON DELETE CASCADE,
    -- set when the draft edits an existing IdP (its nameId cannot change)
    editing_name_id       VARCHAR(64),
    document              JSONB        NOT NULL,
    preset_inputs         JSONB        NOT NULL DEFAULT '{}',
    client_secret_sealed  VARCHAR(4000),
    created_at            TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX idp_draft_site_idx ON idp_draft (site_key);
CREATE INDEX idp_draft_updated_idx ON idp_draft (updated_at);
