package io.aihub.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Single-instance quota counters, one per (subject, period), each locked on its own. A counter is
 * seeded from {@link QuotaSeedSource} (the usage records) on first touch — after a restart, or after
 * Caffeine evicted it for being idle — so it is set from the database, never double counted. The
 * database read happens outside any lock; if two threads race to seed, the first counter stored wins.
 */
final class InProcessQuotaCounter implements QuotaStore {

    private record Key(String subject, String period) {
    }

    private static final class Count {
        final QuotaPeriod period;
        long requests;
        long tokens;

        Count(QuotaPeriod period, long requests, long tokens) {
            this.period = period;
            this.requests = requests;
            this.tokens = tokens;
        }
    }

    private final Clock clock;
    private final QuotaSeedSource seeds;
    private final StoreFailures failures;
    private final Cache<Key, Count> counts;

    InProcessQuotaCounter(Clock clock, QuotaSeedSource seeds, StoreFailures failures, long maxSubjects, Duration idleExpiry) {
        this.clock = clock;
        this.seeds = seeds;
        this.failures = failures;
        this.counts = Caffeine.newBuilder().maximumSize(maxSubjects).expireAfterAccess(idleExpiry).build();
    }

    @Override
    public LimitDecision tryConsume(String subject, QuotaPeriod period, Long requestQuota, Long tokenQuota, long tokens) {
        Checks.quota(requestQuota, tokenQuota, tokens);
        if (requestQuota == null && tokenQuota == null) {
            return LimitDecision.unlimited(clock.instant());
        }
        Key key = new Key(subject, period.key());
        Count present = counts.getIfPresent(key);
        if (present == null) {
            QuotaSeedSource.QuotaTotals seed;
            try {
                seed = seeds.load(subject, period);
            } catch (RuntimeException e) {
                return failures.decide("quota seed", e);
            }
            present = counts.asMap().computeIfAbsent(key, k -> new Count(period, seed.requests(), seed.tokens()));
        }
        Count count = present;
        synchronized (count) {
            return QuotaRule.consume(count.requests, count.tokens, requestQuota, tokenQuota, tokens, period, clock,
                    () -> {
                        count.requests++;
                        count.tokens += tokens;
                    });
        }
    }

    @Override
    public void add(String subject, QuotaPeriod period, long requestsDelta, long tokensDelta) {
        Count count = counts.getIfPresent(new Key(subject, period.key()));
        if (count == null) {
            return;
        }
        synchronized (count) {
            count.requests = Math.max(0, count.requests + requestsDelta);
            count.tokens = Math.max(0, count.tokens + tokensDelta);
        }
    }

    @Override
    public List<Snapshot> snapshot(int max) {
        List<Snapshot> found = new ArrayList<>();
        for (Map.Entry<Key, Count> entry : counts.asMap().entrySet()) {
            if (found.size() >= max) {
                break;
            }
            Count count = entry.getValue();
            synchronized (count) {
                found.add(new Snapshot(entry.getKey().subject(), count.period, count.requests, count.tokens));
            }
        }
        return found;
    }

    @Override
    public boolean raise(String subject, QuotaPeriod period, long requests, long tokens) {
        Count count = counts.getIfPresent(new Key(subject, period.key()));
        if (count == null) {
            return false;
        }
        synchronized (count) {
            count.requests = Math.max(count.requests, requests);
            count.tokens = Math.max(count.tokens, tokens);
        }
        return true;
    }

    @Override
    public boolean seed(String subject, QuotaPeriod period, long requests, long tokens) {
        Count fresh = new Count(period, requests, tokens);
        return counts.asMap().putIfAbsent(new Key(subject, period.key()), fresh) == null;
    }
}
