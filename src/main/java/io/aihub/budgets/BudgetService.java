package io.aihub.budgets;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.aihub.access.AccessControl;
import io.aihub.access.Action;
import io.aihub.access.Principal;
import io.aihub.budgets.BudgetCounterStore.Charge;
import io.aihub.budgets.BudgetCounterStore.Counter;
import io.aihub.budgets.BudgetCounterStore.CounterKey;
import io.aihub.cluster.CacheInvalidation;
import io.aihub.common.ApiException;
import io.aihub.common.Ids;
import io.aihub.common.Money;
import io.aihub.tenancy.TenancyService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The budgets module's entry point: the gateway's reserve/settle/release/remaining/recordUsage, and
 * the management operations behind the budget routes.
 *
 * <p>Reserve → settle: the gateway reserves a request's worst-case cost on every budget in scope
 * (all or none, in the {@link BudgetCounterStore}), writes one ledger row, and after the upstream
 * answered settles the actual cost with one conditional update of that row. Whoever flips the row
 * from {@code held} first (settle, release, or the expiry sweeper) applies the counter change; the
 * others do nothing, which makes all three idempotent and safe against each other.
 *
 * <p>Periods close lazily: a read that finds a budget row describing an earlier period writes the
 * history row(s) and moves the row forward; spend itself is summed by settle time from the ledger,
 * so no job has to run at the boundary.
 */
@Service
public class BudgetService {

