package io.aihub.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.api.EncodingType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Counts checked against OpenAI's published figures (tiktoken README and the cookbook's message example). */
class TokenCounterTests {

    private final TokenCounter counter = new TokenCounter();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void countsTextLikeTiktoken() {
        // tiktoken README: "hello world" is [15339, 1917] in cl100k_base; "tiktoken is great!" is 6 tokens.
        assertThat(counter.countText("gpt-4", "hello world")).isEqualTo(2);
        assertThat(counter.countText("gpt-3.5-turbo", "tiktoken is great!")).isEqualTo(6);
        assertThat(counter.countText("gpt-4o", "Hello world")).isEqualTo(2);
    }

    @Test
    void picksTheEncodingByModelFamily() {
        assertThat(TokenCounter.encodingTypeFor("gpt-4o-mini")).isEqualTo(EncodingType.O200K_BASE);
        assertThat(TokenCounter.encodingTypeFor("openai/gpt-4.1")).isEqualTo(EncodingType.O200K_BASE);
        assertThat(TokenCounter.encodingTypeFor("o3-mini")).isEqualTo(EncodingType.O200K_BASE);
        assertThat(TokenCounter.encodingTypeFor("gpt-4-turbo")).isEqualTo(EncodingType.CL100K_BASE);
        assertThat(TokenCounter.encodingTypeFor("text-embedding-3-small")).isEqualTo(EncodingType.CL100K_BASE);
        assertThat(TokenCounter.encodingTypeFor("claude-sonnet-4")).isNull();
        assertThat(counter.isExact("claude-sonnet-4")).isFalse();
    }

    /** The example of OpenAI's cookbook "How to count tokens with tiktoken": 129 for gpt-4/3.5, 124 for gpt-4o. */
    @Test
    void countsChatMessagesWithOpenAisFraming() {
        JsonNode messages = json.readTree("""
                [
                 {"role": "system", "content": "You are a helpful, pattern-following assistant that translates corporate jargon into plain English."},
                 {"role": "system", "name": "example_user", "content": "New synergies will help drive top-line growth."},
                 {"role": "system", "name": "example_assistant", "content": "Things working well together will increase revenue."},
                 {"role": "system", "name": "example_user", "content": "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage."},
                 {"role": "system", "name": "example_assistant", "content": "Let's talk later when we're less busy about how to do better."},
                 {"role": "user", "content": "This late pivot means we don't have time to boil the ocean for the client deliverable."}
                ]""");
        assertThat(counter.countChat("gpt-4", messages, null)).isEqualTo(129);
        assertThat(counter.countChat("gpt-3.5-turbo-0125", messages, null)).isEqualTo(129);
        assertThat(counter.countChat("gpt-4o", messages, null)).isEqualTo(124);
        assertThat(counter.countChat("gpt-4o-mini", messages, null)).isEqualTo(124);
    }

    @Test
    void otherModelsGetAnUpperBoundOfHalfTheUtf8Bytes() {
        assertThat(counter.countText("claude-3-5-haiku", "abcd")).isEqualTo(2);
        assertThat(counter.countText("claude-3-5-haiku", "abcde")).isEqualTo(3);
        // "日本語" is 9 UTF-8 bytes → 5, above the 3 tokens a CJK-aware tokenizer would use
        assertThat(counter.countText("llama-3", "日本語")).isEqualTo(5);
        String english = "The quick brown fox jumps over the lazy dog, again and again, for budgeting purposes.";
        assertThat(counter.countText("claude-3-5-haiku", english)).isGreaterThan(counter.countText("gpt-4o", english));
    }

    @Test
    void countsCompletionPromptsAndEmbeddingInputs() {
        assertThat(counter.countRequest("gpt-4", json.readTree("{\"prompt\": \"hello world\"}"))).isEqualTo(2);
        assertThat(counter.countRequest("text-embedding-3-small",
                json.readTree("{\"input\": [\"hello world\", \"tiktoken is great!\"]}"))).isEqualTo(8);
        assertThat(counter.countRequest("text-embedding-3-small", json.readTree("{\"input\": [1, 2, 3]}"))).isEqualTo(3);
    }
}
