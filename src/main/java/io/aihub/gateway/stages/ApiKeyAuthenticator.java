package io.aihub.gateway.stages;

import io.aihub.gateway.GatewayAuthenticator;
import io.aihub.gateway.GatewayError;
import io.aihub.gateway.GatewayPrincipal;
import io.aihub.keys.ApiKeyService;
import io.aihub.keys.KeyValidation;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * The gateway's authenticator: organization API keys through {@link ApiKeyService#validate}
 * (Caffeine-cached, no database on the hot path). Every token is a key to it, so an unknown one is
 * {@code invalid_api_key}, not "ask someone else".
 */
@Component
class ApiKeyAuthenticator implements GatewayAuthenticator {

    private final ApiKeyService keys;
    private final Clock clock;

    ApiKeyAuthenticator(ApiKeyService keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public Result authenticate(String token) {
        return switch (keys.validate(token)) {
            case KeyValidation.Valid valid -> {
                keys.markUsed(valid.principal().keyId(), clock.instant()); // in memory, flushed every few seconds
                yield new Result.Accepted(GatewayPrincipal.of(valid.principal()));
            }
            case KeyValidation.Rejected rejected -> new Result.Rejected(switch (rejected.code()) {
                case KeyValidation.KEY_REVOKED -> new GatewayError.KeyRevoked();
                case KeyValidation.KEY_EXPIRED -> new GatewayError.KeyExpired();
                default -> new GatewayError.InvalidApiKey();
            });
        };
    }
}
