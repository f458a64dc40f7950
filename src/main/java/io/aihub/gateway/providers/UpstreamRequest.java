package io.aihub.gateway.providers;

import io.aihub.gateway.Endpoint;
import io.aihub.pricing.Deployment;
import tools.jackson.databind.node.ObjectNode;

/**
 * What to send: the client's body with {@code model} already set to the deployment's upstream
 * model (and, for streams, {@code stream_options.include_usage}). {@code maxOutputTokens} is the
 * output ceiling for protocols that require one (Anthropic's {@code max_tokens}).
 */
public record UpstreamRequest(Endpoint endpoint, Deployment deployment, ObjectNode body, boolean stream,
        long maxOutputTokens) {
}
