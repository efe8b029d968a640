package io.kstretch.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * The operator's Admin clients, one per Kafka, kept between reconciles and replaced when anything of its
 * {@link AdminTarget} changes (endpoints, trusted CAs, or the operator's own certificate when it is renewed); closed
 * when the Kafka is deleted, at shutdown, and when it has not been asked for in {@link #IDLE} (day-two work — rolls,
 * scaling, quorum changes — needs it; a Kafka at rest does not, and each client keeps a network thread, buffers and
 * metrics). A client closed for being idle is created again when next asked for.
 */
@ApplicationScoped
public class KafkaAdmins {
    private static final Logger LOG = Logger.getLogger(KafkaAdmins.class);

    /** How long an Admin client may go unused before it is closed. */
    public static final Duration IDLE = Duration.ofMinutes(5);

    private static final class Entry {
        final AdminTarget target;
        final KafkaAdmin admin;
        volatile long lastUsedMillis;

        Entry(AdminTarget target, KafkaAdmin admin, long now) {
            this.target = target;
            this.admin = admin;
            this.lastUsedMillis = now;
        }
    }

    private final Map<ResourceID, Entry> admins = new ConcurrentHashMap<>();
    private final Function<AdminTarget, KafkaAdmin> factory;
    private final LongSupplier millis;
    private final AtomicBoolean sweepScheduled = new AtomicBoolean();

    public KafkaAdmins() {
        this(ApacheKafkaAdmin::new, System::currentTimeMillis);
    }

    /** With {@code factory} making the clients and {@code millis} telling the time (tests). */
    KafkaAdmins(Function<AdminTarget, KafkaAdmin> factory, LongSupplier millis) {
        this.factory = factory;
        this.millis = millis;
    }

    /** The Admin client for {@code kafka} at {@code target} (created on first use). */
    public KafkaAdmin get(ResourceID kafka, AdminTarget target) {
        long now = millis.getAsLong();
        Entry entry = admins.compute(kafka, (id, current) -> {
            if (current != null && current.target.equals(target)) {
                current.lastUsedMillis = now;
                return current;
            }
            if (current != null) {
                current.admin.close();
            }
            LOG.debugf("Kafka %s: Admin client for %s", id, target);
            try {
                return new Entry(target, factory.apply(target), now);
            } catch (RuntimeException e) {
                throw new KafkaAdminException("cannot create an Admin client for " + target + ": " + e.getMessage(),
                        e);
            }
        });
        scheduleSweep();
        return entry.admin;
    }

    /** Closes the Kafka's Admin client, if any. */
    public void close(ResourceID kafka) {
        Entry entry = admins.remove(kafka);
        if (entry != null) {
            entry.admin.close();
        }
    }

    /** Closes the Admin clients not asked for in {@link #IDLE}; returns the Kafkas whose client was closed. */
    List<ResourceID> closeIdle() {
        long now = millis.getAsLong();
        List<ResourceID> closed = new ArrayList<>();
        for (ResourceID kafka : admins.keySet()) {
            // decided and removed atomically with get(): a client handed out now is not closed
            admins.computeIfPresent(kafka, (id, entry) -> {
                if (now - entry.lastUsedMillis < IDLE.toMillis()) {
                    return entry;
                }
                entry.admin.close();
                closed.add(id);
                return null;
            });
        }
        closed.forEach(id -> LOG.debugf("Kafka %s: Admin client closed after %s unused", id, IDLE));
        return closed;
    }

    /** While clients are open, looks for idle ones every {@link #IDLE} (on the JDK's delayed executor: no thread kept). */
    private void scheduleSweep() {
        if (sweepScheduled.compareAndSet(false, true)) {
            CompletableFuture.runAsync(this::sweep,
                    CompletableFuture.delayedExecutor(IDLE.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    private void sweep() {
        sweepScheduled.set(false);
        try {
            closeIdle();
        } catch (RuntimeException e) {
            LOG.warnf(e, "closing idle Admin clients failed");
        }
        if (!admins.isEmpty()) {
            scheduleSweep();
        }
    }

    @PreDestroy
    void closeAll() {
        admins.keySet().forEach(this::close);
    }
}
