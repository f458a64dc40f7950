package io.aihub.gateway;

/**
 * Turns the caller's bearer token into a {@link GatewayPrincipal}: the seam the keys module
 * implements (validation cache, no database on the hot path). Several may be registered; they are
 * asked in {@code @Order}, and the first that does not answer {@link Result.Unknown} decides. With
 * none registered, or all answering unknown, the caller gets 401 {@code invalid_api_key}.
 */
public interface GatewayAuthenticator {

    Result authenticate(String token);

    sealed interface Result {

        /** The token is a valid key. */
        record Accepted(GatewayPrincipal principal) implements Result {
        }

        /** The token is a key this authenticator knows, refused for a precise reason (revoked, expired…). */
        record Rejected(GatewayError error) implements Result {
        }

        /** Not a token this authenticator knows. */
        record Unknown() implements Result {
        }
    }
}
