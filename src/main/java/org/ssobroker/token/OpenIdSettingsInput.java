package org.ssobroker.token;

import com.fasterxml.jackson.databind.JsonNode;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;
import org.ssobroker.outbound.OutboundPolicy;
import org.ssobroker.site.LoginUrl;
import org.ssobroker.support.FieldError;
import org.ssobroker.support.UrlRules;

import java.util.LinkedHashSet;
import java.util.List;

/** Validates the OpenID Provider fields of a client app request into {@link OpenIdSettings}. */
final class OpenIdSettingsInput {

    private OpenIdSettingsInput() {
    }

    /**
     * @param outbound       the rules a URL the broker will fetch ({@code jwksUri}) must pass
     * @param es256Available whether the broker holds an EC key (ES256 id_tokens need one)
     */
    static OpenIdSettings validate(String site, ClientAppRequest request, List<String> grantTypes,
            List<FieldError> errors, OutboundPolicy outbound, boolean es256Available) {
        boolean publicClient = Boolean.TRUE.equals(request.publicClient());
        if (publicClient && grantTypes.contains(GrantTypes.CLIENT_CREDENTIALS)) {
            errors.add(new FieldError("grantTypes", "a public client holds no secret: client_credentials is not "
                    + "allowed"));
        }
        if (publicClient && grantTypes.contains(GrantTypes.TOKEN_EXCHANGE)) {
            errors.add(new FieldError("grantTypes", "a public client holds no secret: token exchange is not allowed"));
        }
        String loginUrl = blankToNull(request.loginUrl());
        if (loginUrl != null && LoginUrl.find(site, loginUrl).isEmpty()) {
            errors.add(new FieldError("loginUrl", "no login URL '" + loginUrl + "' in this site"));
        }
        String userinfo = request.userinfoResponse() == null ? OpenIdSettings.PLAIN_JSON : request.userinfoResponse();
        if (!OpenIdSettings.USERINFO_RESPONSES.contains(userinfo)) {
            errors.add(new FieldError("userinfoResponse", "must be one of "
                    + String.join(", ", OpenIdSettings.USERINFO_RESPONSES)));
        }
        String jwks = jwks(request.jwks(), errors);
        String jwksUri = blankToNull(request.jwksUri());
        if (jwksUri != null) {
            // The broker fetches it: the outbound policy (https, no private or metadata address).
            outbound.problemAtSave(jwksUri).ifPresent(p -> errors.add(new FieldError("jwksUri", p)));
        }
        if (jwks != null && jwksUri != null) {
            errors.add(new FieldError("jwks", "give either jwks or jwksUri, not both"));
        }
        if (OpenIdSettings.SIGNED_AND_ENCRYPTED_JWT.equals(userinfo) && jwks == null && jwksUri == null) {
            errors.add(new FieldError("jwks", "signedAndEncryptedJwt needs the client's public key: jwks or jwksUri"));
        }
        List<String> logoutUris = request.postLogoutRedirectUris() == null ? List.of()
                : request.postLogoutRedirectUris().stream().map(u -> u == null ? "" : u.trim()).toList();
        for (int i = 0; i < logoutUris.size(); i++) {
            int index = i;
            UrlRules.redirectUrlProblem(logoutUris.get(i))
                    .ifPresent(p -> errors.add(new FieldError("postLogoutRedirectUris[" + index + "]", p)));
        }
        String idTokenAlg = request.idTokenSignedResponseAlg() == null || request.idTokenSignedResponseAlg().isBlank()
                ? "RS256" : request.idTokenSignedResponseAlg().strip();
        if (!OpenIdSettings.ID_TOKEN_ALGORITHMS.contains(idTokenAlg)) {
            errors.add(new FieldError("idTokenSignedResponseAlg", "must be RS256 or ES256"));
        } else if (idTokenAlg.equals("ES256") && !es256Available) {
            errors.add(new FieldError("idTokenSignedResponseAlg", "ES256 needs the broker's EC key "
                    + "(sso-broker.token.ec-signing-key); ask the platform operator"));
        }
        return new OpenIdSettings(publicClient, loginUrl, userinfo, jwks, jwksUri,
                List.copyOf(new LinkedHashSet<>(logoutUris)), idTokenAlg);
    }

    /** A JWK Set with at least one public RSA or EC key usable for encryption. */
    private static String jwks(JsonNode input, List<FieldError> errors) {
        if (input == null || input.isNull()) {
            return null;
        }
        try {
            JsonWebKeySet set = new JsonWebKeySet(input.toString());
            boolean usable = false;
            for (JsonWebKey key : set.getJsonWebKeys()) {
                if (key instanceof PublicJsonWebKey pub && pub.getPrivateKey() != null) {
                    errors.add(new FieldError("jwks", "must hold public keys only; a private key was sent"));
                    return null;
                }
                usable |= key instanceof PublicJsonWebKey && (key.getUse() == null || "enc".equals(key.getUse()));
            }
            if (!usable) {
                errors.add(new FieldError("jwks", "needs an RSA or EC public key with use 'enc' (or no use)"));
                return null;
            }
            return input.toString();
        } catch (JoseException | RuntimeException e) {
            errors.add(new FieldError("jwks", "is not a JWK Set ({\"keys\": [...]})"));
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
