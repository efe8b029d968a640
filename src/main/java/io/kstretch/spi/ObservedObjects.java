package io.kstretch.spi;

import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;

/** Read-only view of one member, from the operator's caches. */
public interface ObservedObjects {

    /** An object kstretch wrote in this member for this Kafka, as last observed (e.g. a Service with its nodePort). */
    <T extends HasMetadata> Optional<T> get(Class<T> type, String name);

    /** The member's Nodes, when the provider asked for them (see {@link Member}); otherwise empty. */
    List<Node> nodes();

    /** Whether the member serves this API (e.g. {@code multicluster.x-k8s.io/v1alpha1}, {@code ServiceExport}). */
    boolean servesApi(String apiVersion, String kind);
}
