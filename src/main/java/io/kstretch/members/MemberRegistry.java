package io.kstretch.members;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The live connections to every member, keyed by MemberCluster. Connections are made, replaced (when the
 * kubeconfig or probe settings change) and closed by the MemberCluster reconciler; each is probed on its own
 * period. Listeners hear about health changes and about objects changing in members.
 */
@ApplicationScoped
public class MemberRegistry {
    private static final Logger LOG = Logger.getLogger(MemberRegistry.class);

    /** Kinds every member is watched for: what kstretch writes, and the pods its StatefulSets make. */
    public static final List<ResourceKind> CORE_KINDS = List.of(ResourceKind.of(ConfigMap.class),
            ResourceKind.of(Secret.class), ResourceKind.of(Service.class), ResourceKind.of(StatefulSet.class),
            ResourceKind.of(PodDisruptionBudget.class), ResourceKind.of(ServiceAccount.class),
            ResourceKind.of(Pod.class));

    @Inject
    MemberMetrics metrics;

    private final Map<MemberKey, Entry> entries = new ConcurrentHashMap<>();
    /** Members that have no connection because their kubeconfig cannot be used, with why. */
    private final Map<MemberKey, MemberHealth> unusable = new ConcurrentHashMap<>();
    private final List<MemberListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kstretch-member-probes");
        t.setDaemon(true);
        return t;
    });

    /** Failed probes in a row it takes to report a reachable (or not yet probed) member unreachable. */
    static final int FAILED_PROBES_TO_REPORT = 2;
    /** How soon a probe that failed but is not reported yet is repeated (at most the probe period). */
    static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private static final class Entry {
        final MemberConnection connection;
        final Duration period;
        final Duration timeout;
        volatile ScheduledFuture<?> next;
        /** Failed probes since the last answered one. */
        volatile int failedProbes;

        Entry(MemberConnection connection, Duration period, Duration timeout) {
            this.connection = connection;
            this.period = period;
            this.timeout = timeout;
        }
    }

    public void addListener(MemberListener listener) {
        listeners.add(listener);
    }

    public Optional<MemberConnection> connection(MemberKey key) {
        Entry entry = entries.get(key);
        return entry == null ? Optional.empty() : Optional.of(entry.connection);
    }

    public Collection<MemberConnection> connections() {
        return entries.values().stream().map(e -> e.connection).toList();
    }

    /** Health of every known member, connected or not. */
    public Map<MemberKey, MemberHealth> health() {
        Map<MemberKey, MemberHealth> health = new java.util.TreeMap<>(
                java.util.Comparator.comparing(MemberKey::toString));
        health.putAll(unusable);
        entries.forEach((k, e) -> health.put(k, e.connection.health()));
        return health;
    }

    public Optional<MemberHealth> health(MemberKey key) {
        Entry entry = entries.get(key);
        return entry != null ? Optional.of(entry.connection.health()) : Optional.ofNullable(unusable.get(key));
    }

    /**
     * Makes sure {@code key} is connected with a client built from what {@code configHash} identifies; builds a new
     * one (closing the old) only when the hash or the probe settings changed.
     *
     * @return the connection
     */
    public synchronized MemberConnection ensure(MemberKey key, String configHash, Duration period, Duration timeout,
            Supplier<KubernetesClient> client) {
        Entry existing = entries.get(key);
        if (existing != null && existing.connection.configHash().equals(configHash)
                && existing.period.equals(period) && existing.timeout.equals(timeout)) {
            return existing.connection;
        }
        MemberHealth previous = existing == null ? null : existing.connection.health();
        unusable.remove(key);
        if (existing != null) {
            LOG.infof("member %s: configuration changed, reconnecting", key);
            stop(existing);
        }
        MemberConnection connection = new MemberConnection(key, client.get(), configHash,
                object -> listeners.forEach(l -> l.objectChanged(key, object)));
        if (previous != null) {
            connection.health(previous);
        }
        Entry entry = new Entry(connection, period, timeout);
        entries.put(key, entry);
        metrics.register(key, () -> entry.connection.health());
        connection.watch(CORE_KINDS);
        schedule(entry, 0);
        return connection;
    }

    /** Marks a member that cannot be connected at all (bad kubeconfig) as unreachable, closing any connection. */
    public synchronized void unusable(MemberKey key, MemberHealth health) {
        Entry existing = entries.remove(key);
        if (existing != null) {
            stop(existing);
        }
        MemberHealth previous = unusable.put(key, health);
        if (health.differsFrom(previous)) {
            listeners.forEach(l -> l.healthChanged(key, health));
        }
    }

    public synchronized void remove(MemberKey key) {
        unusable.remove(key);
        Entry existing = entries.remove(key);
        if (existing != null) {
            stop(existing);
            listeners.forEach(l -> l.removed(key));
        }
    }

    /** Probes {@code key} now instead of waiting for its period. */
    public void probeNow(MemberKey key) {
        Entry entry = entries.get(key);
        if (entry != null) {
            schedule(entry, 0);
        }
    }

    private void stop(Entry entry) {
        ScheduledFuture<?> next = entry.next;
        if (next != null) {
            next.cancel(false);
        }
        metrics.remove(entry.connection.key());
        entry.connection.close();
    }

    private void schedule(Entry entry, long delayMillis) {
        ScheduledFuture<?> previous = entry.next;
        if (previous != null) {
            previous.cancel(false);
        }
        entry.next = scheduler.schedule(() -> probe(entry), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void probe(Entry entry) {
        MemberConnection connection = entry.connection;
        if (connection.isClosed()) {
            return;
        }
        long start = System.nanoTime();
        MemberHealth previous = connection.health();
        MemberProber.probe(connection.client(), connection.namespace(), entry.timeout, previous)
                .whenComplete((probed, t) -> {
                    if (connection.isClosed()) {
                        return;
                    }
                    // the same outcome keeps its first message, so that status does not churn on error details
                    MemberHealth health = previous == null || probed.differsFrom(previous) ? probed
                            : new MemberHealth(probed.state(), probed.reason(), previous.message(),
                                    probed.kubernetesVersion(), probed.latency(), previous.since());
                    metrics.probed(connection.key(), Duration.ofNanos(System.nanoTime() - start), health.reachable());
                    entry.failedProbes = health.reachable() ? 0 : entry.failedProbes + 1;
                    if (holdBack(previous, health, entry.failedProbes)) {
                        LOG.debugf("member %s: probe failed (%s), probing again before reporting it", connection.key(),
                                health.message());
                        if (entries.get(connection.key()) == entry) {
                            schedule(entry, Math.min(entry.period.toMillis(), RETRY_AFTER.toMillis()));
                        }
                        return;
                    }
                    connection.health(health);
                    if (health.differsFrom(previous)) {
                        LOG.infof("member %s: %s (%s: %s)", connection.key(),
                                health.reachable() ? "reachable" : "unreachable", health.reason(), health.message());
                        listeners.forEach(l -> l.healthChanged(connection.key(), health));
                    }
                    if (entries.get(connection.key()) == entry) {
                        schedule(entry, entry.period.toMillis());
                    }
                });
    }

    /**
     * Whether a failed probe is kept from the member's health for now: a single failure (a timeout while the API
     * server is busy, e.g. serving a restarted operator's first lists) does not turn a reachable or not yet probed
     * member unreachable; {@link #FAILED_PROBES_TO_REPORT} in a row do. A member already unreachable stays so.
     */
    static boolean holdBack(MemberHealth previous, MemberHealth probed, int failedProbes) {
        return !probed.reachable() && (previous == null || previous.state() != MemberHealth.State.UNREACHABLE)
                && failedProbes < FAILED_PROBES_TO_REPORT;
    }

    @PreDestroy
    void close() {
        scheduler.shutdownNow();
        entries.values().forEach(this::stop);
        entries.clear();
    }
}
