package io.kstretch.render;

import static io.kstretch.render.RenderFixtures.at;
import static io.kstretch.render.RenderFixtures.member;
import static io.kstretch.render.RenderFixtures.pool;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kstretch.api.JvmOptions;
import io.kstretch.api.KStretch;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.api.KafkaSpec;
import io.kstretch.api.ProcessRole;
import io.kstretch.api.Quorum;
import io.kstretch.api.Storage;
import io.kstretch.topology.PoolLayout;
import io.kstretch.topology.Topology;

class PoolStatefulSetTest {

    private static Topology topology(KafkaNodePool brokers, String image) {
        var kafka = RenderFixtures.kafka(Quorum.DYNAMIC, Map.of());
        kafka.getSpec().image = image;
        return RenderFixtures.topology(kafka, List.of(member("east"), member("west")),
                at(0, pool("ctrl", "east", 3, ProcessRole.CONTROLLER)),
                at(100, brokers),
                at(200, pool("mix", "west", 2, ProcessRole.CONTROLLER, ProcessRole.BROKER)));
    }

    private static KafkaNodePool brokers() {
        return pool("brk", "west", 3, ProcessRole.BROKER);
    }

    private static StatefulSet render(Topology topology, String pool) {
        PoolLayout layout = topology.pools().stream().filter(p -> p.name().equals(pool)).findFirst().orElseThrow();
        return PoolStatefulSet.render(topology, layout, Map.of(layout.firstId(), "h0", layout.firstId() + 1, "h1"));
    }

    private static StatefulSet render(KafkaNodePool brokers) {
        return render(topology(brokers, null), "brk");
    }

