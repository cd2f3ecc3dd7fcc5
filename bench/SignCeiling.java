import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The machine's ceiling for the token scenarios: RS256 (2048-bit) signatures per second, on
 * one thread and on every core. Usage: java SignCeiling.java SECONDS
 */
public class SignCeiling {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey key = generator.generateKeyPair().getPrivate();
        byte[] payload = new byte[400];
        run(key, payload, 1, 2);
        double one = run(key, payload, 1, seconds);
        int cores = Runtime.getRuntime().availableProcessors();
        double all = run(key, payload, cores, seconds);
        System.out.printf("rs256_per_second_1_thread=%.0f%n", one);
        System.out.printf("rs256_per_second_%d_threads=%.0f%n", cores, all);
    }

    private static double run(PrivateKey key, byte[] payload, int threads, int seconds) throws Exception {
        AtomicLong count = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                try {
                    Signature signature = Signature.getInstance("SHA256withRSA");
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
