package io.aihub.gateway.providers;

/**
 * An upstream call that failed. {@code retryable} failures (connection refused or reset, 5xx,
 * timeout before the first byte) move on to the next deployment. Messages never contain
 * credentials or upstream bodies (those are logged at debug level only).
 */
public final class UpstreamFailure extends Exception {

    public enum Kind { CONNECT, TIMEOUT, SERVER_ERROR, BROKEN_STREAM, BAD_RESPONSE }

    private final Kind kind;

    public UpstreamFailure(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind == Kind.CONNECT || kind == Kind.TIMEOUT || kind == Kind.SERVER_ERROR;
    }

    public boolean timeout() {
        return kind == Kind.TIMEOUT;
    }
}
