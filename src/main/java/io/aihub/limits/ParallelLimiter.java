package io.aihub.limits;

/**
 * At most {@code max} requests in flight per subject. Each request holds a lease named by its
 * request id; a lease that is never released (the process died mid-request) expires after the
 * configured lease TTL ({@code aihub.limits.lease-ttl}) instead of blocking the subject forever.
 */
public interface ParallelLimiter {

    /**
     * Takes a lease for {@code leaseId} if fewer than {@code max} live leases exist. Acquiring a lease
     * id that is already held renews it and does not take a second slot.
     *
     * @param max null = unlimited
     */
    LimitDecision acquire(String subject, Integer max, String leaseId);

    /** Extends a held lease by the lease TTL (long streams); false when it had expired or was released. */
    boolean renew(String subject, String leaseId);

    /** Gives the slot back; releasing an unknown or expired lease does nothing. */
    void release(String subject, String leaseId);
}
