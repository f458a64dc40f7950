package io.aihub.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** A clock tests move by hand (expiry, grace periods) instead of sleeping. */
final class MutableClock extends Clock {

    private volatile Instant now = realNow();

    private static Instant realNow() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    void reset() {
        now = realNow();
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
