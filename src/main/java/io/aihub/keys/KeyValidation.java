package io.aihub.keys;

/** The answer of {@link ApiKeyService#validate(String)}: a principal, or the precise reason for refusing. */
public sealed interface KeyValidation {

    String INVALID_API_KEY = "invalid_api_key";
    String KEY_REVOKED = "key_revoked";
    String KEY_EXPIRED = "key_expired";

    record Valid(ApiKeyPrincipal principal) implements KeyValidation {
    }

    /** {@code code} is {@code invalid_api_key}, {@code key_revoked} or {@code key_expired}; the message names no secret. */
    record Rejected(String code, String message) implements KeyValidation {
    }
}
