-- Every IdP change, so each replica drops its cached copy within a poll interval.
-- name_id '*' means every IdP of the site (the site was deleted).
CREATE TABLE idp_change (
    seq         BIGSERIAL    PRIMARY KEY,
    site_key    VARCHAR(40)  NOT NULL,
    name_id     VARCHAR(64)  NOT NULL,
    change      VARCHAR(10)  NOT NULL,
    changed_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX idp_change_time_idx ON idp_change (changed_at);
