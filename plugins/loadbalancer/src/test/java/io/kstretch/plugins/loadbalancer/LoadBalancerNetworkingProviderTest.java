package io.kstretch.plugins.loadbalancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.kstretch.spi.Endpoint;
import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.contract.ContractTopology;
import io.kstretch.spi.contract.SimulatedMembers;
import io.kstretch.spi.contract.TestProviderContext;
import io.smallrye.common.annotation.Identifier;

class LoadBalancerNetworkingProviderTest {
    private final LoadBalancerNetworkingProvider provider = new LoadBalancerNetworkingProvider();

    private static TestProviderContext context(Map<String, String> config, SimulatedMembers simulated) {
        return ContractTopology.context(config, simulated);
    }

    @Test
    void is_the_loadbalancer_provider() {
        assertThat(LoadBalancerNetworkingProvider.class.getAnnotation(Identifier.class).value())
                .isEqualTo("loadbalancer");
        assertThat(provider.needsNodes()).isFalse();
    }

    @Test
    void renders_a_loadbalancer_service_per_node_from_the_config() {
        TestProviderContext ctx = context(Map.of("loadBalancerClass", "service.k8s.aws/nlb",
                "loadBalancerSourceRanges", " 10.0.0.0/8,192.168.0.0/16 ", "externalTrafficPolicy", "Local",
                "annotation.service.beta.kubernetes.io/aws-load-balancer-scheme", "internal"),
                ContractTopology.simulated());
        KafkaNode node = ctx.node(ContractTopology.CONTROLLER_ONLY);

        Service service = (Service) provider.nodeResources(ctx, node).get(0);
        assertThat(service.getMetadata().getName()).isEqualTo("my-cluster-controllers-300");
        assertThat(service.getMetadata().getAnnotations())
                .containsExactly(Map.entry("service.beta.kubernetes.io/aws-load-balancer-scheme", "internal"));
        assertThat(service.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(service.getSpec().getLoadBalancerClass()).isEqualTo("service.k8s.aws/nlb");
        assertThat(service.getSpec().getLoadBalancerSourceRanges()).containsExactly("10.0.0.0/8", "192.168.0.0/16");
        assertThat(service.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
        assertThat(service.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(service.getSpec().getSelector()).isEqualTo(ctx.podSelector(node));
        assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName).containsExactly("controller");
        assertThat(service.getSpec().getPorts()).extracting(ServicePort::getNodePort).containsOnlyNulls();
        assertThat(provider.memberResources(ctx, ctx.member("west"))).isEmpty();
    }

    @Test
    void defaults_are_no_class_no_annotations_and_cluster_traffic_policy() {
        TestProviderContext ctx = context(Map.of(), ContractTopology.simulated());
        Service service = (Service) provider.nodeResources(ctx, ctx.node(0)).get(0);
        assertThat(service.getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(service.getSpec().getLoadBalancerClass()).isNull();
        assertThat(service.getSpec().getLoadBalancerSourceRanges()).isNullOrEmpty();
        assertThat(service.getSpec().getExternalTrafficPolicy()).isEqualTo("Cluster");
    }

    @Test
    void endpoint_is_pending_naming_the_service_until_an_address_is_assigned() {
        SimulatedMembers simulated = ContractTopology.simulated();
        TestProviderContext ctx = context(Map.of(), simulated);
        KafkaNode node = ctx.node(100);

        assertThat(provider.endpoint(ctx, node, node.port("plain")).pendingReason())
                .isEqualTo("LoadBalancer Service kafka/my-cluster-east-100 in member east not observed yet");
        simulated.apply("east", provider.nodeResources(ctx, node)).allocateNodePorts();
        assertThat(provider.endpoint(ctx, node, node.port("plain")).pendingReason())
                .isEqualTo("LoadBalancer Service kafka/my-cluster-east-100 in member east has no ingress address yet");
        simulated.assignIngress(false);
        Endpoint e = provider.endpoint(ctx, node, node.port("plain"));
        assertThat(e.host()).startsWith("10.");
        assertThat(e.port()).as("the node's own port, not a nodePort").isEqualTo(9092);
    }

    @Test
    void a_hostname_is_preferred_to_an_ip() {
        SimulatedMembers simulated = ContractTopology.simulated();
        TestProviderContext ctx = context(Map.of(), simulated);
        KafkaNode node = ctx.node(0);
        Service service = new ServiceBuilder((Service) provider.nodeResources(ctx, node).get(0)).withNewStatus()
                .withNewLoadBalancer().addNewIngress().withIp("203.0.113.7").endIngress()
                .addNewIngress().withIp("203.0.113.8").withHostname("lb-1.example.com").endIngress()
                .endLoadBalancer().endStatus().build();
        assertThat(LoadBalancerNetworkingProvider.ingressHost(service)).isEqualTo("203.0.113.7");
        service.getStatus().getLoadBalancer().getIngress().get(0).setHostname("lb-0.example.com");
        assertThat(LoadBalancerNetworkingProvider.ingressHost(service)).isEqualTo("lb-0.example.com");
        simulated.apply("central", List.of(service));
        assertThat(provider.endpoint(ctx, node, node.port("controller")).hostPort()).isEqualTo("lb-0.example.com:9090");
    }

    @Test
    void validate_checks_every_setting() {
        SimulatedMembers simulated = ContractTopology.simulated();
        assertThat(provider.validate(context(Map.of("loadBalancerClass", "metallb", "externalTrafficPolicy",
                "Cluster", "loadBalancerSourceRanges", "10.0.0.0/8,fd00::/8", "annotation.example.com/x", "y"),
                simulated))).isEmpty();

        assertThat(provider.validate(context(Map.of("class", "x"), simulated))).singleElement().asString()
                .isEqualTo("config.class is not a setting of the loadbalancer provider (settings: loadBalancerClass,"
                        + " loadBalancerSourceRanges, externalTrafficPolicy, annotation.*)");
        assertThat(provider.validate(context(Map.of("annotation.", "x"), simulated))).singleElement().asString()
                .contains("config.annotation. is not a setting");
        assertThat(provider.validate(context(Map.of("loadBalancerClass", "not a class"), simulated)))
                .singleElement().asString().contains("config.loadBalancerClass 'not a class'");
        assertThat(provider.validate(context(Map.of("loadBalancerSourceRanges", "10.0.0.0/8,10.1.0.0,1.2.3.4/33"),
                simulated))).containsExactly(
                        "config.loadBalancerSourceRanges: '10.1.0.0' is not a CIDR such as 10.0.0.0/8"
                                + " (comma-separated list)",
                        "config.loadBalancerSourceRanges: '1.2.3.4/33' is not a CIDR such as 10.0.0.0/8"
                                + " (comma-separated list)");
        assertThat(provider.validate(context(Map.of("externalTrafficPolicy", "Nearest"), simulated)))
                .containsExactly("config.externalTrafficPolicy 'Nearest' must be Cluster or Local");
        assertThat(provider.validate(context(Map.of("annotation.bad key", "x", "annotation.kstretch.io/rendered-hash",
                "x"), simulated))).containsExactly("config.annotation.bad key: 'bad key' is not an annotation key",
                        "config.annotation.kstretch.io/rendered-hash: annotations kstretch.io/* are kstretch's own");
    }
}
