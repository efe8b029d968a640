package io.kstretch.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.kstretch.anchors.Anchors;
import io.kstretch.api.KStretch;
import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.api.KafkaStatus;
import io.kstretch.api.MemberCluster;
import io.kstretch.members.MemberConnection;
import io.kstretch.members.MemberKey;
import io.kstretch.members.MemberRegistry;
import io.kstretch.members.MemberUsage;
import io.kstretch.validation.Problem;

/**
 * Deleting a Kafka: in each remote member its GC anchors are released and deleted (garbage collection removes the
 * rest there) and kstretch waits until they are gone; in the central cluster the Kafka owns its objects directly.
 * A member that cannot be reached keeps the finalizer ({@code CleanupPending}) until it can, or until the Kafka is
 * annotated {@code kstretch.io/abandon-unreachable: "true"}; anchors left behind that way are swept when the
 * member is reachable again.
 */
final class KafkaCleanup {
    private static final Logger LOG = Logger.getLogger(KafkaCleanup.class);
    static final Duration RETRY_PENDING = Duration.ofSeconds(15);
    static final Duration RETRY_WAITING = Duration.ofSeconds(2);

    private final MemberRegistry registry;
    private final MemberUsage usage;
    private final ReconcileMetrics metrics;

    KafkaCleanup(MemberRegistry registry, MemberUsage usage, ReconcileMetrics metrics) {
        this.registry = registry;
        this.usage = usage;
        this.metrics = metrics;
    }

    DeleteControl cleanup(Kafka kafka, Context<Kafka> context, List<KafkaNodePool> pools,
            Map<String, MemberCluster> memberClusters) {
        String namespace = kafka.getMetadata().getNamespace();
        String name = kafka.getMetadata().getName();
        Set<String> members = new TreeSet<>();
        pools.forEach(p -> {
            if (p.getSpec() != null && p.getSpec().memberCluster != null) {
                members.add(p.getSpec().memberCluster);
            }
        });
        if (kafka.getStatus() != null && kafka.getStatus().members != null) {
            kafka.getStatus().members.forEach(m -> members.add(m.name));
        }
        ResourceID id = ResourceID.fromResource(kafka);
        usage.record(id, members);

        Map<String, String> unreachable = new TreeMap<>();
        Set<String> waiting = new TreeSet<>();
        for (String member : members) {
            MemberCluster mc = memberClusters.get(member);
            if (mc == null) {
                LOG.warnf("Kafka %s/%s: MemberCluster %s is gone; nothing can be cleaned up there", namespace, name,
                        member);
                continue;
            }
            if (mc.isCentral()) {
                continue; // the Kafka owns its objects here: garbage collection removes them after it
            }
            MemberKey key = MemberKey.of(mc);
            Optional<MemberConnection> connection = registry.connection(key)
                    .filter(c -> c.health().reachable() && c.isSynced(MemberRegistry.CORE_KINDS));
            if (connection.isEmpty()) {
                unreachable.put(member, registry.health(key).map(h -> h.reason() + ": " + h.message())
                        .orElse("not connected"));
                continue;
            }
            try {
                if (!Anchors.deleteAll(connection.get(), name, kafka.getMetadata().getUid())) {
                    waiting.add(member);
                }
            } catch (KubernetesClientException e) {
                unreachable.put(member, "API request failed: " + e.getMessage());
            }
        }

        boolean abandon = "true".equals(kafka.getMetadata().getAnnotations() == null ? null
                : kafka.getMetadata().getAnnotations().get(KStretch.ABANDON_UNREACHABLE_ANNOTATION));
        if (!unreachable.isEmpty() && !abandon) {
            pending(kafka, context, unreachable);
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(RETRY_PENDING);
        }
        if (!waiting.isEmpty()) {
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(RETRY_WAITING);
        }
        if (!unreachable.isEmpty()) {
            LOG.warnf("Kafka %s/%s: abandoning unreachable member(s) %s; their objects are removed when they are"
                    + " reachable again", namespace, name, unreachable.keySet());
        }
        usage.forget(id);
        metrics.forget(namespace, name);
        LOG.infof("Kafka %s/%s: cleaned up in every member", namespace, name);
        return DeleteControl.defaultDelete();
    }

    private static void pending(Kafka kafka, Context<Kafka> context, Map<String, String> unreachable) {
        String message = "cannot reach member(s) " + String.join(", ", unreachable.keySet()) + " to delete this"
                + " Kafka's objects there (" + unreachable.entrySet().stream().map(e -> e.getKey() + ": "
                        + e.getValue()).reduce((a, b) -> a + "; " + b).orElse("") + "). kstretch keeps the Kafka"
                + " until they can be cleaned up; to let go now, annotate it " + KStretch.ABANDON_UNREACHABLE_ANNOTATION
                + "=true (their objects are then removed when they are reachable again)";
        KafkaStatus status = KafkaStatusBuilder.invalid(kafka, List.of(new Problem("CleanupPending", message)),
                Instant.now());
        StatusWrites.write(context, kafka, kafka.getStatus(), status, kafka::setStatus);
    }
}
