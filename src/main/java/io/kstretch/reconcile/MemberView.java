package io.kstretch.reconcile;

import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.kstretch.members.MemberConnection;
import io.kstretch.members.ResourceKind;
import io.kstretch.spi.ObservedObjects;

/** A provider's read-only view of one member, backed by the member's caches (empty when not connected). */
final class MemberView implements ObservedObjects {
    private final MemberConnection connection;

    MemberView(MemberConnection connection) {
        this.connection = connection;
    }

    @Override
    public <T extends HasMetadata> Optional<T> get(Class<T> type, String name) {
        return connection == null ? Optional.empty() : connection.get(ResourceKind.of(type), name);
    }

    @Override
    public List<Node> nodes() {
        return List.of();
    }

    /** Unknown (member not reachable) counts as served: a prerequisite is only reported missing when it is. */
    @Override
    public boolean servesApi(String apiVersion, String kind) {
        return connection == null || connection.servesApi(apiVersion, kind).orElse(true);
    }
}
