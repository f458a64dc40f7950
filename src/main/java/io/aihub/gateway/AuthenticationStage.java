package io.aihub.gateway;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Stage 1: the caller's token becomes a {@link GatewayPrincipal}, asking the registered authenticators in order. */
@Component
class AuthenticationStage implements GatewayStage {

    private static final Logger log = LoggerFactory.getLogger(AuthenticationStage.class);

    private final List<GatewayAuthenticator> authenticators;

    AuthenticationStage(List<GatewayAuthenticator> authenticators) {
        this.authenticators = List.copyOf(authenticators);
        if (authenticators.isEmpty()) {
            log.warn("Gateway: no GatewayAuthenticator is registered, so every /v1 call answers 401 invalid_api_key");
        }
    }

    @Override
    public int order() {
        return StageOrder.AUTHENTICATE;
    }

    @Override
    public Decision before(GatewayCall call) {
        return authenticate(call.token()).map(principal -> {
            call.principal(principal);
            return Decision.allow();
        }, Decision::deny);
    }

    /** Also used by {@code GET /v1/models}, which runs no pipeline. */
    Either authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Either.error(new GatewayError.InvalidApiKey());
        }
        for (GatewayAuthenticator authenticator : authenticators) {
            switch (authenticator.authenticate(token)) {
                case GatewayAuthenticator.Result.Accepted accepted -> {
                    return Either.principal(accepted.principal());
                }
                case GatewayAuthenticator.Result.Rejected rejected -> {
                    return Either.error(rejected.error());
                }
                case GatewayAuthenticator.Result.Unknown unknown -> {
                    // ask the next one
                }
            }
        }
        return Either.error(new GatewayError.InvalidApiKey());
    }

    record Either(GatewayPrincipal principal, GatewayError error) {
        static Either principal(GatewayPrincipal p) {
            return new Either(p, null);
        }

        static Either error(GatewayError e) {
            return new Either(null, e);
        }

        <T> T map(java.util.function.Function<GatewayPrincipal, T> ok, java.util.function.Function<GatewayError, T> no) {
            return principal != null ? ok.apply(principal) : no.apply(error);
        }
    }
}
