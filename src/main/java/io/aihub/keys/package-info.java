/**
 * Organization API keys: generation (shown once), SHA-256 storage, settings, lifecycle (revoke,
 * regenerate with a grace period, batch operations), usage views, and the cached validation the
 * gateway authenticates with. {@link io.aihub.keys.ApiKeyService} is the module's entry point.
 */
package io.aihub.keys;
