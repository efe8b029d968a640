package io.kstretch.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Test stand-in for the StatefulSet controller and the kubelets, which the fabric8 mock server does not run: every
 * 100 ms it makes each StatefulSet's pods exist (ordinals from {@code spec.ordinals.start}, labels and annotations
 * from the template, owned by the StatefulSet), removes pods past {@code replicas}, and reports a pod Ready when
 * {@link #readiness} says so (by default always). With {@code OnDelete} a deleted pod comes back with the current
 * template, as a real StatefulSet's does.
 */
public final class FakeStatefulSetController implements AutoCloseable {
    private final KubernetesClient client;
    private volatile Predicate<Pod> readiness = p -> true;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-statefulset-controller");
        t.setDaemon(true);
        return t;
    });

    public FakeStatefulSetController(KubernetesClient client) {
        this.client = client;
        executor.scheduleWithFixedDelay(this::syncQuietly, 100, 100, TimeUnit.MILLISECONDS);
    }

    /** Which pods are reported Ready. */
    public FakeStatefulSetController readiness(Predicate<Pod> readiness) {
        this.readiness = readiness;
        return this;
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (RuntimeException e) {
            // the cluster may be shutting down
        }
    }

    public void sync() {
        for (StatefulSet sts : client.apps().statefulSets().inAnyNamespace().list().getItems()) {
            if (sts.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            String ns = sts.getMetadata().getNamespace();
            int start = sts.getSpec().getOrdinals() == null ? 0 : sts.getSpec().getOrdinals().getStart();
            int replicas = sts.getSpec().getReplicas() == null ? 1 : sts.getSpec().getReplicas();
            Map<String, Pod> existing = new HashMap<>();
            client.pods().inNamespace(ns).withLabels(sts.getSpec().getSelector().getMatchLabels()).list().getItems()
                    .forEach(p -> existing.put(p.getMetadata().getName(), p));
            for (int ordinal = start; ordinal < start + replicas; ordinal++) {
                String name = sts.getMetadata().getName() + "-" + ordinal;
                Pod pod = existing.remove(name);
                if (pod == null) {
                    pod = create(sts, name);
                }
                boolean ready = readiness.test(pod);
                boolean reported = pod.getStatus() != null && pod.getStatus().getConditions() != null
                        && pod.getStatus().getConditions().stream()
                                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
                if (ready != reported && pod.getMetadata().getDeletionTimestamp() == null) {
                    Pod updated = new PodBuilder(pod).editOrNewStatus().withPhase("Running")
                            .withConditions(new PodConditionBuilder().withType("Ready")
                                    .withStatus(ready ? "True" : "False").build())
                            .endStatus().build();
                    client.pods().inNamespace(ns).resource(updated).updateStatus();
                }
            }
            existing.values().forEach(p -> client.pods().inNamespace(ns).resource(p).delete());
        }
    }

    private Pod create(StatefulSet sts, String name) {
        var template = sts.getSpec().getTemplate();
        Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
        labels.put("statefulset.kubernetes.io/pod-name", name);
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(sts.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(template.getMetadata().getAnnotations())
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("StatefulSet")
                        .withName(sts.getMetadata().getName()).withUid(sts.getMetadata().getUid())
                        .withController(true).build())
                .endMetadata()
                .withSpec(template.getSpec())
                .withNewStatus().withPhase("Pending").withConditions(List.of()).endStatus()
                .build();
        return client.pods().inNamespace(sts.getMetadata().getNamespace()).resource(pod).create();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
