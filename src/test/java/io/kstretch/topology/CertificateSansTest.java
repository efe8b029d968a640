package io.kstretch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.kstretch.plugins.cilium.CiliumNetworkingProvider;
import io.kstretch.plugins.loadbalancer.LoadBalancerNetworkingProvider;
import io.kstretch.plugins.nodeport.NodePortNetworkingProvider;
import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.NetworkingProvider;
import io.kstretch.spi.contract.ContractTopology;
import io.kstretch.spi.contract.SimulatedMembers;
import io.kstretch.spi.contract.TestProviderContext;

class CertificateSansTest {

    @Test
    void splits_names_into_dns_names_and_ip_addresses_without_duplicates() {
        CertificateSans sans = CertificateSans.of(Arrays.asList("Broker-0.Example.COM.", "10.0.0.1", "fd00::1",
                "[fd00:0:0::2]", "10.0.0.1", "broker-0.example.com", "", null, "256.1.1.1", "1.2.3"));
        assertThat(sans.dnsNames()).containsExactly("1.2.3", "256.1.1.1", "broker-0.example.com");
        assertThat(sans.ipAddresses()).containsExactly("10.0.0.1", "fd00:0:0:0:0:0:0:1", "fd00:0:0:0:0:0:0:2");
    }

    @Test
    void never_resolves_a_name() {
        assertThat(CertificateSans.ipAddress("localhost")).isNull();
        assertThat(CertificateSans.ipAddress("g::1")).isNull();
        assertThat(CertificateSans.ipAddress("1:2")).isNull();
    }

    private static TestProviderContext reconciled(NetworkingProvider provider) {
        SimulatedMembers simulated = ContractTopology.simulated();
        ContractTopology.MEMBERS.forEach(m -> simulated.serve(m, "cilium.io/v2", "CiliumNode"));
        TestProviderContext ctx = ContractTopology.context(Map.of(), simulated);
        for (KafkaNode node : ctx.nodes()) {
            simulated.apply(node.member().name(), provider.nodeResources(ctx, node));
        }
        simulated.settle();
        return ctx;
    }

    @Test
    void ip_based_providers_give_ip_sans_name_based_ones_dns_sans() {
        NetworkingProvider nodeport = new NodePortNetworkingProvider();
        TestProviderContext ctx = reconciled(nodeport);
        CertificateSans central = CertificateSans.of(nodeport, ctx, ctx.node(0));
        assertThat(central.dnsNames()).isEmpty();
        assertThat(central.ipAddresses()).singleElement().asString().startsWith("10.0.0.");
        assertThat(CertificateSans.of(nodeport, ctx, ctx.node(ContractTopology.CONTROLLER_ONLY)).dnsNames())
                .as("a fixed host name").containsExactly(ContractTopology.WEST_HOST);

        NetworkingProvider lb = new LoadBalancerNetworkingProvider();
        ctx = reconciled(lb);
        assertThat(CertificateSans.of(lb, ctx, ctx.node(100)).ipAddresses()).singleElement().asString()
                .startsWith("10.1.200.");

        NetworkingProvider cilium = new CiliumNetworkingProvider();
        ctx = reconciled(cilium);
        assertThat(CertificateSans.of(cilium, ctx, ctx.node(100)))
                .isEqualTo(new CertificateSans(List.of("my-cluster-east-100.kafka.svc.cluster.local"), List.of()));
    }
}
