-- The IdP change feed becomes the change feed of every cached thing: IdPs, sites (renamed or
-- deleted) and client apps (changed, secret rotated, deleted: their tokens are revoked). Each row
-- carries its transaction id, so a poll sees changes that commit out of seq order (ChangeFeed).
ALTER TABLE idp_change RENAME TO change_feed;
ALTER TABLE change_feed RENAME COLUMN name_id TO name;
ALTER TABLE change_feed ALTER COLUMN name TYPE VARCHAR(100);
ALTER TABLE change_feed ADD COLUMN subject VARCHAR(10) NOT NULL DEFAULT 'IDP'
    CHECK (subject IN ('IDP', 'SITE', 'CLIENT'));
ALTER TABLE change_feed ADD COLUMN xid XID8 NOT NULL DEFAULT pg_current_xact_id();
-- The replica that made the change (it applied it already; its poller skips the row).
ALTER TABLE change_feed ADD COLUMN origin UUID;
CREATE INDEX change_feed_xid_idx ON change_feed (xid);

-- A client app's current credential: new when the app is created and when its secret is
-- rotated. The broker's access tokens carry it; a token whose credential is not the app's
-- current one (rotated, app deleted, or deleted and created again) is refused.
ALTER TABLE client_app ADD COLUMN credential_id UUID NOT NULL DEFAULT gen_random_uuid();

-- A sign-in's refresh tokens share an absolute lifetime however often they are rotated
-- (sso-broker.token.refresh-family-max-age): every token of a family keeps the family's start.
ALTER TABLE refresh_token ADD COLUMN family_started_at TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE INDEX refresh_token_client_idx ON refresh_token (client_id);
CREATE INDEX refresh_token_expiry_idx ON refresh_token (expires_at);
