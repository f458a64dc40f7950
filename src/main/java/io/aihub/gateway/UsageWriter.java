package io.aihub.gateway;

import io.aihub.usage.UsageRecord;
import io.aihub.usage.UsageService;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes the gateway's usage records behind, in batches, on one background thread: a record costs
 * the request thread one queue insert, and the database one row of a JDBC batch (every
 * {@link #INTERVAL_MS} ms, up to {@link #BATCH} rows per transaction). Records the database does not
 * take (it is unreachable) stay queued and are retried, up to {@link #MAX_QUEUED}; at shutdown the
 * queue is written once more.
 */
@Component
class UsageWriter {

    static final long INTERVAL_MS = 20;
    static final int BATCH = 1000;
    static final int MAX_QUEUED = 1_000_000;
    private static final Logger log = LoggerFactory.getLogger(UsageWriter.class);

    private final UsageService usage;
    private final ConcurrentLinkedDeque<UsageRecord> queue = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();
    private ScheduledExecutorService timer;
    private long lastWarning;

    UsageWriter(UsageService usage) {
        this.usage = usage;
    }

    void submit(UsageRecord record) {
        if (size.incrementAndGet() > MAX_QUEUED) {
            size.decrementAndGet();
            log.error("usage record of request {} dropped: {} records wait for the database", record.requestId(),
                    MAX_QUEUED);
            return;
        }
        queue.addLast(record);
    }

    @PostConstruct
    void start() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("usage-writer").daemon().factory());
        timer.scheduleWithFixedDelay(this::writeQuietly, INTERVAL_MS, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /** Writes everything queued now; throws if the database refuses (the records stay queued). */
    synchronized void flush() {
        while (!queue.isEmpty()) {
            List<UsageRecord> batch = new ArrayList<>(Math.min(BATCH, size.get()));
            for (UsageRecord r; batch.size() < BATCH && (r = queue.pollFirst()) != null; ) {
                batch.add(r);
            }
            try {
                usage.recordAll(batch);
                size.addAndGet(-batch.size());
            } catch (RuntimeException e) {
                for (int i = batch.size() - 1; i >= 0; i--) {
                    queue.addFirst(batch.get(i));
                }
                throw e;
            }
        }
    }

    private void writeQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            if (now - lastWarning > TimeUnit.SECONDS.toNanos(10)) {
                lastWarning = now;
                log.warn("{} usage record(s) could not be written yet ({}); retrying", size.get(), e.getMessage());
            }
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        flush();
    }
}
