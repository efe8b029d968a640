package io.kstretch.reconcile;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The operator's clock for certificate validity and renewal: the system clock, which tests may move forward (to see a
 * certificate authority come due without waiting months). Nothing else moves it.
 */
@ApplicationScoped
public class TimeSource {
    private volatile Duration offset = Duration.ZERO;

    public Instant now() {
        return Instant.now().plus(offset);
    }

    /** Moves this clock {@code by} ahead of the system clock (tests only). */
    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    /** Back to the system clock. */
    public void reset() {
        offset = Duration.ZERO;
    }
}
