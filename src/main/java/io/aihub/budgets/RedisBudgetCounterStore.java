package io.aihub.budgets;

import io.aihub.limits.LuaScript;
import io.aihub.limits.RedisConnector;
import io.aihub.limits.StoreFailures;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * Budget counters shared by every instance, in Redis. A reservation is ONE Lua script over the
 * counters of all budgets in scope ({@code budget_reserve.lua}): every hard budget's
 * {@code spent + reserved + amount <= limit} is checked, then the amount is held on all of them, or on
 * none. Settle, release, expiry and the undo of a change the ledger declined are one script too
 * ({@code budget_apply.lua}: one move of the request's contribution, see below).
 *
 * <p>Money stays exact: Lua numbers are doubles, so every amount travels and is stored as two integers
 * (whole units, and units of 1e-10), see the scripts.
 *
 * <p>A missing counter (first use in a period, Redis restarted empty, a repaired key) is read from the
 * ledger and SET only if still absent ({@code budget_seed.lua}) — never added to, so instances seeding at
 * once cannot double count. The order of the interface is kept: counters first, then {@code persist} (the
 * ledger write), undone if it declines or fails.
 *
 * <p>Counters first means an instance killed between the two leaves a change in Redis the ledger never got.
 * The hold registry (a hash of request id to what the counters hold of that request, and a sorted set of
 * when to look at each entry again) makes that safe: a settlement retried for the same request (the journal
 * replayed at restart, or the expiry sweeper finishing the hold) moves the request's contribution from what
 * the registry says to the new value instead of applying it twice, and a hold the ledger never received is
 * given back by {@link #sweepHolds} after its expiry. An entry goes once its ledger write is confirmed (the
 * next settlement's script drops it), or after {@code keep} when that confirmation was lost with a crash.
 *
 * <p>Redis failures: a reservation follows {@code aihub.gateway.on-store-failure} (fail-closed: refused as
 * unavailable; fail-open: the ledger hold is still written, counters are skipped). A settle is never lost:
 * the ledger write happens anyway and the counters it could not change are remembered as dirty; once Redis
 * answers again they are deleted, so the next use rebuilds them from the ledger.
 */
public final class RedisBudgetCounterStore implements BudgetCounterStore {

    /** {@link Outcome#deniedIndex()} when Redis could not be reached and the policy is fail-closed. */
    static final int UNAVAILABLE = -3;

    private static final LuaScript RESERVE = LuaScript.load(RedisBudgetCounterStore.class, "budget_reserve.lua");
    private static final LuaScript APPLY = LuaScript.load(RedisBudgetCounterStore.class, "budget_apply.lua");
    private static final LuaScript SEED = LuaScript.load(RedisBudgetCounterStore.class, "budget_seed.lua");
    private static final LuaScript CORRECT = LuaScript.load(RedisBudgetCounterStore.class, "budget_correct.lua");
    private static final LuaScript SWEEP = LuaScript.load(RedisBudgetCounterStore.class, "budget_sweep.lua");
    private static final BigInteger UNIT = BigInteger.TEN.pow(10);
    /** A counter outlives the longest period (31 days) by a grace so late settlements still find it. */
    static final Duration KEEP = Duration.ofDays(33);
    private static final int MAX_LOADS = 8;

    private final RedisConnector redis;
    private final String prefix;
    private final StoreFailures failures;
    private final Clock clock;
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    /** The hold registry (request id -> what the counters hold of it) and its index by when to look again. */
    private final String holdsKey;
    private final String openKey;
    /** How long a finished entry outlives its change when its ledger write is never confirmed (a crash). */
    private final Duration keep;
    /** Requests whose ledger write is confirmed: their entries are dropped by the next settlement's script. */
    private final Queue<String> confirmed = new ConcurrentLinkedQueue<>();

    /**
     * Public for the JMH benchmark; the application gets it as a bean ({@code BudgetCounterConfiguration}).
     *
     * @param keyPrefix e.g. {@code aihub:}
     */
    public RedisBudgetCounterStore(RedisConnector redis, String keyPrefix, StoreFailures failures, Clock clock) {
        this(redis, keyPrefix, failures, clock, Duration.ofMinutes(20));
    }

    /** @param keep longer than a hold can stay open (the hold timeout) plus a restart */
    public RedisBudgetCounterStore(RedisConnector redis, String keyPrefix, StoreFailures failures, Clock clock,
            Duration keep) {
        this.redis = redis;
        this.prefix = keyPrefix + "budget:{budgets}:";
        // Same hash tag as the counters (one slot in Redis Cluster), outside the counters' key pattern.
        this.holdsKey = keyPrefix + "budget-holds:{budgets}";
        this.openKey = keyPrefix + "budget-open:{budgets}";
        this.failures = failures;
        this.clock = clock;
        this.keep = keep;
    }

    /**
     * One hash per budget and period. Every budget counter shares the hash tag {@code {budgets}}: one script
     * may touch an organization's, a team's and a key's budget at once, which Redis Cluster allows only
     * within one slot.
     */
    String redisKey(CounterKey key) {
        return prefix + key.budgetId() + ":" + key.periodStart().getEpochSecond();
    }

    CounterKey counterKey(String redisKey) {
        String rest = redisKey.substring(prefix.length());
        int colon = rest.lastIndexOf(':');
        return new CounterKey(rest.substring(0, colon), Instant.ofEpochSecond(Long.parseLong(rest.substring(colon + 1))));
    }

    @Override
    public Outcome reserve(String requestId, Instant expiresAt, List<Charge> charges, BigDecimal amount, Loader loader,
            BooleanSupplier persist) {
        if (charges.isEmpty()) {
            // No budget in scope: nothing to count, and no reason to refuse while Redis is away.
            return persist.getAsBoolean() ? new Outcome(-1, null) : new Outcome(-2, null);
        }
        List<String> counterKeys = charges.stream().map(c -> redisKey(c.key())).toList();
        List<String> keys = withRegistry(counterKeys);
        List<String> args = new ArrayList<>();
        addAmount(args, amount);
        args.add("0"); // now, set per attempt
        args.add(requestId);
        args.add(Long.toString(expiresAt.toEpochMilli()));
        for (Charge charge : charges) {
            if (charge.limit() == null) {
                args.add("-");
                args.add("-");
            } else {
                addAmount(args, charge.limit());
            }
        }
        List<Object> result;
        try {
            repairDirty();
            result = withLoads(keys, charges.stream().map(Charge::key).toList(), loader, commands -> {
                args.set(2, Long.toString(clock.millis()));
                return RESERVE.values(commands, keys, args);
            });
        } catch (RedisException e) {
            if (!failures.allows("budget reservation", e)) {
                return new Outcome(UNAVAILABLE, null);
            }
            // Fail-open: the hold goes to the ledger all the same, so the counters rebuilt later include it.
            dirty.addAll(counterKeys);
            return persist.getAsBoolean() ? new Outcome(-1, null) : new Outcome(-2, null);
        }
        if (number(result, 0) == 0) {
            return new Outcome((int) number(result, 1), join(number(result, 2), number(result, 3)).max(BigDecimal.ZERO));
        }
        boolean ok = false;
        try {
            ok = persist.getAsBoolean();
        } finally {
            if (!ok) {
                List<String> amountArgs = new ArrayList<>(2);
                addAmount(amountArgs, amount);
                String mine = "h|" + amountArgs.get(0) + "|" + amountArgs.get(1) + "|" + String.join(" ", counterKeys);
                undo(keys, roles(counterKeys.size(), "h"), requestId, amount, mine, "n");
            }
        }
        return ok ? new Outcome(-1, null) : new Outcome(-2, null);
    }

    @Override
    public boolean settle(String requestId, List<CounterKey> heldKeys, BigDecimal held, List<CounterKey> spendKeys,
            BigDecimal actual, Loader loader, BooleanSupplier persist) {
        LinkedHashSet<CounterKey> all = new LinkedHashSet<>(heldKeys);
        all.addAll(spendKeys);
        List<CounterKey> counterKeys = List.copyOf(all);
        if (counterKeys.isEmpty()) {
            return persist.getAsBoolean();
        }
        List<String> keys = withRegistry(counterKeys.stream().map(this::redisKey).toList());
        List<String> roles = counterKeys.stream()
                .map(k -> (heldKeys.contains(k) ? "h" : "") + (spendKeys.contains(k) ? "s" : "")).toList();
        List<String> actualArgs = new ArrayList<>(2);
        addAmount(actualArgs, actual);
        String mine = "f|" + actualArgs.get(0) + "|" + actualArgs.get(1) + "|"
                + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        List<String> confirmedNow = drainConfirmed();
        List<String> args = moveArgs(held, "1", requestId, "*", mine, roles);
        args.addAll(confirmedNow);
        String previous = null;
        try {
            repairDirty();
            List<Object> result = withLoads(keys, counterKeys, loader, commands -> {
                args.set(2, Long.toString(clock.millis()));
                args.set(7, Long.toString(clock.millis() + keep.toMillis()));
                return APPLY.values(commands, keys, args);
            });
            previous = (String) result.get(1);
        } catch (RedisException e) {
            // The ledger write below is the truth and must not be lost; the counters catch up after Redis returns.
            failures.dropped("budget settlement", e);
            dirty.addAll(keys.subList(0, counterKeys.size()));
            confirmed.addAll(confirmedNow);
        }
        boolean ok = false;
        try {
            ok = persist.getAsBoolean();
        } finally {
            if (ok && previous != null) {
                confirmed.add(requestId); // its registry entry can go: the ledger has it
            } else if (!ok && previous != null) {
                undo(keys, roles, requestId, held, mine, previous);
            }
        }
        return ok;
    }

    /**
     * Gives back the holds past their expiry that the ledger never received, and drops the entries of holds the
     * ledger finished (their counters were rebuilt from it) and of finished ones whose confirmation was lost.
     */
    @Override
    public int sweepHolds(LedgerLookup ledger) {
        int released = 0;
        try {
            RedisCommands<String, String> commands = redis.commands();
            List<String> due = commands.zrangebyscore(openKey, Range.create(0, clock.millis()), Limit.create(0, 500));
            if (due.isEmpty()) {
                return 0;
            }
            List<KeyValue<String, String>> entries = commands.hmget(holdsKey, due.toArray(String[]::new));
            List<String> open = entries.stream().filter(e -> e.hasValue() && e.getValue().startsWith("h|"))
                    .map(KeyValue::getKey).toList();
            Map<String, LedgerState> known = open.isEmpty() ? Map.of() : ledger.find(open);
            for (KeyValue<String, String> e : entries) {
                String requestId = e.getKey();
                if (!e.hasValue()) {
                    commands.zrem(openKey, requestId);
                    continue;
                }
                String entry = e.getValue();
                if (!entry.startsWith("h|")) {
                    close(commands, requestId, entry, List.of(), false);
                    continue;
                }
                String[] parts = entry.split("\\|", 4);
                List<String> heldOn = parts[3].isEmpty() ? List.of() : List.of(parts[3].split(" "));
                LedgerState state = known.get(requestId);
                if (state == null) {
                    if (close(commands, requestId, entry, heldOn, true)) {
                        released++;
                    }
                } else if (!"held".equals(state.status())) {
                    // Finished in the ledger while its counter change failed: the instance that failed marked those
                    // counters dirty and rebuilds them from the ledger, which has it. Applying it here would count it twice.
                    close(commands, requestId, entry, List.of(), false);
                } // still held in the ledger: its expiry there finishes it, counters included
            }
        } catch (RedisException e) {
            failures.dropped("budget hold sweep", e);
        }
        return released;
    }

    private boolean close(RedisCommands<String, String> commands, String requestId, String entry, List<String> counters,
            boolean release) {
        List<String> keys = withRegistry(counters);
        return SWEEP.list(commands, keys, List.of(requestId, entry, release ? "1" : "0", Long.toString(clock.millis())))
                .get(0) == 1;
    }

    @Override
    public Counter read(CounterKey key, Loader loader) {
        String redisKey = redisKey(key);
        try {
            repairDirty(); // a counter this instance knows missed a change is not read as it stands
            RedisCommands<String, String> commands = redis.commands();
            for (int attempt = 0; attempt < MAX_LOADS; attempt++) {
                List<KeyValue<String, String>> v = commands.hmget(redisKey, "sh", "sl", "rh", "rl");
                if (v.stream().allMatch(KeyValue::hasValue)) {
                    return new Counter(join(v.get(0).getValue(), v.get(1).getValue()), join(v.get(2).getValue(), v.get(3).getValue()));
                }
                seed(commands, key, redisKey, loader);
            }
        } catch (RedisException e) {
            failures.dropped("budget counter read (answered from the ledger)", e);
        }
        return loader.load(key); // the ledger is the truth the counters are rebuilt from
    }

    @Override
    public void forget(String budgetId) {
        try {
            RedisCommands<String, String> commands = redis.commands();
            for (String key : scan(commands, prefix + budgetId + ":*")) {
                commands.del(key);
            }
        } catch (RedisException e) {
            failures.dropped("budget counter removal", e);
        }
    }

    /** Counters in Redis, for reconciliation: key, spent, reserved, seq and the last change (ms). */
    record Snapshot(CounterKey key, BigDecimal spent, BigDecimal reserved, String seq, long changedAt) {
    }

    List<Snapshot> snapshot(int max) {
        RedisCommands<String, String> commands = redis.commands();
        List<Snapshot> found = new ArrayList<>();
        for (String key : scan(commands, prefix + "*")) {
            if (found.size() >= max) break;
            List<KeyValue<String, String>> v = commands.hmget(key, "sh", "sl", "rh", "rl", "seq", "at");
            if (v.stream().allMatch(KeyValue::hasValue)) {
                found.add(new Snapshot(counterKey(key), join(v.get(0).getValue(), v.get(1).getValue()),
                        join(v.get(2).getValue(), v.get(3).getValue()), v.get(4).getValue(), Long.parseLong(v.get(5).getValue())));
            }
        }
        return found;
    }

    /** Replaces a counter with the ledger's values if it did not change since {@code snapshot}; answers whether it did. */
    boolean correct(Snapshot snapshot, Counter truth) {
        List<String> args = new ArrayList<>();
        args.add(snapshot.seq());
        addAmount(args, truth.spent());
        addAmount(args, truth.reserved());
        args.add(Long.toString(clock.millis()));
        return CORRECT.list(redis.commands(), List.of(redisKey(snapshot.key())), args).get(0) == 1;
    }

    /** Counters whose change could not be applied while Redis was unreachable; deleted once it answers. */
    Set<String> dirty() {
        return Set.copyOf(dirty);
    }

    private void repairDirty() {
        if (dirty.isEmpty()) {
            return;
        }
        RedisCommands<String, String> commands = redis.commands();
        for (String key : List.copyOf(dirty)) {
            commands.del(key); // rebuilt from the ledger (which has every change Redis missed) on next use
            dirty.remove(key);
        }
    }

    /**
     * Undoes this change ({@code mine}) if nobody changed the request's entry since: back to {@code previous}
     * (for a reservation, {@code "n"}: nothing).
     */
    private void undo(List<String> keys, List<String> roles, String requestId, BigDecimal held, String mine,
            String previous) {
        try {
            APPLY.values(redis.commands(), keys, moveArgs(held, "0", requestId, mine, previous, roles));
        } catch (RedisException e) {
            failures.dropped("budget counter undo", e);
            dirty.addAll(keys.subList(0, roles.size()));
        }
    }

    /** The arguments of {@code budget_apply.lua}: move the request's contribution from {@code expected} to {@code target}. */
    private List<String> moveArgs(BigDecimal held, String strict, String requestId, String expected, String target,
            List<String> roles) {
        List<String> args = new ArrayList<>();
        addAmount(args, held);
        args.add(Long.toString(clock.millis()));
        args.add(strict);
        args.add(requestId);
        args.add(expected);
        args.add(target);
        args.add(Long.toString(clock.millis() + keep.toMillis()));
        args.addAll(roles);
        return args;
    }

    /** The counter keys followed by the hold registry and its index, as every hold script takes them. */
    private List<String> withRegistry(List<String> counterKeys) {
        List<String> keys = new ArrayList<>(counterKeys.size() + 2);
        keys.addAll(counterKeys);
        keys.add(holdsKey);
        keys.add(openKey);
        return keys;
    }

    private List<String> drainConfirmed() {
        List<String> drained = new ArrayList<>();
        for (String id; drained.size() < 64 && (id = confirmed.poll()) != null; ) {
            drained.add(id);
        }
        return drained;
    }

    private static long number(List<Object> result, int index) {
        return (Long) result.get(index);
    }

    @FunctionalInterface
    private interface Script {
        List<Object> run(RedisCommands<String, String> commands);
    }

    /** Runs {@code script}; while it answers "counter i is missing", seeds that counter from the ledger and retries. */
    private List<Object> withLoads(List<String> keys, List<CounterKey> counterKeys, Loader loader, Script script) {
        RedisCommands<String, String> commands = redis.commands();
        for (int attempt = 0; attempt < MAX_LOADS + counterKeys.size(); attempt++) {
            List<Object> result = script.run(commands);
            if (number(result, 0) != -1) {
                return result;
            }
            int missing = (int) number(result, 1);
            seed(commands, counterKeys.get(missing), keys.get(missing), loader);
        }
        throw new RedisException("budget counters kept disappearing while being loaded");
    }

    private void seed(RedisCommands<String, String> commands, CounterKey key, String redisKey, Loader loader) {
        Counter truth = loader.load(key);
        long ttl = Math.max(1, key.periodStart().plus(KEEP).toEpochMilli() - clock.millis());
        List<String> args = new ArrayList<>();
        addAmount(args, truth.spent());
        addAmount(args, truth.reserved());
        args.add(Long.toString(ttl));
        args.add(Long.toString(clock.millis()));
        SEED.list(commands, List.of(redisKey), args);
    }

    private Iterable<String> scan(RedisCommands<String, String> commands, String pattern) {
        List<String> found = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = commands.scan(cursor, ScanArgs.Builder.matches(pattern).limit(1000));
            found.addAll(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished());
        return found;
    }

    private static List<String> roles(int n, String role) {
        List<String> roles = new ArrayList<>(n);
        for (int i = 0; i < n; i++) roles.add(role);
        return roles;
    }

    /** hi (whole units) and lo (units of 1e-10, 0 <= lo < 1e10): each exact in a Lua double. */
    static void addAmount(List<String> args, BigDecimal amount) {
        BigInteger units = amount.setScale(10, RoundingMode.HALF_UP).unscaledValue();
        BigInteger[] split = units.divideAndRemainder(UNIT);
        if (split[1].signum() < 0) {
            split[0] = split[0].subtract(BigInteger.ONE);
            split[1] = split[1].add(UNIT);
        }
        args.add(split[0].toString());
        args.add(split[1].toString());
    }

    static BigDecimal join(long hi, long lo) {
        return normal(BigDecimal.valueOf(hi).add(BigDecimal.valueOf(lo, 10)));
    }

    private static BigDecimal join(String hi, String lo) {
        return normal(new BigDecimal(hi).add(new BigDecimal(new BigInteger(lo), 10)));
    }

    private static BigDecimal normal(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    @Override
    public boolean outlivesProcess() {
        return true;
    }
}
