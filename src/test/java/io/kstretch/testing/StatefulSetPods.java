package io.kstretch.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The part of a StatefulSet controller the test pod runners share ({@link FakeStatefulSetController}, the local
 * kubelet): every StatefulSet not being deleted gets its pods {@code <name>-<ordinal>}, ordinals from
 * {@code spec.ordinals.start}, {@code replicas} of them (labels and annotations from the template plus
 * {@link #POD_NAME_LABEL}, spec from the template, owned by the StatefulSet); pods it selects past those are deleted.
 */
public final class StatefulSetPods {
    /** The label a StatefulSet's pod carries with its own name. */
    public static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";

    private StatefulSetPods() {
    }

    /**
     * One round over every StatefulSet of the cluster: makes the missing pods, hands each pod the StatefulSet wants
     * (found or just made, possibly being deleted) to {@code each}, then deletes the pods it no longer wants.
     */
    public static void sync(KubernetesClient client, BiConsumer<StatefulSet, Pod> each) {
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
                each.accept(sts, pod != null ? pod : create(client, sts, name));
            }
            existing.values().forEach(p -> client.pods().inNamespace(ns).resource(p).delete());
        }
    }

    private static Pod create(KubernetesClient client, StatefulSet sts, String name) {
        var template = sts.getSpec().getTemplate();
        Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
        labels.put(POD_NAME_LABEL, name);
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
}
