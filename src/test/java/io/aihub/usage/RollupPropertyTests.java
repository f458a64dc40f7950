package io.aihub.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Property: whatever records arrive, in whatever order and however concurrently (duplicates included),
 * every rollup row equals the same sums recomputed from the records, for each dimension and both
 * granularities once the pending records are folded; and a rebuild from the records gives the very same rows.
 */
class RollupPropertyTests extends IntegrationTest {

    @Autowired
    UsageService usage;

    @Autowired
    UsageRollupRepository rollups;

    @Autowired
    RollupAggregator aggregator;

    static final Instant START = Instant.parse("2026-05-10T21:00:00Z"); // the records cross two UTC midnights

    @Test
    void rollupsEqualARecomputationFromTheRecordsAfterRandomConcurrentInserts() throws Exception {
        for (long seed : new long[] {7, 20260510}) {
            checkSeed(seed);
        }
    }

    private void checkSeed(long seed) throws Exception {
        Random random = new Random(seed);
        String orgA = "org-prop-" + unique();
        String orgB = "org-prop-" + unique();
        List<UsageRecord> records = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            records.add(randomRecord(random, random.nextInt(5) == 0 ? orgB : orgA));
        }
        List<UsageRecord> arrivals = new ArrayList<>(records);
        for (int i = 0; i < 30; i++) {
            arrivals.add(records.get(random.nextInt(records.size()))); // retried deliveries: billed once
        }
        Collections.shuffle(arrivals, random);
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            List<Future<Boolean>> done = new ArrayList<>();
            for (UsageRecord r : arrivals) {
                done.add(pool.submit(() -> usage.record(r)));
            }
            for (Future<Boolean> f : done) {
                f.get();
            }
        }
        aggregator.aggregate(); // the background pass may have folded some already; this folds the rest
        for (String org : List.of(orgA, orgB)) {
            List<UsageRecord> mine = records.stream().filter(r -> r.organizationId().equals(org)).toList();
            Map<String, Map<List<Object>, UsageFigures>> stored = storedRows(org);
            assertThat(stored).as("seed %d", seed).isEqualTo(expected(mine));
            rollups.rebuild(org);
            assertThat(sameRows(storedRows(org), stored)).as("rebuild, seed %d", seed).isTrue();
        }
    }

    private static UsageRecord randomRecord(Random random, String org) {
        Instant at = START.plus(Duration.ofSeconds(random.nextInt(54 * 3600)));
        String cost = BigDecimal.valueOf(random.nextInt(1_000_000_000)).movePointLeft(10 - random.nextInt(3)).toPlainString();
        String outcome = switch (random.nextInt(6)) {
            case 0 -> "error";
            case 1 -> "partial";
            default -> "success";
        };
        Integer latency = random.nextInt(8) == 0 ? null : random.nextInt(15_000);
        return new UsageRecord("req-" + unique() + unique() + unique(), org, pick(random, "team-1", "team-2", null),
                pick(random, "key-1", "key-2", "key-3", null), pick(random, "user-1", "user-2", null),
                pick(random, "alice", "bob", "carol", null, null), pick(random, "gpt-4o", "gpt-4o-mini", "claude-3-5-haiku"),
                pick(random, "openai", "anthropic", null), null, "chat.completions", random.nextInt(5000),
                random.nextInt(100), random.nextInt(2000), new BigDecimal(cost), latency, latency,
                outcome.equals("error") ? 502 : 200, null, outcome, at);
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... options) {
        return options[random.nextInt(options.length)];
    }

    /** granularity/dimension -> (bucket, value) -> figures, as stored. */
    private Map<String, Map<List<Object>, UsageFigures>> storedRows(String org) {
        Map<String, Map<List<Object>, UsageFigures>> all = new HashMap<>();
        for (String granularity : List.of(UsageRollupRepository.HOUR, UsageRollupRepository.DAY)) {
            for (RollupDimension dim : RollupDimension.values()) {
                Map<List<Object>, UsageFigures> rows = new HashMap<>();
                for (var row : rollups.rows(org, granularity, dim, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"))) {
                    rows.put(List.of(row.bucketStart(), row.values().getFirst()), normalized(row.figures()));
                }
                all.put(granularity + "/" + dim.apiName(), rows);
            }
        }
        return all;
    }

    /** The same sums, computed here from the records alone. */
    private static Map<String, Map<List<Object>, UsageFigures>> expected(List<UsageRecord> records) {
        Map<String, Map<List<Object>, UsageFigures>> all = new HashMap<>();
        for (String granularity : List.of(UsageRollupRepository.HOUR, UsageRollupRepository.DAY)) {
            for (RollupDimension dim : RollupDimension.values()) {
                Map<List<Object>, UsageFigures> rows = new HashMap<>();
                for (UsageRecord r : records) {
                    Instant bucket = r.createdAt().truncatedTo(granularity.equals("hour") ? ChronoUnit.HOURS : ChronoUnit.DAYS);
                    rows.merge(List.of(bucket, dim.valueOf(r)), UsageFigures.of(r), UsageFigures::plus);
                }
                rows.replaceAll((k, f) -> normalized(f));
                all.put(granularity + "/" + dim.apiName(), rows);
            }
        }
        return all;
    }

    private static UsageFigures normalized(UsageFigures f) {
        return new UsageFigures(f.requests(), f.promptTokens(), f.cachedTokens(), f.completionTokens(),
                f.cost().stripTrailingZeros(), f.errors(), f.latency());
    }

    private static boolean sameRows(Map<String, Map<List<Object>, UsageFigures>> a, Map<String, Map<List<Object>, UsageFigures>> b) {
        return a.equals(b);
    }
}
