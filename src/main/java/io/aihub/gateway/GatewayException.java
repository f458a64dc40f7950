package io.aihub.gateway;

/** Carries a {@link GatewayError} out of gateway code; rendered by {@link GatewayAdvice}. */
public final class GatewayException extends RuntimeException {

    private final GatewayError error;

    public GatewayException(GatewayError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public GatewayError error() {
        return error;
    }
}
