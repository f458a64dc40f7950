/**
 * Counters the gateway's control pipeline checks on every request: sliding-window rate limits
 * ({@link io.aihub.limits.RateLimiter}), monthly quotas ({@link io.aihub.limits.QuotaCounter}) and
 * in-flight request caps ({@link io.aihub.limits.ParallelLimiter}). Each answers with a
 * {@link io.aihub.limits.LimitDecision}. Counters live in process by default, or in Redis (one atomic
 * Lua script per check-and-hold) when {@code aihub.redis.url} is set; what happens when Redis cannot
 * be reached is the named setting {@code aihub.gateway.on-store-failure}.
 */
package io.aihub.limits;
