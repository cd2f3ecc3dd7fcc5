package org.ssobroker.saml;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * X.509 certificates as SAML metadata carries them (base64 of the DER), and the self-signed ones
 * of the broker's service provider keys. The JDK has no public certificate builder, so
 * BouncyCastle's (bcpkix) builds them, signing with the JDK's own {@code SHA256withRSA}: no
 * BouncyCastle JCA provider is registered. A SAML certificate is a key carrier: peers trust the
 * metadata that names it, not a CA, so it is self-signed and long-lived.
 */
final class SamlCertificates {

    private static final Duration VALIDITY = Duration.ofDays(3650);
    private static final SecureRandom RANDOM = new SecureRandom();

    private SamlCertificates() {
    }

    static X509Certificate decode(String base64) throws CertificateException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getMimeDecoder().decode(base64)));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new CertificateException("not a base64 X.509 certificate");
        }
    }

    static String encode(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateException e) {
            throw new IllegalStateException("A certificate cannot be encoded", e);
        }
    }

    /**
     * @param commonName    the subject (and issuer) CN
     * @param forEncryption key usage keyEncipherment, else digitalSignature
     */
    static X509Certificate selfSigned(KeyPair keys, String commonName, boolean forEncryption, Instant now) {
        X500Name name = new X500Name("CN=" + commonName);
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, RANDOM).abs().add(BigInteger.ONE), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(VALIDITY)), name, keys.getPublic());
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(forEncryption ? KeyUsage.keyEncipherment : KeyUsage.digitalSignature));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("The service provider certificate cannot be made", e);
        }
    }
}
