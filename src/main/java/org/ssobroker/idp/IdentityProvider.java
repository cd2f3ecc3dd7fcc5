package org.ssobroker.idp;

import org.ssobroker.mapping.AttributeMapping;
import org.ssobroker.mapping.DefaultUserProperties;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.ssobroker.mapping.ClaimValueMapping;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A registered identity provider of a site. The client secret is stored sealed. */
@Entity
@Table(name = "identity_provider")
public class IdentityProvider extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "site_key")
    public String siteKey;

    @Column(name = "name_id")
    public String nameId;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "auth_method")
    public String authMethod;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "email_domains")
    public List<String> emailDomains;

    @Column(name = "login_url_id")
    public Long loginUrlId;

    @Column(name = "hide_login_button")
    public boolean hideLoginButton;

    /** Emails this IdP has not verified (email_verified) count anyway: a documented risk. */
    @Column(name = "trust_unverified_email")
    public boolean trustUnverifiedEmail;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "allowed_redirect_urls")
    public List<String> allowedRedirectUrls;

    @Column(name = "oidc_type")
    public String oidcType;

    @Column(name = "config_url")
    public String configUrl;

    public String issuer;

    @Column(name = "jwks_uri")
    public String jwksUri;

    @Column(name = "authorization_url")
    public String authorizationUrl;

    @Column(name = "token_url")
    public String tokenUrl;

    @Column(name = "user_info_url")
    public String userInfoUrl;

    @Column(name = "client_id")
    public String clientId;

    @Column(name = "client_secret_sealed")
    public String clientSecretSealed;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> scopes;

    @Column(name = "external_user_id_attribute")
    public String externalUserIdAttribute;

    public boolean pkce;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "attribute_mappings")
    public List<AttributeMapping> attributeMappings;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "access_right_mapping")
    public ClaimValueMapping accessRightMapping;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "group_mapping")
    public ClaimValueMapping groupMapping;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "default_user_properties")
    public DefaultUserProperties defaultUserProperties;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "default_groups")
    public List<String> defaultGroups;

    @JdbcTypeCode(SqlTypes.JSON)
    public WelcomeSettings welcome;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "group_overage")
    public GroupOverageSettings groupOverage;

    /** A SAML IdP's settings (null for OIDC IdPs, whose settings are the columns above). */
    @JdbcTypeCode(SqlTypes.JSON)
    public SamlSettings saml;

    /** When the SAML metadata of {@code saml.metadataUrl} was last fetched (null for uploaded metadata). */
    @Column(name = "saml_metadata_fetched_at")
    public Instant samlMetadataFetchedAt;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Optional<IdentityProvider> find(String siteKey, String nameId) {
        return find("siteKey = ?1 and nameId = ?2", siteKey, nameId).firstResultOptional();
    }

    /** An IdP of the site whose nameId differs from {@code nameId} only by case. */
    public static Optional<IdentityProvider> findCaseInsensitive(String siteKey, String nameId) {
        return find("siteKey = ?1 and lower(nameId) = lower(?2)", siteKey, nameId).firstResultOptional();
    }

    public static List<IdentityProvider> listBySite(String siteKey) {
        return list("siteKey = ?1 order by nameId", siteKey);
    }

    /** The associated data that binds the sealed secret to this IdP's row. */
    public String secretContext() {
        return "idp:" + siteKey + ":" + nameId;
    }

    /** The stored OIDC settings, with the opened client secret or null (answers never carry it); null for SAML. */
    public OidcSettings oidcSettings(String openedSecret) {
        if (RegisteredIdp.SAML.equals(authMethod)) {
            return null;
        }
        return OidcSettings.builder().type(oidcType).configUrl(configUrl).issuer(issuer).jwksUri(jwksUri)
                .authorizationUrl(authorizationUrl).tokenUrl(tokenUrl).userInfoUrl(userInfoUrl).clientId(clientId)
                .clientSecret(openedSecret).scopes(scopes).externalUserIdAttribute(externalUserIdAttribute).pkce(pkce)
                .build();
    }
}
