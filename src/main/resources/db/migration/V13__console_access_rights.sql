-- The admin console (issue 17): the access rights whose users of a site may sign in to its console.
ALTER TABLE site ADD COLUMN console_access_rights JSONB NOT NULL DEFAULT '["Admin"]';
