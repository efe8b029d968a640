package io.kstretch.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.kstretch.api.JvmOptions;
import io.kstretch.api.KStretch;
import io.kstretch.api.KafkaSpec;
import io.kstretch.api.Storage;
import io.kstretch.spi.KafkaPort;
import io.kstretch.topology.PoolLayout;
import io.kstretch.topology.Topology;

/**
 * A pool's StatefulSet: {@code ordinals.start} = the pool's first node id so pod {@code <kafka>-<pool>-<id>} runs
 * node {@code <id>}; {@code OnDelete} updates (the operator restarts nodes itself, in a safe order); all pods
 * start in parallel (a quorum needs its peers before anyone is ready).
 */
public final class PoolStatefulSet {
    public static final String CONTAINER = "kafka";
    /** The apache/kafka image's non-root user. */
    public static final long KAFKA_UID = 1000L;

    private PoolStatefulSet() {
    }

    public static String image(KafkaSpec spec) {
        return spec.image != null && !spec.image.isBlank() ? spec.image : "apache/kafka:" + spec.version;
    }

    /** The StatefulSet with the pod template as kstretch renders it (no provider changes). */
    public static StatefulSet render(Topology topology, PoolLayout pool, Map<Integer, String> configHashes) {
        return render(topology, pool, configHashes, UnaryOperator.identity());
    }

    /**
     * @param configHashes per node id, the hash of what it reads from the ConfigMap (see {@link PoolConfigMap})
     * @param customize the networking provider's changes to the pod template
     *        ({@link io.kstretch.spi.NetworkingProvider#customizePod})
     * @return the StatefulSet; its pod template carries, per node, a hash of the node's configuration and of the
     *         template itself (as customised), so that a change of either restarts the node (see {@link NodeHashes})
     */
    public static StatefulSet render(Topology topology, PoolLayout pool, Map<Integer, String> configHashes,
            UnaryOperator<PodTemplateSpec> customize) {
        String kafka = topology.kafkaName();
        Storage storage = pool.pool().getSpec().storage == null ? new Storage() : pool.pool().getSpec().storage;
        String retention = storage.deletesClaims() ? "Delete" : "Retain";
        StatefulSetBuilder sts = new StatefulSetBuilder()
                .withNewMetadata()
                .withName(Names.statefulSet(kafka, pool.name()))
                .withLabels(Labels.poolSelector(kafka, pool.name()))
                .endMetadata()
                .withNewSpec()
                .withServiceName(Names.headlessService(kafka))
                .withReplicas(pool.replicas())
                .withNewOrdinals().withStart(pool.firstId()).endOrdinals()
                .withPodManagementPolicy("Parallel")
                .withNewUpdateStrategy().withType("OnDelete").endUpdateStrategy()
                .withNewSelector().withMatchLabels(Labels.poolSelector(kafka, pool.name())).endSelector()
                .withNewPersistentVolumeClaimRetentionPolicy()
                .withWhenDeleted(retention).withWhenScaled(retention)
                .endPersistentVolumeClaimRetentionPolicy()
                .withTemplate(hashed(customize.apply(podTemplate(topology, pool, storage)), configHashes))
                .endSpec();
        if (storage.isPersistent()) {
            sts.editSpec().withVolumeClaimTemplates(claim(kafka, pool, storage)).endSpec();
        }
        return sts.build();
    }

    /** {@code template} with the hashes annotation: each node's config hash combined with the template's. */
    private static PodTemplateSpec hashed(PodTemplateSpec template, Map<Integer, String> configHashes) {
        String hashes = NodeHashes.format(NodeHashes.withTemplate(configHashes, template));
        Map<String, String> annotations = new TreeMap<>(template.getMetadata().getAnnotations() == null ? Map.of()
                : template.getMetadata().getAnnotations());
        annotations.put(KStretch.CONFIG_HASHES_ANNOTATION, hashes);
        template.getMetadata().setAnnotations(annotations);
        return template;
    }

