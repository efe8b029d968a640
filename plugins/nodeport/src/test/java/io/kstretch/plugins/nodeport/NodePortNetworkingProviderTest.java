package io.kstretch.plugins.nodeport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.kstretch.spi.Endpoint;
import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.KafkaPort;
import io.kstretch.spi.Member;
import io.kstretch.spi.contract.ContractTopology;
import io.kstretch.spi.contract.SimulatedMembers;
import io.kstretch.spi.contract.TestProviderContext;
import io.smallrye.common.annotation.Identifier;

/**
 * The nodeport provider on the contract topology: central advertises InternalIP, east ExternalIP, west a fixed
 * host; every member has Nodes {@code <member>-node-1..4} (1 and 2 Ready, 3 cordoned, 4 NotReady).
 */
class NodePortNetworkingProviderTest {
    private final NodePortNetworkingProvider provider = new NodePortNetworkingProvider();

    private static Node node(String name, boolean ready, String type, String address) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().addNewAddress().withType(type).withAddress(address).endAddress()
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus().build();
    }

    /** Applies what the provider renders and lets the simulated API servers allocate nodePorts. */
    private TestProviderContext reconciled(SimulatedMembers simulated) {
        TestProviderContext ctx = ContractTopology.context(Map.of(), simulated);
        reconcile(ctx, simulated);
        return ctx;
    }

    private void reconcile(TestProviderContext ctx, SimulatedMembers simulated) {
        for (KafkaNode node : ctx.nodes()) {
            simulated.apply(node.member().name(), provider.nodeResources(ctx, node));
        }
        simulated.allocateNodePorts();
    }

    private static Service service(SimulatedMembers simulated, KafkaNode node) {
        return simulated.view(node.member().name()).get(Service.class, node.podName()).orElseThrow();
    }

    private static int nodePort(Service service, String port) {
        return service.getSpec().getPorts().stream().filter(p -> p.getName().equals(port)).findFirst()
                .orElseThrow().getNodePort();
    }

    @Test
    void is_the_nodeport_provider_and_reads_nodes() {
        assertThat(NodePortNetworkingProvider.class.getAnnotation(Identifier.class).value()).isEqualTo("nodeport");
        assertThat(provider.needsNodes()).isTrue();
    }

    @Test
    void renders_one_nodeport_service_per_node_with_every_port_and_no_node_port() {
        TestProviderContext ctx = ContractTopology.context(Map.of(), ContractTopology.simulated());
        KafkaNode node = ctx.node(0);

        assertThat(provider.memberResources(ctx, ctx.member("central"))).isEmpty();
        List<HasMetadata> objects = provider.nodeResources(ctx, node);
        assertThat(objects).singleElement().isInstanceOf(Service.class);
        Service service = (Service) objects.get(0);
        assertThat(service.getMetadata().getName()).isEqualTo("my-cluster-combined-0");
        assertThat(service.getSpec().getType()).isEqualTo("NodePort");
        assertThat(service.getSpec().getExternalTrafficPolicy()).isEqualTo("Cluster");
        assertThat(service.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(service.getSpec().getSelector()).isEqualTo(ctx.podSelector(node));
        assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName)
                .containsExactly("controller", "replication", "plain", "external");
        assertThat(service.getSpec().getPorts()).extracting(ServicePort::getNodePort).containsOnlyNulls();
        assertThat(service.getSpec().getPorts()).allSatisfy(
                p -> assertThat(p.getTargetPort().getIntVal()).isEqualTo(p.getPort()));
        assertThat(service.getMetadata().getAnnotations()).containsKey(NodePortNetworkingProvider.NODE_ANNOTATION);
    }

    @Test
    void endpoint_is_the_picked_nodes_address_of_the_members_type_and_the_allocated_node_port() {
        SimulatedMembers simulated = ContractTopology.simulated();
        TestProviderContext ctx = reconciled(simulated);

        KafkaNode central = ctx.node(0);
        Service service = service(simulated, central);
        String picked = service.getMetadata().getAnnotations().get(NodePortNetworkingProvider.NODE_ANNOTATION);
        assertThat(picked).isIn("central-node-1", "central-node-2");
        Endpoint e = provider.endpoint(ctx, central, central.port("plain"));
        assertThat(e.host()).isEqualTo("10.0.0." + picked.substring(picked.length() - 1));
        assertThat(e.port()).isEqualTo(nodePort(service, "plain"));

        KafkaNode east = ctx.node(100);
        String eastPicked = service(simulated, east).getMetadata().getAnnotations()
                .get(NodePortNetworkingProvider.NODE_ANNOTATION);
        assertThat(provider.endpoint(ctx, east, east.port("controller")).host())
                .as("east advertises ExternalIP").isEqualTo("198.51.1." + eastPicked.substring(eastPicked.length() - 1));
    }

    @Test
    void a_fixed_host_is_advertised_with_the_node_port_and_no_node_is_recorded() {
        SimulatedMembers simulated = ContractTopology.simulated();
        TestProviderContext ctx = reconciled(simulated);
        KafkaNode west = ctx.node(ContractTopology.CONTROLLER_ONLY);

        Service service = service(simulated, west);
        assertThat(service.getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(provider.endpoint(ctx, west, west.port("controller")))
                .isEqualTo(Endpoint.of(ContractTopology.WEST_HOST, nodePort(service, "controller")));
    }

    @Test
    void only_ready_schedulable_nodes_that_stay_are_picked_and_kafka_nodes_spread_over_them() {
        SimulatedMembers simulated = new SimulatedMembers();
        Node excluded = node("e-excluded", true, "InternalIP", "10.9.0.5");
        excluded.getMetadata().setLabels(Map.of(NodePortNetworkingProvider.EXCLUDE_LABEL, ""));
        Node leaving = node("e-leaving", true, "InternalIP", "10.9.0.6");
        leaving.setSpec(new io.fabric8.kubernetes.api.model.NodeSpecBuilder().addNewTaint()
                .withKey("ToBeDeletedByClusterAutoscaler").withEffect("NoSchedule").endTaint().build());
        Node cordoned = node("e-cordoned", true, "InternalIP", "10.9.0.3");
        cordoned.setSpec(new io.fabric8.kubernetes.api.model.NodeSpecBuilder().withUnschedulable(true).build());
        Node deleting = node("e-deleting", true, "InternalIP", "10.9.0.7");
        deleting.getMetadata().setDeletionTimestamp("2024-01-01T00:00:00Z");
        simulated.nodes("m", List.of(node("e-a", true, "InternalIP", "10.9.0.1"),
                node("e-b", true, "InternalIP", "10.9.0.2"), cordoned, node("e-notready", false, "InternalIP",
                        "10.9.0.4"), excluded, leaving, deleting, node("e-other", true, "ExternalIP", "1.2.3.4")));
        TestProviderContext ctx = ContractTopology.context(Map.of(), simulated);
        Member member = new Member("m", "kafka", false, "m", "m", "InternalIP", null);

        Set<String> picked = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            KafkaNode node = new KafkaNode(i, "pool", member, "my-cluster-pool-" + i, false, true,
                    List.of(new KafkaPort("replication", 9091)));
            NodePortNetworkingProvider.Choice choice = NodePortNetworkingProvider.choose(ctx, node);
            picked.add(choice.nodeName());
            assertThat(NodePortNetworkingProvider.choose(ctx, node)).as("deterministic").isEqualTo(choice);
        }
        assertThat(picked).containsExactlyInAnyOrder("e-a", "e-b");
    }

    @Test
    void the_previously_picked_node_is_kept_while_it_qualifies_and_replaced_when_it_does_not() {
        SimulatedMembers simulated = ContractTopology.simulated();
        TestProviderContext ctx = reconciled(simulated);
        KafkaNode node = ctx.node(0);
        int nodePort = nodePort(service(simulated, node), "plain");
        String picked = service(simulated, node).getMetadata().getAnnotations()
                .get(NodePortNetworkingProvider.NODE_ANNOTATION);
        String other = picked.equals("central-node-1") ? "central-node-2" : "central-node-1";

        // someone else's choice (e.g. from before a Node came back) is kept while it qualifies
        Service recorded = new ServiceBuilder(service(simulated, node)).editMetadata()
                .addToAnnotations(NodePortNetworkingProvider.NODE_ANNOTATION, other).endMetadata().build();
        simulated.apply("central", List.of(recorded));
        assertThat(provider.endpoint(ctx, node, node.port("plain")).host()).isEqualTo(address(other));
        reconcile(ctx, simulated);
        assertThat(service(simulated, node).getMetadata().getAnnotations())
                .containsEntry(NodePortNetworkingProvider.NODE_ANNOTATION, other);

        // the recorded Node goes NotReady: another qualifying one is picked, the nodePort stays
        List<Node> nodes = new ArrayList<>(simulated.nodes("central").orElseThrow());
        nodes.replaceAll(n -> n.getMetadata().getName().equals(other) ? new NodeBuilder(n).editStatus()
                .editFirstCondition().withStatus("False").endCondition().endStatus().build() : n);
        simulated.nodes("central", nodes);
        reconcile(ctx, simulated);
        assertThat(service(simulated, node).getMetadata().getAnnotations())
                .containsEntry(NodePortNetworkingProvider.NODE_ANNOTATION, picked);
        assertThat(provider.endpoint(ctx, node, node.port("plain")))
                .isEqualTo(Endpoint.of(address(picked), nodePort));
    }

    private static String address(String nodeName) {
        return "10.0.0." + nodeName.substring(nodeName.length() - 1);
    }

    @Test
    void pending_until_the_service_its_node_port_and_a_qualifying_node_are_known() {
        SimulatedMembers simulated = ContractTopology.simulated();
        TestProviderContext ctx = ContractTopology.context(Map.of(), simulated);
        KafkaNode node = ctx.node(0);

        assertThat(provider.endpoint(ctx, node, node.port("plain")).pendingReason())
                .isEqualTo("NodePort Service kafka/my-cluster-combined-0 in member central not observed yet");
        simulated.apply("central", provider.nodeResources(ctx, node));
        assertThat(provider.endpoint(ctx, node, node.port("plain")).pendingReason())
                .contains("has no nodePort for port plain yet");
        simulated.allocateNodePorts();
        assertThat(provider.endpoint(ctx, node, node.port("plain")).isPending()).isFalse();

        simulated.nodes("central", null);
        assertThat(provider.endpoint(ctx, node, node.port("plain")).pendingReason())
                .isEqualTo("the Nodes of member central have not been listed yet");
        simulated.nodes("central", List.of(node("n", false, "InternalIP", "10.0.0.9")));
        assertThat(provider.endpoint(ctx, node, node.port("plain")).pendingReason())
                .isEqualTo("member central has no Ready, schedulable Node with an InternalIP address");
    }

    @Test
    void while_no_node_qualifies_the_recorded_node_stays_on_the_service() {
        SimulatedMembers simulated = ContractTopology.simulated();
        TestProviderContext ctx = reconciled(simulated);
        KafkaNode node = ctx.node(0);
        String picked = service(simulated, node).getMetadata().getAnnotations()
                .get(NodePortNetworkingProvider.NODE_ANNOTATION);

        simulated.nodes("central", null);
        assertThat(((Service) provider.nodeResources(ctx, node).get(0)).getMetadata().getAnnotations())
                .containsEntry(NodePortNetworkingProvider.NODE_ANNOTATION, picked);
        simulated.nodes("central", List.of());
        assertThat(((Service) provider.nodeResources(ctx, node).get(0)).getMetadata().getAnnotations())
                .containsEntry(NodePortNetworkingProvider.NODE_ANNOTATION, picked);
    }

    @Test
    void validate_accepts_the_standard_members_and_names_one_without_nodes_of_its_address_type() {
        SimulatedMembers simulated = ContractTopology.simulated();
        assertThat(provider.validate(ContractTopology.context(Map.of(), simulated))).isEmpty();

        simulated.nodes("east", List.of(node("east-node-1", true, "InternalIP", "10.1.0.1")));
        assertThat(provider.validate(ContractTopology.context(Map.of(), simulated))).singleElement().asString()
                .startsWith("member east has no Node with an ExternalIP address (1 Node(s) listed)")
                .contains("spec.nodeAddress.type").contains("spec.nodeAddress.host");

        simulated.nodes("east", null);
        assertThat(provider.validate(ContractTopology.context(Map.of(), simulated)))
                .as("Nodes not listed yet: unknown is not missing").isEmpty();
    }

    @Test
    void validate_rejects_settings() {
        SimulatedMembers simulated = ContractTopology.simulated();
        assertThat(provider.validate(ContractTopology.context(Map.of("port", "1"), simulated))).singleElement()
                .asString().isEqualTo("config.port is not a setting of the nodeport provider (it has none)");
    }
}
