package io.aihub.usage;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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
    private final ApplicationEventPublisher events;

    private final UsageRollupRepository rollups;

    UsageService(UsageRepository repository, UsageRollupRepository rollups, ApplicationEventPublisher events) {
        this.repository = repository;
        this.rollups = rollups;
        this.events = events;
    }

    /**
     * Stores the record unless its request id was stored before; returns whether it was stored. One exception:
     * a record written as {@code incomplete} from the request's expired hold (its instance stopped before
     * settling) gives way to the request's real record when that arrives later (the instance's journal, replayed
     * at its restart): the real one replaces it, in the rollups too.
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
            events.publishEvent(new UsageRecorded(record));
        }
        return fresh;
    }

    /** The outcome of a record written from an expired hold (see {@code ExpiredHoldRecorder} in the gateway). */
    public static final String INCOMPLETE = "incomplete";

    /** Buckets in [from, to), empty buckets included, oldest first. */
    public List<UsageTotals> history(UsageFilter filter, Instant from, Instant to, Bucket bucket, ZoneId zone) {
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
        return repository.apiKeyTotals(apiKeyId, from, to);
    }

    public List<Spender> top(UsageFilter filter, Dimension dimension, Instant from, Instant to, int limit) {
        return repository.top(filter, dimension.column, from, to, limit);
    }

    /**
     * Requests, tokens and cost per API key over [from, to), in one grouped query (for lists of keys);
     * {@code apiKeyIds} null means every key of the organization. Keys without usage are absent.
     */
    public Map<String, Spender> totalsByApiKey(String organizationId, java.util.Collection<String> apiKeyIds, Instant from,
            Instant to) {
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
