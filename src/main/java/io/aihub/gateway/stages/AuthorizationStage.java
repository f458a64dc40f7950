package io.aihub.gateway.stages;

import io.aihub.gateway.Decision;
import io.aihub.gateway.GatewayCall;
import io.aihub.gateway.GatewayError;
import io.aihub.gateway.GatewayStage;
import io.aihub.gateway.StageOrder;
import io.aihub.keys.ApiKeyPrincipal;
import org.springframework.stereotype.Component;

/**
 * Stage 2: the key's endpoint and model permissions (403 {@code endpoint_not_allowed},
 * {@code model_not_allowed}). Judged on the name the client sent, before the catalog is consulted,
 * so a key learns nothing about models it may not use. A missing model is left to model resolution (400).
 */
@Component
class AuthorizationStage implements GatewayStage {

    @Override
    public int order() {
        return StageOrder.AUTHORIZE;
    }

    @Override
    public Decision before(GatewayCall call) {
        ApiKeyPrincipal key = call.principal().key();
        if (key == null) {
            return Decision.allow();
        }
        String endpoint = call.endpoint().path();
        if (!key.permissions().allowsEndpoint(endpoint)) {
            return Decision.deny(new GatewayError.EndpointNotAllowed("/v1" + endpoint));
        }
        String model = call.requestedModel();
        if (model != null && !key.permissions().allowsModel(model)) {
            return Decision.deny(new GatewayError.ModelNotAllowed(model));
        }
        return Decision.allow();
    }
}
