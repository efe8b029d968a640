package io.kstretch.members;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kstretch.api.KStretch;

/**
 * The operator's line to one member: a client, informers over the objects kstretch wrote there (in the member's
 * namespace, selected by kstretch's labels), a cache of its own recent writes, and the last probe result.
 * <p>
 * The member's Nodes are watched too, cluster-wide, once a networking provider asks for them
 * ({@link #watchNodes()}).
 * <p>
 * Informers are started asynchronously and retry forever: an unreachable member never blocks anything, it is only
 * reported as not {@link #isSynced synced}. Reads come from the informers; a write's result is kept until the
 * informer has caught up, so that a reconcile right after a write sees it (and does not write it again).
 */
public final class MemberConnection implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MemberConnection.class);

    private final MemberKey key;
    private final KubernetesClient client;
    private final String configHash;
    private final Consumer<HasMetadata> onEvent;
    private final Map<ResourceKind, SharedIndexInformer<? extends HasMetadata>> informers = new ConcurrentHashMap<>();
    private final WriteOverlay overlay = new WriteOverlay();
    private final Map<String, Discovery> discovery = new ConcurrentHashMap<>();
    private volatile MemberHealth health = MemberHealth.unknown();
    private volatile boolean closed;
    /** The member's Nodes (cluster-scoped, no kstretch labels), watched once a networking provider needs them. */
    private volatile SharedIndexInformer<Node> nodeInformer;
    private volatile String nodeWatchFailure;

    /**
     * @param key the member
     * @param client a client for the member, owned (and closed) by this connection
     * @param configHash hash of what the client was built from; a change means reconnect
     * @param onEvent called for every add, update and delete the informers see (for Nodes: only the changes that
     *        matter, see {@link #watchNodes()})
     */
    public MemberConnection(MemberKey key, KubernetesClient client, String configHash,
            Consumer<HasMetadata> onEvent) {
        this.key = key;
        this.client = client;
        this.configHash = configHash;
        this.onEvent = onEvent;
    }

    public MemberKey key() {
        return key;
    }

    /** Namespace of the data plane in this member. */
    public String namespace() {
        return key.namespace();
    }

    public KubernetesClient client() {
        return client;
    }

    public String configHash() {
        return configHash;
    }

    public MemberHealth health() {
        return health;
    }

    void health(MemberHealth health) {
        this.health = health;
    }

    /** Starts watching {@code kinds} (no-op for those already watched). Never blocks. */
    public void watch(Collection<ResourceKind> kinds) {
        for (ResourceKind kind : kinds) {
            if (!closed) {
                informers.computeIfAbsent(kind, this::startInformer);
            }
        }
    }

    /**
     * Starts watching the member's Nodes (no-op when already watched). Never blocks. Nodes carry no kstretch labels,
     * so this informer is cluster-wide and unfiltered; it needs read access to Nodes
     * ({@code k8s/member-rbac/nodes-clusterrole.yaml}). Only a change of a Node's readiness, schedulability,
     * addresses or existence is passed on as an event.
     */
    public synchronized void watchNodes() {
        if (closed || nodeInformer != null) {
            return;
        }
        SharedIndexInformer<Node> informer = client.nodes().runnableInformer(0);
        informer.exceptionHandler((started, t) -> {
            nodeWatchFailure = t.getMessage();
            LOG.debugf("member %s: watch of Nodes failed (%s); retrying", key, t.getMessage());
            return !closed;
        });
        informer.addEventHandler(new NodeHandler());
        informer.start().whenComplete((v, t) -> {
            if (t != null) {
                nodeWatchFailure = t.getMessage();
                LOG.debugf("member %s: Node informer not started yet: %s", key, t.getMessage());
            }
        });
        nodeInformer = informer;
    }

    /** Whether the member's Nodes are watched and have been listed once. */
    public boolean nodesSynced() {
        SharedIndexInformer<Node> informer = nodeInformer;
        return informer != null && informer.hasSynced();
    }

    /** Why the Nodes have not been listed yet (the last watch failure), if they have not and a failure is known. */
    public Optional<String> nodeWatchFailure() {
        return nodesSynced() ? Optional.empty() : Optional.ofNullable(nodeWatchFailure);
    }

    /** The member's Nodes in name order, as last observed; empty when they have not been listed (yet). */
    public Optional<List<Node>> nodes() {
        SharedIndexInformer<Node> informer = nodeInformer;
        if (informer == null || !informer.hasSynced()) {
            return Optional.empty();
        }
        List<Node> nodes = new ArrayList<>(informer.getStore().list());
        nodes.sort(java.util.Comparator.comparing(n -> n.getMetadata().getName()));
        return Optional.of(List.copyOf(nodes));
    }

    /** Whether every one of {@code kinds} is watched and its cache has been filled once. */
    public boolean isSynced(Collection<ResourceKind> kinds) {
        for (ResourceKind kind : kinds) {
            SharedIndexInformer<? extends HasMetadata> informer = informers.get(kind);
            if (informer == null || !informer.hasSynced()) {
                return false;
            }
        }
        return true;
    }

    /** The object of {@code kind} named {@code name}, as last observed or written. */
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> Optional<T> get(ResourceKind kind, String name) {
        SharedIndexInformer<? extends HasMetadata> informer = informers.get(kind);
        HasMetadata observed = informer == null ? null : informer.getStore().getByKey(namespace() + "/" + name);
        return Optional.ofNullable((T) overlay.read(kind, name, observed));
    }

    /** Every object of {@code kind} kstretch wrote for {@code kafka} here, as last observed or written. */
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> List<T> list(ResourceKind kind, String kafka) {
        SharedIndexInformer<? extends HasMetadata> informer = informers.get(kind);
        List<T> result = new ArrayList<>();
        if (informer == null) {
            return result;
        }
        for (HasMetadata observed : informer.getStore().list()) {
            if (kafka == null || kafka.equals(label(observed, KStretch.CLUSTER_LABEL))) {
                HasMetadata current = overlay.read(kind, observed.getMetadata().getName(), observed);
                if (current != null) {
                    result.add((T) current);
                }
            }
        }
        for (HasMetadata written : overlay.unobserved(kind, informer.getStore())) {
            if (kafka == null || kafka.equals(label(written, KStretch.CLUSTER_LABEL))) {
                result.add((T) written);
            }
        }
        result.sort(java.util.Comparator.comparing(o -> o.getMetadata().getName()));
        return result;
    }

    /**
     * Whether the member serves {@code kind} in {@code apiVersion} (API discovery, remembered for a minute), or
     * empty when that cannot be told because the member is not reachable.
     */
    public Optional<Boolean> servesApi(String apiVersion, String kind) {
        Discovery known = discovery.get(apiVersion);
        if (known == null || known.at().plus(DISCOVERY_TTL).isBefore(java.time.Instant.now())) {
            if (!health.reachable()) {
                return known == null ? Optional.empty() : Optional.of(known.kinds().contains(kind));
            }
            try {
                var resources = client.getApiResources(apiVersion);
                java.util.Set<String> kinds = resources == null || resources.getResources() == null
                        ? java.util.Set.of()
                        : resources.getResources().stream().map(r -> r.getKind()).collect(
                                java.util.stream.Collectors.toSet());
                known = new Discovery(kinds, java.time.Instant.now());
                discovery.put(apiVersion, known);
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 404) {
                    return Optional.empty();
                }
                known = new Discovery(java.util.Set.of(), java.time.Instant.now());
                discovery.put(apiVersion, known);
            }
        }
        return Optional.of(known.kinds().contains(kind));
    }

    private record Discovery(java.util.Set<String> kinds, java.time.Instant at) {
    }

    private static final java.time.Duration DISCOVERY_TTL = java.time.Duration.ofMinutes(1);

    /** Creates {@code object} in this member and remembers the result until the informer has it. */
    public <T extends HasMetadata> T create(T object) {
        T created = resource(object).create();
        overlay.written(ResourceKind.of(object), created);
        return created;
    }

    /**
     * Replaces {@code object} (optimistic: its resourceVersion must be current) and remembers the result. An update
     * that removes the last finalizer of an object being deleted lets the deletion complete: then the object is
     * remembered as gone, and null is returned when the API server answers without it (the test API server does).
     */
    public <T extends HasMetadata> T update(T object) {
        T updated = resource(object).update();
        if (updated == null) {
            overlay.deleted(ResourceKind.of(object), object.getMetadata().getName(), object.getMetadata().getUid());
            return null;
        }
        overlay.written(ResourceKind.of(object), updated);
        return updated;
    }

    /** Deletes {@code object} (background propagation) and remembers that it is gone. */
    public void delete(HasMetadata object) {
        resource(object).delete();
        overlay.deleted(ResourceKind.of(object), object.getMetadata().getName(), object.getMetadata().getUid());
    }

    /** Forgets what was written about {@code kind}/{@code name}, e.g. after a conflict showed the cache was stale. */
    public void forget(ResourceKind kind, String name) {
        overlay.forget(kind, name);
    }

    @Override
    public void close() {
        closed = true;
        informers.values().forEach(SharedIndexInformer::stop);
        informers.clear();
        synchronized (this) {
            if (nodeInformer != null) {
                nodeInformer.stop();
                nodeInformer = null;
            }
        }
        client.close();
    }

    public boolean isClosed() {
        return closed;
    }

    private SharedIndexInformer<? extends HasMetadata> startInformer(ResourceKind kind) {
        String selector = KStretch.MANAGED_BY_LABEL + "=" + KStretch.MANAGED_BY + "," + KStretch.MEMBER_LABEL + "="
                + key.name();
        SharedIndexInformer<? extends HasMetadata> informer = kind.isGeneric()
                ? client.genericKubernetesResources(kind.definition()).inNamespace(namespace())
                        .withLabelSelector(selector).runnableInformer(0)
                : client.resources(kind.type()).inNamespace(namespace()).withLabelSelector(selector)
                        .runnableInformer(0);
        informer.exceptionHandler((started, t) -> {
            LOG.debugf("member %s: watch of %s failed (%s); retrying", key, kind, t.getMessage());
            return !closed;
        });
        informer.addEventHandler(new Handler(kind));
        informer.start().whenComplete((v, t) -> {
            if (t != null) {
                LOG.debugf("member %s: %s informer not started yet: %s", key, kind, t.getMessage());
            }
        });
        return informer;
    }

    @SuppressWarnings("unchecked")
    private <T extends HasMetadata> io.fabric8.kubernetes.client.dsl.Resource<T> resource(T object) {
        ResourceKind kind = ResourceKind.of(object);
        if (kind.isGeneric()) {
            return (io.fabric8.kubernetes.client.dsl.Resource<T>) client.genericKubernetesResources(kind.definition())
                    .inNamespace(namespace()).resource((io.fabric8.kubernetes.api.model.GenericKubernetesResource) object);
        }
        return client.resource(object).inNamespace(namespace());
    }

    private static String label(HasMetadata o, String label) {
        Map<String, String> labels = o.getMetadata().getLabels();
        return labels == null ? null : labels.get(label);
    }

    /** What of a Node matters to kstretch: existence, readiness, schedulability, taints and addresses. */
    static String nodeSummary(Node node) {
        if (node == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(node.getMetadata().getName());
        s.append(node.getMetadata().getDeletionTimestamp() != null ? " deleting" : "");
        if (node.getSpec() != null) {
            s.append(" unschedulable=").append(Boolean.TRUE.equals(node.getSpec().getUnschedulable()));
            if (node.getSpec().getTaints() != null) {
                node.getSpec().getTaints().forEach(t -> s.append(" taint=").append(t.getKey()).append(':')
                        .append(t.getEffect()));
            }
        }
        if (node.getStatus() != null) {
            if (node.getStatus().getConditions() != null) {
                node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
                        .forEach(c -> s.append(" ready=").append(c.getStatus()));
            }
            if (node.getStatus().getAddresses() != null) {
                node.getStatus().getAddresses().forEach(a -> s.append(' ').append(a.getType()).append('=')
                        .append(a.getAddress()));
            }
        }
        return s.toString();
    }

    private final class NodeHandler implements ResourceEventHandler<Node> {
        @Override
        public void onAdd(Node node) {
            changed(node);
        }

        @Override
        public void onUpdate(Node oldNode, Node newNode) {
            if (!nodeSummary(oldNode).equals(nodeSummary(newNode))) {
                changed(newNode);
            }
        }

        @Override
        public void onDelete(Node node, boolean deletedFinalStateUnknown) {
            changed(node);
        }

        private void changed(Node node) {
            nodeWatchFailure = null;
            if (!closed) {
                onEvent.accept(node);
            }
        }
    }

    @SuppressWarnings("rawtypes")
    private final class Handler implements ResourceEventHandler {
        private final ResourceKind kind;

        Handler(ResourceKind kind) {
            this.kind = kind;
        }

        @Override
        public void onAdd(Object obj) {
            seen((HasMetadata) obj, false);
        }

        @Override
        public void onUpdate(Object oldObj, Object newObj) {
            seen((HasMetadata) newObj, false);
        }

        @Override
        public void onDelete(Object obj, boolean deletedFinalStateUnknown) {
            seen((HasMetadata) obj, true);
        }

        private void seen(HasMetadata object, boolean deleted) {
            overlay.observed(kind, object, deleted);
            if (!closed) {
                onEvent.accept(object);
            }
        }
    }
}
