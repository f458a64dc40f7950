package io.aihub.gateway;

/** A stage's answer: go on, or refuse with a precise error (governance answers with a value). */
public record Decision(GatewayError denial) {

    private static final Decision ALLOW = new Decision(null);

    public static Decision allow() {
        return ALLOW;
    }

    public static Decision deny(GatewayError error) {
        return new Decision(java.util.Objects.requireNonNull(error));
    }

    public boolean allowed() {
        return denial == null;
    }
}
