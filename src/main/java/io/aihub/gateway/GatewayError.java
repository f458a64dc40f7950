package io.aihub.gateway;

/**
 * Every refusal or failure the gateway answers with, as OpenAI-style error JSON
 * ({@code {"error":{"message","type","code","param"}}}) that the OpenAI SDKs parse into their
 * typed exceptions. Each knows its status, type and code; {@link GatewayErrorWriter} renders them.
 */
public sealed interface GatewayError {

    int status();

    String type();

    String code();

    String message();

    default String param() {
        return null;
    }

    /** Seconds for a {@code Retry-After} header, or null. */
    default Long retryAfterSeconds() {
        return null;
    }

    record InvalidApiKey(String message) implements GatewayError {
        public InvalidApiKey() {
            this("Incorrect or missing API key. Send it as 'Authorization: Bearer org_…' or 'x-api-key'.");
        }
        public int status() { return 401; }
        public String type() { return "authentication_error"; }
        public String code() { return "invalid_api_key"; }
    }

    record KeyRevoked() implements GatewayError {
        public int status() { return 401; }
        public String type() { return "authentication_error"; }
        public String code() { return "key_revoked"; }
        public String message() { return "This API key has been revoked."; }
    }

    record KeyExpired() implements GatewayError {
        public int status() { return 401; }
        public String type() { return "authentication_error"; }
        public String code() { return "key_expired"; }
        public String message() { return "This API key has expired."; }
    }

    record ModelNotAllowed(String model) implements GatewayError {
        public int status() { return 403; }
        public String type() { return "permission_error"; }
        public String code() { return "model_not_allowed"; }
        public String message() { return "This API key may not use model '" + model + "'."; }
        public String param() { return "model"; }
    }

    record EndpointNotAllowed(String endpoint) implements GatewayError {
        public int status() { return 403; }
        public String type() { return "permission_error"; }
        public String code() { return "endpoint_not_allowed"; }
        public String message() { return "This API key may not call " + endpoint + "."; }
    }

    record RateLimited(String message, long retryAfter) implements GatewayError {
        public int status() { return 429; }
        public String type() { return "rate_limit_error"; }
        public String code() { return "rate_limit_exceeded"; }
        public Long retryAfterSeconds() { return Math.max(1, retryAfter); }
    }

    record QuotaExceeded(String message) implements GatewayError {
        public int status() { return 429; }
        public String type() { return "insufficient_quota"; }
        public String code() { return "quota_exceeded"; }
    }

    record BudgetExceeded(String message) implements GatewayError {
        public int status() { return 402; }
        public String type() { return "insufficient_quota"; }
        public String code() { return "budget_exceeded"; }
    }

    record InvalidRequest(String message, String param) implements GatewayError {
        public int status() { return 400; }
        public String type() { return "invalid_request_error"; }
        public String code() { return "invalid_request_error"; }
    }

    record RequestTooLarge(long maxBytes) implements GatewayError {
        public int status() { return 413; }
        public String type() { return "invalid_request_error"; }
        public String code() { return "request_too_large"; }
        public String message() { return "The request body exceeds " + maxBytes + " bytes."; }
    }

    record ModelNotFound(String model) implements GatewayError {
        public int status() { return 404; }
        public String type() { return "invalid_request_error"; }
        public String code() { return "model_not_found"; }
        public String message() { return "The model '" + model + "' does not exist."; }
        public String param() { return "model"; }
    }

    record UpstreamFailed(String message) implements GatewayError {
        public int status() { return 502; }
        public String type() { return "api_error"; }
        public String code() { return "upstream_error"; }
    }

    record UpstreamTimeout(String message) implements GatewayError {
        public int status() { return 504; }
        public String type() { return "api_error"; }
        public String code() { return "upstream_timeout"; }
    }

    /** The counter or reservation store failed and {@code on-store-failure} is fail-closed. */
    record ServiceUnavailable(String message) implements GatewayError {
        public int status() { return 503; }
        public String type() { return "api_error"; }
        public String code() { return "service_unavailable"; }
    }

    record Internal() implements GatewayError {
        public int status() { return 500; }
        public String type() { return "api_error"; }
        public String code() { return "internal_error"; }
        public String message() { return "An unexpected error occurred."; }
    }
}
