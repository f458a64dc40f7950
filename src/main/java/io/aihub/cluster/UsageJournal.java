package io.aihub.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A local append-only journal of lines, one directory per instance. {@link #append} returns once its line is
 * on disk: a single writer thread takes whatever lines are waiting, writes them and fsyncs once for all of
 * them (group commit: under load one fsync covers many requests; alone, a request waits for one fsync).
 * {@link #done} appends a marker without waiting for the disk: a marker lost in a crash only makes the
 * entry be replayed, and replay is idempotent.
 *
 * <p>Files are segments ({@code usage-<n>.journal}); a full segment is closed and a new one started, and a
 * closed segment whose entries are all done is deleted. The directory is locked while open: two live
 * instances must never share one journal.
 *
 * <p>How far "on disk" goes is {@link Sync}: {@code EVERY_APPEND} (the default) fsyncs before {@link #append}
 * returns, so an entry survives the host losing power; {@code INTERVAL} returns once the line is written to
 * the operating system — it survives the process being killed (the kernel still writes it) but a host crash
 * may lose the last {@code syncInterval} — and fsyncs in the background at that interval. One fsync costs
 * 0.1–20 ms depending on the disk, and at one connection nothing can be grouped with it.
 *
 * <p>Line format: {@code A <id> <payload>} for an entry, {@code D <id>} when it is done. Ids have no spaces.
 */
public final class UsageJournal implements AutoCloseable {

    static final long SEGMENT_BYTES = 4L * 1024 * 1024;

    /** When an appended line is fsynced: before {@link #append} returns, or in the background every interval. */
    public enum Sync { EVERY_APPEND, INTERVAL }

    /** An entry not yet done, as read at start or appended since. */
    record Entry(String id, String payload, long segment) {
    }

    private record Line(byte[] bytes, CompletableFuture<Void> synced) {
    }

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final BlockingQueue<Line> queue = new LinkedBlockingQueue<>();
    private final Map<String, Entry> pending = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> openPerSegment = new ConcurrentHashMap<>();
    private final Thread writer;
    private final Sync sync;
    private final long syncIntervalNanos;
    private volatile boolean closed;
    /** Writer thread only: bytes written since the last fsync, and when that was. */
    private boolean dirty;
    private long lastSync = System.nanoTime();
    private FileChannel current;
    private long currentSegment;
    private long currentBytes;

    /** Public for the JMH benchmark; the application gets its journal as a bean. Fsyncs every append. */
    public UsageJournal(Path dir) {
        this(dir, Sync.EVERY_APPEND, java.time.Duration.ofSeconds(1));
    }

    public UsageJournal(Path dir, Sync sync, java.time.Duration syncInterval) {
        this.dir = dir;
        this.sync = sync;
        this.syncIntervalNanos = syncInterval.toNanos();
        try {
            Files.createDirectories(dir);
            lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
            if (lock == null) {
                throw new IllegalStateException("the usage journal " + dir + " is in use by another running instance;"
                        + " give every instance its own aihub.journal.dir (AIHUB_JOURNAL_DIR)");
            }
            long last = readSegments();
            openSegment(last + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the usage journal in " + dir, e);
        }
        writer = Thread.ofPlatform().daemon().name("aihub-usage-journal").start(this::write);
    }

    /** Entries appended and not done: after a crash, what must be replayed. */
    List<Entry> pending() {
        return new ArrayList<>(pending.values());
    }

    /** True while {@code id} is in the journal and not done. */
    public boolean isPending(String id) {
        return pending.containsKey(id);
    }

    /** Appends an entry and returns once it is on disk (see {@link Sync} for how far). */
    public void append(String id, String payload) {
        if (id.isEmpty() || id.contains(" ") || id.contains("\n") || payload.contains("\n")) {
            throw new IllegalArgumentException("journal ids have no spaces and payloads no line breaks");
        }
        if (pending.putIfAbsent(id, new Entry(id, payload, -1)) != null) {
            return; // already in the journal and not done yet (segment known once written)
        }
        CompletableFuture<Void> synced = new CompletableFuture<>();
        queue.add(new Line(("A " + id + " " + payload + "\n").getBytes(StandardCharsets.UTF_8), synced));
        try {
            synced.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the usage journal", e);
        } catch (ExecutionException e) {
            pending.remove(id);
            throw new IllegalStateException("the usage journal could not be written", e.getCause());
        }
    }

    /** Marks an entry done (no wait for the disk). Unknown ids are ignored. */
    public void done(String id) {
        Entry entry = pending.remove(id);
        if (entry == null) {
            return;
        }
        queue.add(new Line(("D " + id + "\n").getBytes(StandardCharsets.UTF_8), null));
        AtomicInteger open = openPerSegment.get(entry.segment());
        if (open != null) {
            open.decrementAndGet();
        }
    }

    private long readSegments() throws IOException {
        Map<String, Entry> found = new LinkedHashMap<>();
        long last = 0;
        List<Path> segments;
        try (Stream<Path> files = Files.list(dir)) {
            segments = files.filter(p -> p.getFileName().toString().matches("usage-\\d+\\.journal")).sorted().toList();
        }
        for (Path segment : segments) {
            long n = segmentNumber(segment);
            last = Math.max(last, n);
            try (BufferedReader in = Files.newBufferedReader(segment, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("A ")) {
                        int space = line.indexOf(' ', 2);
                        if (space > 0) {
                            String id = line.substring(2, space);
                            found.put(id, new Entry(id, line.substring(space + 1), n));
                        }
                    } else if (line.startsWith("D ")) {
                        found.remove(line.substring(2));
                    }
                    // anything else: a line torn by a crash mid-write, never acknowledged to anyone
                }
            }
        }
        for (Entry e : found.values()) {
            pending.put(e.id(), e);
            openPerSegment.computeIfAbsent(e.segment(), s -> new AtomicInteger()).incrementAndGet();
        }
        for (Path segment : segments) {
            if (!openPerSegment.containsKey(segmentNumber(segment))) {
                Files.deleteIfExists(segment); // everything in it is done
            }
        }
        return last;
    }

    private static long segmentNumber(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring("usage-".length(), name.length() - ".journal".length()));
    }

    private void openSegment(long n) throws IOException {
        if (current != null) {
            current.close();
        }
        currentSegment = n;
        currentBytes = 0;
        current = FileChannel.open(dir.resolve("usage-" + n + ".journal"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        openPerSegment.computeIfAbsent(n, s -> new AtomicInteger());
    }

    private void write() {
        List<Line> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Line first = queue.poll(sync == Sync.INTERVAL ? Math.min(100_000_000L, syncIntervalNanos) : 100_000_000L,
                        java.util.concurrent.TimeUnit.NANOSECONDS);
                if (first == null) {
                    syncIfDue();
                    deleteFinishedSegments();
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 1000);
                boolean mustSync = false;
                ByteBuffer[] buffers = new ByteBuffer[batch.size()];
                long size = 0;
                for (int i = 0; i < buffers.length; i++) {
                    buffers[i] = ByteBuffer.wrap(batch.get(i).bytes());
                    size += buffers[i].remaining();
                }
                for (long written = 0; written < size; ) { // one gathering write for the batch, not one per line
                    written += current.write(buffers);
                }
                for (Line line : batch) {
                    currentBytes += line.bytes().length;
                    if (line.synced() != null) {
                        mustSync = true;
                        String text = new String(line.bytes(), 0, Math.min(line.bytes().length, 200), StandardCharsets.UTF_8);
                        String id = text.substring(2, text.indexOf(' ', 2));
                        pending.computeIfPresent(id, (k, e) -> new Entry(e.id(), e.payload(), currentSegment));
                        openPerSegment.get(currentSegment).incrementAndGet();
                    }
                }
                dirty = true;
                if (mustSync && sync == Sync.EVERY_APPEND) {
                    current.force(false);
                    dirty = false;
                }
                batch.forEach(l -> {
                    if (l.synced() != null) l.synced().complete(null);
                });
                syncIfDue(); // INTERVAL: after the waiting requests were let go
                if (currentBytes >= SEGMENT_BYTES) {
                    current.force(false); // a closed segment is complete on disk
                    dirty = false;
                    openSegment(currentSegment + 1);
                }
            } catch (InterruptedException e) {
                if (closed) break;
            } catch (IOException | RuntimeException e) {
                batch.forEach(l -> {
                    if (l.synced() != null) l.synced().completeExceptionally(e);
                });
            } finally {
                batch.clear();
            }
        }
    }

    /** INTERVAL: fsyncs what was written if the last fsync is older than the interval. */
    private void syncIfDue() throws IOException {
        if (dirty && System.nanoTime() - lastSync >= syncIntervalNanos) {
            current.force(false);
            dirty = false;
            lastSync = System.nanoTime();
        }
    }

    /** A closed segment whose entries are all done holds nothing anyone needs. */
    private void deleteFinishedSegments() {
        for (var e : openPerSegment.entrySet()) {
            if (e.getKey() != currentSegment && e.getValue().get() <= 0) {
                try {
                    Files.deleteIfExists(dir.resolve("usage-" + e.getKey() + ".journal"));
                    openPerSegment.remove(e.getKey());
                } catch (IOException ignored) {
                    // tried again at the next idle moment
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            writer.join(5_000);
            if (current != null) {
                current.force(false);
                current.close();
            }
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
