package io.aihub.gateway;

import io.aihub.pricing.ModelCatalog;
import org.springframework.stereotype.Component;

/**
 * Finds the requested model in the in-memory catalog and fixes the price the call will be billed
 * at. Runs after authorization so an unauthorized caller learns nothing about the catalog.
 */
@Component
class ModelResolutionStage implements GatewayStage {

    private final ModelCatalog catalog;

    ModelResolutionStage(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public int order() {
        return StageOrder.RESOLVE_MODEL;
    }

    @Override
    public Decision before(GatewayCall call) {
        String name = call.requestedModel();
        if (name == null) {
            return Decision.deny(new GatewayError.InvalidRequest("'model' is required and must be a string.", "model"));
        }
        return catalog.find(name).map(model -> {
            call.model(model);
            call.price(catalog.priceAt(model.name(), call.startedAt()));
            return Decision.allow();
        }).orElseGet(() -> Decision.deny(new GatewayError.ModelNotFound(name)));
    }
}
