package io.aihub.limits;

import io.lettuce.core.RedisException;
import java.time.Clock;
import java.time.Duration;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Cluster quota counters: {@code quota_consume.lua} checks and counts in one step. When the counter is
 * missing (first use in the period, or Redis restarted empty) the script says so without counting; the
 * totals are then read from the database and written with {@code quota_seed.lua} only if the key is
 * still absent (set, not added to — a concurrent seeder on another instance cannot double count), and
 * the check runs again.
 */
final class RedisQuotaCounter implements QuotaStore {

    private static final LuaScript CONSUME = LuaScript.load("quota_consume.lua");
    private static final LuaScript SEED = LuaScript.load("quota_seed.lua");
    private static final LuaScript ADD = LuaScript.load("quota_add.lua");
    private static final LuaScript RAISE = LuaScript.load("quota_raise.lua");
    /** Late settlements of the previous period still find their counter for a day. */
    static final Duration GRACE = Duration.ofDays(1);

    private final RedisConnector redis;
    private final RedisKeys keys;
    private final Clock clock;
    private final QuotaSeedSource seeds;
    private final StoreFailures failures;

    RedisQuotaCounter(RedisConnector redis, RedisKeys keys, Clock clock, QuotaSeedSource seeds, StoreFailures failures) {
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
        this.seeds = seeds;
        this.failures = failures;
    }

    @Override
    public LimitDecision tryConsume(String subject, QuotaPeriod period, Long requestQuota, Long tokenQuota, long tokens) {
        Checks.quota(requestQuota, tokenQuota, tokens);
        if (requestQuota == null && tokenQuota == null) {
            return LimitDecision.unlimited(clock.instant());
        }
        String key = keys.quota(subject, period);
        try {
            List<Long> result = consume(key, requestQuota, tokenQuota, tokens);
            if (result.get(0) == -1) {
                QuotaSeedSource.QuotaTotals seed = seeds.load(subject, period);
                seedKey(key, period, seed.requests(), seed.tokens());
                result = consume(key, requestQuota, tokenQuota, tokens);
            }
            if (result.get(0) == 1) {
                return new LimitDecision.Allowed(RedisRateLimiter.nullIfUnlimited(result.get(1)),
                        RedisRateLimiter.nullIfUnlimited(result.get(2)), clock.instant());
            }
            if (result.get(0) == 0) {
                return QuotaRule.denied(result.get(1) == 1 ? Limit.MONTHLY_REQUESTS : Limit.MONTHLY_TOKENS, period,
                        clock.instant());
            }
            // Seeded and expired in between (the period ended this very moment): nothing was counted.
            throw new RedisException("quota counter " + period.key() + " vanished while seeding");
        } catch (RuntimeException e) {
            // Redis errors and a failed database read for the seed both mean: no trustworthy count.
            return failures.decide("quota", e);
        }
    }

    @Override
    public void add(String subject, QuotaPeriod period, long requestsDelta, long tokensDelta) {
        if (requestsDelta == 0 && tokensDelta == 0) {
            return;
        }
        try {
            ADD.number(redis.commands(), keys.quota(subject, period), requestsDelta, tokensDelta);
        } catch (RedisException e) {
            failures.dropped("quota settlement", e);
        }
    }

    @Override
    public boolean seed(String subject, QuotaPeriod period, long requests, long tokens) {
        return seedKey(keys.quota(subject, period), period, requests, tokens);
    }

    private boolean seedKey(String key, QuotaPeriod period, long requests, long tokens) {
        // A relative TTL from the injected clock, like every "now" this module sends (see RedisRateLimiter).
        long ttl = Math.max(1, period.end().plus(GRACE).toEpochMilli() - clock.millis());
        return SEED.number(redis.commands(), key, requests, tokens, ttl, period.start().toEpochMilli(),
                period.end().toEpochMilli()) == 1;
    }

    @Override
    public List<Snapshot> snapshot(int max) {
        RedisCommands<String, String> commands = redis.commands();
        List<Snapshot> found = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = commands.scan(cursor, ScanArgs.Builder.matches(keys.quotaPattern()).limit(1000));
            for (String key : page.getKeys()) {
                Snapshot snapshot = snapshotOf(commands, key);
                if (snapshot != null && found.size() < max) {
                    found.add(snapshot);
                }
            }
            cursor = page;
        } while (!cursor.isFinished() && found.size() < max);
        return found;
    }

    private Snapshot snapshotOf(RedisCommands<String, String> commands, String key) {
        String subject = keys.quotaSubject(key);
        List<KeyValue<String, String>> values = commands.hmget(key, "requests", "tokens", "start", "end");
        if (subject == null || values.stream().anyMatch(v -> !v.hasValue())) {
            return null; // expired between SCAN and HMGET, or not ours
        }
        String periodKey = key.substring(key.lastIndexOf(':') + 1);
        QuotaPeriod period = new QuotaPeriod(periodKey, Instant.ofEpochMilli(Long.parseLong(values.get(2).getValue())),
                Instant.ofEpochMilli(Long.parseLong(values.get(3).getValue())));
        return new Snapshot(subject, period, Long.parseLong(values.get(0).getValue()),
                Long.parseLong(values.get(1).getValue()));
    }

    @Override
    public boolean raise(String subject, QuotaPeriod period, long requests, long tokens) {
        return RAISE.number(redis.commands(), keys.quota(subject, period), requests, tokens) == 1;
    }

    private List<Long> consume(String key, Long requestQuota, Long tokenQuota, long tokens) {
        return CONSUME.list(redis.commands(), key, RedisRateLimiter.orUnlimited(requestQuota),
                RedisRateLimiter.orUnlimited(tokenQuota), tokens);
    }
}
