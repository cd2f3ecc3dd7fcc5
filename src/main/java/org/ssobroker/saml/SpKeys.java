package org.ssobroker.saml;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.ssobroker.idp.IdpDirectory;
import org.ssobroker.idp.RegisteredIdp;
import org.ssobroker.support.SecretBox;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

/**
 * The broker's service provider keys for one SAML IdP: an RSA key pair that signs its
 * AuthnRequests and one that the IdP encrypts assertions to (two pairs: no key both signs and
 * decrypts). Made at the first need (the SP metadata, a login), stored with the private keys
 * sealed by {@link SecretBox} (bound to the IdP row) and kept in the IdP's cache entry. Replicas
 * making them at once keep whichever was inserted first.
 */
@ApplicationScoped
public class SpKeys {

    private static final int RSA_BITS = 2048;

    private final IdpDirectory directory;
    private final SecretBox secrets;
    private final EntityManager em;
    private final Clock clock;

    public SpKeys(IdpDirectory directory, SecretBox secrets, EntityManager em, Clock clock) {
        this.directory = directory;
        this.secrets = secrets;
        this.em = em;
        this.clock = clock;
    }

    /** The keys of an IdP and their certificates (published in the SP metadata). */
    public record Credentials(PrivateKey signingKey, X509Certificate signingCertificate, PrivateKey encryptionKey,
            X509Certificate encryptionCertificate) {
    }

    /** Blocking: may read (and the first time write) the database. */
    public Credentials of(RegisteredIdp idp) {
        return directory.part(idp, Credentials.class, this::loadOrCreate);
    }

    private Credentials loadOrCreate(RegisteredIdp idp) {
        List<?> stored = read(idp.id());
        if (stored.isEmpty()) {
            // Made outside any transaction: RSA key generation takes a while.
            String name = "sso-broker " + idp.siteKey() + " " + idp.nameId();
            KeyPair signing = generate();
            KeyPair encryption = generate();
            X509Certificate signingCertificate = SamlCertificates.selfSigned(signing, name + " signing", false,
                    clock.instant());
            X509Certificate encryptionCertificate = SamlCertificates.selfSigned(encryption, name + " encryption", true,
                    clock.instant());
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into saml_sp_key (idp_id, "
                            + "signing_key_sealed, signing_certificate, encryption_key_sealed, encryption_certificate) "
                            + "values (?1, ?2, ?3, ?4, ?5) on conflict (idp_id) do nothing")
                    .setParameter(1, idp.id())
                    .setParameter(2, seal(signing.getPrivate(), idp, "signing"))
                    .setParameter(3, SamlCertificates.encode(signingCertificate))
                    .setParameter(4, seal(encryption.getPrivate(), idp, "encryption"))
                    .setParameter(5, SamlCertificates.encode(encryptionCertificate))
                    .executeUpdate());
            stored = read(idp.id());
        }
        Object[] row = (Object[]) stored.get(0);
        try {
            return new Credentials(open((String) row[0], idp, "signing"), SamlCertificates.decode((String) row[1]),
                    open((String) row[2], idp, "encryption"), SamlCertificates.decode((String) row[3]));
        } catch (CertificateException e) {
            throw new IllegalStateException("A stored SP certificate of IdP " + idp.tenantId() + " is unreadable", e);
        }
    }

    private List<?> read(long idpId) {
        return QuarkusTransaction.joiningExisting().call(() -> em.createNativeQuery("select signing_key_sealed, "
                + "signing_certificate, encryption_key_sealed, encryption_certificate from saml_sp_key "
                + "where idp_id = ?1").setParameter(1, idpId).getResultList());
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA keys cannot be generated", e);
        }
    }

    private String seal(PrivateKey key, RegisteredIdp idp, String use) {
        return secrets.seal(Base64.getEncoder().encodeToString(key.getEncoded()), context(idp, use));
    }

    private PrivateKey open(String sealed, RegisteredIdp idp, String use) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(secrets.open(sealed, context(idp, use)))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored SP key of IdP " + idp.tenantId() + " is unreadable", e);
        }
    }

    /** The associated data binding a sealed key to its IdP row and use. */
    private static String context(RegisteredIdp idp, String use) {
        return "saml-sp:" + idp.id() + ":" + use;
    }
}