    private static Container container(StatefulSet sts) {
        return sts.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Storage storage(String type, String size, Boolean deleteClaim) {
        Storage s = new Storage();
        s.type = type;
        s.size = size;
        s.deleteClaim = deleteClaim;
        return s;
    }

    @Test
    void identity_ordinals_and_update_policy() {
        StatefulSet sts = render(brokers());

        assertThat(sts.getMetadata().getName()).isEqualTo("my-cluster-brk");
        assertThat(sts.getSpec().getOrdinals().getStart()).isEqualTo(100);
        assertThat(sts.getSpec().getReplicas()).isEqualTo(3);
        assertThat(sts.getSpec().getUpdateStrategy().getType()).isEqualTo("OnDelete");
        assertThat(sts.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
        assertThat(sts.getSpec().getServiceName()).isEqualTo("my-cluster-nodes");
        assertThat(render(topology(brokers(), null), "mix").getSpec().getOrdinals().getStart()).isEqualTo(200);
        assertThat(render(topology(brokers(), null), "ctrl").getSpec().getOrdinals().getStart()).isEqualTo(0);
    }

    @Test
    void selector_matches_the_pod_template_labels_and_only_this_pool() {
        StatefulSet sts = render(brokers());
        Map<String, String> selector = sts.getSpec().getSelector().getMatchLabels();
        Map<String, String> podLabels = sts.getSpec().getTemplate().getMetadata().getLabels();

        assertThat(selector).isEqualTo(Labels.poolSelector("my-cluster", "brk"))
                .containsEntry(KStretch.POOL_LABEL, "brk");
        assertThat(podLabels).containsAllEntriesOf(selector)
                .containsAllEntriesOf(Labels.managed("my-cluster", "west"))
                .containsAllEntriesOf(Labels.nodeSelector("my-cluster"));
    }

    @Test
    void each_node_carries_a_hash_of_its_configuration_and_of_the_pod_template() {
        Topology topology = topology(brokers(), null);
        PoolLayout layout = topology.pools().stream().filter(p -> p.name().equals("brk")).findFirst().orElseThrow();
        Map<Integer, String> base = hashes(PoolStatefulSet.render(topology, layout, Map.of(100, "h0", 101, "h1")));
        assertThat(base).containsOnlyKeys(100, 101);
        assertThat(base.values()).doesNotHaveDuplicates().doesNotContain("h0", "h1");
        assertThat(hashes(PoolStatefulSet.render(topology, layout, Map.of(100, "h0", 101, "h1"))))
                .as("deterministic").isEqualTo(base);

        // a node's configuration changes: only that node's hash
        Map<Integer, String> config = hashes(PoolStatefulSet.render(topology, layout, Map.of(100, "h0", 101, "h2")));
        assertThat(config.get(100)).isEqualTo(base.get(100));
        assertThat(config.get(101)).isNotEqualTo(base.get(101));

        // the pod template changes (the image; or what the networking provider adds): every node's hash
        Topology otherImage = topology(brokers(), "registry.example.com/kafka:4.4.0-patched");
        PoolLayout sameLayout = otherImage.pools().stream().filter(p -> p.name().equals("brk")).findFirst()
                .orElseThrow();
        Map<Integer, String> image = hashes(PoolStatefulSet.render(otherImage, sameLayout,
                Map.of(100, "h0", 101, "h1")));
        Map<Integer, String> customized = hashes(PoolStatefulSet.render(topology, layout,
                Map.of(100, "h0", 101, "h1"), template -> {
                    template.getMetadata().getLabels().put("sidecar.example.com/inject", "true");
                    return template;
                }));
        for (int id : List.of(100, 101)) {
            assertThat(image.get(id)).as("image, node %d", id).isNotEqualTo(base.get(id));
            assertThat(customized.get(id)).as("provider, node %d", id).isNotEqualTo(base.get(id))
                    .isNotEqualTo(image.get(id));
        }
    }

    private static Map<Integer, String> hashes(StatefulSet sts) {
        return NodeHashes.parse(sts.getSpec().getTemplate().getMetadata().getAnnotations()
                .get(KStretch.CONFIG_HASHES_ANNOTATION));
    }

    @Test
    void claims_are_retained_unless_delete_claim() {
        KafkaNodePool keep = brokers();
        keep.getSpec().storage = storage(Storage.PERSISTENT_CLAIM, "10Gi", false);
        KafkaNodePool unset = brokers();
        unset.getSpec().storage = storage(Storage.PERSISTENT_CLAIM, "10Gi", null);
        KafkaNodePool delete = brokers();
        delete.getSpec().storage = storage(Storage.PERSISTENT_CLAIM, "10Gi", true);

        for (KafkaNodePool pool : List.of(keep, unset)) {
            var policy = render(pool).getSpec().getPersistentVolumeClaimRetentionPolicy();
            assertThat(policy.getWhenDeleted()).isEqualTo("Retain");
            assertThat(policy.getWhenScaled()).isEqualTo("Retain");
        }
        var policy = render(delete).getSpec().getPersistentVolumeClaimRetentionPolicy();
        assertThat(policy.getWhenDeleted()).isEqualTo("Delete");
        assertThat(policy.getWhenScaled()).isEqualTo("Delete");
    }

    @Test
    void persistent_claim_gets_a_claim_template_and_no_data_volume() {
        KafkaNodePool pool = brokers();
        pool.getSpec().storage = storage(Storage.PERSISTENT_CLAIM, "100Gi", false);
        pool.getSpec().storage.storageClass = "fast";
        StatefulSet sts = render(pool);

        assertThat(sts.getSpec().getVolumeClaimTemplates()).hasSize(1);
        PersistentVolumeClaim claim = sts.getSpec().getVolumeClaimTemplates().get(0);
        assertThat(claim.getMetadata().getName()).isEqualTo("data");
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast");
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("100Gi"));
        assertThat(sts.getSpec().getTemplate().getSpec().getVolumes()).extracting(Volume::getName)
                .doesNotContain("data");
        assertThat(container(sts).getVolumeMounts()).extracting(VolumeMount::getName).contains("data");
    }

    @Test
    void ephemeral_and_default_storage_use_an_empty_dir() {
        KafkaNodePool ephemeral = brokers();
        ephemeral.getSpec().storage = storage(Storage.EPHEMERAL, "5Gi", null);

        for (KafkaNodePool pool : List.of(ephemeral, brokers())) {
            StatefulSet sts = render(pool);
            assertThat(sts.getSpec().getVolumeClaimTemplates()).isNullOrEmpty();
            Volume data = sts.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(v -> v.getName().equals("data")).findFirst().orElseThrow();
            assertThat(data.getEmptyDir()).isNotNull();
        }
        Volume data = render(ephemeral).getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("data")).findFirst().orElseThrow();
        assertThat(data.getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("5Gi"));
    }

    @Test
    void readiness_probe_uses_replication_port_on_brokers_and_controller_port_on_controllers() {
        Topology topology = topology(brokers(), null);

        assertThat(container(render(topology, "brk")).getReadinessProbe().getTcpSocket().getPort().getIntVal())
                .isEqualTo(9091);
        assertThat(container(render(topology, "mix")).getReadinessProbe().getTcpSocket().getPort().getIntVal())
                .isEqualTo(9091);
        assertThat(container(render(topology, "ctrl")).getReadinessProbe().getTcpSocket().getPort().getIntVal())
                .isEqualTo(9090);
    }

