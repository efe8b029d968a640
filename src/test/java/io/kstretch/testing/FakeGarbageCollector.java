package io.kstretch.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Test stand-in for Kubernetes' garbage collector, which the fabric8 mock server does not run: every 100 ms it
 * deletes (in the background-propagation way) each object whose owner references all name objects that no longer
 * exist. An owner that is being deleted still exists, as for the real collector with background propagation.
 */
public final class FakeGarbageCollector implements AutoCloseable {
    private static final List<Class<? extends HasMetadata>> KINDS = List.of(ConfigMap.class, Secret.class,
            Service.class, StatefulSet.class, PodDisruptionBudget.class, ServiceAccount.class, Pod.class,
            PersistentVolumeClaim.class);

    private final KubernetesClient client;
    private final List<Class<? extends HasMetadata>> ownerKinds;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-gc");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param client the cluster to collect in
     * @param ownerKinds further kinds that own objects there (e.g. Kafka in the central cluster)
     */
    @SafeVarargs
    public FakeGarbageCollector(KubernetesClient client, Class<? extends HasMetadata>... ownerKinds) {
        this.client = client;
        this.ownerKinds = List.of(ownerKinds);
        executor.scheduleWithFixedDelay(this::collectQuietly, 100, 100, TimeUnit.MILLISECONDS);
    }

    private void collectQuietly() {
        try {
            collect();
        } catch (RuntimeException e) {
            // the cluster may be shutting down
        }
    }

    /**
     * One pass; returns how many objects were deleted. Like the real collector, which looks an owner up before it
     * deletes a dependent, an object is deleted only if its owners are still missing when looked up again after it
     * was listed: an owner created between the listing of its kind and that of its dependent's kind (the GC anchor
     * and the objects created right after it) is then seen.
     */
    public int collect() {
        List<HasMetadata> objects = listAll();
        Set<String> uids = uids(objects);
        List<HasMetadata> orphans = objects.stream().filter(o -> isOrphan(o, uids)).toList();
        if (orphans.isEmpty()) {
            return 0;
        }
        Set<String> now = uids(listAll());
        int deleted = 0;
        for (HasMetadata o : orphans) {
            if (isOrphan(o, now)) {
                client.resource(o).delete();
                deleted++;
            }
        }
        return deleted;
    }

    private List<HasMetadata> listAll() {
        List<HasMetadata> objects = new ArrayList<>();
        for (Class<? extends HasMetadata> kind : KINDS) {
            objects.addAll(client.resources(kind).inAnyNamespace().list().getItems());
        }
        objects.addAll(client.genericKubernetesResources(StretchEnvironment.SERVICE_EXPORT).inAnyNamespace().list()
                .getItems());
        return objects;
    }

    /** The uids of {@code objects} and of every object of the owner kinds. */
    private Set<String> uids(List<HasMetadata> objects) {
        Set<String> uids = new HashSet<>();
        objects.forEach(o -> uids.add(o.getMetadata().getUid()));
        for (Class<? extends HasMetadata> kind : ownerKinds) {
            client.resources(kind).inAnyNamespace().list().getItems().forEach(o -> uids.add(o.getMetadata().getUid()));
        }
        return uids;
    }

    private static boolean isOrphan(HasMetadata o, Set<String> uids) {
        List<OwnerReference> refs = o.getMetadata().getOwnerReferences();
        return refs != null && !refs.isEmpty() && o.getMetadata().getDeletionTimestamp() == null
                && refs.stream().noneMatch(r -> uids.contains(r.getUid()));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
