/**
 * The control pipeline's governance stages, wired to the real modules: API-key authentication
 * (keys), model and endpoint permissions (keys), rate limits, monthly quotas and parallel leases
 * (limits), budget reservation (budgets), and the refusal counter. Each stage's {@code after}
 * gives back what its {@code before} took, on every path.
 */
package io.aihub.gateway.stages;
