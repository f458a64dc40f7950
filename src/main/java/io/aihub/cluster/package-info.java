/**
 * Running several instances: cache coherence across them ({@link io.aihub.cluster.CacheInvalidation}, over
 * Redis pub/sub with a version check as the safety net, or in process when there is no Redis) and the
 * durable usage journal that keeps a served request's usage and settlement when its instance dies
 * ({@link io.aihub.cluster.DurableUsage}). See docs/cluster.md.
 */
package io.aihub.cluster;
