-- Entra ID group overage (issue 16): how an IdP reads a user's groups from Microsoft Graph when
-- its token carries a pointer instead of them. JSON of idp/GroupOverageSettings; NULL = never.
ALTER TABLE identity_provider ADD COLUMN group_overage JSONB;

-- Every Entra ID IdP gets the defaults, as one saved from now on would.
UPDATE identity_provider
   SET group_overage = '{"graphBaseUrl": "https://graph.microsoft.com/v1.0", "onGroupFetchFailure": "refuse", "resolveNames": false}'
 WHERE oidc_type = 'ENTRA_ID';
