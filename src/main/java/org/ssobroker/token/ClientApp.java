package org.ssobroker.token;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;

/** An app of a site that gets the broker's tokens. Its secret is stored only as a hash. */
@Entity
@Table(name = "client_app")
public class ClientApp extends PanacheEntityBase {

    @Id
    @Column(name = "client_id")
    public String clientId;

    @Column(name = "site_key")
    public String siteKey;

    @Column(name = "secret_hash")
    public String secretHash;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> scopes;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "grant_types")
    public List<String> grantTypes;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "redirect_uris")
    public List<String> redirectUris;

    /** A public client (browser, mobile) holds no secret and proves its flows with PKCE. */
    @Column(name = "public_client")
    public boolean publicClient;

    @Column(name = "login_url")
    public String loginUrl;

    @Column(name = "userinfo_response")
    public String userinfoResponse;

    /** The client's public keys (a JWK Set, as JSON text) for encrypted userinfo answers. */
    public String jwks;

    @Column(name = "jwks_uri")
    public String jwksUri;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "post_logout_redirect_uris")
    public List<String> postLogoutRedirectUris;

    /** RS256 (OpenID Connect's default) or ES256, as the app asked. */
    @Column(name = "id_token_signed_response_alg")
    public String idTokenSignedResponseAlg;

    /** New on creation and on every secret rotation; tokens issued under another are revoked. */
    @Column(name = "credential_id")
    public java.util.UUID credentialId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
