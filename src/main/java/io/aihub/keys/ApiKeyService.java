package io.aihub.keys;

import io.aihub.access.AccessControl;
import io.aihub.access.Action;
import io.aihub.access.OrgAccess;
import io.aihub.access.Principal;
import io.aihub.cluster.CacheInvalidation;
import io.aihub.common.ApiException;
import io.aihub.common.Hashing;
import io.aihub.common.Ids;
import io.aihub.common.Page;
import io.aihub.common.PageRequest;
import io.aihub.tenancy.TenancyService;
import io.aihub.usage.Bucket;
import io.aihub.usage.Spender;
import io.aihub.usage.UsageFilter;
import io.aihub.usage.UsageService;
import io.aihub.usage.UsageTotals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The keys module's entry point: the management operations behind {@code /api/v1/.../api-keys}
 * and the two calls the gateway makes on every request, {@link #validate(String)} and
 * {@link #markUsed(String, Instant)}.
 *
 * <p>Every write runs in a transaction and drops the key from the {@link KeyCache} once that
 * transaction completes, so revoke, regenerate, update and batch changes take effect on this
 * instance at the next validation. Routes under {@code /api/v1/api-keys/{id}} carry no organization:
 * the key is loaded first and the caller authorized against its organization; a key the caller
 * cannot see answers 404 exactly like one that does not exist.
 */
@Service
public class ApiKeyService {

    static final int MAX_GRACE_SECONDS = 7 * 24 * 3600;
    static final int MAX_BATCH = 1000;
    static final int MAX_USAGE_DAYS = 400;
    static final int MAX_USAGE_BUCKETS = 2000;
    private static final int TOP_KEYS = 5;

    private final ApiKeyRepository repository;
    private final KeyCache cache;
    private final KeyValidator validator;
    private final LastUsedTracker lastUsed;
    private final IdempotencyStore idempotency;
    private final KeySettingsRules rules;
    private final KeyChangesReader changesReader;
    private final AccessControl access;
    private final TenancyService tenancy;
    private final UsageService usage;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final Clock clock;
    private final KeysProperties properties;
    private final CacheInvalidation invalidation;

    ApiKeyService(ApiKeyRepository repository, KeyCache cache, KeyValidator validator, LastUsedTracker lastUsed,
            IdempotencyStore idempotency, KeySettingsRules rules, KeyChangesReader changesReader, AccessControl access,
            TenancyService tenancy, UsageService usage, TransactionTemplate tx, JsonMapper json, Clock clock,
            KeysProperties properties, CacheInvalidation invalidation) {
        this.invalidation = invalidation;
        this.repository = repository;
        this.cache = cache;
        this.validator = validator;
        this.lastUsed = lastUsed;
        this.idempotency = idempotency;
        this.rules = rules;
        this.changesReader = changesReader;
        this.access = access;
        this.tenancy = tenancy;
        this.usage = usage;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
    }

    // the gateway's calls

    /** Plaintext secret → principal or the precise reason; served from memory for known keys. */
    public KeyValidation validate(String plaintext) {
        return validator.validate(plaintext);
    }

    /** Records that the key was used; cheap and non-blocking (written in batches every few seconds). */
    public void markUsed(String keyId, Instant at) {
        lastUsed.mark(keyId, at);
    }

    // create and read

    /** The result of create and regenerate: the view (with plaintext) and whether it is a replay. */
    public record Issued(ApiKeyView key, boolean replayed) {
    }

    public Issued create(Principal caller, String organizationId, KeyInput input, String idempotencyKey) {
        access.require(caller, organizationId, Action.KEY_CREATE);
        if (input == null) {
            throw ApiException.malformed(null, "a JSON request body is required");
        }
        return idempotent(caller, "create", organizationId, idempotencyKey, json.writeValueAsString(input),
                () -> doCreate(caller, organizationId, input));
    }

    private ApiKeyView doCreate(Principal caller, String organizationId, KeyInput input) {
        Instant now = clock.instant();
        KeySettings settings = rules.forCreate(organizationId, input, now);
        String secret = Hashing.randomSecret(KeyValidator.SECRET_PREFIX, 32);
        ApiKey key = new ApiKey(Ids.next("key", clock), organizationId, prefixOf(secret), Hashing.sha256Hex(secret), null,
                null, settings, caller.id(), now, now, null, null, null, null);
        repository.insert(key);
        invalidateAfterCompletion(key.id());
        return view(key, 0, secret);
    }

    public Page<ApiKeyView> list(Principal caller, String organizationId, String status, String teamId, String createdBy,
            PageRequest page) {
        access.require(caller, organizationId, Action.KEY_READ);
        if (status != null && !List.of("active", "revoked", "expired").contains(status)) {
            throw ApiException.invalid("status", "status must be one of active, revoked, expired");
        }
        Instant now = clock.instant();
        List<ApiKey> rows = repository.list(organizationId, new ApiKeyRepository.ListFilter(status, teamId, createdBy),
                now, page);
        Page<ApiKey> keys = Page.of(rows, page, ApiKey::id);
        Month month = month(organizationId, now);
        Map<String, Spender> used = usage.totalsByApiKey(organizationId, keys.data().stream().map(ApiKey::id).toList(),
                month.start, month.end);
        return keys.map(k -> view(k, used.containsKey(k.id()) ? used.get(k.id()).requests() : 0, null));
    }

    public ApiKeyView get(Principal caller, String keyId) {
        ApiKey key = repository.find(keyId).orElseThrow(ApiKeyService::keyNotFound);
        authorize(caller, key, Action.KEY_READ);
        return view(key);
    }

    // lifecycle

    public ApiKeyView update(Principal caller, String keyId, JsonNode body) {
        KeyChanges changes = changesReader.read(body, "");
        return inTransaction(() -> {
            ApiKey key = loadForManagement(caller, keyId);
            return view(applyChanges(key, changes, ""));
        });
    }

    private ApiKey applyChanges(ApiKey key, KeyChanges changes, String prefix) {
        Instant now = clock.instant();
        KeySettings settings = rules.forUpdate(key.organizationId(), key.settings(), changes, now, prefix);
        ApiKey updated = key.withSettings(settings, now);
        repository.updateSettings(updated);
        invalidateAfterCompletion(key.id());
        return updated;
    }

    /** Immediate and idempotent: revoking twice keeps the first revocation's who and when. */
    public ApiKeyView revoke(Principal caller, String keyId) {
        return inTransaction(() -> view(doRevoke(caller, loadForManagement(caller, keyId))));
    }

    private ApiKey doRevoke(Principal caller, ApiKey key) {
        repository.revoke(key.id(), clock.instant(), caller.id());
        invalidateAfterCompletion(key.id());
        return repository.find(key.id()).orElseThrow();
    }

    public Issued regenerate(Principal caller, String keyId, Integer gracePeriodSeconds, String idempotencyKey) {
        int grace = gracePeriodSeconds == null ? 0 : gracePeriodSeconds;
        if (grace < 0 || grace > MAX_GRACE_SECONDS) {
            throw ApiException.invalid("grace_period_seconds",
                    "grace_period_seconds must be between 0 and " + MAX_GRACE_SECONDS + " (7 days)");
        }
        // Authorize before looking at any stored response: a replay must not outlive the caller's rights.
        ApiKey visible = repository.find(keyId).orElseThrow(ApiKeyService::keyNotFound);
        requireManage(caller, visible);
        return idempotent(caller, "regenerate", keyId, idempotencyKey, "grace=" + grace, () -> {
            ApiKey key = loadForManagement(caller, keyId);
            if (key.revokedAt() != null) {
                throw ApiException.conflict("a revoked key cannot be regenerated; create a new key");
            }
            Instant now = clock.instant();
            String secret = Hashing.randomSecret(KeyValidator.SECRET_PREFIX, 32);
            String previousHash = grace > 0 ? key.keyHash() : null;
            Instant previousUntil = grace > 0 ? now.plusSeconds(grace) : null;
            repository.replaceSecret(key.id(), prefixOf(secret), Hashing.sha256Hex(secret), previousHash, previousUntil, now);
            invalidateAfterCompletion(key.id());
            return view(repository.find(key.id()).orElseThrow(), secret);
        });
    }

    // usage and summary

    public KeyReports.KeyUsage usage(Principal caller, String keyId, Instant from, Instant to, String bucketName) {
        ApiKey key = repository.find(keyId).orElseThrow(ApiKeyService::keyNotFound);
        authorize(caller, key, Action.USAGE_READ);
        Bucket bucket = Bucket.parse(bucketName);
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? end.minus(Duration.ofDays(30)) : from;
        if (!start.isBefore(end)) {
            throw ApiException.invalid("from", "from must be before to");
        }
        if (Duration.between(start, end).compareTo(Duration.ofDays(MAX_USAGE_DAYS)) > 0) {
            throw ApiException.invalid("from", "the range may span at most " + MAX_USAGE_DAYS + " days");
        }
        if (bucket == Bucket.HOUR && Duration.between(start, end).toHours() >= MAX_USAGE_BUCKETS) {
            throw ApiException.invalid("bucket", "at most " + MAX_USAGE_BUCKETS + " buckets; use day buckets or a shorter range");
        }
        ZoneId zone = tenancy.timezoneOf(key.organizationId());
        List<UsageTotals> history = usage.history(UsageFilter.apiKey(key.organizationId(), key.id()), start, end, bucket, zone);
        UsageTotals sum = UsageTotals.empty(start);
        List<KeyReports.UsageBucket> buckets = new ArrayList<>(history.size());
        for (UsageTotals t : history) {
            sum = sum.plus(t);
            buckets.add(new KeyReports.UsageBucket(t.start(), t.requests(), t.promptTokens(), t.cachedTokens(),
                    t.completionTokens(), t.promptTokens() + t.completionTokens(), t.cost(), t.errors()));
        }
        return new KeyReports.KeyUsage(key.id(), key.organizationId(), start, end, bucket.name().toLowerCase(), zone.getId(),
                buckets, new KeyReports.UsageTotal(sum.requests(), sum.promptTokens(), sum.cachedTokens(),
                        sum.completionTokens(), sum.promptTokens() + sum.completionTokens(), sum.cost(), sum.errors()));
    }

    public KeyReports.Summary summary(Principal caller, String organizationId) {
        access.require(caller, organizationId, Action.KEY_READ);
        Instant now = clock.instant();
        Month month = month(organizationId, now);
        var counts = repository.countByStatus(organizationId, now);
        Map<String, Spender> byKey = usage.totalsByApiKey(organizationId, null, month.start, month.end);
        long requests = 0;
        long tokens = 0;
        BigDecimal cost = BigDecimal.ZERO;
        for (Spender s : byKey.values()) {
            requests += s.requests();
            tokens += s.tokens();
            cost = cost.add(s.cost());
        }
        List<Spender> top = byKey.values().stream()
                .sorted((a, b) -> b.cost().compareTo(a.cost()) != 0 ? b.cost().compareTo(a.cost()) : a.id().compareTo(b.id()))
                .limit(TOP_KEYS).toList();
        Map<String, ApiKey> named = repository.findAll(organizationId, top.stream().map(Spender::id).toList()).stream()
                .collect(Collectors.toMap(ApiKey::id, k -> k));
        List<KeyReports.TopKey> topKeys = top.stream().map(s -> {
            ApiKey k = named.get(s.id());
            return new KeyReports.TopKey(s.id(), k == null ? null : k.settings().name(), k == null ? null : k.keyPrefix(),
                    s.requests(), s.tokens(), s.cost());
        }).toList();
        List<KeyReports.NearQuota> near = new ArrayList<>();
        for (ApiKey k : repository.activeWithQuota(organizationId, now)) {
            Spender s = byKey.get(k.id());
            long used = s == null ? 0 : s.requests();
            long usedTokens = s == null ? 0 : s.tokens();
            nearQuota(k, "monthly_request_quota", used, k.settings().monthlyRequestQuota()).ifPresent(near::add);
            nearQuota(k, "monthly_token_quota", usedTokens, k.settings().monthlyTokenQuota()).ifPresent(near::add);
        }
        List<KeyReports.Expiring> expiring = repository.expiringBetween(organizationId, now, now.plus(Duration.ofDays(7)))
                .stream().map(k -> new KeyReports.Expiring(k.id(), k.settings().name(), k.keyPrefix(), k.settings().expiresAt()))
                .toList();
        return new KeyReports.Summary(organizationId, month.zone.getId(), month.start, month.end,
                new KeyReports.StatusCounts(counts.active(), counts.revoked(), counts.expired(),
                        counts.active() + counts.revoked() + counts.expired()),
                requests, tokens, cost, topKeys, near, expiring);
    }

    /** Within 10% of the quota: used ≥ 90% of it. */
    private static Optional<KeyReports.NearQuota> nearQuota(ApiKey k, String quota, long used, Long limit) {
        if (limit == null || used * 10 < limit * 9) {
            return Optional.empty();
        }
        BigDecimal percentage = BigDecimal.valueOf(used).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(limit), 2, RoundingMode.HALF_UP);
        return Optional.of(new KeyReports.NearQuota(k.id(), k.settings().name(), quota, used, limit, percentage));
    }

    // batch

    public record BatchRequest(String operation, List<String> keyIds, Boolean allOrNothing, JsonNode changes, Instant expiresAt) {
    }

    public KeyReports.BatchResult batch(Principal caller, String organizationId, BatchRequest request) {
        access.require(caller, organizationId, Action.KEY_MANAGE_OWN);
        if (request == null) {
            throw ApiException.malformed(null, "a JSON request body is required");
        }
        String operation = request.operation();
        if (operation == null || !List.of("revoke", "update", "extend_expiry").contains(operation)) {
            throw ApiException.invalid("operation", "operation must be one of revoke, update, extend_expiry");
        }
        if (request.keyIds() == null || request.keyIds().isEmpty()) {
            throw ApiException.invalid("key_ids", "key_ids must list at least one key id");
        }
        if (request.keyIds().size() > MAX_BATCH) {
            throw ApiException.invalid("key_ids", "at most " + MAX_BATCH + " keys per batch");
        }
        if (request.keyIds().stream().anyMatch(id -> id == null || id.isBlank())) {
            throw ApiException.invalid("key_ids", "key_ids must not contain blank ids");
        }
        KeyChanges changes = null;
        if (operation.equals("update")) {
            changes = changesReader.read(request.changes(), "changes");
            // Validate the shape of the changes once, up front, against the organization.
            rules.forUpdate(organizationId, placeholderSettings(), changes, clock.instant(), "changes.");
        } else if (request.changes() != null && !request.changes().isNull()) {
            throw ApiException.invalid("changes", "changes belong to the update operation only");
        }
        if (operation.equals("extend_expiry")) {
            if (request.expiresAt() == null) {
                throw ApiException.invalid("expires_at", "expires_at is required for extend_expiry");
            }
            KeySettingsRules.future("expires_at", request.expiresAt(), clock.instant());
        }
        boolean allOrNothing = Boolean.TRUE.equals(request.allOrNothing());
        List<String> ids = List.copyOf(new LinkedHashSet<>(request.keyIds()));
        KeyChanges finalChanges = changes;
        if (!allOrNothing) {
            List<KeyReports.BatchItem> results = new ArrayList<>(ids.size());
            for (String id : ids) {
                results.add(attempt(id, () -> inTransaction(() -> applyOne(caller, organizationId, id, operation,
                        finalChanges, request.expiresAt()))));
            }
            return result(operation, false, false, results);
        }
        return tx.execute(status -> {
            List<KeyReports.BatchItem> results = new ArrayList<>(ids.size());
            for (String id : ids) {
                results.add(attempt(id, () -> applyOne(caller, organizationId, id, operation, finalChanges,
                        request.expiresAt())));
            }
            if (results.stream().allMatch(KeyReports.BatchItem::ok)) {
                return result(operation, true, false, results);
            }
            status.setRollbackOnly();
            List<KeyReports.BatchItem> rolledBack = results.stream().map(r -> r.ok()
                    ? new KeyReports.BatchItem(r.keyId(), false, new KeyReports.BatchError("rolled_back",
                            "not applied: another key of this all_or_nothing batch failed"))
                    : r).toList();
            return result(operation, true, true, rolledBack);
        });
    }

    private Void applyOne(Principal caller, String organizationId, String keyId, String operation, KeyChanges changes,
            Instant expiresAt) {
        ApiKey key = repository.findForUpdate(keyId).filter(k -> k.organizationId().equals(organizationId))
                .orElseThrow(ApiKeyService::keyNotFound);
        requireManage(caller, key);
        switch (operation) {
            case "revoke" -> doRevoke(caller, key);
            case "update" -> applyChanges(key, changes, "changes.");
            default -> {
                if (key.revokedAt() != null) {
                    throw ApiException.conflict("a revoked key cannot be extended");
                }
                applyChanges(key, new KeyChanges(new KeyInput(null, null, null, null, null, null, null, null, expiresAt,
                        null), java.util.Set.of("expires_at")), "");
            }
        }
        return null;
    }

    private static KeyReports.BatchItem attempt(String keyId, Supplier<?> work) {
        try {
            work.get();
            return new KeyReports.BatchItem(keyId, true, null);
        } catch (ApiException e) {
            return new KeyReports.BatchItem(keyId, false, new KeyReports.BatchError(e.error().code(), e.error().detail()));
        }
    }

    private static KeyReports.BatchResult result(String operation, boolean allOrNothing, boolean rolledBack,
            List<KeyReports.BatchItem> results) {
        int ok = (int) results.stream().filter(KeyReports.BatchItem::ok).count();
        return new KeyReports.BatchResult(operation, allOrNothing, rolledBack, ok, results.size() - ok, results);
    }

    private static KeySettings placeholderSettings() {
        return new KeySettings("placeholder", null, KeyPermissions.ALL, null, null, null, null, null, null, null);
    }

    // authorization

    /** Loads and locks the key, then checks the caller may manage it (404 if it cannot even see it). */
    private ApiKey loadForManagement(Principal caller, String keyId) {
        ApiKey key = repository.findForUpdate(keyId).orElseThrow(ApiKeyService::keyNotFound);
        requireManage(caller, key);
        return key;
    }

    /** owner/admin/master manage every key; a member only the keys it created. */
    private void requireManage(Principal caller, ApiKey key) {
        OrgAccess grant = authorize(caller, key, Action.KEY_READ);
        boolean own = key.createdBy().equals(caller.id()) && grant.can(Action.KEY_MANAGE_OWN);
        if (!grant.can(Action.KEY_MANAGE_ANY) && !own) {
            throw ApiException.forbidden(grant.can(Action.KEY_MANAGE_OWN)
                    ? "members may manage only the keys they created"
                    : "your role (" + grant.role().wireName() + ") may not manage keys");
        }
    }

    private OrgAccess authorize(Principal caller, ApiKey key, Action action) {
        OrgAccess grant;
        try {
            grant = access.resolve(caller, key.organizationId());
        } catch (ApiException e) {
            throw keyNotFound(); // the same answer as an unknown id: no existence leak
        }
        if (!grant.can(action)) {
            throw ApiException.forbidden("your role (" + grant.role().wireName() + ") may not do this");
        }
        return grant;
    }

    private static ApiException keyNotFound() {
        return ApiException.notFound("api key");
    }

    // idempotency

    /**
     * Runs {@code work} once per (caller, operation, target, Idempotency-Key) for 24 hours; a retry
     * gets the first response back. The same key with a different request is a 409.
     */
    private Issued idempotent(Principal caller, String operation, String targetId, String idempotencyKey,
            String requestText, Supplier<ApiKeyView> work) {
        if (idempotencyKey == null) {
            return new Issued(inTransaction(work), false);
        }
        if (idempotencyKey.isBlank() || idempotencyKey.length() > 255
                || !idempotencyKey.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ApiException.malformed("Idempotency-Key", "Idempotency-Key must be 1 to 255 visible ASCII characters");
        }
        String id = IdempotencyStore.id(caller.id(), operation, targetId, idempotencyKey);
        String requestHash = Hashing.sha256Hex(requestText);
        Optional<Issued> replay = replay(id, requestHash);
        if (replay.isPresent()) {
            return replay.get();
        }
        try {
            return new Issued(inTransaction(() -> {
                ApiKeyView view = work.get();
                idempotency.insert(id, requestHash, json.writeValueAsString(view),
                        clock.instant().plus(properties.idempotencyTtl()));
                return view;
            }), false);
        } catch (DuplicateKeyException concurrent) {
            // A concurrent request with the same key won the race: its response is ours.
            return replay(id, requestHash).orElseThrow(() -> concurrent);
        }
    }

    private Optional<Issued> replay(String id, String requestHash) {
        return idempotency.find(id).map(stored -> {
            if (!stored.requestHash().equals(requestHash)) {
                throw ApiException.conflict("this Idempotency-Key was already used with a different request");
            }
            return new Issued(json.readValue(stored.response(), ApiKeyView.class), true);
        });
    }

    // plumbing

    private <T> T inTransaction(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }

    /** After commit (or rollback, harmlessly), so a concurrent validation cannot re-cache the old row. */
    private void invalidateAfterCompletion(String keyId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    invalidation.publish(CacheInvalidation.KEYS, keyId); // here at once, other instances within 1 s
                }
            });
        } else {
            invalidation.publish(CacheInvalidation.KEYS, keyId);
        }
    }

    private record Month(ZoneId zone, Instant start, Instant end) {
    }

    /** The current calendar month in the organization's timezone. */
    private Month month(String organizationId, Instant now) {
        ZoneId zone = tenancy.timezoneOf(organizationId);
        ZonedDateTime start = now.atZone(zone).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
        return new Month(zone, start.toInstant(), start.plusMonths(1).toInstant());
    }

    private ApiKeyView view(ApiKey key) {
        Month month = month(key.organizationId(), clock.instant());
        Spender used = usage.totalsByApiKey(key.organizationId(), List.of(key.id()), month.start, month.end).get(key.id());
        return view(key, used == null ? 0 : used.requests(), null);
    }

    private ApiKeyView view(ApiKey key, String secret) {
        ApiKeyView plain = view(key);
        return withSecret(plain, secret);
    }

    private static ApiKeyView withSecret(ApiKeyView v, String secret) {
        return new ApiKeyView(v.id(), v.organizationId(), v.teamId(), v.name(), v.keyPrefix(), v.status(), v.permissions(),
                v.monthlyRequestQuota(), v.monthlyTokenQuota(), v.rateLimitPerMinute(), v.tokensPerMinute(),
                v.maxParallelRequests(), v.expiresAt(), v.metadata(), v.createdBy(), v.createdAt(), v.updatedAt(),
                v.regeneratedAt(), v.previousKeyValidUntil(), v.revokedAt(), v.revokedBy(), v.lastUsedAt(),
                v.requestsThisMonth(), secret);
    }

    private ApiKeyView view(ApiKey key, long requestsThisMonth, String secret) {
        KeySettings s = key.settings();
        Instant now = clock.instant();
        Instant pendingUse = lastUsed.pending(key.id());
        Instant lastUsedAt = pendingUse != null && (key.lastUsedAt() == null || pendingUse.isAfter(key.lastUsedAt()))
                ? pendingUse : key.lastUsedAt();
        Instant graceEnd = key.previousKeyExpiresAt() != null && key.previousKeyExpiresAt().isAfter(now)
                ? key.previousKeyExpiresAt() : null;
        return new ApiKeyView(key.id(), key.organizationId(), s.teamId(), s.name(), key.keyPrefix(),
                key.status(now).wireName(), s.permissions(), s.monthlyRequestQuota(), s.monthlyTokenQuota(),
                s.rateLimitPerMinute(), s.tokensPerMinute(), s.maxParallelRequests(), s.expiresAt(),
                s.metadata() == null ? null : json.readTree(s.metadata()), key.createdBy(), key.createdAt(),
                key.updatedAt(), key.regeneratedAt(), graceEnd, key.revokedAt(), key.revokedBy(), lastUsedAt,
                requestsThisMonth, secret);
    }

    private static String prefixOf(String secret) {
        return secret.substring(0, 12);
    }
}
