package io.aihub.pricing;

import java.math.BigDecimal;

/**
 * The most a request can cost: its counted (or bounded) prompt at the input price plus
 * {@code maxOutputTokens} at the output price. {@code exactPrompt} says whether the prompt count
 * came from the model's own tokenizer.
 */
public record CostEstimate(long promptTokens, long maxOutputTokens, BigDecimal cost, boolean exactPrompt) {
}
