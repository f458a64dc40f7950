package io.aihub.pricing;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Counts tokens the way the upstream will bill them, or bounds them from above.
 *
 * <p>OpenAI-family models are counted exactly with JTokkit: {@code o200k_base} for gpt-4o, gpt-4.1,
 * gpt-4.5, gpt-5 and the o-series, {@code cl100k_base} for gpt-4, gpt-3.5 and the text-embedding
 * models. Chat messages add OpenAI's documented framing ("How to count tokens with tiktoken"):
 * 3 tokens per message, 1 more when a message has a {@code name}, and 3 priming the reply.
 *
 * <p>Every other model (Anthropic, open models behind vLLM…) gets an upper bound: UTF-8 bytes / 2,
 * rounded up. Byte-level BPE tokenizers average 3–4 bytes per token on English and rarely fall
 * below 2 on other scripts (CJK is 3 bytes per character and about one token per character), so
 * the bound over-reserves budget rather than under-reserving it. Images inside chat content are
 * counted as {@link #IMAGE_TOKENS} each (a high-detail 1024×1024 image on gpt-4o is 765).
 */
@Component
public class TokenCounter {

    /** Per-message framing, per OpenAI's cookbook. */
    static final int TOKENS_PER_MESSAGE = 3;
    static final int TOKENS_PER_NAME = 1;
    static final int REPLY_PRIMING = 3;
    static final int IMAGE_TOKENS = 1_105;

    private final EncodingRegistry registry = Encodings.newLazyEncodingRegistry();

    /** Tokens of a plain text for {@code model}. */
    public int countText(String model, String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        Encoding encoding = encodingFor(model);
        if (encoding == null) {
            return (text.getBytes(StandardCharsets.UTF_8).length + 1) / 2;
        }
        return encoding.countTokensOrdinary(text);
    }

    /** Whether counts for this model are exact (OpenAI tokenizer) rather than an upper bound. */
    public boolean isExact(String model) {
        return encodingFor(model) != null;
    }

    /** Prompt tokens of a chat request's {@code messages} (and {@code tools}, serialized, when present). */
    public int countChat(String model, JsonNode messages, JsonNode tools) {
        int total = 0;
        if (messages != null && messages.isArray()) {
            for (JsonNode message : messages) {
                total += TOKENS_PER_MESSAGE;
                for (var field : message.properties()) {
                    JsonNode value = field.getValue();
                    total += countValue(model, value);
                    if ("name".equals(field.getKey())) {
                        total += TOKENS_PER_NAME;
                    }
                }
            }
            total += REPLY_PRIMING;
        }
        if (tools != null && !tools.isMissingNode() && !tools.isNull()) {
            total += countText(model, tools.toString());
        }
        return total;
    }

    /**
     * Prompt tokens of any gateway request body: chat {@code messages}, a completion {@code prompt}
     * or an embedding {@code input} (strings, arrays of strings, or token arrays).
     */
    public int countRequest(String model, JsonNode body) {
        if (body.has("messages")) {
            return countChat(model, body.get("messages"), body.get("tools"));
        }
        if (body.has("prompt")) {
            return countInput(model, body.get("prompt"));
        }
        if (body.has("input")) {
            return countInput(model, body.get("input"));
        }
        return 0;
    }

    private int countInput(String model, JsonNode input) {
        if (input.isString()) {
            return countText(model, input.asString());
        }
        if (input.isNumber()) {
            return 1; // one token id of a pre-tokenized input
        }
        int total = 0;
        if (input.isArray()) {
            for (JsonNode item : input) {
                total += countInput(model, item);
            }
        }
        return total;
    }

    private int countValue(String model, JsonNode value) {
        if (value.isString()) {
            return countText(model, value.asString());
        }
        if (value.isArray()) { // content parts
            int total = 0;
            for (JsonNode part : value) {
                String type = part.path("type").asString("");
                if (type.equals("text")) {
                    total += countText(model, part.path("text").asString(""));
                } else if (type.equals("image_url") || type.equals("image") || type.equals("input_image")) {
                    total += IMAGE_TOKENS;
                } else {
                    total += countText(model, part.toString());
                }
            }
            return total;
        }
        if (value.isNull() || value.isMissingNode()) {
            return 0;
        }
        return countText(model, value.toString()); // tool_calls, function_call, audio…
    }

    Encoding encodingFor(String model) {
        EncodingType type = encodingTypeFor(model);
        return type == null ? null : registry.getEncoding(type);
    }

    static EncodingType encodingTypeFor(String model) {
        if (model == null) {
            return null;
        }
        String name = model.toLowerCase(Locale.ROOT);
        int slash = name.lastIndexOf('/');
        if (slash >= 0 && !name.startsWith("demo/")) {
            name = name.substring(slash + 1); // openai/gpt-4o → gpt-4o
        }
        if (name.startsWith("demo/")) {
            return EncodingType.O200K_BASE; // the demo provider reports o200k counts
        }
        if (name.startsWith("gpt-4o") || name.startsWith("chatgpt-4o") || name.startsWith("gpt-4.1")
                || name.startsWith("gpt-4.5") || name.startsWith("gpt-5") || name.startsWith("o1")
                || name.startsWith("o3") || name.startsWith("o4") || name.startsWith("gpt-oss")) {
            return EncodingType.O200K_BASE;
        }
        if (name.startsWith("gpt-4") || name.startsWith("gpt-3.5") || name.startsWith("gpt-35")
                || name.startsWith("text-embedding-")) {
            return EncodingType.CL100K_BASE;
        }
        return null;
    }
}
