package io.kstretch.spi;

import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;

/**
 * Read-only view of one member, from the operator's caches. While a member cannot be reached, the view shows what
 * was last observed there (and nothing for what was never observed), so that the endpoints of its nodes stay known
 * and the reachable members are not held up.
 */
public interface ObservedObjects {

    /**
     * An object kstretch wrote in this member for this Kafka, as last observed (e.g. a Service with its allocated
     * nodePort or its LoadBalancer ingress); empty when it has not been observed (yet).
     */
    <T extends HasMetadata> Optional<T> get(Class<T> type, String name);

    /**
     * The member's Nodes in name order, when the provider {@link NetworkingProvider#needsNodes() needs them} and they
     * have been listed at least once; empty (unknown, not "none") otherwise. A provider must not take "unknown" for
     * "there are no Nodes": report a pending endpoint, and skip prerequisite checks that need them.
     */
    Optional<List<Node>> nodes();

    /**
     * Whether the member serves this API (e.g. {@code multicluster.x-k8s.io/v1alpha1}, {@code ServiceExport}). When
     * that cannot be told (the member is not reachable), true: a prerequisite is reported missing only when it is.
     */
    boolean servesApi(String apiVersion, String kind);
}
