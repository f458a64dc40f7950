package io.aihub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal on its own: what is appended and not done is there after a restart; done entries are not. */
class UsageJournalTests {

    @TempDir
    Path dir;

    @Test
    void entriesNotDoneAreFoundAgainAfterARestartAndDoneOnesAreNot() {
        UsageJournal journal = new UsageJournal(dir);
        journal.append("req-1", "{\"a\":1}");
        journal.append("req-2", "{\"a\":2}");
        journal.done("req-1");
        journal.close(); // as good as a crash for what is on disk: req-2 was never done

        UsageJournal reopened = new UsageJournal(dir);
        assertThat(reopened.pending()).extracting(UsageJournal.Entry::id).containsExactly("req-2");
        assertThat(reopened.pending().getFirst().payload()).isEqualTo("{\"a\":2}");
        reopened.done("req-2");
        reopened.close();

        UsageJournal third = new UsageJournal(dir);
        assertThat(third.pending()).isEmpty();
        third.close();
    }

    @Test
    void aLineTornByACrashMidWriteIsIgnored() throws Exception {
        UsageJournal journal = new UsageJournal(dir);
        journal.append("req-1", "{}");
        journal.close();
        Path segment;
        try (var files = Files.list(dir)) {
            segment = files.filter(p -> p.toString().endsWith(".journal")).findFirst().orElseThrow();
        }
        Files.writeString(segment, "A req-2", StandardCharsets.UTF_8, StandardOpenOption.APPEND); // no payload, no newline

        UsageJournal reopened = new UsageJournal(dir);
        assertThat(reopened.pending()).extracting(UsageJournal.Entry::id).containsExactly("req-1");
        reopened.close();
    }

    @Test
    void twoInstancesCannotShareOneDirectory() {
        UsageJournal journal = new UsageJournal(dir);
        try {
            assertThatThrownBy(() -> new UsageJournal(dir)).isInstanceOf(RuntimeException.class);
        } finally {
            journal.close();
        }
    }

    @Test
    void manyConcurrentAppendsAreAllDurable() throws Exception {
        UsageJournal journal = new UsageJournal(dir);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 500; i++) {
                int n = i;
                pool.submit(() -> journal.append("req-" + n, "{\"n\":" + n + "}"));
            }
        }
        journal.close();
        UsageJournal reopened = new UsageJournal(dir);
        assertThat(reopened.pending()).hasSize(500);
        reopened.close();
    }

    @Test
    void withIntervalSyncAnAppendIsInTheFileWhenItReturns() throws Exception {
        // What survives the process being killed is what the kernel has: the line must be written, not buffered.
        UsageJournal journal = new UsageJournal(dir, UsageJournal.Sync.INTERVAL, java.time.Duration.ofHours(1));
        try {
            journal.append("req-1", "{\"a\":1}");
            Path segment;
            try (var files = Files.list(dir)) {
                segment = files.filter(p -> p.toString().endsWith(".journal")).findFirst().orElseThrow();
            }
            assertThat(Files.readString(segment)).contains("A req-1 {\"a\":1}\n");
        } finally {
            journal.close();
        }
        UsageJournal reopened = new UsageJournal(dir);
        assertThat(reopened.pending()).extracting(UsageJournal.Entry::id).containsExactly("req-1");
        reopened.close();
    }
}
