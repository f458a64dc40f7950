package io.aihub.usage;

/**
 * Usage records accepted for writing but not yet in the database: the gateway's records are written
 * behind, in batches, off the request thread (io.aihub.cluster.DurableUsage keeps them durable in its
 * journal meanwhile). Every read of usage drains the backlog first, so an answer includes every record
 * of a request that finished before it was asked — the same rule the budget ledger follows.
 */
public interface UsageBacklog {

    /** Writes what is waiting, on the caller's thread; returns once it is in the database (or kept for a retry). */
    void drain();
}
