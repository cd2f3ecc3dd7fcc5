-- A client app's id_token algorithm (OpenID Connect's id_token_signed_response_alg): RS256, which
-- OpenID Connect requires every provider to offer, unless the app asks for ES256.
ALTER TABLE client_app ADD COLUMN id_token_signed_response_alg VARCHAR(10) NOT NULL DEFAULT 'RS256';
