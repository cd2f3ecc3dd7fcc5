package org.ssobroker.token;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ImageMode;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Signature;

/**
 * The JCA provider that signs the broker's tokens: Amazon Corretto Crypto Provider (AWS-LC) when
 * it loads, else the JDK's. On this machine ACCP signs RS256 2.6x and ES256 39x faster than the
 * JDK (bench/SignCeiling.java); signing was 60 % of an exchange's CPU. It is looked up by name
 * and never in the native image (ACCP is JNI without native-image support; the native build
 * leaves the jar out), nor where its native library does not load (other CPUs): the JDK signs
 * there. Which one signs is logged once at start.
 */
final class SigningProvider {

    private static final String ACCP = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";
    private static final Provider SELECTED = select();

    private SigningProvider() {
    }

    /** A signature of this algorithm from the selected provider. */
    static Signature signature(String algorithm) throws NoSuchAlgorithmException {
        if (SELECTED != null) {
            try {
                return Signature.getInstance(algorithm, SELECTED);
            } catch (NoSuchAlgorithmException e) {
                Log.debugf("%s does not offer %s; the JDK signs it", SELECTED.getName(), algorithm);
            }
        }
        return Signature.getInstance(algorithm);
    }

    /** The name of the provider that signs, as logged. */
    static String name() {
        return SELECTED == null ? "JDK" : SELECTED.getName() + " " + SELECTED.getVersionStr();
    }

    private static Provider select() {
        if (ImageMode.current().isNativeImage()) {
            Log.info("Tokens are signed by the JDK's provider (native image)");
            return null;
        }
        try {
            Provider provider = (Provider) Class.forName(ACCP).getField("INSTANCE").get(null);
            provider.getClass().getMethod("assertHealthy").invoke(provider);
            Signature.getInstance("SHA256withRSA", provider);
            Log.infof("Tokens are signed by %s %s (AWS-LC)", provider.getName(), provider.getVersionStr());
            return provider;
        } catch (ReflectiveOperationException | LinkageError | GeneralSecurityException | RuntimeException e) {
            Log.infof("Tokens are signed by the JDK's provider: Amazon Corretto Crypto Provider is not available "
                    + "here (%s)", e.getClass().getSimpleName());
            return null;
        }
    }
}
