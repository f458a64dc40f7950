package io.aihub.gateway;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code aihub.gateway.*}: {@code upstream-timeout} bounds the wait for an upstream's response
 * headers (the first byte; a timeout there fails over to the next deployment) and the silence
 * between two events of a stream (then the stream ends as broken),
 * {@code connect-timeout} the TCP/TLS connect, {@code usage-tracking} ({@code BUDGET_TRACKING})
 * whether usage records are written, {@code max-body-bytes} the largest request body (16 MiB:
 * room for base64 images).
 */
@Validated
@ConfigurationProperties("aihub.gateway")
public record GatewaySettings(
        @NotNull @DefaultValue("60s") Duration upstreamTimeout,
        @NotNull @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("true") boolean usageTracking,
        @jakarta.validation.constraints.Min(1024) @DefaultValue("16777216") long maxBodyBytes) {
}
