/**
 * The provider seam: one {@link io.aihub.gateway.providers.ModelProvider} per upstream protocol
 * (one sub-package each: {@code openai}, {@code anthropic}, {@code demo}). Providers take an
 * OpenAI-shaped request and give back OpenAI-shaped JSON (whole, or chunk by chunk), so the
 * gateway handles every upstream the same way.
 */
package io.aihub.gateway.providers;
