/**
 * The built-in DEMO provider: offline and deterministic, so a fresh install answers its first call
 * without any upstream. It echoes the last user message (chat), the prompt (completions), or
 * returns a hash-derived vector (embeddings), with real o200k token counts in {@code usage}.
 * It is not a model.
 */
package io.aihub.gateway.providers.demo;
