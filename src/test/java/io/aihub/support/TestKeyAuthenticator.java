package io.aihub.support;

import io.aihub.gateway.GatewayAuthenticator;
import io.aihub.gateway.GatewayError;
import io.aihub.gateway.GatewayPrincipal;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * TEST DOUBLE of the keys module's gateway authenticator (an external seam of the gateway), found
 * by component scanning in every test context. It knows only tokens of the form
 * {@code org_test_<organization id>} (optionally {@code :<model glob>} to restrict models), and
 * {@code org_test_revoked} / {@code org_test_expired}; everything else it leaves to the real
 * authenticators ({@link GatewayAuthenticator.Result.Unknown}).
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class TestKeyAuthenticator implements GatewayAuthenticator {

    public static final String PREFIX = "org_test_";

    public static String tokenFor(String organizationId) {
        return PREFIX + organizationId;
    }

    @Override
    public Result authenticate(String token) {
        if (!token.startsWith(PREFIX)) {
            return new Result.Unknown();
        }
        String rest = token.substring(PREFIX.length());
        if (rest.equals("revoked")) {
            return new Result.Rejected(new GatewayError.KeyRevoked());
        }
        if (rest.equals("expired")) {
            return new Result.Rejected(new GatewayError.KeyExpired());
        }
        int colon = rest.indexOf(':');
        String org = colon < 0 ? rest : rest.substring(0, colon);
        List<String> models = colon < 0 ? List.of() : List.of(rest.substring(colon + 1));
        return new Result.Accepted(new GatewayPrincipal(org, null, "key-test-" + org, null, models));
    }
}
