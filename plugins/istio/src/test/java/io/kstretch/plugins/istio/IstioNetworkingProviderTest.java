package io.kstretch.plugins.istio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.contract.ContractTopology;
import io.kstretch.spi.contract.SimulatedMembers;
import io.kstretch.spi.contract.TestProviderContext;
import io.smallrye.common.annotation.Identifier;

class IstioNetworkingProviderTest {
    private final IstioNetworkingProvider provider = new IstioNetworkingProvider();

    private static SimulatedMembers withIstio(String version, String... members) {
        SimulatedMembers simulated = ContractTopology.simulated();
        for (String m : members) {
            simulated.serve(m, version, "DestinationRule");
        }
        return simulated;
    }

    private static PodTemplateSpec template() {
        return new PodTemplateSpecBuilder().withNewMetadata().addToLabels("kstretch.io/pool", "east")
                .addToAnnotations("kstretch.io/config-hashes", "100=abc").endMetadata()
                .withNewSpec().addNewContainer().withName("kafka").addNewPort().withContainerPort(9090).endPort()
                .endContainer().endSpec().build();
    }

    @Test
    void is_the_istio_provider() {
        assertThat(IstioNetworkingProvider.class.getAnnotation(Identifier.class).value()).isEqualTo("istio");
    }

    @Test
    void every_member_gets_a_service_for_every_node_with_opaque_tcp_ports() {
        TestProviderContext ctx = ContractTopology.context(Map.of(), withIstio("networking.istio.io/v1"));
        for (String member : ContractTopology.MEMBERS) {
            List<HasMetadata> objects = provider.memberResources(ctx, ctx.member(member));
            assertThat(objects).hasSize(ctx.nodes().size());
            for (KafkaNode node : ctx.nodes()) {
                Service service = (Service) objects.stream()
                        .filter(o -> o.getMetadata().getName().equals(node.podName())).findFirst().orElseThrow();
                assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
                assertThat(service.getSpec().getSelector()).isEqualTo(ctx.podSelector(node));
                assertThat(service.getSpec().getPublishNotReadyAddresses()).isTrue();
                assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName)
                        .containsExactlyElementsOf(node.ports().stream().map(p -> "tcp-" + p.name()).toList())
                        .allSatisfy(n -> assertThat(n.length()).isLessThanOrEqualTo(15));
                assertThat(service.getSpec().getPorts()).extracting(ServicePort::getAppProtocol).containsOnly("tcp");
            }
        }
        KafkaNode node = ctx.node(200);
        assertThat(provider.endpoint(ctx, node, node.port("replication")).hostPort())
                .isEqualTo("my-cluster-brokers-200.kafka.svc.cluster.local:9091");
    }

    @Test
    void pods_join_the_mesh_and_wait_for_their_sidecar_and_nothing_is_excluded_from_capture() {
        TestProviderContext ctx = ContractTopology.context(Map.of(), withIstio("networking.istio.io/v1"));
        PodTemplateSpec original = template();
        PodTemplateSpec pod = provider.customizePod(ctx, ctx.member("east"), original);

        assertThat(pod.getMetadata().getLabels()).containsEntry("sidecar.istio.io/inject", "true")
                .containsEntry("kstretch.io/pool", "east").doesNotContainKey("istio.io/rev");
        assertThat(pod.getMetadata().getAnnotations())
                .containsEntry("proxy.istio.io/config", "{\"holdApplicationUntilProxyStarts\":true}")
                .containsEntry("kstretch.io/config-hashes", "100=abc");
        assertThat(pod.getMetadata().getAnnotations().keySet()).noneMatch(k -> k.startsWith("traffic.sidecar.istio.io/"));
        assertThat(pod.getSpec()).isEqualTo(original.getSpec());
        assertThat(original.getMetadata().getLabels()).as("the template passed in is not changed")
                .doesNotContainKey("sidecar.istio.io/inject");

        PodTemplateSpec revisioned = provider.customizePod(ctx.withConfig(Map.of("revision", "1-24-0")),
                ctx.member("east"), template());
        assertThat(revisioned.getMetadata().getLabels()).containsEntry("istio.io/rev", "1-24-0")
                .doesNotContainKey("sidecar.istio.io/inject");

        PodTemplateSpec byNamespace = provider.customizePod(ctx.withConfig(Map.of("inject", "false")),
                ctx.member("east"), template());
        assertThat(byNamespace.getMetadata().getLabels()).containsOnlyKeys("kstretch.io/pool");
    }

    @Test
    void validate_accepts_v1_or_v1beta1_and_names_a_member_without_istio() {
        assertThat(provider.validate(ContractTopology.context(Map.of(), withIstio("networking.istio.io/v1beta1",
                "central", "east", "west")))).isEmpty();
        assertThat(provider.validate(ContractTopology.context(Map.of(), withIstio("networking.istio.io/v1",
                "central", "east")))).containsExactly("member west does not serve DestinationRule"
                        + " (networking.istio.io/v1 or v1beta1): install Istio there and join every member to one"
                        + " multi-cluster mesh (multi-primary or primary-remote), or choose another provider");
        assertThat(provider.validate(ContractTopology.context(Map.of("inject", "always", "revision", "-bad",
                "mesh", "x"), withIstio("networking.istio.io/v1", "central", "east", "west")))).containsExactly(
                        "config.mesh is not a setting of the istio provider (settings: clusterDomain, inject,"
                                + " revision)",
                        "config.inject 'always' must be \"true\" or \"false\"",
                        "config.revision '-bad' is not a label value (an Istio revision such as 1-24-0 or canary)");
    }
}
