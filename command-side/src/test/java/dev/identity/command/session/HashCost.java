package dev.identity.command.session;

import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Prints what one Argon2id hash costs at the configured parameters ({@code -Didentity.password.argon2.*}, else
 * the defaults) and the hashing bound it gives: logins per second if every core does nothing but hash.
 * Run by {@code bench/hash-cost.sh}; a figure to print, not a test.
 */
final class HashCost {

    private static final int WARM_UP = 5;
    private static final int MEASURED = 20;

    private HashCost() {}

    public static void main(String[] args) {
        Map<Object, Object> properties = System.getProperties();
        PasswordProperties.Argon2 parameters = new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("identity.password", PasswordProperties.class)
                .argon2();
        Argon2PasswordEncoder encoder = PasswordHashing.argon2(parameters);
        for (int i = 0; i < WARM_UP; i++) {
            encoder.encode("warm-up password " + i);
        }
        long start = System.nanoTime();
        for (int i = 0; i < MEASURED; i++) {
            encoder.encode("measured password " + i);
        }
        double millis = (System.nanoTime() - start) / 1e6 / MEASURED;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(
                "[hash-cost] argon2id m=%d KiB t=%d p=%d: %.1f ms per hash, one thread%n",
                parameters.memoryKib(), parameters.iterations(), parameters.parallelism(), millis);
        System.out.printf(
                "[hash-cost] hashing bound: %d cores / %.1f ms = %.1f hashes/s%n",
                cores, millis, cores * 1000 / millis);
    }
}
