package io.kstretch.reconcile;

import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.kstretch.members.MemberConnection;
import io.kstretch.members.ResourceKind;
import io.kstretch.spi.ObservedObjects;

/**
 * A provider's read-only view of one member, backed by the member's caches: what was last observed there, also
 * while the member cannot be reached (empty when there is no connection at all).
 */
final class MemberView implements ObservedObjects {
    private final MemberConnection connection;
    private final boolean nodes;

    /**
     * @param connection the member's connection, or null
     * @param nodes whether the provider asked for the member's Nodes
     */
    MemberView(MemberConnection connection, boolean nodes) {
        this.connection = connection;
        this.nodes = nodes;
    }

    @Override
    public <T extends HasMetadata> Optional<T> get(Class<T> type, String name) {
        return connection == null ? Optional.empty() : connection.get(ResourceKind.of(type), name);
    }

    @Override
    public Optional<List<Node>> nodes() {
        return connection == null || !nodes ? Optional.empty() : connection.nodes();
    }

    /** Unknown (member not reachable) counts as served: a prerequisite is only reported missing when it is. */
    @Override
    public boolean servesApi(String apiVersion, String kind) {
        return connection == null || connection.servesApi(apiVersion, kind).orElse(true);
    }
}
