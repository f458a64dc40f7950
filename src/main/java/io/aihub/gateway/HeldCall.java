package io.aihub.gateway;

import tools.jackson.databind.json.JsonMapper;

/**
 * What a budget hold was reserved for, stored with the hold as its note: if the hold expires (the instance
 * serving the call stopped before settling it), {@link ExpiredHoldRecorder} turns it into the call's usage
 * record. The prompt was sent, so its estimated tokens are recorded; the output is unknown.
 */
public record HeldCall(String model, String endpoint, String userId, String endUser, long promptTokens) {

    public static HeldCall of(GatewayCall call) {
        GatewayPrincipal principal = call.principal();
        return new HeldCall(call.model().name(), call.endpoint().wireName(), principal.userId(), call.endUser(),
                call.estimate().promptTokens());
    }

    /**
     * The note, at most 1,000 characters. The end-user id is already cut to 256 characters, but JSON escaping can
     * grow it six-fold (control characters): a note that would be too long leaves it out (it is a label).
     */
    public String toNote(JsonMapper json) {
        String note = json.writeValueAsString(this);
        return note.length() <= 1000 ? note : json.writeValueAsString(new HeldCall(model, endpoint, userId, null, promptTokens));
    }
}
