package io.aihub.pricing;

import io.aihub.common.ApiException;
import io.aihub.common.CredentialCipher;
import io.aihub.common.Page;
import io.aihub.common.PageRequest;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Catalog writes: validates, seals credentials, stores, then reloads the in-memory
 * {@link ModelCatalog}. A replaced deployment that comes without {@code api_key} keeps the
 * credential of the deployment at the same position with the same provider and base URL, because
 * the API never returns it and a client editing weights should not have to resend it. The
 * in-memory catalog is reloaded after the transaction commits, so concurrent writers can never
 * leave it showing a rolled-back or half-seen state.
 */
@Service
class ModelAdministration {

    static final Set<String> PROVIDERS = Set.of("openai", "anthropic", "demo");
    static final Set<String> AUTH_HEADERS = Set.of("authorization", "api-key", "x-api-key");
    private static final Map<String, String> DEFAULT_BASE_URLS = Map.of(
            "openai", "https://api.openai.com/v1", "anthropic", "https://api.anthropic.com/v1");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@+\\-]*(/[A-Za-z0-9._:@+\\-]+)*");
    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~\\-]{1,100}");
    /** Headers the HTTP client sets itself and refuses to take from configuration. */
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade");
    static final int DEFAULT_MAX_OUTPUT = 4096;

    private final ModelRepository repository;
    private final ModelCatalog catalog;
    private final CredentialCipher cipher;
    private final DefaultPrices defaults;
    private final Clock clock;
    private final TransactionTemplate tx;

    ModelAdministration(ModelRepository repository, ModelCatalog catalog, CredentialCipher cipher, DefaultPrices defaults,
            Clock clock, TransactionTemplate tx) {
        this.tx = tx;
        this.repository = repository;
        this.catalog = catalog;
        this.cipher = cipher;
        this.defaults = defaults;
        this.clock = clock;
    }

    public ModelView create(ModelBody body) {
        String name = validName(body == null ? null : body.name());
        try {
            tx.executeWithoutResult(status -> {
                if (repository.exists(name)) {
                    throw ApiException.conflict("a model named " + name + " already exists");
                }
                write(name, body, true, Map.of());
            });
        } finally {
            catalog.changed(name);
        }
        return view(name);
    }

    /** Creates or replaces: used by PUT and by the seed file (upsert by name). */
    public ModelView put(String name, ModelBody body) {
        validName(name);
        if (body == null) {
            throw ApiException.malformed(null, "a JSON request body is required");
        }
        if (body.name() != null && !body.name().equals(name)) {
            throw ApiException.invalid("name", "name must match the model in the path (renaming is not supported)");
        }
        boolean fresh = !repository.exists(name);
        Map<Integer, Deployment> previous = new HashMap<>();
        catalog.find(name).filter(m -> !m.builtIn()).ifPresent(m -> m.deployments().forEach(d -> previous.put(d.position(), d)));
        try {
            tx.executeWithoutResult(status -> write(name, body, fresh, previous));
        } finally {
            catalog.changed(name);
        }
        return view(name);
    }

    public void delete(String name) {
        Boolean deleted = tx.execute(status -> repository.deleteModel(name));
        catalog.changed(name);
        if (!Boolean.TRUE.equals(deleted)) {
            throw ApiException.notFound("model");
        }
    }

    ModelView get(String name) {
        if (catalog.find(name).isEmpty() || catalog.find(name).get().builtIn() && !ModelCatalog.DEMO_MODEL.equals(name)) {
            throw ApiException.notFound("model");
        }
        return view(name);
    }

    /** Ordered by name; the cursor is the base64url of the last name on the page. */
    Page<ModelView> list(Integer limit, String cursor) {
        PageRequest request = PageRequest.of(limit, cursor);
        String after = request.cursor().isEmpty() ? null : decodeCursor(request.cursor());
        List<CatalogModel> rows = new ArrayList<>();
        for (CatalogModel model : catalog.all()) {
            if (after == null || model.name().compareTo(after) > 0) {
                rows.add(model);
                if (rows.size() == request.fetchSize()) {
                    break;
                }
            }
        }
        return Page.of(rows, request, m -> Base64.getUrlEncoder().withoutPadding()
                .encodeToString(m.name().getBytes(StandardCharsets.UTF_8))).map(m -> view(m.name()));
    }

    private static String decodeCursor(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.malformed("cursor", "cursor is not one this API returned");
        }
    }

    private void write(String name, ModelBody body, boolean fresh, Map<Integer, Deployment> previous) {
        List<ModelBody.DeploymentBody> deployments = body.deployments();
        if (deployments == null || deployments.isEmpty()) {
            throw ApiException.invalid("deployments", "at least one deployment is required");
        }
        if (deployments.size() > 20) {
            throw ApiException.invalid("deployments", "at most 20 deployments per model");
        }
        List<ModelRepository.DeploymentRow> rows = new ArrayList<>();
        for (int i = 0; i < deployments.size(); i++) {
            rows.add(deploymentRow(name, i, deployments.get(i), previous.get(i)));
        }
        DefaultPrices.Entry fallback = defaults.lookup(name)
                .or(() -> defaults.lookup(rows.getFirst().upstreamModel())).orElse(null);
        int maxOutput;
        if (body.maxOutputTokens() != null) {
            maxOutput = body.maxOutputTokens();
            if (maxOutput < 1 || maxOutput > 10_000_000) {
                throw ApiException.invalid("max_output_tokens", "max_output_tokens must be between 1 and 10000000");
            }
        } else {
            maxOutput = catalog.row(name).map(ModelRepository.ModelRow::maxOutputTokens)
                    .orElse(fallback != null ? fallback.maxOutputTokens() : DEFAULT_MAX_OUTPUT);
        }
        ModelPrice price = price(body.pricing(), fallback, fresh && catalog.priceHistory(name).isEmpty());
        Instant now = clock.instant();
        if (fresh) {
            repository.insertModel(name, maxOutput, now);
        } else {
            repository.updateModel(name, maxOutput, now);
        }
        repository.replaceDeployments(name, rows);
        if (price != null && !sameAmounts(price, currentPrice(name))) {
            repository.putPrice(name, price);
        }
    }

    private static boolean sameAmounts(ModelPrice a, ModelPrice b) {
        return b != null && a.inputPerMillion().compareTo(b.inputPerMillion()) == 0
                && a.cachedInputPerMillion().compareTo(b.cachedInputPerMillion()) == 0
                && a.outputPerMillion().compareTo(b.outputPerMillion()) == 0;
    }

    private ModelPrice currentPrice(String name) {
        List<ModelPrice> history = catalog.priceHistory(name);
        return history.isEmpty() || name.startsWith(ModelCatalog.DEMO_PREFIX) && !catalog.isStored(name) ? null
                : history.getLast();
    }

    /** Null: keep the current price. */
    private ModelPrice price(ModelBody.PricingBody pricing, DefaultPrices.Entry fallback, boolean required) {
        Instant effective = pricing == null || pricing.effectiveFrom() == null ? clock.instant() : pricing.effectiveFrom();
        if (pricing == null) {
            if (!required) {
                return null;
            }
            if (fallback == null) {
                throw ApiException.invalid("pricing", "pricing is required: this model is not in the default price table");
            }
            ModelPrice d = fallback.price();
            return new ModelPrice(d.inputPerMillion(), d.cachedInputPerMillion(), d.outputPerMillion(), effective);
        }
        BigDecimal input = amount("pricing.input_per_million", pricing.inputPerMillion(), true);
        BigDecimal output = amount("pricing.output_per_million", pricing.outputPerMillion(), true);
        BigDecimal cached = pricing.cachedInputPerMillion() == null ? input
                : amount("pricing.cached_input_per_million", pricing.cachedInputPerMillion(), false);
        return new ModelPrice(input, cached, output, effective);
    }

    private static BigDecimal amount(String field, BigDecimal value, boolean required) {
        if (value == null) {
            if (required) {
                throw ApiException.invalid(field, field + " is required");
            }
            return null;
        }
        if (value.signum() < 0) {
            throw ApiException.invalid(field, field + " cannot be negative");
        }
        if (value.scale() > 10 || value.precision() - value.scale() > 10) {
            throw ApiException.invalid(field, field + " must fit numeric(20,10): at most 10 digits on each side");
        }
        return value;
    }

    private ModelRepository.DeploymentRow deploymentRow(String model, int i, ModelBody.DeploymentBody d, Deployment previous) {
        String at = "deployments[" + i + "].";
        if (d == null) {
            throw ApiException.invalid("deployments[" + i + "]", "a deployment cannot be null");
        }
        if (d.provider() == null || !PROVIDERS.contains(d.provider())) {
            throw ApiException.invalid(at + "provider", "provider must be one of " + String.join(", ", PROVIDERS.stream().sorted().toList()));
        }
        String baseUrl = d.baseUrl();
        if (!"demo".equals(d.provider())) {
            if (baseUrl == null || baseUrl.isBlank()) {
                baseUrl = DEFAULT_BASE_URLS.get(d.provider());
            }
            baseUrl = validUrl(at + "base_url", baseUrl);
        } else {
            baseUrl = null;
        }
        String upstream = d.upstreamModel() == null || d.upstreamModel().isBlank() ? model : d.upstreamModel();
        if (upstream.length() > 200) {
            throw ApiException.invalid(at + "upstream_model", "upstream_model is at most 200 characters");
        }
        int weight = d.weight() == null ? 1 : d.weight();
        if (weight < 0 || weight > 1000) {
            throw ApiException.invalid(at + "weight", "weight must be between 0 and 1000 (0: only as a fallback)");
        }
        String authHeader = d.authHeader() == null ? null : d.authHeader().toLowerCase();
        if (authHeader != null && !AUTH_HEADERS.contains(authHeader)) {
            throw ApiException.invalid(at + "auth_header", "auth_header must be authorization, api-key or x-api-key");
        }
        checkMap(at + "extra_headers", d.extraHeaders(), true);
        checkMap(at + "extra_query", d.extraQuery(), false);
        String sealed;
        if (d.apiKey() != null && !d.apiKey().isEmpty()) {
            if (d.apiKey().length() > 1000) {
                throw ApiException.invalid(at + "api_key", "api_key is at most 1000 characters");
            }
            sealed = cipher.seal(d.apiKey());
        } else if (previous != null && previous.hasCredential() && previous.provider().equals(d.provider())
                && java.util.Objects.equals(previous.baseUrl(), baseUrl)) {
            sealed = cipher.seal(previous.credential());
        } else {
            sealed = null;
        }
        return new ModelRepository.DeploymentRow(model, i, d.provider(), baseUrl, upstream, sealed, authHeader, weight,
                d.extraHeaders(), d.extraQuery());
    }

    private static void checkMap(String field, Map<String, String> map, boolean headers) {
        if (map == null) {
            return;
        }
        if (map.size() > 20) {
            throw ApiException.invalid(field, field + " has at most 20 entries");
        }
        for (var e : map.entrySet()) {
            if (e.getValue() == null || e.getValue().length() > 1000 || e.getKey().length() > 100
                    || headers && (!HEADER.matcher(e.getKey()).matches() || e.getValue().contains("\n") || e.getValue().contains("\r")
                            || RESTRICTED_HEADERS.contains(e.getKey().toLowerCase()))) {
                throw ApiException.invalid(field, field + " must map names to strings (headers: valid header names and values)");
            }
        }
    }

    private static String validUrl(String field, String url) {
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || url.length() > 1000 || uri.getQuery() != null || uri.getFragment() != null) {
                throw ApiException.invalid(field, field + " must be an http(s) URL without query (use extra_query)");
            }
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        } catch (URISyntaxException e) {
            throw ApiException.invalid(field, field + " must be an http(s) URL");
        }
    }

    static String validName(String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.invalid("name", "name is required");
        }
        if (name.length() > 200 || !NAME.matcher(name).matches()) {
            throw ApiException.invalid("name", "name may use letters, digits and . _ : @ + - with single / separators, up to 200 characters");
        }
        return name;
    }

    private ModelView view(String name) {
        CatalogModel model = catalog.find(name).orElseThrow(() -> ApiException.notFound("model"));
        var row = catalog.row(name);
        List<ModelView.DeploymentView> deployments = model.deployments().stream()
                .map(d -> new ModelView.DeploymentView(d.provider(), d.baseUrl(), d.upstreamModel(), d.hasCredential(),
                        d.authHeader() == null ? ("anthropic".equals(d.provider()) ? "x-api-key" : d.baseUrl() == null ? null : "authorization")
                                : d.authHeader(), d.weight(), d.extraHeaders(), d.extraQuery()))
                .toList();
        List<ModelView.PricingView> history = catalog.priceHistory(name).stream().map(ModelView.PricingView::of).toList();
        ModelView.PricingView current = ModelView.PricingView.of(catalog.priceAt(name, clock.instant()));
        return new ModelView(name, deployments, current, history, model.maxOutputTokens(), model.builtIn(),
                row.map(ModelRepository.ModelRow::createdAt).orElse(null),
                row.map(ModelRepository.ModelRow::updatedAt).orElse(null));
    }
}
