/**
 * Anthropic's Messages API behind the OpenAI chat shape: requests are translated to
 * {@code POST /v1/messages} ({@code x-api-key}, {@code anthropic-version: 2023-06-01}), answers
 * and SSE events back to {@code chat.completion} / {@code chat.completion.chunk} with usage.
 */
package io.aihub.gateway.providers.anthropic;
