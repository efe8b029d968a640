package io.kstretch.reconcile;

import static io.kstretch.api.ProcessRole.BROKER;
import static io.kstretch.api.ProcessRole.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kstretch.api.Conditions;
import io.kstretch.api.KStretch;
import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.kafka.KafkaAdmins;
import io.kstretch.kafka.PartitionState;
import io.kstretch.testing.FakeKafkaAdmin;
import io.kstretch.testing.Fixtures;
import io.kstretch.testing.OperatorTestSupport;
import io.kstretch.testing.StretchEnvironment;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/** A Kafka across the central cluster and two remote members: what lands where, scaling, removing a pool. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class StretchedKafkaTest extends OperatorTestSupport {
    static final List<String> MEMBERS = List.of("central", "east", "west");

    @Test
    void createsEveryObjectWithOwnerAndLabelsInEveryMember() {
        String ns = "create";
        env.createStretchedKafka(ns);
        Kafka kafka = awaitReady(ns, "my-cluster");

        assertThat(kafka.getStatus().clusterId).hasSize(22);
        assertThat(kafka.getStatus().controllers).hasSize(3)
                .allSatisfy(c -> assertThat(c.directoryId).as("directory id of %s", c.id).hasSize(22));
        assertThat(kafka.getStatus().members).extracting(m -> m.name + ":" + m.nodes + "/" + m.readyNodes)
                .containsExactly("central:1/1", "east:1/1", "west:1/1");
        assertThat(kafka.getStatus().memberNames).isEqualTo("central,east,west");
        assertThat(kafka.getStatus().quorumBootstrapped).isTrue();
        assertThat(kafka.getStatus().networking.provider).isEqualTo("mcs");
        assertThat(kafka.getStatus().listeners).singleElement().satisfies(l -> {
            assertThat(l.name).isEqualTo("plain");
            assertThat(l.bootstrapServers.split(",")).hasSize(3)
                    .anySatisfy(s -> assertThat(s).contains(".central.")).anySatisfy(s -> assertThat(s).contains(".east."))
                    .anySatisfy(s -> assertThat(s).contains(".west."));
        });
        String bootstrapServers = null;

        for (String member : MEMBERS) {
            KubernetesClient client = env.client(member);
            KafkaNodePool pool = pool(ns, member + "-pool");
            int id = pool.getStatus().nodeIdStart;
            assertThat(pool.getStatus().nodeIds).containsExactly(id);
            assertThat(pool.getStatus().readyReplicas).isEqualTo(1);
            String owner = member.equals("central") ? kafka.getMetadata().getUid()
                    : anchorUid(client, ns, "my-cluster-kstretch-anchor");

            StatefulSet sts = client.apps().statefulSets().inNamespace(ns).withName("my-cluster-" + member + "-pool")
                    .get();
            assertThat(sts.getSpec().getOrdinals().getStart()).isEqualTo(id);
            assertThat(sts.getSpec().getReplicas()).isEqualTo(1);
            assertThat(sts.getSpec().getUpdateStrategy().getType()).isEqualTo("OnDelete");
            assertThat(sts.getSpec().getServiceName()).isEqualTo("my-cluster-nodes");
            assertThat(sts.getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsKey(KStretch.CONFIG_HASHES_ANNOTATION);
            assertManaged(sts, member, owner);

            ConfigMap cm = client.configMaps().inNamespace(ns).withName("my-cluster-" + member + "-pool-config").get();
            assertManaged(cm, member, owner);
            assertThat(cm.getData()).containsKeys("node-" + id + ".properties", "node-" + id + ".format-args",
                    "cluster-id", "run.sh");
            assertThat(cm.getData().get("cluster-id")).isEqualTo(kafka.getStatus().clusterId);
            String props = cm.getData().get("node-" + id + ".properties");
            String host = "my-cluster-" + member + "-pool-" + id + "." + member + ".my-cluster-nodes." + ns
                    + ".svc.clusterset.local";
            assertThat(props).contains("REPLICATION://" + host + ":9091", "PLAIN://" + host + ":9092",
                    "CONTROLLER://" + host + ":9090", "broker.rack=" + member,
                    "auto.create.topics.enable=false");
            String quorum = props.lines().filter(l -> l.startsWith("controller.quorum.bootstrap.servers="))
                    .findFirst().orElseThrow();
            assertThat(quorum.split(",")).hasSize(3);
            if (bootstrapServers == null) {
                bootstrapServers = quorum;
            }
            assertThat(quorum).as("every node has the same quorum").isEqualTo(bootstrapServers);
            assertThat(cm.getData().get("node-" + id + ".format-args"))
                    .as("once the quorum has bootstrapped no node formats with --initial-controllers")
                    .isEqualTo("--no-initial-controllers");

            Service headless = client.services().inNamespace(ns).withName("my-cluster-nodes").get();
            assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
            assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
            assertManaged(headless, member, owner);
            assertManaged(client.policy().v1().podDisruptionBudget().inNamespace(ns)
                    .withName("my-cluster-" + member + "-pool").get(), member, owner);
            assertManaged(client.serviceAccounts().inNamespace(ns).withName("my-cluster-kafka").get(), member, owner);
            GenericKubernetesResource export = client.genericKubernetesResources(StretchEnvironment.SERVICE_EXPORT).inNamespace(ns)
                    .withName("my-cluster-nodes").get();
            assertThat(export).as("ServiceExport in %s", member).isNotNull();
            assertManaged(export, member, owner);
        }
        ConfigMap anchor = env.client("east").configMaps().inNamespace(ns).withName("my-cluster-kstretch-anchor").get();
        assertThat(anchor.getMetadata().getFinalizers()).containsExactly(KStretch.ANCHOR_FINALIZER);
        assertThat(anchor.getMetadata().getLabels()).containsEntry(KStretch.KAFKA_UID_LABEL, kafka.getMetadata().getUid())
                .containsEntry(KStretch.KAFKA_NAMESPACE_LABEL, ns).containsEntry(KStretch.CLUSTER_LABEL, "my-cluster");
        assertThat(central.configMaps().inNamespace(ns).withName("my-cluster-kstretch-anchor").get())
                .as("no anchor in the central cluster").isNull();
    }

    @Test
    void bootstrapControllersFormatWithInitialControllersUntilTheyHaveStarted() {
        String ns = "bootstrap";
        MEMBERS.forEach(m -> env.controller(m).readiness(p -> !ns.equals(p.getMetadata().getNamespace())));
        try {
            env.createStretchedKafka(ns);
            Kafka kafka = awaitNotReady(ns, "my-cluster", "NodesNotReady");
            assertThat(kafka.getStatus().quorumBootstrapped).isNull();
            String expected = kafka.getStatus().controllers.stream()
                    .map(c -> c.id + "@my-cluster-" + c.member + "-pool-" + c.id + "." + c.member
                            + ".my-cluster-nodes." + ns + ".svc.clusterset.local:9090:" + c.directoryId)
                    .collect(Collectors.joining(","));
            Map<String, String> hashes = new java.util.HashMap<>();
            for (String member : MEMBERS) {
                int id = pool(ns, member + "-pool").getStatus().nodeIdStart;
                ConfigMap cm = env.client(member).configMaps().inNamespace(ns)
                        .withName("my-cluster-" + member + "-pool-config").get();
                assertThat(cm.getData().get("node-" + id + ".format-args"))
                        .isEqualTo("--initial-controllers " + expected);
                hashes.put(member, podTemplateHashes(env.client(member), ns, member));
            }

            MEMBERS.forEach(m -> env.controller(m).readiness(p -> true));
            kafka = awaitReady(ns, "my-cluster");
            assertThat(kafka.getStatus().quorumBootstrapped).isTrue();
            for (String member : MEMBERS) {
                int id = pool(ns, member + "-pool").getStatus().nodeIdStart;
                eventually(() -> assertThat(env.client(member).configMaps().inNamespace(ns)
                        .withName("my-cluster-" + member + "-pool-config").get().getData()
                        .get("node-" + id + ".format-args")).isEqualTo("--no-initial-controllers"));
                assertThat(podTemplateHashes(env.client(member), ns, member))
                        .as("the format arguments are not part of what needs a restart").isEqualTo(hashes.get(member));
            }
        } finally {
            MEMBERS.forEach(m -> env.controller(m).readiness(p -> true));
        }
    }

    private static String podTemplateHashes(KubernetesClient client, String ns, String member) {
        return client.apps().statefulSets().inNamespace(ns).withName("my-cluster-" + member + "-pool").get().getSpec()
                .getTemplate().getMetadata().getAnnotations().get(KStretch.CONFIG_HASHES_ANNOTATION);
    }

    /**
     * Scaling a combined pool, with an Admin API fake standing in for the cluster: the new controllers join the
     * quorum, every node is rolled to learn of them, and on the way down they leave the quorum (and hold no
     * partition) before the pool shrinks; a partition on a leaving broker blocks the shrink, naming its topic.
     */
    @Test
    void scalesAPoolUpAndDown() {
        String ns = "scale";
        FakeKafkaAdmin cluster = new FakeKafkaAdmin();
        QuarkusMock.installMockForType(cluster.admins(), KafkaAdmins.class);
        env.createStretchedKafka(ns);
        awaitReady(ns, "my-cluster");
        cluster.voters(kafka(ns, "my-cluster").getStatus().controllers.stream().map(c -> c.id).toList());
        int first = pool(ns, "east-pool").getStatus().nodeIdStart;
        cluster.observers(first + 1, first + 2);
        KubernetesClient east = env.client("east");
        String stsUid = east.apps().statefulSets().inNamespace(ns).withName("my-cluster-east-pool").get()
                .getMetadata().getUid();

        central.resources(KafkaNodePool.class).inNamespace(ns).withName("east-pool")
                .edit(p -> {
                    p.getSpec().replicas = 3;
                    return p;
                });
        eventually(() -> {
            KafkaNodePool pool = pool(ns, "east-pool");
            assertThat(pool.getStatus().nodeIds).containsExactly(first, first + 1, first + 2);
            assertThat(pool.getStatus().readyReplicas).isEqualTo(3);
            StatefulSet sts = east.apps().statefulSets().inNamespace(ns).withName("my-cluster-east-pool").get();
            assertThat(sts.getSpec().getReplicas()).isEqualTo(3);
            assertThat(sts.getMetadata().getUid()).as("updated in place").isEqualTo(stsUid);
            assertThat(east.configMaps().inNamespace(ns).withName("my-cluster-east-pool-config").get().getData())
                    .containsKeys("node-" + (first + 1) + ".properties", "node-" + (first + 2) + ".properties");
            assertThat(east.pods().inNamespace(ns).withName("my-cluster-east-pool-" + (first + 2)).get()).isNotNull();
        });
        awaitKafka(ns, "my-cluster", k -> assertThat(k.getStatus().members)
                .anySatisfy(m -> assertThat(m.name + ":" + m.readyNodes).isEqualTo("east:3")));
        awaitCondition(ns, "my-cluster", "QuorumUpToDate", "True");
        assertThat(cluster.calls).containsExactly("add " + (first + 1), "add " + (first + 2));
        awaitCondition(ns, "my-cluster", "NodesUpToDate", "True");

        // down: a partition on a leaving broker blocks it
        cluster.partitions(List.of(new PartitionState("orders", 0, List.of(first, first + 2), List.of(first), 1)));
        central.resources(KafkaNodePool.class).inNamespace(ns).withName("east-pool")
                .edit(p -> {
                    p.getSpec().replicas = 1;
                    return p;
                });
        // the controllers leave the quorum first, then the shrink waits for the partition
        Kafka blocked = awaitCondition(ns, "my-cluster", "NodePoolsScaled", "False");
        assertThat(Conditions.find(blocked.getStatus().conditions, "NodePoolsScaled").orElseThrow().getMessage())
                .contains("broker " + (first + 2), "orders");
        assertThat(cluster.voterIds()).doesNotContain(first + 1, first + 2);
        assertThat(east.apps().statefulSets().inNamespace(ns).withName("my-cluster-east-pool").get().getSpec()
                .getReplicas()).as("nothing removed while blocked").isEqualTo(3);
        cluster.partitions(List.of());
        eventually(() -> {
            assertThat(pool(ns, "east-pool").getStatus().nodeIds).containsExactly(first);
            assertThat(east.apps().statefulSets().inNamespace(ns).withName("my-cluster-east-pool").get().getSpec()
                    .getReplicas()).isEqualTo(1);
            assertThat(east.configMaps().inNamespace(ns).withName("my-cluster-east-pool-config").get().getData())
                    .doesNotContainKey("node-" + (first + 1) + ".properties");
        });
        awaitReady(ns, "my-cluster");
    }

    @Test
    void removingAPoolPrunesOnlyItsObjects() {
        String ns = "remove-pool";
        env.createStretchedKafka(ns);
        central.resource(Fixtures.pool(ns, "east-extra", "my-cluster", "east", 2, BROKER)).create();
        awaitReady(ns, "my-cluster");
        KubernetesClient east = env.client("east");
        Map<String, String> before = env.managedUids("east", ns);
        assertThat(before).containsKeys("StatefulSet/my-cluster-east-extra", "ConfigMap/my-cluster-east-extra-config",
                "PodDisruptionBudget/my-cluster-east-extra");

        central.resources(KafkaNodePool.class).inNamespace(ns).withName("east-extra").delete();

        eventually(() -> {
            Map<String, String> after = env.managedUids("east", ns);
            assertThat(after).doesNotContainKeys("StatefulSet/my-cluster-east-extra",
                    "ConfigMap/my-cluster-east-extra-config", "PodDisruptionBudget/my-cluster-east-extra");
            Map<String, String> kept = new java.util.TreeMap<>(before);
            kept.keySet().removeIf(k -> k.contains("east-extra"));
            assertThat(after).as("the other objects are untouched (same uids)").containsAllEntriesOf(kept);
        });
        Kafka kafka = awaitReady(ns, "my-cluster");
        assertThat(kafka.getStatus().members).anySatisfy(m -> assertThat(m.name + ":" + m.nodes).isEqualTo("east:1"));
        assertThat(kafka.getStatus().listeners.get(0).bootstrapServers.split(",")).hasSize(3);
    }

    @Test
    void bootstrapControllersAreFixedOnlyAfterPoolsSettle() {
        String ns = "settle";
        env.register(ns);
        central.resource(Fixtures.kafka(ns, "my-cluster", "mcs")).create();
        central.resource(Fixtures.pool(ns, "central-pool", "my-cluster", "central", 1, CONTROLLER, BROKER)).create();
        sleep(600);
        central.resource(Fixtures.pool(ns, "east-pool", "my-cluster", "east", 1, CONTROLLER, BROKER)).create();
        sleep(600);
        central.resource(Fixtures.pool(ns, "west-pool", "my-cluster", "west", 1, CONTROLLER, BROKER)).create();
        Kafka kafka = awaitReady(ns, "my-cluster");
        assertThat(kafka.getStatus().controllers).hasSize(3).allSatisfy(c -> assertThat(c.directoryId).isNotNull());
    }

    static String anchorUid(KubernetesClient client, String ns, String name) {
        return client.configMaps().inNamespace(ns).withName(name).get().getMetadata().getUid();
    }

    private static void assertManaged(HasMetadata object, String member, String ownerUid) {
        assertThat(object).isNotNull();
        assertThat(object.getMetadata().getLabels()).as("labels of %s", object.getMetadata().getName())
                .containsEntry(KStretch.MANAGED_BY_LABEL, "kstretch")
                .containsEntry(KStretch.CLUSTER_LABEL, "my-cluster").containsEntry(KStretch.MEMBER_LABEL, member);
        assertThat(object.getMetadata().getOwnerReferences()).extracting(OwnerReference::getUid)
                .as("owner of %s %s", object.getKind(), object.getMetadata().getName()).containsExactly(ownerUid);
        assertThat(object.getMetadata().getAnnotations()).containsKey(KStretch.RENDERED_HASH_ANNOTATION);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
