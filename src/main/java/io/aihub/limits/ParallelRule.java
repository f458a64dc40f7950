package io.aihub.limits;

import java.time.Duration;

final class ParallelRule {

    /**
     * A slot frees when some request finishes, which no counter can predict; one second is a polite
     * hint that keeps clients from hammering. (The lease expiry would be the worst case, minutes.)
     */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private ParallelRule() {
    }
}
