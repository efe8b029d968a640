package io.kstretch.plugins.cilium;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.contract.ContractTopology;
import io.kstretch.spi.contract.SimulatedMembers;
import io.kstretch.spi.contract.TestProviderContext;
import io.smallrye.common.annotation.Identifier;

class CiliumNetworkingProviderTest {
    private final CiliumNetworkingProvider provider = new CiliumNetworkingProvider();

    private static SimulatedMembers withCilium(String... members) {
        SimulatedMembers simulated = ContractTopology.simulated();
        for (String m : members) {
            simulated.serve(m, "cilium.io/v2", "CiliumNode");
        }
        return simulated;
    }

    private static Service service(List<HasMetadata> objects, String name) {
        return (Service) objects.stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow();
    }

    @Test
    void is_the_cilium_provider() {
        assertThat(CiliumNetworkingProvider.class.getAnnotation(Identifier.class).value()).isEqualTo("cilium");
    }

    @Test
    void every_member_gets_a_global_service_for_every_node_selecting_only_its_pod() {
        TestProviderContext ctx = ContractTopology.context(Map.of(), withCilium("central", "east", "west"));
        for (String member : ContractTopology.MEMBERS) {
            List<HasMetadata> objects = provider.memberResources(ctx, ctx.member(member));
            assertThat(objects).extracting(o -> o.getMetadata().getName()).containsExactly("my-cluster-combined-0",
                    "my-cluster-east-100", "my-cluster-brokers-200", "my-cluster-brokers-201",
                    "my-cluster-controllers-300");
            for (KafkaNode node : ctx.nodes()) {
                Service service = service(objects, node.podName());
                assertThat(service.getMetadata().getAnnotations())
                        .containsExactly(Map.entry("service.cilium.io/global", "true"));
                assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
                assertThat(service.getSpec().getClusterIP()).as("allocated by the API server").isNull();
                assertThat(service.getSpec().getPublishNotReadyAddresses()).isTrue();
                assertThat(service.getSpec().getSelector()).isEqualTo(ctx.podSelector(node))
                        .containsEntry("statefulset.kubernetes.io/pod-name", node.podName());
                assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName)
                        .containsExactlyElementsOf(node.ports().stream().map(p -> p.name()).toList());
            }
        }
        assertThat(provider.nodeResources(ctx, ctx.node(0))).isEmpty();
    }

    @Test
    void shared_applies_outside_the_home_member_only_and_affinity_everywhere() {
        TestProviderContext ctx = ContractTopology.context(Map.of("shared", "false", "affinity", "remote"),
                withCilium("central", "east", "west"));
        Service home = service(provider.memberResources(ctx, ctx.member("east")), "my-cluster-east-100");
        Service away = service(provider.memberResources(ctx, ctx.member("west")), "my-cluster-east-100");
        assertThat(home.getMetadata().getAnnotations()).containsEntry("service.cilium.io/shared", "true")
                .containsEntry("service.cilium.io/affinity", "remote");
        assertThat(away.getMetadata().getAnnotations()).containsEntry("service.cilium.io/shared", "false")
                .containsEntry("service.cilium.io/affinity", "remote");
    }

    @Test
    void endpoint_is_the_services_cluster_dns_name_in_every_member() {
        TestProviderContext ctx = ContractTopology.context(Map.of(), withCilium());
        KafkaNode node = ctx.node(ContractTopology.CONTROLLER_ONLY);
        assertThat(provider.endpoint(ctx, node, node.port("controller")).hostPort())
                .isEqualTo("my-cluster-controllers-300.kafka.svc.cluster.local:9090");
        ctx = ctx.withConfig(Map.of("clusterDomain", "east.example"));
        assertThat(provider.endpoint(ctx, node, node.port("controller")).hostPort())
                .isEqualTo("my-cluster-controllers-300.kafka.svc.east.example:9090");
    }

    @Test
    void validate_names_a_member_without_cilium_and_checks_settings() {
        assertThat(provider.validate(ContractTopology.context(Map.of("shared", "true", "affinity", "local",
                "clusterDomain", "cluster.local"), withCilium("central", "east", "west")))).isEmpty();
        assertThat(provider.validate(ContractTopology.context(Map.of(), withCilium("central", "west"))))
                .containsExactly("member east does not serve CiliumNode (cilium.io/v2): install Cilium there as the"
                        + " CNI and connect every member with Cilium ClusterMesh (global Services need it), or"
                        + " choose another provider");
        assertThat(provider.validate(ContractTopology.context(Map.of("affinity", "nearest", "shared", "yes",
                "clusterDomain", "Bad_Domain", "global", "true"), withCilium("central", "east", "west"))))
                .containsExactly("config.global is not a setting of the cilium provider (settings: affinity,"
                        + " clusterDomain, shared)",
                        "config.clusterDomain 'Bad_Domain' is not a DNS name",
                        "config.affinity 'nearest' must be one of [local, remote, none]",
                        "config.shared 'yes' must be \"true\" or \"false\"");
    }
}
