package io.aihub.pricing;

import io.aihub.cluster.CacheInvalidation;
import io.aihub.common.CredentialCipher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * The model catalog as the gateway sees it: an immutable in-memory snapshot, replaced whole after
 * every catalog write ({@link #reload()}), so a request never touches the database to find its
 * model, deployments or price. Credentials are decrypted once, at load.
 *
 * <p>The offline demo models are built in: {@code demo/echo} is always listed, and any
 * {@code demo/*} name resolves to the demo provider at the prices of {@link DemoSettings}, unless
 * the catalog stores a model of that name, which then wins.
 */
@Service
public class ModelCatalog {

    public static final String DEMO_MODEL = "demo/echo";
    static final String DEMO_PREFIX = "demo/";

    record Snapshot(NavigableMap<String, CatalogModel> models, Map<String, NavigableMap<Instant, ModelPrice>> prices,
            Map<String, ModelRepository.ModelRow> rows) {
    }

    private final ModelRepository repository;
    private final CredentialCipher cipher;
    private final DemoSettings demo;
    private volatile Snapshot snapshot;

    private final CacheInvalidation invalidation;

    ModelCatalog(ModelRepository repository, CredentialCipher cipher, DemoSettings demo, CacheInvalidation invalidation) {
        this.repository = repository;
        this.cipher = cipher;
        this.demo = demo;
        this.invalidation = invalidation;
        reload();
        // Any change on any instance reloads the whole (small) catalog here.
        invalidation.listen(CacheInvalidation.MODELS, name -> reload(), this::reload);
    }

    /** After a committed catalog write: reloads this instance's catalog now and every other instance's within a second. */
    void changed(String name) {
        invalidation.publish(CacheInvalidation.MODELS, name);
    }

    /** The model of that public name, built-in demo models included. */
    public Optional<CatalogModel> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        CatalogModel stored = snapshot.models().get(name);
        if (stored != null) {
            return Optional.of(stored);
        }
        if (name.startsWith(DEMO_PREFIX) && name.length() > DEMO_PREFIX.length() && name.length() <= 200) {
            return Optional.of(demoModel(name));
        }
        return Optional.empty();
    }

    /** Every model, by name: the stored ones and {@code demo/echo}. */
    public List<CatalogModel> all() {
        NavigableMap<String, CatalogModel> models = new TreeMap<>(snapshot.models());
        models.putIfAbsent(DEMO_MODEL, demoModel(DEMO_MODEL));
        return new ArrayList<>(models.values());
    }

    /**
     * The price in force at {@code at}: the latest price effective at or before it, or the model's
     * earliest price when {@code at} predates them all (so a model always has a price).
     */
    public ModelPrice priceAt(String model, Instant at) {
        NavigableMap<Instant, ModelPrice> history = snapshot.prices().get(model);
        if (history == null || history.isEmpty()) {
            if (model.startsWith(DEMO_PREFIX)) {
                return demoPrice();
            }
            throw new IllegalStateException("model " + model + " has no price");
        }
        var entry = history.floorEntry(at);
        return entry != null ? entry.getValue() : history.firstEntry().getValue();
    }

    /** Every price the model has had, oldest first. */
    public List<ModelPrice> priceHistory(String model) {
        NavigableMap<Instant, ModelPrice> history = snapshot.prices().get(model);
        if (history == null || history.isEmpty()) {
            return model.startsWith(DEMO_PREFIX) ? List.of(demoPrice()) : List.of();
        }
        return List.copyOf(history.values());
    }

    boolean isStored(String name) {
        return snapshot.models().containsKey(name);
    }

    Optional<ModelRepository.ModelRow> row(String name) {
        return Optional.ofNullable(snapshot.rows().get(name));
    }

    /** Reads the catalog tables into a new snapshot; called after every write. */
    public synchronized void reload() {
        Map<String, List<Deployment>> deployments = new HashMap<>();
        for (ModelRepository.DeploymentRow d : repository.deployments()) {
            deployments.computeIfAbsent(d.modelName(), k -> new ArrayList<>()).add(new Deployment(d.position(),
                    d.provider(), d.baseUrl(), d.upstreamModel(), d.sealedApiKey() == null ? null : cipher.open(d.sealedApiKey()),
                    d.authHeader(), d.weight(), d.extraHeaders(), d.extraQuery()));
        }
        NavigableMap<String, CatalogModel> models = new TreeMap<>();
        Map<String, ModelRepository.ModelRow> rows = new HashMap<>();
        for (ModelRepository.ModelRow row : repository.models()) {
            models.put(row.name(), new CatalogModel(row.name(), deployments.getOrDefault(row.name(), List.of()),
                    row.maxOutputTokens(), false));
            rows.put(row.name(), row);
        }
        Map<String, NavigableMap<Instant, ModelPrice>> prices = new HashMap<>();
        for (ModelRepository.PriceRow p : repository.prices()) {
            prices.computeIfAbsent(p.modelName(), k -> new TreeMap<>()).put(p.price().effectiveFrom(), p.price());
        }
        snapshot = new Snapshot(models, prices, rows);
    }

    Collection<CatalogModel> stored() {
        return snapshot.models().values();
    }

    private CatalogModel demoModel(String name) {
        return new CatalogModel(name, List.of(new Deployment(0, "demo", null, name, null, null, 1, null, null)),
                demo.maxOutputTokens(), true);
    }

    private ModelPrice demoPrice() {
        return new ModelPrice(demo.inputPerMillion(), demo.cachedInputPerMillion(), demo.outputPerMillion(), Instant.EPOCH);
    }
}
