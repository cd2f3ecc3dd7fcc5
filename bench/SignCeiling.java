import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The machine's ceiling for the token scenarios: RS256 (2048-bit) and ES256 (P-256) signatures per
 * second, on one thread and on every core, by one JCA provider: the JDK's, or Amazon Corretto
 * Crypto Provider (the broker's in JVM mode; its jar on the class path).
 * Usage: java [-cp accp.jar] SignCeiling.java SECONDS jdk|accp
 */
public class SignCeiling {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String name = args.length > 1 ? args[1] : "jdk";
        Provider provider = "accp".equals(name) ? (Provider) Class.forName(
                "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider").getField("INSTANCE").get(null)
                : null;
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        int cores = Runtime.getRuntime().availableProcessors();
        byte[] payload = new byte[400];
        for (String[] algorithm : new String[][] {{"rs256", "SHA256withRSA"}, {"es256", "SHA256withECDSA"}}) {
            PrivateKey key = (algorithm[0].equals("rs256") ? rsa : ec).generateKeyPair().getPrivate();
            run(provider, algorithm[1], key, payload, 1, 2); // warm-up
            double one = run(provider, algorithm[1], key, payload, 1, seconds);
            double all = run(provider, algorithm[1], key, payload, cores, seconds);
            System.out.printf("%s_%s_per_second_1_thread=%.0f%n", name, algorithm[0], one);
            System.out.printf("%s_%s_per_second_%d_threads=%.0f%n", name, algorithm[0], cores, all);
        }
    }

    private static double run(Provider provider, String algorithm, PrivateKey key, byte[] payload, int threads,
            int seconds) throws Exception {
        AtomicLong count = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                try {
                    Signature signature = provider == null ? Signature.getInstance(algorithm)
                            : Signature.getInstance(algorithm, provider);
                    while (System.nanoTime() < end) {
                        signature.initSign(key);
                        signature.update(payload);
                        signature.sign();
                        count.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            workers[t].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return count.get() / (double) seconds;
    }
}
