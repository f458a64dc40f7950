package io.aihub.bench;

import io.aihub.common.Hashing;
import io.aihub.common.Ids;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Baseline of the scaffold: id generation and SHA-256 of a key-sized secret. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IdGenerationBenchmark {

    private final Clock clock = Clock.systemUTC();
    private final String secret = Hashing.randomSecret("org_", 32);

    @Benchmark
    public String nextId() {
        return Ids.next("key", clock);
    }

    @Benchmark
    public String sha256OfSecret() {
        return Hashing.sha256Hex(secret);
    }
}
