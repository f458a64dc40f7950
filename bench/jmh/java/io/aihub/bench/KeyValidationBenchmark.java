package io.aihub.bench;

import io.aihub.common.Hashing;
import io.aihub.keys.ApiKeyPrincipal;
import io.aihub.keys.KeyCache;
import io.aihub.keys.KeyCredential;
import io.aihub.keys.KeyPermissions;
import io.aihub.keys.KeyValidation;
import io.aihub.keys.KeyValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The gateway's key check on a warm cache: 100,000 keys loaded, each validation picks the next
 * secret in turn (so the working set is the whole cache, not one hot entry). No Spring, no
 * database: the lookup behind the cache is a plain map, consulted only while warming up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KeyValidationBenchmark {

    private static final int KEYS = 100_000;

    private String[] secrets;
    private String[] unknown;
    private KeyValidator validator;

    @Setup(Level.Trial)
    public void load() {
        Map<String, KeyCredential> store = new HashMap<>();
        secrets = new String[KEYS];
        Instant expires = Instant.now().plus(Duration.ofDays(365));
        KeyPermissions permissions = new KeyPermissions(List.of("gpt-4o*", "demo/*"), List.of("chat/completions"));
        for (int i = 0; i < KEYS; i++) {
            secrets[i] = Hashing.randomSecret("org_", 32);
            ApiKeyPrincipal principal = new ApiKeyPrincipal("key-" + i, "org-" + (i % 100), null, null, permissions,
                    1_000_000L, null, 600, null, null, expires);
            store.put(Hashing.sha256Hex(secrets[i]), new KeyCredential(principal, null, null));
        }
        KeyCache cache = new KeyCache(500_000, Duration.ofHours(1), 100_000, Duration.ofHours(1));
        validator = new KeyValidator(cache, hash -> Optional.ofNullable(store.get(hash)), Clock.systemUTC());
        for (String secret : secrets) {
            if (!(validator.validate(secret) instanceof KeyValidation.Valid)) {
                throw new IllegalStateException("warm-up failed");
            }
        }
        unknown = new String[1024];
        for (int i = 0; i < unknown.length; i++) {
            unknown[i] = Hashing.randomSecret("org_", 32);
            validator.validate(unknown[i]);
        }
        if (cache.size() != KEYS) {
            throw new IllegalStateException("expected " + KEYS + " cached keys, got " + cache.size());
        }
    }

    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    public KeyValidation validateCachedKey(Cursor cursor) {
        int i = cursor.next;
        cursor.next = i + 1 == KEYS ? 0 : i + 1;
        return validator.validate(secrets[i]);
    }

    @Benchmark
    public KeyValidation validateUnknownKeyFromNegativeCache(Cursor cursor) {
        int i = cursor.next;
        cursor.next = (i + 1) & 1023;
        return validator.validate(unknown[i]);
    }
}