    @Test
    void container_ports_are_the_pool_nodes_ports() {
        Topology topology = topology(brokers(), null);

        assertThat(container(render(topology, "ctrl")).getPorts()).extracting(ContainerPort::getName,
                ContainerPort::getContainerPort).containsExactly(org.assertj.core.groups.Tuple.tuple("controller",
                        9090));
        assertThat(container(render(topology, "brk")).getPorts()).extracting(ContainerPort::getContainerPort)
                .containsExactly(9091, 9092, 9094);
        assertThat(container(render(topology, "mix")).getPorts()).extracting(ContainerPort::getName)
                .containsExactly("controller", "replication", "plain", "ext");
    }

    @Test
    void image_defaults_to_apache_kafka_of_the_version_and_can_be_overridden() {
        assertThat(container(render(brokers())).getImage()).isEqualTo("apache/kafka:4.4.0");
        assertThat(container(render(topology(brokers(), "registry.example/kafka:custom"), "brk")).getImage())
                .isEqualTo("registry.example/kafka:custom");
        assertThat(container(render(topology(brokers(), "  "), "brk")).getImage()).isEqualTo("apache/kafka:4.4.0");

        KafkaSpec spec = new KafkaSpec();
        spec.version = "3.9.1";
        assertThat(PoolStatefulSet.image(spec)).isEqualTo("apache/kafka:3.9.1");
    }

    @Test
    void heap_options_from_jvm_options_or_a_share_of_the_memory_limit() {
        JvmOptions both = new JvmOptions();
        both.xmx = "2g";
        both.xms = "1g";
        JvmOptions xmx = new JvmOptions();
        xmx.xmx = "3g";
        JvmOptions xms = new JvmOptions();
        xms.xms = "512m";

        assertThat(PoolStatefulSet.heapOptions(both)).isEqualTo("-Xmx2g -Xms1g");
        assertThat(PoolStatefulSet.heapOptions(xmx)).isEqualTo("-Xmx3g");
        assertThat(PoolStatefulSet.heapOptions(xms)).isEqualTo("-Xms512m");
        assertThat(PoolStatefulSet.heapOptions(new JvmOptions())).isEqualTo("-XX:MaxRAMPercentage=50.0");
        assertThat(PoolStatefulSet.heapOptions(null)).isEqualTo("-XX:MaxRAMPercentage=50.0");

        KafkaNodePool pool = brokers();
        pool.getSpec().jvmOptions = both;
        assertThat(container(render(pool)).getEnv()).contains(new EnvVar("KAFKA_HEAP_OPTS", "-Xmx2g -Xms1g", null));
        assertThat(container(render(brokers())).getEnv())
                .contains(new EnvVar("KAFKA_HEAP_OPTS", "-XX:MaxRAMPercentage=50.0", null));
    }

    @Test
    void runs_the_start_script_from_the_mounted_config_map() {
        StatefulSet sts = render(brokers());
        Container c = container(sts);

        assertThat(c.getCommand()).containsExactly("/bin/sh", "/opt/kstretch/config/run.sh");
        Volume config = sts.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("config")).findFirst().orElseThrow();
        assertThat(config.getConfigMap().getName()).isEqualTo(Names.configMap("my-cluster", "brk"));
        assertThat(c.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo("config");
            assertThat(m.getMountPath()).isEqualTo(StartScript.CONFIG_DIR);
            assertThat(m.getReadOnly()).isTrue();
        });
        assertThat(c.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo("data");
            assertThat(m.getMountPath()).isEqualTo("/var/lib/kafka/data");
        });
        assertThat(c.getEnv()).contains(new EnvVar("KSTRETCH_CONFIG_DIR", StartScript.CONFIG_DIR, null),
                new EnvVar("KSTRETCH_DATA_DIR", "/var/lib/kafka/data", null));
        // the script's work dir must be on a writable volume: the root filesystem is read-only
        String workDir = c.getEnv().stream().filter(e -> e.getName().equals("KSTRETCH_WORK_DIR")).findFirst()
                .orElseThrow().getValue();
        assertThat(c.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getReadOnly()).isNotEqualTo(Boolean.TRUE);
            assertThat(workDir).startsWith(m.getMountPath() + "/");
        });
    }

    @Test
    void runs_as_the_non_root_kafka_user_without_privileges() {
        StatefulSet sts = render(brokers());
        var pod = sts.getSpec().getTemplate().getSpec();
        Container c = container(sts);

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
        assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(1000L);
        assertThat(c.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(pod.getServiceAccountName()).isEqualTo("my-cluster-kafka");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    }
}
