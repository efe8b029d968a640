package io.kstretch.reconcile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kstretch.api.KStretch;
import io.kstretch.members.MemberConnection;
import io.kstretch.members.ResourceKind;
import io.kstretch.render.Hashing;
import io.kstretch.render.KubernetesJson;

/**
 * Writes what kstretch wants into one member: creates what is missing, replaces what it rendered differently
 * (compared by the hash of the rendered object, so a no-op reconcile writes nothing), and prunes what it no longer
 * wants. Reads come from the member's caches; writes are create, update (with the cached resourceVersion) and
 * delete only, which every API server (and the test mock) supports.
 */
final class Applier {
    private static final Logger LOG = Logger.getLogger(Applier.class);

    private Applier() {
    }

    /** Makes {@code object} kstretch's: namespace, labels, owner, and the hash of the result as an annotation. */
    static <T extends HasMetadata> T decorate(T object, String namespace, Map<String, String> labels,
            OwnerReference owner) {
        var meta = object.getMetadata();
        meta.setNamespace(namespace);
        Map<String, String> merged = new TreeMap<>(meta.getLabels() == null ? Map.of() : meta.getLabels());
        merged.putAll(labels);
        meta.setLabels(merged);
        meta.setOwnerReferences(List.of(owner));
        Map<String, String> annotations = new TreeMap<>(meta.getAnnotations() == null ? Map.of()
                : meta.getAnnotations());
        annotations.remove(KStretch.RENDERED_HASH_ANNOTATION);
        meta.setAnnotations(annotations.isEmpty() ? null : annotations);
        String hash = Hashing.of(object);
        annotations.put(KStretch.RENDERED_HASH_ANNOTATION, hash);
        meta.setAnnotations(annotations);
        return object;
    }