    private static PodTemplateSpec podTemplate(Topology topology, PoolLayout pool, Storage storage) {
        String kafka = topology.kafkaName();
        Map<String, String> labels = new TreeMap<>(Labels.managed(kafka, pool.member().name()));
        labels.putAll(Labels.poolSelector(kafka, pool.name()));
        List<KafkaPort> ports = pool.nodes().isEmpty() ? io.kstretch.topology.Ports.of(pool.controller(),
                pool.broker(), topology.kafka().getSpec().listeners) : pool.nodes().get(0).ports();
        // brokers are ready when their replication listener accepts connections, controller-only nodes on theirs
        int readinessPort = pool.broker() ? io.kstretch.topology.Ports.REPLICATION_PORT
                : io.kstretch.topology.Ports.CONTROLLER_PORT;

        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName("config").withNewConfigMap()
                .withName(Names.configMap(kafka, pool.name())).withDefaultMode(0444).endConfigMap().build());
        volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
        volumes.add(new VolumeBuilder().withName("certs").withNewSecret()
                .withSecretName(Names.certsSecret(kafka, pool.name())).withDefaultMode(0440).endSecret().build());
        if (!storage.isPersistent()) {
            volumes.add(new VolumeBuilder().withName("data").withNewEmptyDir()
                    .withSizeLimit(storage.size == null ? null : new Quantity(storage.size)).endEmptyDir().build());
        }
        List<VolumeMount> mounts = List.of(
                new VolumeMountBuilder().withName("config").withMountPath(StartScript.CONFIG_DIR).withReadOnly(true)
                        .build(),
                new VolumeMountBuilder().withName("data").withMountPath(StartScript.DATA_DIR).build(),
                new VolumeMountBuilder().withName("tmp").withMountPath(StartScript.TMP_DIR).build(),
                new VolumeMountBuilder().withName("certs").withMountPath(StartScript.CERTS_DIR).withReadOnly(true)
                        .build());
        List<ContainerPort> containerPorts = ports.stream()
                .map(p -> new ContainerPortBuilder().withName(p.name()).withContainerPort(p.port())
                        .withProtocol("TCP").build())
                .toList();

        return new PodTemplateSpecBuilder()
                .withNewMetadata()
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withServiceAccountName(Names.serviceAccount(kafka))
                .withAutomountServiceAccountToken(false)
                .withTerminationGracePeriodSeconds(120L)
                .withNewSecurityContext()
                .withRunAsNonRoot(true).withRunAsUser(KAFKA_UID).withRunAsGroup(KAFKA_UID).withFsGroup(KAFKA_UID)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .withNewAffinity().withNewPodAntiAffinity().addNewPreferredDuringSchedulingIgnoredDuringExecution()
                .withWeight(100).withNewPodAffinityTerm().withTopologyKey("kubernetes.io/hostname")
                .withNewLabelSelector().withMatchLabels(Labels.nodeSelector(kafka)).endLabelSelector()
                .endPodAffinityTerm().endPreferredDuringSchedulingIgnoredDuringExecution().endPodAntiAffinity()
                .endAffinity()
                .addNewContainer()
                .withName(CONTAINER)
                .withImage(image(topology.kafka().getSpec()))
                .withCommand("/bin/sh", StartScript.CONFIG_DIR + "/" + StartScript.FILE)
                .withEnv(env(pool))
                .withPorts(containerPorts)
                .withResources(resources(pool))
                .withVolumeMounts(mounts)
                .withNewReadinessProbe()
                .withNewTcpSocket().withPort(new IntOrString(readinessPort)).endTcpSocket()
                .withInitialDelaySeconds(5).withPeriodSeconds(5).withFailureThreshold(3)
                .endReadinessProbe()
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true).withRunAsNonRoot(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext()
                .endContainer()
                .withVolumes(volumes)
                .endSpec()
                .build();
    }

    private static List<EnvVar> env(PoolLayout pool) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVar("KSTRETCH_CONFIG_DIR", StartScript.CONFIG_DIR, null));
        env.add(new EnvVar("KSTRETCH_DATA_DIR", StartScript.DATA_DIR, null));
        env.add(new EnvVar("KSTRETCH_CERTS_DIR", StartScript.CERTS_DIR, null));
        env.add(new EnvVar("KSTRETCH_WORK_DIR", StartScript.TMP_DIR + "/kstretch", null));
        env.add(new EnvVar("KAFKA_HEAP_OPTS", heapOptions(pool.pool().getSpec().jvmOptions), null));
        return env;
    }

    /** -Xmx/-Xms from jvmOptions; without them half of the container's memory limit. */
    static String heapOptions(JvmOptions jvm) {
        List<String> options = new ArrayList<>();
        if (jvm != null && jvm.xmx != null) {
            options.add("-Xmx" + jvm.xmx);
        }
        if (jvm != null && jvm.xms != null) {
            options.add("-Xms" + jvm.xms);
        }
        if (options.isEmpty()) {
            options.add("-XX:MaxRAMPercentage=50.0");
        }
        return String.join(" ", options);
    }

    private static ResourceRequirements resources(PoolLayout pool) {
        ResourceRequirements r = pool.pool().getSpec().resources;
        return r == null ? new ResourceRequirements() : r;
    }

    private static PersistentVolumeClaim claim(String kafka, PoolLayout pool, Storage storage) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("data").withLabels(Labels.poolSelector(kafka, pool.name())).endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withStorageClassName(storage.storageClass)
                .withNewResources().addToRequests("storage", new Quantity(storage.size)).endResources()
                .endSpec()
                .build();
    }
}
