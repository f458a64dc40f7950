package io.aihub.bench;

import io.aihub.keys.KeyPermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The authorization stage's work per request: the key's endpoint globs, then its model globs, on
 * the name the client sent. {@code open}: a key without restrictions (the common case);
 * {@code fiveGlobs}: five model patterns where only the last one matches, the slowest allow.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PermissionMatchBenchmark {

    private final KeyPermissions open = KeyPermissions.ALL;
    private final KeyPermissions fiveGlobs = new KeyPermissions(
            List.of("claude-*", "gemini-?.?-pro", "mistral-large-*", "o3*", "gpt-4o*"),
            List.of("embeddings", "chat/completions"));
    private String model = "gpt-4o-mini-2024-07-18";
    private String endpoint = "chat/completions";
    private String denied = "llama-3.1-405b";

    @Benchmark
    public boolean openKey() {
        return open.allowsEndpoint(endpoint) && open.allowsModel(model);
    }

    @Benchmark
    public boolean fiveGlobsLastMatches() {
        return fiveGlobs.allowsEndpoint(endpoint) && fiveGlobs.allowsModel(model);
    }

    @Benchmark
    public boolean fiveGlobsNoneMatches() {
        return fiveGlobs.allowsEndpoint(endpoint) && fiveGlobs.allowsModel(denied);
    }
}
