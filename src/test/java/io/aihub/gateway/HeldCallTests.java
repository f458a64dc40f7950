package io.aihub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class HeldCallTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aNoteRoundTrips() {
        HeldCall call = new HeldCall("openai/gpt-4o-mini", "chat.completions", "usr-1", "end user 7", 42);
        assertThat(json.readValue(call.toNote(json), HeldCall.class)).isEqualTo(call);
    }

    @Test
    void anEndUserThatEscapingMakesTooLongIsLeftOutOfTheNote() {
        // 256 characters (the gateway's cut) of control characters: six characters each once escaped in JSON
        String hostile = "\u0001".repeat(256);
        String note = new HeldCall("m".repeat(200), "chat.completions", "usr-1", hostile, 3).toNote(json);
        assertThat(note.length()).isLessThanOrEqualTo(1000);
        HeldCall back = json.readValue(note, HeldCall.class);
        assertThat(back.endUser()).isNull();
        assertThat(back.model()).isEqualTo("m".repeat(200));
        assertThat(back.promptTokens()).isEqualTo(3);
    }
}
