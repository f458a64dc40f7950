package io.aihub.usage;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The usage module's entry point. Records are written once per request id; aggregates are read
 * from an hour-truncated column so H2 and PostgreSQL group identically, and folded into days in
 * the organization's timezone here (zones with half-hour offsets fold to the nearest whole hour).
 */
@Service
public class UsageService {

    /** Which column a "top spenders" list groups by. */
    public enum Dimension {
        KEY("api_key_id"), TEAM("team_id"), USER("user_id"), MODEL("model"), END_USER("end_user"), PROVIDER("provider");

        private final String column;

        Dimension(String column) {
            this.column = column;
        }
    }

    private final UsageRepository repository;
    private final UsageRollupRepository rollups;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<UsageBacklog> backlog;
    /** Its own transaction: a backlog drained by a reader must not join (or wait for) the reader's. */
    private final TransactionTemplate batchTx;

    UsageService(UsageRepository repository, UsageRollupRepository rollups, ApplicationEventPublisher events,
            ObjectProvider<UsageBacklog> backlog, PlatformTransactionManager transactions) {
        this.repository = repository;
        this.rollups = rollups;
        this.events = events;
        this.backlog = backlog;
        this.batchTx = new TransactionTemplate(transactions);
        this.batchTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Stores the record unless its request id was stored before; returns whether it was stored. A stored record
     * is marked pending for the rollups in the same transaction ({@link RollupAggregator} folds it shortly
     * after); {@link UsageRecorded} listeners that want the committed record listen after commit. One exception
     * to "once": a record written as {@code incomplete} from the request's expired hold (its instance stopped
     * before settling) gives way to the request's real record when that arrives later (the instance's journal,
     * replayed at its restart): the real one replaces it, in the rollups too.
     */
    @Transactional
    public boolean record(UsageRecord record) {
        Instant hour = UsageRepository.hourOf(record.createdAt());
        boolean fresh = repository.insert(record, hour);
        if (!fresh && !INCOMPLETE.equals(record.outcome())) {
            var stale = repository.findIncompleteForUpdate(record.requestId());
            if (stale.isPresent()) {
                rollups.withdraw(stale.get());
                repository.delete(record.requestId());
                fresh = repository.insert(record, hour);
            }
        }
        if (fresh) {
            rollups.enqueue(record.requestId());
            events.publishEvent(new UsageRecorded(record));
        }
        return fresh;
    }

    /** The outcome of a record written from an expired hold (see {@code ExpiredHoldRecorder} in the gateway). */
    public static final String INCOMPLETE = "incomplete";

    /**
     * Stores many records in one transaction, as one JDBC batch for the records and one for their rollup
     * marks (the gateway's records, written behind). A record whose request id was stored before is handled
     * as in {@link #record} (skipped, or replacing an incomplete one): that rare case rolls the batch back and
     * stores the records one by one. Answers how many were stored.
     */
    public int recordAll(List<UsageRecord> records) {
        if (records.isEmpty()) {
            return 0;
        }
        try {
            batchTx.executeWithoutResult(s -> {
                for (int count : repository.insertAll(records)) {
                    if (count == 0) { // on conflict do nothing: a request id stored before
                        throw new DataIntegrityViolationException("a request id in the batch was stored before");
                    }
                }
                rollups.enqueueAll(records.stream().map(UsageRecord::requestId).toList());
                records.forEach(r -> events.publishEvent(new UsageRecorded(r)));
            });
            return records.size();
        } catch (DataIntegrityViolationException duplicate) {
            int fresh = 0;
            for (UsageRecord r : records) {
                Boolean stored = batchTx.execute(s -> record(r));
                fresh += Boolean.TRUE.equals(stored) ? 1 : 0;
            }
            return fresh;
        }
    }

    /** Before any read: the records of requests that already finished are written first. */
    private void drainBacklog() {
        backlog.ifAvailable(UsageBacklog::drain);
    }

    /** Buckets in [from, to), empty buckets included, oldest first. */
    public List<UsageTotals> history(UsageFilter filter, Instant from, Instant to, Bucket bucket, ZoneId zone) {
        drainBacklog();
        Map<Instant, UsageTotals> buckets = new LinkedHashMap<>();
        for (Instant start = bucket.startOf(from, zone); start.isBefore(to); start = next(start, bucket, zone)) {
            buckets.put(start, UsageTotals.empty(start));
        }
        for (UsageTotals hour : repository.hourly(filter, from, to)) {
            Instant start = bucket.startOf(hour.start(), zone);
            buckets.merge(start, hour, (a, b) -> a.plus(b));
        }
        return new ArrayList<>(buckets.values());
    }

    public UsageTotals totals(UsageFilter filter, Instant from, Instant to) {
        drainBacklog();
        UsageTotals sum = UsageTotals.empty(from);
        for (UsageTotals hour : repository.hourly(filter, from, to)) {
            sum = sum.plus(hour);
        }
        return sum;
    }

    /**
     * Totals of one API key's records in [from, to): the limits module
     * seeds monthly quota counters from it (its subjects are key ids, which are globally unique).
     */
    public UsageTotals apiKeyTotals(String apiKeyId, Instant from, Instant to) {
        drainBacklog();
        return repository.apiKeyTotals(apiKeyId, from, to);
    }

    public List<Spender> top(UsageFilter filter, Dimension dimension, Instant from, Instant to, int limit) {
        drainBacklog();
        return repository.top(filter, dimension.column, from, to, limit);
    }

    /**
     * Requests, tokens and cost per API key over [from, to), in one grouped query (for lists of keys);
     * {@code apiKeyIds} null means every key of the organization. Keys without usage are absent.
     */
    public Map<String, Spender> totalsByApiKey(String organizationId, java.util.Collection<String> apiKeyIds, Instant from,
            Instant to) {
        drainBacklog();
        Map<String, Spender> byKey = new LinkedHashMap<>();
        for (Spender s : repository.byApiKey(organizationId, apiKeyIds, from, to)) {
            byKey.put(s.id(), s);
        }
        return byKey;
    }

    private static Instant next(Instant start, Bucket bucket, ZoneId zone) {
        return switch (bucket) {
            case HOUR -> start.plusSeconds(3600);
            case DAY -> start.atZone(zone).plusDays(1).toInstant();
        };
    }
}
