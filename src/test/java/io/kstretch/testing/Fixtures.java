package io.kstretch.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kstretch.api.KStretch;
import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.api.KafkaNodePoolSpec;
import io.kstretch.api.KafkaSpec;
import io.kstretch.api.Listener;
import io.kstretch.api.MemberCluster;
import io.kstretch.api.MemberClusterSpec;
import io.kstretch.api.Networking;
import io.kstretch.api.ProbeSpec;
import io.kstretch.api.ProcessRole;
import io.kstretch.api.SecretKeyReference;

/** Builders for the resources tests create. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Kafka kafka(String namespace, String name, String provider) {
        Kafka kafka = new Kafka();
        kafka.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        KafkaSpec spec = new KafkaSpec();
        spec.version = "4.4.0";
        spec.networking = new Networking();
        spec.networking.provider = provider;
        spec.listeners = List.of(new Listener("plain", 9092, false));
        spec.config = Map.of("auto.create.topics.enable", "false");
        kafka.setSpec(spec);
        return kafka;
    }

    public static KafkaNodePool pool(String namespace, String name, String kafka, String member, int replicas,
            ProcessRole... roles) {
        KafkaNodePool pool = new KafkaNodePool();
        pool.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                .withLabels(Map.of(KStretch.CLUSTER_LABEL, kafka)).build());
        KafkaNodePoolSpec spec = new KafkaNodePoolSpec();
        spec.memberCluster = member;
        spec.replicas = replicas;
        spec.roles = Arrays.asList(roles);
        pool.setSpec(spec);
        return pool;
    }

    /** Installs the MCS ServiceExport CRD, as an MCS implementation does (the mock then serves its API). */
    public static void installServiceExportCrd(KubernetesClient client) {
        installCrd(client, "multicluster.x-k8s.io", "ServiceExport", "Namespaced", "v1alpha1");
    }

    /** Installs the Cilium CRDs the cilium provider looks for (CiliumNode, CiliumEndpoint in cilium.io/v2). */
    public static void installCiliumCrds(KubernetesClient client) {
        installCrd(client, "cilium.io", "CiliumNode", "Cluster", "v2");
        installCrd(client, "cilium.io", "CiliumEndpoint", "Namespaced", "v2");
    }

    /** Installs the Istio CRDs the istio provider looks for (DestinationRule, Sidecar in networking.istio.io). */
    public static void installIstioCrds(KubernetesClient client) {
        installCrd(client, "networking.istio.io", "DestinationRule", "Namespaced", "v1", "v1beta1");
        installCrd(client, "networking.istio.io", "Sidecar", "Namespaced", "v1", "v1beta1");
    }

    /** Installs a CRD served in {@code versions} (the first is the storage version); the mock then serves it. */
    public static void installCrd(KubernetesClient client, String group, String kind, String scope,
            String... versions) {
        String plural = kind.toLowerCase(java.util.Locale.ROOT) + "s";
        var spec = new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(plural + "." + group).endMetadata()
                .withNewSpec().withGroup(group).withScope(scope)
                .withNewNames().withKind(kind).withPlural(plural).withSingular(kind.toLowerCase(java.util.Locale.ROOT))
                .endNames();
        for (int i = 0; i < versions.length; i++) {
            spec = spec.addNewVersion().withName(versions[i]).withServed(true).withStorage(i == 0)
                    .withNewSchema().withNewOpenAPIV3Schema().withType("object")
                    .withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema().endVersion();
        }
        client.apiextensions().v1().customResourceDefinitions().resource(spec.endSpec().build())
                .createOr(r -> r.update());
    }

    /** A MemberCluster for the central cluster itself (no kubeconfig). */
    public static MemberCluster centralMember(String namespace, String name) {
        return member(namespace, name, null);
    }

    /** A MemberCluster reached through the kubeconfig in Secret {@code secret}; probed every second. */
    public static MemberCluster member(String namespace, String name, String secret) {
        MemberCluster mc = new MemberCluster();
        mc.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        MemberClusterSpec spec = new MemberClusterSpec();
        if (secret != null) {
            spec.kubeconfigSecret = new SecretKeyReference(secret, "kubeconfig");
        }
        spec.probe = new ProbeSpec();
        spec.probe.periodSeconds = 1;
        spec.probe.timeoutSeconds = 1;
        mc.setSpec(spec);
        return mc;
    }
}
