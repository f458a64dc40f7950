package io.aihub.cluster;

import io.aihub.budgets.BudgetScope;
import io.aihub.budgets.BudgetService;
import io.aihub.budgets.Settlement;
import io.aihub.usage.UsageBacklog;
import io.aihub.usage.UsageRecord;
import io.aihub.usage.UsageService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes a served request's usage record and budget settlement survive the death of its instance and
 * an unreachable database.
 *
 * <p>{@link #promise} appends both to the local {@link UsageJournal} and returns once they are on disk:
 * the gateway calls it before the client receives the end of its response, so a request the client saw
 * succeed is always in the journal. {@link #complete} then writes the usage record and settles the hold
 * (both idempotent on the request id) and marks the entry done. What is not done — the database was
 * down, or the process was killed — is written again from the journal: at start-up, and every
 * {@code aihub.journal.retry-interval} while the instance runs.
 *
 * <p>The gateway uses {@link #completeLater}: the entry is already durable, so its database writes need not
 * happen on the request thread (where they held up the next request on the connection, one insert and
 * ledger round trips at a time). A writer thread takes what is waiting every {@code aihub.journal.write-behind}
 * and writes it as one batch — settlements (one ledger flush and one status query), usage records and
 * their rollup marks (one JDBC batch each, one transaction) — and only then marks the entries done. A
 * crash before that leaves them in the journal, to be written at the next start. Every usage read drains
 * the backlog first ({@link UsageBacklog}), so answers never miss a finished request.
 */
public class DurableUsage implements UsageBacklog {

    private static final Logger log = LoggerFactory.getLogger(DurableUsage.class);

    /** One journal entry: the record to write (null when usage tracking is off) and the cost to settle the hold at. */
    record Entry(String requestId, UsageRecord usage, BigDecimal settle, Instant journaledAt) {
    }

    private final UsageJournal journal;
    private final UsageService usage;
    private final BudgetService budgets;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration retryAfter;
    private final Duration writeBehind;
    /** Journaled entries waiting for the writer (completeLater); drained under drainLock, in batches. */
    private final ConcurrentLinkedQueue<Entry> backlog = new ConcurrentLinkedQueue<>();
    private final Object drainLock = new Object();
    private volatile Thread writer;
    private volatile boolean stopping;

    DurableUsage(UsageJournal journal, UsageService usage, BudgetService budgets, JsonMapper json, Clock clock,
            Duration retryAfter, Duration writeBehind, MeterRegistry registry) {
        this.writeBehind = writeBehind;
        this.journal = journal;
        this.usage = usage;
        this.budgets = budgets;
        this.json = json;
        this.clock = clock;
        this.retryAfter = retryAfter;
        Gauge.builder("aihub.usage.journal.pending", journal, j -> j.pending().size())
                .description("Usage records and settlements in the journal not yet written to the database")
                .register(registry);
    }

    /**
     * Durable before the client sees success: appends the request's usage and the cost to settle its hold at,
     * fsynced (grouped with concurrent requests). {@code usage} null: record nothing, only settle;
     * {@code settle} null: no hold to settle.
     */
    public void promise(String requestId, UsageRecord usage, BigDecimal settle) {
        Entry entry = new Entry(requestId, usage, settle, clock.instant());
        journal.append(requestId, json.writeValueAsString(entry));
    }

    /**
     * Writes what {@link #promise} journaled (journaling it first if it was not) and marks it done; answers
     * false when the database could not take it — it stays in the journal and is written again later.
     */
    public boolean complete(String requestId, UsageRecord usage, BigDecimal settle) {
        promise(requestId, usage, settle);
        return apply(new Entry(requestId, usage, settle, clock.instant())) == Applied.WRITTEN;
    }

    /**
     * Like {@link #complete}, but the database writes happen on the writer thread, batched with other
     * requests'; journals the entry first unless {@link #promise} already did. With
     * {@code aihub.journal.write-behind} zero it is {@link #complete}.
     */
    public void completeLater(String requestId, UsageRecord usage, BigDecimal settle) {
        if (writeBehind.isZero()) {
            complete(requestId, usage, settle);
            return;
        }
        if (!journal.isPending(requestId)) {
            promise(requestId, usage, settle);
        }
        backlog.add(new Entry(requestId, usage, settle, clock.instant()));
    }

    /** Starts the writer thread (nothing to start when written through). */
    void start() {
        if (writeBehind.isZero()) {
            return;
        }
        writer = Thread.ofPlatform().daemon().name("usage-journal-writer").start(() -> {
            while (!stopping) {
                LockSupport.parkNanos(writeBehind.toNanos());
                try {
                    drain();
                } catch (RuntimeException e) {
                    log.warn("usage journal writer: {} (entries stay in the journal and are written again)", e.toString());
                }
            }
        });
    }

    /** At shutdown: what is waiting is written before the database and the journal close. */
    void stop() throws InterruptedException {
        stopping = true;
        Thread w = writer;
        if (w != null) {
            LockSupport.unpark(w);
            w.join(TimeUnit.SECONDS.toMillis(10));
        }
        drain();
    }

    /**
     * Writes every entry waiting for the writer, in batches of up to 1,000: settlements first (in the ledger
     * when this returns), then the records, then the done markers. If the batch fails, each entry is written
     * on its own, so one refused entry does not hold up the others and a database outage leaves them all in
     * the journal for the retry.
     */
    @Override
    public void drain() {
        if (backlog.isEmpty()) {
            return;
        }
        synchronized (drainLock) {
            List<Entry> batch = new ArrayList<>();
            for (Entry e; (e = backlog.poll()) != null; ) {
                batch.add(e);
                if (batch.size() == 1_000) {
                    write(batch);
                    batch = new ArrayList<>();
                }
            }
            write(batch);
        }
    }

    private void write(List<Entry> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<Settlement> settlements = new ArrayList<>(batch.size());
        List<UsageRecord> records = new ArrayList<>(batch.size());
        List<Entry> alone = new ArrayList<>();
        for (Entry e : batch) {
            if (e.usage() == null) {
                alone.add(e); // a settlement without a record (usage tracking off): the single path knows it
                continue;
            }
            records.add(e.usage());
            if (e.settle() != null) {
                UsageRecord u = e.usage();
                settlements.add(new Settlement(new BudgetScope(u.organizationId(), u.teamId(), u.apiKeyId()),
                        e.requestId(), e.settle()));
            }
        }
        try {
            budgets.settleOrRecordAll(settlements);
            usage.recordAll(records);
            for (Entry e : batch) {
                if (e.usage() != null) {
                    journal.done(e.requestId());
                }
            }
        } catch (RuntimeException e) {
            log.warn("usage journal: a batch of {} could not be written ({}); writing them one by one", batch.size(),
                    e.toString());
            alone = batch;
        }
        alone.forEach(this::apply);
    }

    /** Writes every entry not done that is older than the retry interval (all of them at start-up). */
    public int replay(boolean all) {
        int written = 0;
        Instant before = clock.instant().minus(retryAfter);
        for (UsageJournal.Entry pending : journal.pending()) {
            Entry entry;
            try {
                entry = json.readValue(pending.payload(), Entry.class);
            } catch (RuntimeException e) {
                log.error("usage journal entry {} cannot be read; left in the journal", pending.id(), e);
                continue;
            }
            if (!all && entry.journaledAt().isAfter(before)) {
                continue; // the request that wrote it is still completing it
            }
            switch (apply(entry)) {
                case WRITTEN -> written++;
                case UNREACHABLE -> {
                    return written; // the database is still away: the rest waits for the next round
                }
                case REFUSED -> {
                    // this entry stays in the journal (and in the log); the others are not held up by it
                }
            }
        }
        if (written > 0) {
            log.info("usage journal: {} usage record(s) and settlement(s) written from the journal", written);
        }
        return written;
    }

    int pending() {
        return journal.pending().size();
    }

    private enum Applied { WRITTEN, UNREACHABLE, REFUSED }

    private Applied apply(Entry entry) {
        try {
            if (entry.usage() != null) {
                usage.record(entry.usage());
            }
            if (entry.settle() != null && entry.usage() != null) {
                // settleOrRecord, not settle: with the ledger written behind, a hold of a request served just
                // before a crash may never have reached the database; its spend must be recorded all the same.
                UsageRecord u = entry.usage();
                budgets.settleOrRecord(new BudgetScope(u.organizationId(), u.teamId(), u.apiKeyId()), entry.requestId(),
                        entry.settle());
            } else if (entry.settle() != null) {
                budgets.settle(entry.requestId(), entry.settle());
            }
            journal.done(entry.requestId());
            return Applied.WRITTEN;
        } catch (TransientDataAccessException | DataAccessResourceFailureException | RecoverableDataAccessException
                | CannotCreateTransactionException e) {
            log.warn("usage of request {} could not be written ({}); kept in the journal and written again later",
                    entry.requestId(), e.getMessage());
            return Applied.UNREACHABLE;
        } catch (RuntimeException e) {
            log.error("usage of request {} was refused by the database; kept in the journal", entry.requestId(), e);
            return Applied.REFUSED;
        }
    }
}