    /**
     * Creates or replaces {@code desired} (already {@link #decorate decorated}) unless the member has it as rendered.
     *
     * @return the number of writes (0 or 1)
     */
    static int apply(MemberConnection member, HasMetadata desired) {
        ResourceKind kind = ResourceKind.of(desired);
        String name = desired.getMetadata().getName();
        HasMetadata actual = member.<HasMetadata> get(kind, name).orElse(null);
        if (actual == null) {
            try {
                member.create(desired);
                return 1;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw failure(member, desired, "create", e);
                }
                actual = read(member, desired);
                if (actual == null) {
                    throw new ApplyException("Conflict", kind.kind() + " " + name + " in member " + member.key()
                            + " was being created and deleted at once; retrying");
                }
                if (!KStretch.MANAGED_BY.equals(label(actual, KStretch.MANAGED_BY_LABEL))) {
                    throw new ApplyException("ForeignObject", kind.kind() + " " + name + " already exists in member "
                            + member.key() + " and is not managed by kstretch; delete or rename it");
                }
            }
        }
        if (hash(actual) != null && hash(actual).equals(hash(desired))) {
            return 0;
        }
        HasMetadata replacement = preserveServerFields(desired, actual);
        try {
            member.update(replacement);
            return 1;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                member.forget(kind, name);
            }
            throw failure(member, desired, "update", e);
        }
    }

    /**
     * Deletes every object of {@code kinds} labelled for {@code kafka} here whose owner is one of {@code ownerUids}
     * and that is not in {@code keep}. GC anchors are never pruned here.
     *
     * @return the number of deletions
     */
    static int prune(MemberConnection member, String kafka, Set<String> ownerUids, Set<String> keep,
            Collection<ResourceKind> kinds) {
        int deleted = 0;
        for (ResourceKind kind : kinds) {
            for (HasMetadata object : member.<HasMetadata> list(kind, kafka)) {
                if ("true".equals(label(object, KStretch.ANCHOR_LABEL)) || keep.contains(key(object))
                        || object.getMetadata().getDeletionTimestamp() != null || !ownedBy(object, ownerUids)) {
                    continue;
                }
                LOG.infof("member %s: deleting %s %s, no longer wanted by Kafka %s", member.key(), kind.kind(),
                        object.getMetadata().getName(), kafka);
                try {
                    member.delete(object);
                    deleted++;
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 404) {
                        throw failure(member, object, "delete", e);
                    }
                }
            }
        }
        return deleted;
    }

    /** Identity of an object among what is written to one member: kind and name. */
    static String key(HasMetadata object) {
        ResourceKind kind = ResourceKind.of(object);
        return kind.apiVersion() + "/" + kind.kind() + "/" + object.getMetadata().getName();
    }

    static boolean ownedBy(HasMetadata object, Set<String> ownerUids) {
        List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
        return refs != null && refs.stream().anyMatch(r -> ownerUids.contains(r.getUid()));
    }

    private static String hash(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(KStretch.RENDERED_HASH_ANNOTATION);
    }

    private static String label(HasMetadata object, String key) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }

    /**
     * The object to PUT: what kstretch renders, on top of what others keep on the live object - the
     * resourceVersion (optimistic locking), finalizers, annotations and labels kstretch does not set, and the
     * fields an API server allocates for a Service (cluster IPs, and node ports by port name where the desired
     * type has them) and its status.
     */
    static HasMetadata preserveServerFields(HasMetadata desired, HasMetadata actual) {
        HasMetadata replacement = copy(desired);
        var meta = replacement.getMetadata();
        var live = actual.getMetadata();
        meta.setResourceVersion(live.getResourceVersion());
        meta.setFinalizers(live.getFinalizers());
        if (live.getAnnotations() != null) {
            Map<String, String> annotations = new TreeMap<>(live.getAnnotations());
            annotations.putAll(meta.getAnnotations());
            meta.setAnnotations(annotations);
        }
        if (live.getLabels() != null) {
            Map<String, String> labels = new TreeMap<>(live.getLabels());
            labels.putAll(meta.getLabels());
            meta.setLabels(labels);
        }
        if (replacement instanceof Service service && actual instanceof Service current
                && current.getSpec() != null) {
            var spec = service.getSpec();
            var live2 = current.getSpec();
            if (spec.getClusterIP() == null) {
                spec.setClusterIP(live2.getClusterIP());
                spec.setClusterIPs(live2.getClusterIPs());
            }
            if (spec.getIpFamilies() == null || spec.getIpFamilies().isEmpty()) {
                spec.setIpFamilies(live2.getIpFamilies());
            }
            if (spec.getIpFamilyPolicy() == null) {
                spec.setIpFamilyPolicy(live2.getIpFamilyPolicy());
            }
            // status belongs to the Service's controllers (e.g. LoadBalancer ingress); an API server ignores it in
            // a PUT of the Service, the test mock would replace it
            service.setStatus(current.getStatus());
            String type = spec.getType() == null ? "ClusterIP" : spec.getType();
            if (!type.equals("NodePort") && !type.equals("LoadBalancer")) {
                // node ports exist only for these types; an API server refuses them on any other
                return replacement;
            }
            if (spec.getHealthCheckNodePort() == null && type.equals("LoadBalancer")
                    && "Local".equals(spec.getExternalTrafficPolicy())) {
                spec.setHealthCheckNodePort(live2.getHealthCheckNodePort());
            }
            Map<String, Integer> nodePorts = new HashMap<>();
            if (live2.getPorts() != null) {
                for (ServicePort p : live2.getPorts()) {
                    if (p.getNodePort() != null) {
                        nodePorts.put(p.getName() == null ? String.valueOf(p.getPort()) : p.getName(), p.getNodePort());
                    }
                }
            }
            if (spec.getPorts() != null) {
                for (ServicePort p : spec.getPorts()) {
                    if (p.getNodePort() == null) {
                        p.setNodePort(nodePorts.get(p.getName() == null ? String.valueOf(p.getPort()) : p.getName()));
                    }
                }
            }
        }
        return replacement;
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> T copy(T object) {
        return (T) KubernetesJson.SERIALIZATION.clone(object);
    }

    private static HasMetadata read(MemberConnection member, HasMetadata desired) {
        ResourceKind kind = ResourceKind.of(desired);
        if (kind.isGeneric()) {
            return member.client().genericKubernetesResources(kind.definition()).inNamespace(member.namespace())
                    .withName(desired.getMetadata().getName()).get();
        }
        return member.client().resources(kind.type()).inNamespace(member.namespace())
                .withName(desired.getMetadata().getName()).get();
    }

    private static ApplyException failure(MemberConnection member, HasMetadata object, String verb,
            KubernetesClientException e) {
        String what = object.getKind() + " " + object.getMetadata().getName() + " in member " + member.key();
        return switch (e.getCode()) {
            case 409 -> new ApplyException("Conflict", what + " changed while being written; retrying");
            case 422 -> new ApplyException("Invalid", "the API server refused to " + verb + " " + what + ": "
                    + apiMessage(e));
            case 401, 403 -> new ApplyException("Forbidden", "not allowed to " + verb + " " + what + " (HTTP "
                    + e.getCode() + "): grant the Role in k8s/member-rbac/");
            default -> new ApplyException("WriteFailed", "could not " + verb + " " + what + ": " + apiMessage(e));
        };
    }

    private static String apiMessage(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }

    /** The kinds of {@code objects}, for watching and pruning. */
    static List<ResourceKind> kinds(Collection<? extends HasMetadata> objects) {
        List<ResourceKind> kinds = new ArrayList<>();
        for (HasMetadata object : objects) {
            ResourceKind kind = ResourceKind.of(object);
            if (!kinds.contains(kind)) {
                kinds.add(kind);
            }
        }
        return kinds;
    }
}
