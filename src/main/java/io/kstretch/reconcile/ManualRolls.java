package io.kstretch.reconcile;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.kstretch.api.KStretch;
import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.members.MemberConnection;
import io.kstretch.members.ResourceKind;
import io.kstretch.render.KubernetesJson;
import io.kstretch.spi.KafkaNode;
import io.kstretch.topology.PoolLayout;
import io.kstretch.topology.Topology;

/**
 * The manual-roll annotation ({@value KStretch#MANUAL_ROLL_ANNOTATION}): on a pod it asks for that node's restart; on
 * a pool it is handed on to each of the pool's pods (then removed from the pool), so that every node restarts once
 * and a pod restarted since no longer carries it.
 */
final class ManualRolls {
    private static final Logger LOG = Logger.getLogger(ManualRolls.class);
    private static final String ANNOTATE = "{\"metadata\":{\"annotations\":{\"" + KStretch.MANUAL_ROLL_ANNOTATION
            + "\":\"true\"}}}";

    private ManualRolls() {
    }

    /**
     * Hands a pool's annotation on to its pods in reachable members; removes it from the pool once every pod has
     * it. Returns the number of writes.
     */
    static int propagate(KubernetesClient central, InformerEventSource<KafkaNodePool, Kafka> pools, Topology topology,
            Map<String, MemberConnection> reachable) {
        int writes = 0;
        for (PoolLayout layout : topology.pools()) {
            if (!annotated(layout.pool().getMetadata().getAnnotations())) {
                continue;
            }
            MemberConnection connection = reachable.get(layout.member().name());
            if (connection == null) {
                continue; // kept on the pool until its member can be reached
            }
            boolean all = true;
            for (KafkaNode node : layout.nodes()) {
                Optional<Pod> pod = connection.get(ResourceKind.of(Pod.class), node.podName());
                if (pod.isEmpty()) {
                    all = false;
                } else if (!annotated(pod.get().getMetadata().getAnnotations())) {
                    connection.client().pods().inNamespace(connection.namespace()).withName(node.podName())
                            .patch(PatchContext.of(PatchType.JSON_MERGE), ANNOTATE);
                    writes++;
                }
            }
            if (all) {
                LOG.infof("Kafka %s/%s: manual roll of pool %s handed on to its pods", topology.namespace(),
                        topology.kafkaName(), layout.name());
                // an update (with the resourceVersion read): removing a key by merge patch is not emulated by the
                // test API server, and the pool is only changed if nobody else changed it meanwhile
                KafkaNodePool pool = KubernetesJson.SERIALIZATION.clone(layout.pool());
                pool.getMetadata().getAnnotations().remove(KStretch.MANUAL_ROLL_ANNOTATION);
                pools.eventFilteringUpdateAndCacheResource(pool, p -> central.resource(p).update());
                writes++;
            }
        }
        return writes;
    }

    /** Node ids whose pods in reachable members ask for a restart. */
    static Set<Integer> requested(Topology topology, Map<String, MemberConnection> reachable) {
        Set<Integer> ids = new TreeSet<>();
        for (KafkaNode node : topology.nodes()) {
            MemberConnection connection = reachable.get(node.member().name());
            Optional<Pod> pod = connection == null ? Optional.empty()
                    : connection.get(ResourceKind.of(Pod.class), node.podName());
            if (pod.isPresent() && annotated(pod.get().getMetadata().getAnnotations())) {
                ids.add(node.id());
            }
        }
        return ids;
    }

    static boolean annotated(Map<String, String> annotations) {
        return annotations != null && "true".equalsIgnoreCase(annotations.get(KStretch.MANUAL_ROLL_ANNOTATION));
    }
}
