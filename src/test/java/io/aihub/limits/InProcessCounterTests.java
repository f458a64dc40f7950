package io.aihub.limits;

import java.time.Clock;
import java.time.Duration;

/** The counter contract, in process (the single-instance default). */
class InProcessCounterTests extends CounterContractTests {

    @Override
    RateLimiter rateLimiter(Clock clock) {
        return new InProcessRateLimiter(clock, 10_000);
    }

    @Override
    QuotaCounter quotaCounter(Clock clock, QuotaSeedSource seeds) {
        return new InProcessQuotaCounter(clock, seeds, failures, 10_000, Duration.ofHours(1));
    }

    @Override
    ParallelLimiter parallelLimiter(Clock clock, Duration leaseTtl) {
        return new InProcessParallelLimiter(clock, leaseTtl, 10_000);
    }
}
