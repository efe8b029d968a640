package io.kstretch.render;

import static io.kstretch.render.RenderFixtures.at;
import static io.kstretch.render.RenderFixtures.member;
import static io.kstretch.render.RenderFixtures.pool;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.kstretch.api.ProcessRole;
import io.kstretch.api.Quorum;
import io.kstretch.spi.KafkaPort;
import io.kstretch.topology.Topology;

class HeadlessServiceTest {
    private final Topology topology = RenderFixtures.mixed(Quorum.DYNAMIC, Map.of());

    @Test
    void headless_service_publishes_not_ready_addresses_of_every_node_pod() {
        Service svc = HeadlessService.render(topology, topology.placement("west"));

        assertThat(svc.getMetadata().getName()).isEqualTo("my-cluster-nodes");
        assertThat(svc.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(svc.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(svc.getSpec().getSelector()).isEqualTo(Labels.nodeSelector("my-cluster"));
    }

    @Test
    void one_tcp_port_per_distinct_node_port() {
        // west holds the broker-only pool and the combined pool: every port, each once
        List<ServicePort> ports = HeadlessService.render(topology, topology.placement("west")).getSpec().getPorts();

        assertThat(ports).extracting(ServicePort::getName).containsExactly("tcp-replication", "tcp-plain",
                "tcp-ext", "tcp-controller");
        for (ServicePort port : ports) {
            assertThat(port.getTargetPort().getIntVal()).isEqualTo(port.getPort());
            assertThat(port.getProtocol()).isEqualTo("TCP");
        }
        assertThat(ports).extracting(ServicePort::getPort).containsExactlyInAnyOrder(9090, 9091, 9092, 9094);
    }

    @Test
    void controller_only_member_exposes_the_controller_port_only() {
        List<ServicePort> ports = HeadlessService.render(topology, topology.placement("east")).getSpec().getPorts();

        assertThat(ports).extracting(ServicePort::getName, ServicePort::getPort)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("tcp-controller", 9090));
    }

    @Test
    void port_names_are_tcp_prefixed() {
        assertThat(HeadlessService.portName(new KafkaPort("replication", 9091))).isEqualTo("tcp-replication");
        Topology brokersOnly = RenderFixtures.topology(RenderFixtures.kafka(Quorum.DYNAMIC, Map.of()),
                List.of(member("east")), at(0, pool("b", "east", 2, ProcessRole.BROKER)));
        assertThat(HeadlessService.ports(brokersOnly.nodes())).extracting(ServicePort::getName)
                .containsExactly("tcp-replication", "tcp-plain", "tcp-ext");
    }
}
