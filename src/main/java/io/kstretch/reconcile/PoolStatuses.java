package io.kstretch.reconcile;

import java.util.List;
import java.util.function.Consumer;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.kstretch.api.Conditions;
import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.api.KafkaNodePoolStatus;
import io.kstretch.members.MemberConnection;
import io.kstretch.render.KubernetesJson;
import io.kstretch.spi.KafkaNode;
import io.kstretch.topology.PoolLayout;

/** Writes node pool statuses (only when they change), through the pool informer so its own event is filtered. */
final class PoolStatuses {
    private PoolStatuses() {
    }

    static void write(KubernetesClient client, InformerEventSource<KafkaNodePool, Kafka> informer,
            KafkaNodePool pool, Consumer<KafkaNodePoolStatus> change) {
        KafkaNodePoolStatus current = pool.getStatus();
        KafkaNodePoolStatus next = current == null ? new KafkaNodePoolStatus() : KubernetesJson.SERIALIZATION.clone(current);
        change.accept(next);
        if (StatusWrites.same(current, next)) {
            return;
        }
        KafkaNodePool copy = KubernetesJson.SERIALIZATION.clone(pool);
        copy.setStatus(next);
        informer.eventFilteringUpdateAndCacheResource(copy,
                p -> client.resource(p).updateStatus());
    }

    /** The pool may shrink: its status now says {@code replicas}, so the next pass renders that many. */
    static void shrink(KafkaNodePoolStatus status, int replicas) {
        status.replicas = replicas;
        if (status.nodeIds != null && status.nodeIds.size() > replicas) {
            status.nodeIds = List.copyOf(status.nodeIds.subList(0, replicas));
        }
    }

    /** The pool's status as observed: ids, replicas, ready pods, and a Ready condition. */
    static void observe(KafkaNodePoolStatus status, PoolLayout layout, MemberConnection connection,
            String unreachable) {
        status.observedGeneration = layout.pool().getMetadata().getGeneration();
        status.memberCluster = layout.member().name();
        status.nodeIdStart = layout.firstId();
        status.nodeIds = layout.nodes().stream().map(KafkaNode::id).toList();
        status.replicas = layout.replicas();
        if (connection != null) {
            status.readyReplicas = (int) layout.nodes().stream()
                    .filter(n -> NodeReadiness.podReady(connection, n)).count();
        }
        var ready = unreachable != null
                ? Conditions.of(Conditions.READY, false, "MemberUnreachable", "member " + layout.member().name()
                        + " cannot be reached: " + unreachable)
                : status.readyReplicas != null && status.readyReplicas == status.replicas
                        ? Conditions.of(Conditions.READY, true, "Ready", "all nodes ready")
                        : Conditions.of(Conditions.READY, false, "NodesNotReady",
                                status.readyReplicas + " of " + status.replicas + " nodes ready");
        status.conditions = Conditions.merge(status.conditions, List.of(ready),
                layout.pool().getMetadata().getGeneration(), java.time.Instant.now());
    }
}