    private static final Logger log = LoggerFactory.getLogger(BudgetService.class);
    static final List<Integer> DEFAULT_THRESHOLDS = List.of(50, 80, 100);
    private static final BigDecimal MAX_LIMIT = new BigDecimal("9999999999");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);

    private final BudgetRepository budgets;
    private final HoldLedger ledger;
    private final BudgetCounterStore counters;
    private final BudgetProperties properties;
    private final TenancyService tenancy;
    private final AccessControl access;
    private final ApiKeyDirectory apiKeys;
    private final SpendReports reports;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final CacheInvalidation invalidation;

    /** Budgets by scope ({@code type:id}); the hot path never reads the budgets table. */
    private final Map<String, Optional<Budget>> byScope = new ConcurrentHashMap<>();
    /** Holds reserved by this instance and not yet finished: settle needs no ledger read. */
    private final Map<String, HoldLedger.Hold> active = new ConcurrentHashMap<>();
    private final LoadingCache<String, ZoneId> zones;
    /** Package-private for reconciliation: reads a counter's truth from the ledger. */
    final BudgetCounterStore.Loader loader = this::load;
    /** {@code aihub.budgets.ledger-flush} is zero: every ledger change is written on the caller's thread. */
    private final boolean writeThrough;

    BudgetService(BudgetRepository budgets, HoldLedger ledger, BudgetCounterStore counters, BudgetProperties properties,
            TenancyService tenancy, AccessControl access, ApiKeyDirectory apiKeys, SpendReports reports,
            ApplicationEventPublisher events, TransactionTemplate tx, Clock clock, CacheInvalidation invalidation) {
        this.invalidation = invalidation;
        invalidation.listen(CacheInvalidation.BUDGETS, byScope::remove, byScope::clear);
        this.budgets = budgets;
        this.ledger = ledger;
        this.counters = counters;
        this.properties = properties;
        this.tenancy = tenancy;
        this.access = access;
        this.apiKeys = apiKeys;
        this.reports = reports;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        // In-process counters die with the process and are rebuilt from the ledger, so the ledger may be
        // written behind; counters in Redis survive it, so their holds are written through (see the store).
        this.writeThrough = properties.ledgerFlush().isZero() || counters.outlivesProcess();
        this.zones = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).maximumSize(100_000)
                .build(tenancy::timezoneOf);
    }

    // ---------------------------------------------------------------- the gateway's API

    /** Holds {@code amount} on every budget in scope, or on none. Idempotent on {@code requestId}. */
    public ReserveResult reserve(BudgetScope scope, BigDecimal amount, String requestId) {
        return reserve(scope, amount, requestId, null);
    }

    /**
     * As {@link #reserve(BudgetScope, BigDecimal, String)}, with a note of what the hold is for (at most 1,000
     * characters, opaque here): should the hold expire, {@link BudgetHoldExpired} carries it back.
     */
    public ReserveResult reserve(BudgetScope scope, BigDecimal amount, String requestId, String note) {
        if (note != null && note.length() > 1000) {
            throw new IllegalArgumentException("note must be at most 1000 characters");
        }
        requireRequestId(requestId);
        reloadRejected();
        if (amount == null || amount.signum() < 0) {
            throw new IllegalArgumentException("amount must be >= 0");
        }
        amount = stored(amount, RoundingMode.CEILING); // a hold is never smaller than asked
        HoldLedger.Hold existing = active.get(requestId);
        if (existing != null) {
            return new ReserveResult.Reserved(requestId, existing.amount());
        }
        Instant now = clock.instant();
        List<Budget> inScope = budgetsInScope(scope);
        List<Charge> charges = new ArrayList<>(inScope.size());
        for (Budget b : inScope) {
            charges.add(new Charge(key(b, now), properties.hardLimits() && b.hardLimit() ? b.limit() : null));
        }
        List<CounterKey> keys = charges.stream().map(Charge::key).toList();
        HoldLedger.Hold hold = new HoldLedger.Hold(requestId, scope, amount, keys, now,
                now.plus(properties.holdTimeout()), note);
        var outcome = counters.reserve(requestId, hold.expiresAt(), charges, amount, loader, () -> {
            ledger.insertLater(hold); // written behind, in a batch (HoldLedger); a duplicate id is caught there
            active.put(requestId, hold);
            if (writeThrough) ledger.flush();
            return true;
        });
        if (outcome.reserved() || outcome.deniedIndex() == -2) {
            return new ReserveResult.Reserved(requestId, amount);
        }
        if (outcome.deniedIndex() == RedisBudgetCounterStore.UNAVAILABLE) {
            return new ReserveResult.Unavailable("store_unavailable: budget counters cannot be reached; retry shortly");
        }
        Budget denied = inScope.get(outcome.deniedIndex());
        String level = denied.scopeType().wireName;
        BigDecimal remaining = Money.of(outcome.remaining()).plain();
        return new ReserveResult.Denied(level, remaining, "budget_exceeded: the " + level.replace('_', ' ')
                + " budget has " + remaining.toPlainString() + " USD left of " + Money.of(denied.limit())
                + " this " + denied.period().wireName.replace("ly", "").replace("dai", "day") + " period");
    }

    /** Turns the hold into spend of {@code actualCost} (may exceed the hold: spend is never lost). Idempotent. */
    public void settle(String requestId, BigDecimal actualCost) {
        requireRequestId(requestId);
        if (actualCost == null || actualCost.signum() < 0) {
            throw new IllegalArgumentException("actualCost must be >= 0");
        }
        finish(requestId, "settled", stored(actualCost, RoundingMode.HALF_UP));
    }

    /**
     * For replaying a request's settlement from a journal after a crash: settles its hold if the ledger
     * has it; if the ledger never received the hold (the process died within one ledger flush of the
     * reservation, see {@code aihub.budgets.ledger-flush}), records the spend without a hold instead; if the
     * hold expired meanwhile (the restart took longer than the hold timeout), its spend becomes the real cost.
     * Idempotent on {@code requestId}: a request settled before is left alone.
     */
    public void settleOrRecord(BudgetScope scope, String requestId, BigDecimal actualCost) {
        requireRequestId(requestId);
        if (actualCost == null || actualCost.signum() < 0) {
            throw new IllegalArgumentException("actualCost must be >= 0");
        }
        BigDecimal actual = stored(actualCost, RoundingMode.HALF_UP);
        if (finish(requestId, "settled", actual)) {
            return;
        }
        Optional<String> status = ledger.status(requestId);
        if (status.isEmpty()) {
            recordUsage(scope, actualCost, requestId);
        } else if (status.get().equals("expired")) {
            resettleExpired(requestId, actual);
        }
    }

    /**
     * An expired hold was charged in full because its request's cost was unknown; now it is known: the spend
     * moves by the difference, in the period the expiry charged, and the ledger row becomes settled.
     */
    private void resettleExpired(String requestId, BigDecimal actual) {
        HoldLedger.ExpiredHold expired = ledger.findExpired(requestId).orElse(null);
        if (expired == null || !properties.tracking()) {
            return;
        }
        BigDecimal difference = actual.subtract(expired.charged());
        List<Budget> inScope = budgetsInScope(expired.scope());
        List<CounterKey> spendKeys = inScope.stream().map(b -> key(b, expired.expiredAt())).toList();
        // Its own request id in the counters: the hold's was finished (and may still be registered) at the expiry.
        boolean done = counters.settle(requestId + "/resettle", List.of(), BigDecimal.ZERO, spendKeys, difference, loader,
                () -> ledger.resettle(requestId, actual));
        if (done && difference.signum() != 0) {
            spendChanged(expired.scope().organizationId(), inScope);
        }
    }

    /**
     * {@link #settleOrRecord} for many requests at once, as the usage journal's writer hands them over (off
     * the request thread): holds this instance still has open are settled in memory; then the ledger is
     * flushed once and the others' states are read in one query — a hold still {@code held} in the ledger is
     * settled, a request the ledger never saw is recorded, an expired hold is re-settled at the real cost, one
     * settled or released is left alone. Idempotent on
     * every request id. When this returns, every settlement is in the ledger.
     */
    public void settleOrRecordAll(List<Settlement> settlements) {
        List<Settlement> unknown = new ArrayList<>();
        for (Settlement s : settlements) {
            requireRequestId(s.requestId());
            if (s.cost() == null || s.cost().signum() < 0) {
                throw new IllegalArgumentException("actualCost must be >= 0");
            }
            if (!active.containsKey(s.requestId())
                    || !finish(s.requestId(), "settled", stored(s.cost(), RoundingMode.HALF_UP))) {
                unknown.add(s);
            }
        }
        ledger.flush();
        if (unknown.isEmpty()) {
            return;
        }
        var states = ledger.states(unknown.stream().map(Settlement::requestId).toList());
        for (Settlement s : unknown) {
            var state = states.get(s.requestId());
            if (state == null) {
                recordUsage(s.scope(), s.cost(), s.requestId());
            } else if (state.status().equals("held")) {
                settleOrRecord(s.scope(), s.requestId(), s.cost());
            } else if (state.status().equals("expired")) {
                resettleExpired(s.requestId(), stored(s.cost(), RoundingMode.HALF_UP));
            }
        }
    }

    /** For a request that never reached an upstream: the hold goes, nothing is spent. Idempotent. */
    public void release(String requestId) {
        requireRequestId(requestId);
        finish(requestId, "released", BigDecimal.ZERO);
    }

    /** Spend without a prior hold, idempotent on {@code requestId}. */
    public void recordUsage(BudgetScope scope, BigDecimal cost, String requestId) {
        requireRequestId(requestId);
        if (cost == null || cost.signum() < 0) {
            throw new IllegalArgumentException("cost must be >= 0");
        }
        if (!properties.tracking()) {
            return;
        }
        BigDecimal spend = stored(cost, RoundingMode.HALF_UP);
        Instant now = clock.instant();
        List<Budget> inScope = budgetsInScope(scope);
        List<CounterKey> spendKeys = inScope.stream().map(b -> key(b, now)).toList();
        boolean recorded = counters.settle(requestId, List.of(), BigDecimal.ZERO, spendKeys, spend, loader,
                () -> ledger.insertRecorded(requestId, scope, spend, now));
        if (recorded) {
            spendChanged(scope.organizationId(), inScope);
        }
    }

    /** The smallest amount left among the hard budgets in scope; empty when none would deny. */
    public Optional<BigDecimal> remaining(BudgetScope scope) {
        if (!properties.hardLimits()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        BigDecimal smallest = null;
        for (Budget b : budgetsInScope(scope)) {
            if (!b.hardLimit()) continue;
            Counter c = counters.read(key(b, now), loader);
            BigDecimal left = b.limit().subtract(c.spent()).subtract(c.reserved()).max(BigDecimal.ZERO);
            smallest = smallest == null ? left : smallest.min(left);
        }
        return Optional.ofNullable(smallest).map(v -> Money.of(v).plain());
    }

    /** Expires holds past their timeout, settling each at its full amount; answers how many. */
    public int expireHolds() {
        int expired = 0;
        for (String requestId : ledger.expiredHolds(clock.instant(), 500)) {
            if (finish(requestId, "expired", null)) {
                expired++;
                log.warn("budget hold {} was not settled within {}; settled at its full amount", requestId,
                        properties.holdTimeout());
            }
        }
        int released = counters.sweepHolds(ledger::states);
        if (released > 0) {
            log.warn("{} budget hold(s) held in the shared counters never reached the ledger (their instance stopped "
                    + "in between); released", released);
        }
        return expired + released;
    }

    /** {@code held}, {@code settled}, {@code released}, {@code expired} or {@code recorded}. */
    public Optional<String> holdStatus(String requestId) {
        return ledger.status(requestId);
    }

    /** @param actual null: the full held amount (expiry) */
    private boolean finish(String requestId, String status, BigDecimal actual) {
        reloadRejected();
        HoldLedger.Hold hold = active.remove(requestId);
        boolean ours = hold != null;
        if (hold == null) {
            hold = ledger.findHeld(requestId).orElse(null);
            if (hold == null) {
                return false; // unknown, or finished before: idempotent
            }
        }
        BigDecimal spend = !properties.tracking() ? BigDecimal.ZERO : actual == null ? hold.amount() : actual;
        Instant now = clock.instant();
        List<Budget> inScope = budgetsInScope(hold.scope());
        List<CounterKey> spendKeys = inScope.stream().map(b -> key(b, now)).toList();
        HoldLedger.Hold held = hold;
        // A hold this instance made ends written behind, like it started; one found in the ledger (a
        // restart, another instance) is finished at once by a conditional update: whoever flips it applies it.
        boolean done = counters.settle(requestId, hold.heldKeys(), hold.amount(), spendKeys, spend, loader, ours ? () -> {
            ledger.finishLater(held, status, spend, now);
            if (writeThrough) ledger.flush();
            return true;
        } : () -> ledger.finish(requestId, status, spend, now));
        if (done && spend.signum() > 0) {
            spendChanged(hold.scope().organizationId(), inScope);
        }
        if (done && "expired".equals(status)) {
            events.publishEvent(new BudgetHoldExpired(requestId, hold.scope(), spend, hold.note(), hold.createdAt()));
        }
        return done;
    }

    /**
     * Budgets whose counters took a change the ledger then refused (a reused request id, a hold another
     * instance or the sweeper finished first) are dropped and reload from the ledger on their next use.
     * Never called with a counter lock held: {@code forget} takes the store's write lock.
     */
    void reloadRejected() {
        for (String budgetId : ledger.takeRejectedBudgets()) {
            counters.forget(budgetId);
        }
    }

    private void spendChanged(String organizationId, List<Budget> changed) {
        if (!changed.isEmpty()) {
            events.publishEvent(new BudgetSpendChanged(organizationId, changed.stream().map(Budget::id).toList()));
        }
    }

    private List<Budget> budgetsInScope(BudgetScope scope) {
        List<Budget> found = new ArrayList<>(3);
        cached(ScopeType.ORGANIZATION, scope.organizationId()).ifPresent(found::add);
        if (scope.teamId() != null) {
            cached(ScopeType.TEAM, scope.teamId()).filter(b -> b.organizationId().equals(scope.organizationId()))
                    .ifPresent(found::add);
        }
        if (scope.apiKeyId() != null) {
            cached(ScopeType.API_KEY, scope.apiKeyId()).filter(b -> b.organizationId().equals(scope.organizationId()))
                    .ifPresent(found::add);
        }
        return found;
    }

    private Optional<Budget> cached(ScopeType type, String scopeId) {
        return byScope.computeIfAbsent(type.wireName + ":" + scopeId, k -> budgets.byScope(type, scopeId));
    }

    /** After a committed change: this instance's cached budget goes now, every other instance's within a second. */
    private void evict(Budget b) {
        invalidation.publish(CacheInvalidation.BUDGETS, b.scopeType().wireName + ":" + b.scopeId());
    }

    private CounterKey key(Budget b, Instant now) {
        return new CounterKey(b.id(), b.period().startOf(now, zones.get(b.organizationId())));
    }

    /** A counter's state from the ledger: settled spend in its period, and what is still held on it. */
    private Counter load(CounterKey key) {
        Optional<Budget> budget = budgets.byId(key.budgetId());
        if (budget.isEmpty()) {
            return Counter.EMPTY;
        }
        Budget b = budget.get();
        Instant end = b.period().endOf(key.periodStart(), zones.get(b.organizationId()));
        return new Counter(ledger.spent(b, key.periodStart(), end), ledger.reserved(key));
    }

    /** The ledger keeps 10 decimals: the counters must hold exactly what a restart would read back. */
    private static BigDecimal stored(BigDecimal amount, RoundingMode rounding) {
        return amount.scale() > Money.SCALE ? amount.setScale(Money.SCALE, rounding) : amount;
    }

    private static void requireRequestId(String requestId) {
        if (requestId == null || requestId.isBlank() || requestId.length() > 64) {
            throw new IllegalArgumentException("requestId must be 1-64 characters");
        }
    }

    // ---------------------------------------------------------------- management

    public BudgetView create(Principal caller, BudgetTarget target, BudgetInput input) {
        access.require(caller, target.organizationId(), Action.BUDGET_MANAGE);
        validateTarget(target);
        BudgetPeriod period = BudgetPeriod.parse(input.period());
        BigDecimal limit = limitOf(input, period, null);
        if (limit == null) {
            throw ApiException.invalid("limit", "limit is required");
        }
        List<Integer> thresholds = input.alertThresholds() == null ? DEFAULT_THRESHOLDS
                : thresholds(input.alertThresholds());
        Instant now = clock.instant();
        ZoneId zone = tenancy.timezoneOf(target.organizationId());
        Budget budget = new Budget(Ids.next("bud", clock), target.organizationId(), target.scopeType(), target.scopeId(),
                limit, period, input.hardLimit() == null || input.hardLimit(), thresholds, period.startOf(now, zone),
                BigDecimal.ZERO, caller.id(), now, now);
        try {
            tx.executeWithoutResult(s -> {
                budgets.insert(budget);
                budgets.insertLimitChange(Ids.next("blc", clock), budget.id(),
                        new BudgetRepository.LimitChange(now, null, limit, BigDecimal.ZERO, caller.id()));
            });
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("this " + target.scopeType().wireName.replace('_', ' ')
                    + " already has a budget; change it with PUT");
        }
        evict(budget);
        spendChanged(budget.organizationId(), List.of(budget));
        return view(budget, now);
    }

    public BudgetView get(Principal caller, BudgetTarget target) {
        return view(authorized(caller, target, Action.BUDGET_READ), clock.instant());
    }

    /** For other modules (alerts routes): the target's budget with stats, after checking {@code action}. */
    public BudgetView budgetFor(Principal caller, BudgetTarget target, Action action) {
        return view(authorized(caller, target, action), clock.instant());
    }

    /**
     * For alert evaluation: a budget with stats by id, no authorization. Its {@code daily_spend} is empty:
     * evaluation does not read it, and the series is a grouped scan of the period's ledger rows, which
     * the alert poller would otherwise run for every budget with new spend every few seconds.
     */
    public Optional<BudgetView> budgetById(String budgetId) {
        return budgets.byId(budgetId).map(b -> view(b, clock.instant(), false));
    }

    /** For other modules (anomaly alerts): the organization's own budget with stats, no authorization. */
    public Optional<BudgetView> organizationBudget(String organizationId) {
        return budgets.byScope(ScopeType.ORGANIZATION, organizationId).map(b -> view(rollOver(b, clock.instant()),
                clock.instant()));
    }

    /** Every budget of an organization (organization, teams, keys) with stats, no authorization. */
    public List<BudgetView> budgetsOf(String organizationId) {
        Instant now = clock.instant();
        return budgets.ofOrganization(organizationId).stream().map(b -> view(rollOver(b, now), now)).toList();
    }

    /** Remaining amount and usage percentage of a budget's current period, from the counters (no ledger read once loaded). */
    record Level(String organizationId, String scope, BigDecimal remaining, BigDecimal usagePercentage) {
    }

    Level level(Budget b, Instant now) {
        Counter c = counters.read(key(b, now), loader);
        Money limit = Money.of(b.limit());
        Money spent = Money.of(c.spent());
        Money remaining = limit.minus(spent).minus(Money.of(c.reserved())).max(Money.ZERO);
        return new Level(b.organizationId(), b.scopeType().wireName, remaining.plain(), spent.percentageOf(limit));
    }

    public BudgetView update(Principal caller, BudgetTarget target, BudgetInput input) {
        Budget current = authorized(caller, target, Action.BUDGET_MANAGE);
        Instant now = clock.instant();
        ZoneId zone = zones.get(current.organizationId());
        BudgetPeriod period = input.period() == null ? current.period() : BudgetPeriod.parse(input.period());
        BigDecimal limit = limitOf(input, period, current);
        if (limit == null) {
            limit = current.limit();
        }
        List<Integer> thresholds = input.alertThresholds() == null ? current.alertThresholds()
                : thresholds(input.alertThresholds());
        boolean hard = input.hardLimit() == null ? current.hardLimit() : input.hardLimit();
        Counter counter = counters.read(key(current, now), loader);
        BigDecimal peak = current.peakPercentage().max(Money.of(counter.spent()).percentageOf(Money.of(current.limit())));
        Instant periodStart = current.periodStart();
        boolean periodChanged = period != current.period();
        BudgetRepository.ClosedPeriod closed = null;
        if (periodChanged) {
            // The current period closes now; the new one starts where the new period length says.
            closed = new BudgetRepository.ClosedPeriod(current.periodStart(), now, current.limit(),
                    ledger.spent(current, current.periodStart(), now.plusNanos(1_000)), peak, now); // spend settled this microsecond counts
            periodStart = period.startOf(now, zone);
            peak = BigDecimal.ZERO;
        }
        BudgetRepository.ClosedPeriod closing = closed;
        Budget updated = new Budget(current.id(), current.organizationId(), current.scopeType(), current.scopeId(), limit,
                period, hard, thresholds, periodStart, peak, current.createdBy(), current.createdAt(), now);
        BigDecimal newLimit = limit;
        tx.executeWithoutResult(s -> {
            if (closing != null) {
                budgets.insertClosedPeriod(current.id(), closing);
            }
            budgets.update(updated);
            if (newLimit.compareTo(current.limit()) != 0) {
                budgets.insertLimitChange(Ids.next("blc", clock), current.id(), new BudgetRepository.LimitChange(now,
                        current.limit(), newLimit, counter.spent(), caller.id()));
            }
        });
        evict(updated);
        if (periodChanged) {
            counters.forget(current.id());
        }
        spendChanged(updated.organizationId(), List.of(updated));
        return view(updated, now);
    }

    /** For the alerts routes: replaces the alert thresholds (owner/admin); answers the budget as it is now. */
    public BudgetView changeAlertThresholds(Principal caller, BudgetTarget target, List<Integer> thresholds) {
        return update(caller, target, new BudgetInput(null, null, null, null, thresholds));
    }

    public void delete(Principal caller, BudgetTarget target) {
        Budget budget = authorized(caller, target, Action.BUDGET_MANAGE);
        budgets.delete(budget.id());
        evict(budget);
        counters.forget(budget.id());
    }

    public BudgetUsage usage(Principal caller, BudgetTarget target) {
        Budget budget = authorized(caller, target, Action.BUDGET_READ);
        BudgetView view = view(budget, clock.instant());
        var history = budgets.closedPeriods(budget.id(), 24).stream()
                .map(p -> new BudgetUsage.Period(p.periodStart(), p.periodEnd(), Money.of(p.limit()).plain(),
                        Money.of(p.finalSpend()).plain(), p.peakPercentage().setScale(2, RoundingMode.HALF_UP)))
                .toList();
        var changes = budgets.limitChanges(budget.id(), 50).stream()
                .map(c -> new BudgetUsage.LimitChange(c.changedAt(), c.oldLimit() == null ? null : Money.of(c.oldLimit()).plain(),
                        Money.of(c.newLimit()).plain(), Money.of(c.spendAtChange()).plain(), c.changedBy()))
                .toList();
        return new BudgetUsage(view.id(), view.period(), view.periodStart(), view.periodEnd(), view.limit(),
                view.currentSpend(), view.reserved(), view.remaining(), view.usagePercentage(), view.dailySpend(), history,
                changes);
    }

    BudgetCheck check(Principal caller, BudgetTarget target, BigDecimal estimatedCost) {
        access.require(caller, target.organizationId(), Action.BUDGET_READ);
        validateTarget(target);
        if (estimatedCost == null) {
            throw ApiException.invalid("estimated_cost", "estimated_cost is required");
        }
        if (estimatedCost.signum() < 0 || estimatedCost.compareTo(MAX_LIMIT) > 0) {
            throw ApiException.invalid("estimated_cost", "estimated_cost must be between 0 and " + MAX_LIMIT);
        }
        Optional<Budget> found = budgets.byScope(target.scopeType(), target.scopeId())
                .filter(b -> b.organizationId().equals(target.organizationId()));
        if (found.isEmpty()) {
            return new BudgetCheck(true, null, null, "no budget is set");
        }
        BudgetView view = view(found.get(), clock.instant());
        BigDecimal left = view.limit().subtract(view.currentSpend()).subtract(view.reserved());
        boolean fits = estimatedCost.compareTo(left) <= 0;
        boolean enforced = properties.hardLimits() && view.hardLimit();
        String reason = fits ? "within budget"
                : enforced ? "budget_exceeded: the estimated cost is more than the " + view.remaining() + " USD left"
                : "over budget, but the budget does not block (" + (view.hardLimit() ? "hard limits are switched off" : "soft budget") + ")";
        return new BudgetCheck(fits || !enforced, view.remaining(), view.usagePercentage(), reason);
    }

    public BudgetSummary summary(Principal caller, BudgetTarget target) {
        Budget budget = authorized(caller, target, Action.BUDGET_READ);
        Instant now = clock.instant();
        BudgetView view = view(budget, now);
        ZoneId zone = zones.get(budget.organizationId());
        Instant previousStart = budget.period().startOf(view.periodStart().minusSeconds(1), zone);
        BigDecimal previous = ledger.spent(budget, previousStart, view.periodStart());
        BigDecimal change = previous.signum() == 0 ? null
                : view.currentSpend().subtract(previous).multiply(HUNDRED).divide(previous, 2, RoundingMode.HALF_UP);
        var top = reports.topSpenders(budget, view.periodStart(), now);
        return new BudgetSummary(view, view.currentSpend(), view.projectedSpend(), view.runRateProjectedSpend(),
                view.projectedExhaustionAt(), new BudgetSummary.Trend(Money.of(previous).plain(), previousStart, change),
                view.dailySpend(), top.keys(), top.teams(), top.models(), reports.trends(budget, now));
    }

    private Budget authorized(Principal caller, BudgetTarget target, Action action) {
        access.require(caller, target.organizationId(), action);
        validateTarget(target);
        Budget budget = budgets.byScope(target.scopeType(), target.scopeId())
                .filter(b -> b.organizationId().equals(target.organizationId()))
                .orElseThrow(() -> ApiException.notFound("budget"));
        return rollOver(budget, clock.instant());
    }

    private void validateTarget(BudgetTarget target) {
        if (target.teamId() != null) {
            tenancy.team(target.organizationId(), target.teamId());
        }
        if (target.apiKeyId() != null && !apiKeys.belongsTo(target.organizationId(), target.apiKeyId())) {
            throw ApiException.notFound("api key");
        }
    }

    /** Closes every period that ended since the row was last moved (lazily, on read). */
    private Budget rollOver(Budget budget, Instant now) {
        ZoneId zone = zones.get(budget.organizationId());
        Instant current = budget.period().startOf(now, zone);
        Budget b = budget;
        for (int guard = 0; b.periodStart().isBefore(current) && guard < 1000; guard++) {
            Instant start = b.periodStart();
            Instant end = budget.period().endOf(start, zone);
            if (end.isAfter(current) || !end.isAfter(start)) {
                end = current;
            }
            BigDecimal spend = ledger.spent(b, start, end);
            BigDecimal peak = b.peakPercentage().max(Money.of(spend).percentageOf(Money.of(b.limit())));
            Instant periodEnd = end;
            Budget closing = b;
            tx.executeWithoutResult(s -> {
                if (budgets.advancePeriod(closing.id(), start, periodEnd)) {
                    budgets.insertClosedPeriod(closing.id(), new BudgetRepository.ClosedPeriod(start, periodEnd,
                            closing.limit(), spend, peak, now));
                }
            });
            b = b.withPeriodStart(end, BigDecimal.ZERO);
        }
        if (b != budget) {
            evict(b);
            return budgets.byId(b.id()).orElse(b);
        }
        return b;
    }

    private BudgetView view(Budget b, Instant now) {
        return view(b, now, true);
    }

    private BudgetView view(Budget b, Instant now, boolean withDaily) {
        ZoneId zone = zones.get(b.organizationId());
        Instant start = b.period().startOf(now, zone);
        Instant end = b.period().endOf(start, zone);
        Counter c = counters.read(new CounterKey(b.id(), start), loader);
        Money limit = Money.of(b.limit());
        Money spent = Money.of(c.spent());
        Money reserved = Money.of(c.reserved());
        Money remaining = limit.minus(spent).minus(reserved).max(Money.ZERO);
        long daysIn = b.period().daysIn(start, zone);
        long daysPassed = Math.min(daysIn, Math.max(1,
                java.time.temporal.ChronoUnit.DAYS.between(start.atZone(zone).toLocalDate(), now.atZone(zone).toLocalDate()) + 1));
        Money projected = spent.scale(BigDecimal.valueOf(daysIn), BigDecimal.valueOf(daysPassed));
        // Run rate: spend of the last 7 days (or since the budget exists, at least an hour) per second.
        Instant windowStart = now.minus(Duration.ofDays(7));
        if (b.createdAt().isAfter(windowStart)) windowStart = b.createdAt();
        if (Duration.between(windowStart, now).compareTo(Duration.ofHours(1)) < 0) windowStart = now.minus(Duration.ofHours(1));
        BigDecimal windowSpend = ledger.spent(b, windowStart, now.plusNanos(1_000)); // what settled this microsecond counts
        BigDecimal windowSeconds = BigDecimal.valueOf(Duration.between(windowStart, now).toSeconds());
        BigDecimal perSecond = windowSpend.divide(windowSeconds, 20, RoundingMode.HALF_UP);
        long secondsLeft = Math.max(0, Duration.between(now, end).toSeconds());
        Money runRate = spent.plus(Money.of(perSecond.multiply(BigDecimal.valueOf(secondsLeft))));
        Instant exhaustion = null;
        if (spent.compareTo(limit) >= 0) {
            exhaustion = now;
        } else if (perSecond.signum() > 0) {
            long seconds = limit.minus(spent).amount().divide(perSecond, 0, RoundingMode.CEILING).longValue();
            Instant at = now.plusSeconds(seconds);
            exhaustion = at.isBefore(end) ? at : null;
        }
        return new BudgetView(b.id(), b.organizationId(), b.scopeType().wireName,
                b.scopeType() == ScopeType.TEAM ? b.scopeId() : null, b.scopeType() == ScopeType.API_KEY ? b.scopeId() : null,
                limit.plain(), b.period() == BudgetPeriod.MONTHLY ? limit.plain() : null, b.period().wireName, b.hardLimit(),
                b.alertThresholds(), spent.plain(), reserved.plain(), remaining.plain(), spent.percentageOf(limit),
                projected.plain(), runRate.plain(), exhaustion, start, end,
                withDaily ? reports.daily(b, start, end, now, zone) : List.of(),
                b.createdAt(), b.updatedAt());
    }

    private static BigDecimal limitOf(BudgetInput input, BudgetPeriod period, Budget current) {
        BigDecimal limit = input.limit();
        if (input.monthlyLimit() != null) {
            if (period != BudgetPeriod.MONTHLY) {
                throw ApiException.invalid("monthly_limit", "monthly_limit is only for monthly budgets; use limit");
            }
            if (limit != null && limit.compareTo(input.monthlyLimit()) != 0) {
                throw ApiException.invalid("monthly_limit", "limit and monthly_limit differ; send one of them");
            }
            limit = input.monthlyLimit();
        }
        if (limit == null) {
            return null;
        }
        String field = input.limit() != null ? "limit" : "monthly_limit";
        if (limit.signum() <= 0 || limit.compareTo(MAX_LIMIT) > 0) {
            throw ApiException.invalid(field, field + " must be more than 0 and at most " + MAX_LIMIT);
        }
        if (limit.stripTrailingZeros().scale() > Money.SCALE) {
            throw ApiException.invalid(field, field + " has more than " + Money.SCALE + " decimal places");
        }
        return limit;
    }

    static List<Integer> thresholds(List<Integer> values) {
        if (values.size() > 10) {
            throw ApiException.invalid("alert_thresholds", "at most 10 alert thresholds");
        }
        TreeSet<Integer> sorted = new TreeSet<>();
        for (Integer v : values) {
            if (v == null || v < 1 || v > 1000) {
                throw ApiException.invalid("alert_thresholds", "alert thresholds are percentages from 1 to 1000");
            }
            sorted.add(v);
        }
        return List.copyOf(sorted);
    }
}
