package io.aihub.gateway.providers;

import io.aihub.gateway.Endpoint;

/**
 * One upstream protocol. {@link #send} returns once the upstream has answered with headers: a
 * whole JSON body, a stream of chunks, or a 4xx to relay as-is. It throws {@link UpstreamFailure}
 * for what may be retried on another deployment: connection errors, 5xx, and timeouts before the
 * first byte.
 */
public interface ModelProvider {

    /** The {@code provider} value of catalog deployments this serves. */
    String name();

    boolean supports(Endpoint endpoint);

    UpstreamResponse send(UpstreamRequest request) throws UpstreamFailure;
}
