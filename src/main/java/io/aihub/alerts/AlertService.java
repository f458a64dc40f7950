package io.aihub.alerts;

import io.aihub.access.AccessControl;
import io.aihub.access.Action;
import io.aihub.access.Principal;
import io.aihub.budgets.BudgetProperties;
import io.aihub.budgets.BudgetService;
import io.aihub.budgets.BudgetSpendChanged;
import io.aihub.budgets.BudgetTarget;
import io.aihub.budgets.BudgetView;
import io.aihub.common.ApiException;
import io.aihub.common.Ids;
import io.aihub.common.Money;
import io.aihub.common.Page;
import io.aihub.common.PageRequest;
import io.aihub.tenancy.Organization;
import io.aihub.tenancy.TenancyService;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The alerts module's entry point. A spend change only marks its budgets dirty (cheap, on the
 * caller's thread); the poller evaluates dirty budgets and fires each crossing once — the unique
 * key (budget, kind, threshold, period) makes "once" hold even across instances. Firing writes the
 * alert and one outbox row per channel in one transaction; the poller delivers due rows, retrying
 * with exponential backoff until the last attempt, after which the delivery is marked failed.
 */
@Service
public class AlertService {

    private static final Logger log = LoggerFactory.getLogger(AlertService.class);
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s,]{1,64}@[^@\\s,]+\\.[^@\\s,]+$");

    public record ChannelBody(String type, String url, String secret, List<String> to) {
    }

    public record ConfigBody(List<Integer> alertThresholds, List<ChannelBody> channels) {
    }

    public record TestResult(String channel, boolean ok, String detail) {
    }

    public record TestResults(List<TestResult> results) {
    }

    private final AlertRepository repository;
    private final BudgetService budgets;
    private final BudgetProperties budgetProperties;
    private final AlertProperties properties;
    private final AccessControl access;
    private final TenancyService tenancy;
    private final Map<ChannelType, ChannelSender> senders;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();

    AlertService(AlertRepository repository, BudgetService budgets, BudgetProperties budgetProperties,
            AlertProperties properties, AccessControl access, TenancyService tenancy, List<ChannelSender> senders,
            TransactionTemplate tx, Clock clock) {
        this.repository = repository;
        this.budgets = budgets;
        this.budgetProperties = budgetProperties;
        this.properties = properties;
        this.access = access;
        this.tenancy = tenancy;
        this.senders = senders.stream().collect(Collectors.toMap(ChannelSender::type, Function.identity()));
        this.tx = tx;
        this.clock = clock;
    }

    // ------------------------------------------------------------ configuration and lists

    public AlertConfigView configure(Principal caller, BudgetTarget target, ConfigBody body) {
        BudgetView budget = budgets.budgetFor(caller, target, Action.BUDGET_MANAGE);
        List<AlertChannel> channels = body.channels() == null ? null : validChannels(budget.id(), body.channels());
        if (body.alertThresholds() != null) {
            budget = budgets.changeAlertThresholds(caller, target, body.alertThresholds());
        }
        if (channels != null) {
            String budgetId = budget.id();
            tx.executeWithoutResult(s -> repository.replaceChannels(budgetId, channels, clock.instant()));
        }
        dirty.add(budget.id());
        return configView(budget);
    }

    public AlertConfigView config(Principal caller, BudgetTarget target) {
        return configView(budgets.budgetFor(caller, target, Action.BUDGET_READ));
    }

    /** Sends a real test message through every configured channel, now, and reports each result. */
    public TestResults test(Principal caller, BudgetTarget target) {
        BudgetView budget = budgets.budgetFor(caller, target, Action.BUDGET_MANAGE);
        AlertMessage message = testMessage(budget);
        List<TestResult> results = new ArrayList<>();
        for (AlertChannel channel : repository.channels(budget.id())) {
            try {
                results.add(new TestResult(channel.type().wireName, true, senders.get(channel.type()).send(channel, message)));
            } catch (Exception e) {
                results.add(new TestResult(channel.type().wireName, false, failure(e)));
            }
        }
        return new TestResults(results);
    }

    /** Alerts of every organization the caller sees (or of one, when {@code organizationId} is given). */
    public Page<AlertView> list(Principal caller, String organizationId, PageRequest page) {
        List<String> orgs;
        if (organizationId != null) {
            access.require(caller, organizationId, Action.ALERT_READ);
            orgs = List.of(organizationId);
        } else if (caller instanceof Principal.Master) {
            orgs = null;
        } else {
            orgs = new ArrayList<>();
            String cursor = null;
            do {
                Page<Organization> some = tenancy.organizations(caller, PageRequest.of(PageRequest.MAX_LIMIT, cursor));
                some.data().forEach(o -> orgs.add(o.id()));
                cursor = some.nextCursor();
            } while (cursor != null);
        }
        return Page.of(repository.alerts(orgs, page.cursor(), page.fetchSize()), page, Alert::id).map(this::view);
    }

    // ------------------------------------------------------------ evaluation and delivery

    @EventListener
    void onSpendChanged(BudgetSpendChanged event) {
        if (budgetProperties.alerts()) {
            dirty.addAll(event.budgetIds());
        }
    }

    /** Evaluates every budget marked dirty since the last run; answers how many alerts fired. */
    public synchronized int evaluatePending() {
        int fired = 0;
        for (String budgetId : List.copyOf(dirty)) {
            dirty.remove(budgetId);
            if (!budgetProperties.alerts()) continue;
            try {
                fired += budgets.budgetById(budgetId).map(this::evaluate).orElse(0);
            } catch (RuntimeException e) {
                log.warn("alert evaluation of budget {} failed: {}", budgetId, e.toString());
            }
        }
        return fired;
    }

    private int evaluate(BudgetView b) {
        int fired = 0;
        for (int threshold : b.alertThresholds()) {
            if (b.usagePercentage().compareTo(BigDecimal.valueOf(threshold)) >= 0) {
                fired += fire(b, "threshold", threshold, "the " + describe(b) + " reached " + threshold + "% of its limit: "
                        + b.currentSpend().toPlainString() + " of " + b.limit().toPlainString() + " USD spent this "
                        + b.period() + " period") ? 1 : 0;
            }
        }
        // Both projections agree the limit will be passed: one day of spend alone does not fire it.
        if (b.projectedSpend().compareTo(b.limit()) > 0 && b.runRateProjectedSpend().compareTo(b.limit()) > 0
                && b.usagePercentage().compareTo(BigDecimal.valueOf(100)) < 0) {
            fired += fire(b, "projected_overspend", 0, "the " + describe(b) + " is projected to overspend: "
                    + b.projectedSpend().toPlainString() + " USD projected against a limit of " + b.limit().toPlainString()
                    + " USD this " + b.period() + " period") ? 1 : 0;
        }
        return fired;
    }

    private boolean fire(BudgetView b, String type, int threshold, String text) {
        Instant now = clock.instant();
        Alert alert = new Alert(Ids.next("alert", clock), b.organizationId(), b.id(), b.scope(), scopeId(b), type, threshold,
                b.periodStart(), b.currentSpend(), b.limit(), "AI Hub budget alert: " + text, "pending", now, "", null);
        return store(alert, repository.channels(b.id()), now); // false: fired before in this period
    }

    /** The alert and one outbox row per channel, in one transaction; false if this alert was stored before. */
    private boolean store(Alert alert, List<AlertChannel> channels, Instant now) {
        try {
            tx.executeWithoutResult(s -> {
                repository.insertAlert(alert);
                for (AlertChannel channel : channels) {
                    repository.insertOutbox(Ids.next("aout", clock), alert.id(), channel, now);
                }
                if (channels.isEmpty()) {
                    repository.updateDeliveryStatus(alert.id(), "no_channels");
                }
            });
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Delivers every due outbox row once; answers how many were delivered. */
    public synchronized int deliverDue() {
        int delivered = 0;
        Instant now = clock.instant();
        for (AlertRepository.OutboxRow row : repository.due(now, 100)) {
            var alert = repository.alert(row.alertId());
            var channel = repository.channel(row.channelId());
            int attempts = row.attempts() + 1;
            String error;
            if (alert.isEmpty() || channel.isEmpty()) {
                error = "channel or alert no longer exists";
            } else {
                try {
                    senders.get(channel.get().type()).send(channel.get(), message(alert.get()));
                    error = null;
                } catch (Exception e) {
                    error = failure(e);
                }
            }
            if (error == null) {
                repository.recordAttempt(row.id(), attempts, "delivered", now, null, now);
                delivered++;
            } else if (attempts >= properties.maxAttempts()) {
                repository.recordAttempt(row.id(), attempts, "failed", now, error, now);
                log.warn("alert {} could not be delivered to its {} channel after {} attempts: {}", row.alertId(),
                        row.channelType(), attempts, error);
            } else {
                repository.recordAttempt(row.id(), attempts, "pending", now.plus(backoff(attempts)), error, now);
            }
            refreshStatus(row.alertId());
        }
        return delivered;
    }

    /** Before attempt n+1: initial × 2^(n-1), capped. */
    Duration backoff(int attemptsMade) {
        Duration wait = properties.initialBackoff().multipliedBy(1L << Math.min(30, attemptsMade - 1));
        return wait.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : wait;
    }

    private void refreshStatus(String alertId) {
        List<AlertRepository.OutboxRow> rows = repository.outboxOf(alertId);
        String status = rows.stream().anyMatch(r -> r.status().equals("failed")) ? "failed"
                : rows.stream().allMatch(r -> r.status().equals("delivered")) ? "delivered" : "pending";
        repository.updateDeliveryStatus(alertId, status);
    }

    // ------------------------------------------------------------ messages and views

    private static AlertMessage message(Alert a) {
        if (Alert.ANOMALY.equals(a.type())) {
            return anomalyMessage(a);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "budget." + a.type());
        payload.put("alert_id", a.id());
        payload.put("organization_id", a.organizationId());
        payload.put("budget_id", a.budgetId());
        payload.put("scope", a.scope());
        payload.put("scope_id", a.scopeId());
        payload.put("threshold", a.threshold());
        payload.put("spend", Money.of(a.spend()).plain());
        payload.put("limit", Money.of(a.limit()).plain());
        payload.put("usage_percentage", Money.of(a.spend()).percentageOf(Money.of(a.limit())));
        payload.put("period_start", a.periodStart().toString());
        payload.put("message", a.message());
        payload.put("created_at", a.createdAt().toString());
        String subject = a.type().equals("threshold") ? "AI Hub: " + a.scope() + " budget at " + a.threshold() + "%"
                : "AI Hub: " + a.scope() + " budget projected to overspend";
        return new AlertMessage(subject, a.message(), payload);
    }

    private static AlertMessage anomalyMessage(Alert a) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "usage.anomaly");
        payload.put("alert_id", a.id());
        payload.put("anomaly_id", a.incidentId());
        payload.put("organization_id", a.organizationId());
        payload.put("budget_id", a.budgetId());
        payload.put("scope", a.scope());
        payload.put("scope_id", a.scopeId());
        payload.put("metric", a.metric());
        payload.put("observed", Money.of(a.spend()).plain());
        payload.put("threshold", Money.of(a.limit()).plain());
        payload.put("hour_start", a.periodStart().toString());
        payload.put("message", a.message());
        payload.put("created_at", a.createdAt().toString());
        String subject = "AI Hub: unusual " + ("cost".equals(a.metric()) ? "spend" : "request rate") + " of "
                + a.scope().replace('_', ' ') + " " + a.scopeId();
        return new AlertMessage(subject, a.message(), payload);
    }

    // ------------------------------------------------------------ anomalies (io.aihub.insights)

    /**
     * Stores an anomaly as an alert of kind {@code anomaly} and queues it on the organization budget's
     * channels (none without a budget or channels: stored, listed, delivered nowhere). Called once per
     * incident by the insights module; the unique key makes a repeat a no-op all the same.
     */
    void raiseAnomaly(io.aihub.insights.AnomalyIncident i) {
        Instant now = clock.instant();
        java.util.Optional<BudgetView> budget = budgets.organizationBudget(i.organizationId());
        List<AlertChannel> channels = budget.isPresent() && budgetProperties.alerts()
                ? repository.channels(budget.get().id()) : List.of();
        boolean cost = "cost".equals(i.metric());
        String subject = "organization".equals(i.subjectKind()) ? "organization " + i.subjectId() : "API key " + i.subjectId();
        String text = "AI Hub usage anomaly: " + subject + " " + (cost ? "spent " + i.observed().toPlainString() + " USD"
                : "made " + i.observed().toPlainString() + " requests") + " in the hour from " + i.hourStart()
                + ", above the threshold of " + i.threshold().toPlainString() + " (median " + i.baselineMedian().toPlainString()
                + ", MAD " + i.baselineMad().toPlainString() + " over " + i.samples() + " like hours of the last 7 days)";
        String scope = "organization".equals(i.subjectKind()) ? "organization" : "api_key";
        Alert alert = new Alert(Ids.next("alert", clock), i.organizationId(), budget.map(BudgetView::id).orElse(null), scope,
                i.subjectId(), Alert.ANOMALY, 0, i.hourStart(), i.observed(), i.threshold(),
                text.length() > 1000 ? text.substring(0, 1000) : text, "pending", now, i.id(), i.metric());
        store(alert, channels, now); // false: raised before (once per incident)
    }

    private AlertMessage testMessage(BudgetView b) {
        String text = "AI Hub test alert: the " + describe(b) + " can reach you through this channel. Currently "
                + b.currentSpend().toPlainString() + " of " + b.limit().toPlainString() + " USD spent.";
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "budget.test");
        payload.put("organization_id", b.organizationId());
        payload.put("budget_id", b.id());
        payload.put("scope", b.scope());
        payload.put("scope_id", scopeId(b));
        payload.put("spend", b.currentSpend());
        payload.put("limit", b.limit());
        payload.put("usage_percentage", b.usagePercentage());
        payload.put("message", text);
        payload.put("created_at", clock.instant().toString());
        return new AlertMessage("AI Hub: test alert", text, payload);
    }

    private static String describe(BudgetView b) {
        return b.scope().replace('_', ' ') + " budget (" + scopeId(b) + ")";
    }

    private static String scopeId(BudgetView b) {
        return b.teamId() != null ? b.teamId() : b.apiKeyId() != null ? b.apiKeyId() : b.organizationId();
    }

    /** A short reason without URLs or secrets. */
    private static String failure(Exception e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        detail = detail.replaceAll("https?://\\S+", "<url>");
        return detail.length() > 300 ? detail.substring(0, 300) : detail;
    }

    private AlertConfigView configView(BudgetView budget) {
        List<AlertConfigView.Channel> channels = repository.channels(budget.id()).stream()
                .map(c -> new AlertConfigView.Channel(c.id(), c.type().wireName, c.url(),
                        c.type() == ChannelType.EMAIL ? c.recipients() : null, c.secret() != null && !c.secret().isEmpty()))
                .toList();
        return new AlertConfigView(budget.id(), budget.alertThresholds(), channels,
                repository.alertsOfBudget(budget.id(), 50).stream().map(this::view).toList());
    }

    private AlertView view(Alert a) {
        List<AlertView.Delivery> deliveries = repository.outboxOf(a.id()).stream()
                .map(r -> new AlertView.Delivery(r.channelId(), r.channelType(), r.status(), r.attempts(), r.lastError(),
                        r.status().equals("pending") ? r.nextAttemptAt() : null))
                .toList();
        return new AlertView(a.id(), a.organizationId(), a.budgetId(), a.scope(), a.scopeId(), a.type(), a.threshold(),
                a.periodStart(), Money.of(a.spend()).plain(), Money.of(a.limit()).plain(), a.message(), a.deliveryStatus(),
                deliveries, a.createdAt(), a.incidentId() == null || a.incidentId().isEmpty() ? null : a.incidentId(),
                a.metric());
    }

    private List<AlertChannel> validChannels(String budgetId, List<ChannelBody> bodies) {
        if (bodies.size() > 10) {
            throw ApiException.invalid("channels", "at most 10 channels");
        }
        List<AlertChannel> channels = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            ChannelBody body = bodies.get(i);
            String field = "channels[" + i + "]";
            if (body == null) {
                throw ApiException.invalid(field, "a channel is required");
            }
            ChannelType type = ChannelType.parse(body.type(), field + ".type");
            String id = Ids.next("chan", clock);
            switch (type) {
                case WEBHOOK, SLACK -> {
                    String url = validUrl(body.url(), field + ".url");
                    if (body.to() != null) {
                        throw ApiException.invalid(field + ".to", "'to' is for email channels");
                    }
                    if (body.secret() != null && (type == ChannelType.SLACK || body.secret().isEmpty() || body.secret().length() > 500)) {
                        throw ApiException.invalid(field + ".secret", type == ChannelType.SLACK
                                ? "slack channels take no secret" : "secret must be 1-500 characters");
                    }
                    channels.add(new AlertChannel(id, budgetId, type, url, body.secret(), List.of()));
                }
                case EMAIL -> {
                    if (body.url() != null || body.secret() != null) {
                        throw ApiException.invalid(field, "email channels take 'to' only");
                    }
                    if (body.to() == null || body.to().isEmpty() || body.to().size() > 20) {
                        throw ApiException.invalid(field + ".to", "to must list 1-20 e-mail addresses");
                    }
                    for (String to : body.to()) {
                        if (to == null || to.length() > 320 || !EMAIL.matcher(to).matches()) {
                            throw ApiException.invalid(field + ".to", "to must list valid e-mail addresses");
                        }
                    }
                    channels.add(new AlertChannel(id, budgetId, type, null, null, List.copyOf(body.to())));
                }
            }
        }
        return channels;
    }

    private static String validUrl(String url, String field) {
        if (url == null || url.length() > 2000) {
            throw ApiException.invalid(field, "url is required (at most 2000 characters)");
        }
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw ApiException.invalid(field, "url must be an absolute http(s) URL");
            }
            return uri.toString();
        } catch (java.net.URISyntaxException e) {
            throw ApiException.invalid(field, "url must be an absolute http(s) URL");
        }
    }
}
