package io.aihub.limits;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The shared counter store ({@code aihub.redis.*}). Empty {@code url}: counters stay in process.
 *
 * @param url            {@code redis://[user:password@]host:port[/db]} or {@code rediss://…} (AIHUB_REDIS_URL)
 * @param commandTimeout how long a counter check may wait for Redis before the failure policy decides
 * @param connectTimeout how long one connection attempt may take
 * @param keyPrefix      every key starts with it (several hubs can share one Redis)
 */
@Validated
@ConfigurationProperties("aihub.redis")
public record RedisSettings(
        @DefaultValue("") @Pattern(regexp = "|rediss?://\\S+", message = "must be empty or a redis:// or rediss:// URL")
        String url,
        @DefaultValue("200ms") @NotNull @DurationMin(millis = 1) @DurationMax(seconds = 60) Duration commandTimeout,
        @DefaultValue("1s") @NotNull @DurationMin(millis = 1) @DurationMax(seconds = 60) Duration connectTimeout,
        @DefaultValue("aihub:") @NotNull @Pattern(regexp = "aihub:[A-Za-z0-9:_.-]*", message = "must start with 'aihub:'")
        String keyPrefix) {

    public boolean configured() {
        return url != null && !url.isBlank();
    }

    @Override
    public String toString() {
        // The URL may carry a password: never print it.
        return "RedisSettings[url=" + (configured() ? "(set)" : "(none)") + ", commandTimeout=" + commandTimeout
                + ", connectTimeout=" + connectTimeout + ", keyPrefix=" + keyPrefix + "]";
    }
}
