package io.kstretch.reconcile;

import static io.kstretch.api.ProcessRole.BROKER;
import static io.kstretch.api.ProcessRole.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kstretch.api.Conditions;
import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.api.NetworkingStatus;
import io.kstretch.api.NodeAddress;
import io.kstretch.testing.FakeServiceController.IngressStyle;
import io.kstretch.testing.Fixtures;
import io.kstretch.testing.MemberApiServer;
import io.kstretch.testing.OperatorTestSupport;
import io.kstretch.testing.TestNodes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * What the providers do beyond addressing: nodeport follows Node readiness and keeps going while a member is cut
 * off, loadbalancer waits (visibly) for addresses, missing prerequisites are named per member, the provider lock
 * holds, and a provider that exists only in test code is selected by name.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ProviderBehaviourTest extends OperatorTestSupport {
    static final List<String> MEMBERS = List.of("central", "east", "west");
    private static final String KAFKA = LiveKafka.KAFKA;

    /** A Kafka with one controller+broker node per member (pools central, east, west). */
    private LiveKafka create(String ns, String provider, Map<String, String> config) {
        env.register(ns);
        Kafka kafka = Fixtures.kafka(ns, KAFKA, provider);
        kafka.getSpec().networking.config = config;
        central.resource(kafka).create();
        MEMBERS.forEach(m -> central.resource(Fixtures.pool(ns, m, KAFKA, m, 1, CONTROLLER, BROKER)).create());
        return new LiveKafka(env, central, ns);
    }

    private static String pickedNode(KubernetesClient client, String ns, String pod) {
        return client.services().inNamespace(ns).withName(pod).get().getMetadata().getAnnotations()
                .get("nodeport.kstretch.io/node");
    }

    @Test
    void nodeportMovesOffANodeThatStopsBeingReadyAndKeepsTheNodePort() {
        String ns = "np-move";
        LiveKafka live = create(ns, "nodeport", null);
        awaitReady(ns, KAFKA);
        eventually(() -> live.assertAddressedBy("nodeport"));
        LiveKafka.LiveNode east = live.nodes().stream().filter(n -> n.member().equals("east")).findFirst()
                .orElseThrow();
        KubernetesClient client = env.client("east");
        Service before = client.services().inNamespace(ns).withName(east.pod()).get();
        String picked = pickedNode(client, ns, east.pod());
        assertThat(picked).isIn("east-node-1", "east-node-2");

        TestNodes.setReady(client, picked, false);
        try {
            eventually(() -> {
                String now = pickedNode(client, ns, east.pod());
                assertThat(now).isIn("east-node-1", "east-node-2").isNotEqualTo(picked);
                live.assertAddressedBy("nodeport");
            });
            Service after = client.services().inNamespace(ns).withName(east.pod()).get();
            assertThat(after.getMetadata().getUid()).isEqualTo(before.getMetadata().getUid());
            assertThat(LiveKafka.nodePorts(after)).isEqualTo(LiveKafka.nodePorts(before));
        } finally {
            TestNodes.setReady(client, picked, true);
        }
    }

    @Test
    void nodeportKeepsTheOtherMembersGoingWhileOneIsCutOff() {
        String ns = "np-partition";
        LiveKafka live = create(ns, "nodeport", null);
        central.resource(Fixtures.pool(ns, "more", KAFKA, "central", 1, BROKER)).create();
        Kafka ready = awaitReady(ns, KAFKA);
        eventually(() -> live.assertAddressedBy("nodeport"));
        var listeners = ready.getStatus().listeners.get(0).bootstrapServers;

        env.remote("east").partition();
        try {
            awaitNotReady(ns, KAFKA, "MembersUnreachable");
            central.resources(KafkaNodePool.class).inNamespace(ns).withName("more").edit(p -> {
                p.getSpec().replicas = 2;
                return p;
            });
            // the new broker in central is configured with every node's endpoint, east's as last observed
            eventually(() -> {
                KafkaNodePool more = pool(ns, "more");
                int id = more.getStatus().nodeIdStart + 1;
                String props = central.configMaps().inNamespace(ns).withName(KAFKA + "-more-config").get()
                        .getData().get("node-" + id + ".properties");
                assertThat(props).as("properties of the new node %d", id).isNotNull();
                Kafka kafka = kafka(ns, KAFKA);
                assertThat(condition(kafka, KafkaStatusBuilder.NETWORKING_READY).getStatus()).isEqualTo("True");
                assertThat(condition(kafka, Conditions.READY).getReason()).isEqualTo("MembersUnreachable");
                assertThat(kafka.getStatus().listeners.get(0).bootstrapServers.split(",")).as("3 + 2 brokers")
                        .hasSize(5).contains(listeners.split(","));
            });
        } finally {
            env.remote("east").heal();
        }
        awaitReady(ns, KAFKA);
        eventually(() -> live.assertAddressedBy("nodeport"));
    }

    @Test
    void loadbalancerWaitsNamingTheServicesAndRendersNothingUntilAddressesAreAssigned() throws Exception {
        String ns = "lb-pending";
        LiveKafka live = create(ns, "loadbalancer", Map.of("loadBalancerClass", "example.com/lb"));
        Kafka waiting = awaitKafka(ns, KAFKA, k -> assertThat(condition(k, KafkaStatusBuilder.NETWORKING_READY))
                .isNotNull().satisfies(c -> assertThat(c.getStatus()).isEqualTo("False")));
        assertThat(condition(waiting, Conditions.READY).getReason()).isEqualTo("NetworkingPending");
        for (String member : MEMBERS) {
            assertThat(condition(waiting, KafkaStatusBuilder.NETWORKING_READY).getMessage())
                    .contains("LoadBalancer Service " + ns + "/" + KAFKA + "-" + member + "-")
                    .contains(" in member " + member + " has no ingress address yet");
        }
        Thread.sleep(1500);
        Kafka still = kafka(ns, KAFKA);
        assertThat(condition(still, KafkaStatusBuilder.NETWORKING_READY).getStatus()).isEqualTo("False");
        assertThat(still.getStatus().networking).as("not locked before the first success").isNull();
        assertThat(still.getStatus().listeners).isNullOrEmpty();
        for (String member : MEMBERS) {
            KubernetesClient client = env.client(member);
            assertThat(client.configMaps().inNamespace(ns).withName(KAFKA + "-" + member + "-config").get())
                    .as("no node configuration in %s", member).isNull();
            assertThat(client.apps().statefulSets().inNamespace(ns).list().getItems()).as("StatefulSets in %s",
                    member).isEmpty();
            assertThat(client.services().inNamespace(ns).list().getItems()).as("the LoadBalancer Service in %s",
                    member).singleElement().satisfies(s -> {
                        assertThat(s.getSpec().getType()).isEqualTo("LoadBalancer");
                        assertThat(s.getSpec().getLoadBalancerClass()).isEqualTo("example.com/lb");
                    });
        }

        MEMBERS.forEach(m -> env.services(m).assignIngress(IngressStyle.HOSTNAME, Duration.ZERO));
        try {
            Kafka ready = awaitReady(ns, KAFKA);
            assertThat(ready.getStatus().networking.provider).isEqualTo("loadbalancer");
            eventually(() -> live.assertAddressedBy("loadbalancer"));
            assertThat(ready.getStatus().listeners.get(0).bootstrapServers).contains(".elb.test:9092");
        } finally {
            MEMBERS.forEach(m -> env.services(m).stopAssigningIngress());
        }
    }

    @Test
    void aMissingPrerequisiteNamesTheMemberAndWhatToInstallAndNothingIsWritten() {
        // member "north": the fakes, and Nodes with an InternalIP only; none of the providers' CRDs
        MemberApiServer bare = env.startBareRemote("north");
        bare.client().nodes().delete();
        TestNodes.apply(bare.client(), List.of(TestNodes.node("north-node-1").internalIp("10.9.0.1").build()));
        Map<String, String> expected = Map.of(
                "mcs", "member north does not serve ServiceExport (multicluster.x-k8s.io/v1alpha1): install an MCS"
                        + " implementation",
                "cilium", "member north does not serve CiliumNode (cilium.io/v2): install Cilium there",
                "istio", "member north does not serve DestinationRule (networking.istio.io/v1 or v1beta1): install"
                        + " Istio there",
                "nodeport", "member north has no Node with an ExternalIP address (1 Node(s) listed)");
        expected.forEach((provider, message) -> {
            String ns = "prereq-" + provider;
            env.register(ns);
            env.registerRemote(ns, bare, m -> {
                m.getSpec().nodeAddress = new NodeAddress();
                m.getSpec().nodeAddress.type = "ExternalIP";
            });
            if (provider.equals("nodeport")) {
                // another Kafka of the namespace has had central's Nodes listed already: north's must be checked
                // before anything of my-cluster is written to central
                central.resource(Fixtures.kafka(ns, "other", provider)).create();
                central.resource(Fixtures.pool(ns, "other", "other", "central", 1, CONTROLLER, BROKER)).create();
                awaitReady(ns, "other");
            }
            central.resource(Fixtures.kafka(ns, KAFKA, provider)).create();
            central.resource(Fixtures.pool(ns, "central", KAFKA, "central", 1, CONTROLLER, BROKER)).create();
            central.resource(Fixtures.pool(ns, "north", KAFKA, "north", 1, CONTROLLER, BROKER)).create();

            Kafka rejected = awaitNotReady(ns, KAFKA, "NetworkingInvalid");
            assertThat(condition(rejected, Conditions.READY).getMessage()).as(provider).contains(message)
                    .doesNotContain("member central");
            for (String member : MEMBERS) {
                assertThat(env.managedUids(member, ns)).as("nothing written to %s (%s)", member, provider).isEmpty();
            }
            assertThat(bare.client().configMaps().inNamespace(ns).list().getItems()).as("nothing in north").isEmpty();
            assertThat(bare.client().services().inNamespace(ns).list().getItems()).isEmpty();
        });
    }

    @Test
    void theProviderAndItsConfigAreLockedAtFirstSuccessAndAChangeTouchesNothing() throws Exception {
        String ns = "lock";
        LiveKafka live = create(ns, "mcs", null);
        Kafka ready = awaitReady(ns, KAFKA);
        NetworkingStatus locked = ready.getStatus().networking;
        assertThat(locked.provider).isEqualTo("mcs");
        assertThat(locked.configHash).isNotBlank();
        Map<String, Map<String, String>> before = members(live);

        central.resources(Kafka.class).inNamespace(ns).withName(KAFKA).edit(k -> {
            k.getSpec().networking.provider = "nodeport";
            return k;
        });
        Kafka refused = awaitNotReady(ns, KAFKA, "NetworkingProviderChangeNotSupported");
        assertThat(condition(refused, Conditions.READY).getMessage())
                .contains("spec.networking.provider changed from 'mcs' to 'nodeport'")
                .contains("new addresses").contains("Put spec.networking back").contains("MirrorMaker 2");
        Thread.sleep(1500);
        assertThat(members(live)).as("nothing touched in any member").isEqualTo(before);
        assertThat(kafka(ns, KAFKA).getStatus().networking).usingRecursiveComparison().isEqualTo(locked);

        central.resources(Kafka.class).inNamespace(ns).withName(KAFKA).edit(k -> {
            k.getSpec().networking.provider = "mcs";
            k.getSpec().networking.config = Map.of("domain", "mesh.example.org");
            return k;
        });
        refused = awaitKafka(ns, KAFKA, k -> assertThat(condition(k, Conditions.READY).getMessage())
                .contains("spec.networking.config of provider 'mcs' changed"));
        assertThat(condition(refused, Conditions.READY).getReason()).isEqualTo("NetworkingProviderChangeNotSupported");
        Thread.sleep(1500);
        assertThat(members(live)).as("nothing touched in any member").isEqualTo(before);

        central.resources(Kafka.class).inNamespace(ns).withName(KAFKA).edit(k -> {
            k.getSpec().networking.config = null;
            return k;
        });
        awaitReady(ns, KAFKA);
        assertThat(members(live)).isEqualTo(before);
        assertThat(kafka(ns, KAFKA).getStatus().networking).usingRecursiveComparison().isEqualTo(locked);
    }

    private static Map<String, Map<String, String>> members(LiveKafka live) {
        Map<String, Map<String, String>> versions = new java.util.TreeMap<>(live.versions());
        versions.remove("kafka");
        versions.remove("pools");
        return versions;
    }

    @Test
    void aProviderDefinedOnlyInTestCodeIsSelectedByName() {
        String ns = "third-party";
        LiveKafka live = create(ns, "test-external-dns", Map.of("domain", "kafka.example.test"));
        Kafka ready = awaitReady(ns, KAFKA);
        assertThat(ready.getStatus().networking.provider).isEqualTo("test-external-dns");
        eventually(() -> live.assertAddressedBy("test-external-dns"));
        for (LiveKafka.LiveNode node : live.nodes()) {
            Service service = env.client(node.member()).services().inNamespace(ns).withName(node.pod()).get();
            assertThat(service.getMetadata().getAnnotations()).containsEntry(
                    "external-dns.alpha.kubernetes.io/hostname", node.pod() + "." + node.member()
                            + ".kafka.example.test");
        }
    }
}
