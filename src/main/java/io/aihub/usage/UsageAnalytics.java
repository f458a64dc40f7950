package io.aihub.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Analytics read from the rollups (never recomputed from the records on read), except group_by over
 * several dimensions at once, which sums the records per hour. Callers authorize first; nothing here
 * checks who is asking. Usable outside Spring ({@link #over(JdbcClient, JdbcTemplate)}) for benchmarks.
 */
@Service
public class UsageAnalytics {

    private static final Comparator<Map.Entry<List<String>, UsageFigures>> BY_COST_DESC =
            Comparator.<Map.Entry<List<String>, UsageFigures>, BigDecimal>comparing(e -> e.getValue().cost()).reversed()
                    .thenComparing(e -> String.join("\u0000", e.getKey()));

    private final UsageRollupRepository rollups;
    private final RollupAggregator aggregator;

    UsageAnalytics(UsageRollupRepository rollups, RollupAggregator aggregator) {
        this.rollups = rollups;
        this.aggregator = aggregator;
    }

    /** Outside Spring (benchmarks): reads the rollups as they are, nothing is folded first. */
    public static UsageAnalytics over(JdbcClient jdbc, JdbcTemplate template) {
        return new UsageAnalytics(new UsageRollupRepository(jdbc, template), null);
    }

    /** Folds records still pending into the rollups, so a read counts every record committed before it. */
    private void fresh() {
        if (aggregator != null) {
            aggregator.catchUp();
        }
    }

    /** Day rows are UTC days: they serve day and month buckets only where the organization's days are UTC days. */
    private static String granularityFor(ReportBucket bucket, ZoneId zone) {
        boolean utc = zone.getRules().isFixedOffset() && zone.getRules().getOffset(Instant.EPOCH).getTotalSeconds() == 0;
        return bucket != ReportBucket.HOUR && utc ? UsageRollupRepository.DAY : UsageRollupRepository.HOUR;
    }

    public UsageReport report(String organizationId, UsageQuery q, Instant now) {
        fresh();
        List<Instant> page = q.page();
        int last = q.firstIndex() + page.size() - 1;
        Instant pageFrom = page.getFirst();
        Instant pageTo = q.endOf(last);
        String granularity = granularityFor(q.bucket(), q.zone());
        Instant rowsFrom = pageFrom.truncatedTo(ChronoUnit.HOURS);
        List<UsageRollupRepository.Row> rows = switch (q.groupBy().size()) {
            case 0 -> rollups.rows(organizationId, granularity, RollupDimension.ALL, rowsFrom, pageTo);
            case 1 -> rollups.rows(organizationId, granularity, q.groupBy().getFirst(), rowsFrom, pageTo);
            default -> rollups.rawGroups(organizationId, q.groupBy(), rowsFrom, pageTo);
        };
        Map<Instant, Map<List<String>, UsageFigures>> buckets = new LinkedHashMap<>();
        page.forEach(start -> buckets.put(start, new HashMap<>()));
        for (UsageRollupRepository.Row row : rows) {
            Map<List<String>, UsageFigures> groups = buckets.get(q.bucket().startOf(row.bucketStart(), q.zone()));
            if (groups != null) {
                List<String> key = q.groupBy().isEmpty() ? List.of() : row.values();
                groups.merge(key, row.figures(), UsageFigures::plus);
            }
        }
        List<UsageReport.BucketView> views = new ArrayList<>();
        int i = q.firstIndex();
        for (var bucket : buckets.entrySet()) {
            List<UsageReport.Group> groups = bucket.getValue().entrySet().stream().sorted(BY_COST_DESC)
                    .map(e -> group(q.groupBy(), e.getKey(), e.getValue())).toList();
            views.add(new UsageReport.BucketView(bucket.getKey(), q.endOf(i++), groups));
        }
        UsageFigures total = sum(rollups.sums(organizationId, granularity, RollupDimension.ALL,
                q.bucketStarts().getFirst().truncatedTo(ChronoUnit.HOURS), q.end()));
        String next = q.hasMore() ? Long.toString(q.bucketStarts().get(last + 1).getEpochSecond()) : null;
        return new UsageReport("usage", organizationId, q.bucketStarts().getFirst(), q.end(), q.bucket().apiName(),
                q.groupBy().stream().map(RollupDimension::apiName).toList(), q.zone().getId(),
                UsageReport.Totals.of(total), trends(organizationId, now), views, q.hasMore(), next, q.limit());
    }

    private static UsageReport.Group group(List<RollupDimension> dims, List<String> values, UsageFigures f) {
        Map<String, String> key = new LinkedHashMap<>();
        for (int i = 0; i < dims.size(); i++) {
            String v = values.get(i);
            key.put(dims.get(i).apiName(), v.equals(RollupDimension.NONE) ? null : v);
        }
        return new UsageReport.Group(key, f.requests(), f.promptTokens(), f.cachedTokens(), f.completionTokens(), f.cost(),
                f.errors());
    }

    private static UsageFigures sum(List<UsageRollupRepository.Row> rows) {
        UsageFigures total = UsageFigures.zero();
        for (UsageRollupRepository.Row row : rows) {
            total = total.plus(row.figures());
        }
        return total;
    }

    /** Day-over-day, week-over-week and the monthly run rate, over complete UTC hours before {@code now}. */
    public UsageTrends trends(String organizationId, Instant now) {
        return trends(organizationId, RollupDimension.ALL, RollupDimension.NONE, now);
    }

    /**
     * The same trends for one value of a dimension (a team's or a key's usage: {@code TEAM} / {@code KEY} and
     * its id), from that dimension's hour rollups.
     */
    public UsageTrends trends(String organizationId, RollupDimension dimension, String value, Instant now) {
        fresh();
        Instant end = now.truncatedTo(ChronoUnit.HOURS);
        Instant[] cuts = {end.minus(Duration.ofDays(14)), end.minus(Duration.ofDays(7)), end.minus(Duration.ofHours(48)),
                end.minus(Duration.ofHours(24))};
        UsageFigures[] windows = {UsageFigures.zero(), UsageFigures.zero(), UsageFigures.zero(), UsageFigures.zero()};
        for (var row : rollups.rows(organizationId, UsageRollupRepository.HOUR, dimension, cuts[0], end)) {
            if (!row.values().getFirst().equals(value)) {
                continue;
            }
            Instant t = row.bucketStart();
            // [0] previous week, [1] last week, [2] previous day, [3] last day
            int week = t.isBefore(cuts[1]) ? 0 : 1;
            windows[week] = windows[week].plus(row.figures());
            if (!t.isBefore(cuts[2])) {
                int day = t.isBefore(cuts[3]) ? 2 : 3;
                windows[day] = windows[day].plus(row.figures());
            }
        }
        BigDecimal runRate = windows[1].cost().multiply(BigDecimal.valueOf(30)).divide(BigDecimal.valueOf(7), 10,
                RoundingMode.HALF_EVEN);
        return new UsageTrends(end, change(windows[3], windows[2]), change(windows[1], windows[0]), runRate);
    }

    private static UsageTrends.Change change(UsageFigures current, UsageFigures previous) {
        BigDecimal percent = previous.cost().signum() == 0 ? null
                : current.cost().subtract(previous.cost()).multiply(BigDecimal.valueOf(100))
                        .divide(previous.cost(), 2, RoundingMode.HALF_EVEN);
        return new UsageTrends.Change(current.cost(), previous.cost(), percent, current.requests(), previous.requests());
    }

    /** The last 30 UTC days (today included) from the day rollups, with trends and the top five per dimension. */
    public UsageSummary summary(String organizationId, Instant now) {
        fresh();
        Instant to = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        Instant from = to.minus(Duration.ofDays(30));
        String day = UsageRollupRepository.DAY;
        UsageFigures total = sum(rollups.sums(organizationId, day, RollupDimension.ALL, from, to));
        return new UsageSummary(organizationId, from, to, UsageReport.Totals.of(total), trends(organizationId, now),
                top(organizationId, RollupDimension.MODEL, from, to), top(organizationId, RollupDimension.KEY, from, to),
                top(organizationId, RollupDimension.TEAM, from, to));
    }

    private List<UsageSummary.TopEntry> top(String organizationId, RollupDimension dim, Instant from, Instant to) {
        return rollups.sums(organizationId, UsageRollupRepository.DAY, dim, from, to).stream()
                .filter(r -> !r.values().getFirst().equals(RollupDimension.NONE))
                .sorted(Comparator.comparing((UsageRollupRepository.Row r) -> r.figures().cost()).reversed()
                        .thenComparing(r -> r.values().getFirst()))
                .limit(5)
                .map(r -> new UsageSummary.TopEntry(r.values().getFirst(), r.figures().requests(),
                        r.figures().promptTokens() + r.figures().completionTokens(), r.figures().cost()))
                .toList();
    }

    /** Hour rollups of one dimension in [from, to) (UTC hours), oldest first. */
    public List<UsageSlice> hourly(String organizationId, RollupDimension dim, Instant from, Instant to) {
        fresh();
        return rollups.rows(organizationId, UsageRollupRepository.HOUR, dim, from, to).stream()
                .map(r -> new UsageSlice(r.bucketStart(), nullIfNone(r.values().getFirst()), r.figures())).toList();
    }

    /** Sums per value of one dimension over the UTC hours in [from, to); records without a value are left out. */
    public Map<String, UsageFigures> totalsBy(String organizationId, RollupDimension dim, Instant from, Instant to) {
        fresh();
        Map<String, UsageFigures> totals = new LinkedHashMap<>();
        for (var row : rollups.sums(organizationId, UsageRollupRepository.HOUR, dim, from, to)) {
            if (!row.values().getFirst().equals(RollupDimension.NONE)) {
                totals.put(row.values().getFirst(), row.figures());
            }
        }
        return totals;
    }

    /** Organizations with any usage in the UTC hour starting at {@code hour}. */
    public List<String> organizationsActiveIn(Instant hour) {
        fresh();
        return rollups.organizationsActiveIn(hour);
    }

    public List<DeploymentHealth> deploymentHealth(String organizationId, Instant from, Instant to) {
        return rollups.deploymentHealth(organizationId, from, to);
    }

    /** Recomputes an organization's rollups from its usage records (if they were ever lost or damaged). */
    @Transactional
    public void rebuild(String organizationId) {
        rollups.rebuild(organizationId);
    }

    private static String nullIfNone(String value) {
        return value.equals(RollupDimension.NONE) ? null : value;
    }
}
