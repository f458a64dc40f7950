package io.aihub.limits;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code aihub.gateway.on-store-failure} ({@code AIHUB_ON_STORE_FAILURE}): {@code fail-closed} (default)
 * or {@code fail-open}. Named under {@code gateway} because it is the gateway's behaviour users choose;
 * the limits module applies it, as the module that knows when the store failed.
 */
@Validated
@ConfigurationProperties("aihub.gateway")
record StoreFailureSettings(@DefaultValue("fail-closed") @NotNull OnStoreFailure onStoreFailure) {
}
