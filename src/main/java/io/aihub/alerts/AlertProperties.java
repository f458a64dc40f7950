package io.aihub.alerts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code aihub.alerts.*}: how the outbox retries (attempt n waits {@code initialBackoff × 2^(n-1)},
 * capped at {@code maxBackoff}; after {@code maxAttempts} the delivery is failed) and the SMTP server.
 */
@Validated
@ConfigurationProperties("aihub.alerts")
public record AlertProperties(@NotNull Duration pollInterval, @Min(1) @Max(50) int maxAttempts,
        @NotNull Duration initialBackoff, @NotNull Duration maxBackoff, @NotNull Duration httpTimeout,
        @Valid @NotNull Smtp smtp) {

    /** {@code host} empty: e-mail channels fail with a clear detail instead of trying. */
    public record Smtp(String host, @Min(1) @Max(65535) int port, @NotNull String from, String username,
            String password, boolean starttls) {
    }
}
