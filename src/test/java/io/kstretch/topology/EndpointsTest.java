package io.kstretch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.kstretch.spi.Endpoint;
import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.KafkaPort;
import io.kstretch.spi.Member;

class EndpointsTest {
    private static final Member EAST = new Member("east", "kafka", false, "east", "east", "InternalIP", null);

    private static KafkaNode node(int id, boolean controller, boolean broker) {
        return new KafkaNode(id, "p", EAST, "k-p-" + id, controller, broker,
                Ports.of(controller, broker, List.of(new io.kstretch.api.Listener("plain", 9092, false))));
    }

    @Test
    void asks_the_source_for_every_port_of_every_node() {
        KafkaNode a = node(1, true, true);
        KafkaNode b = node(2, false, true);
        Endpoints e = Endpoints.of(List.of(a, b), (n, p) -> Endpoint.of("n" + n.id(), 10000 + n.id() * 100
                + p.port() - 9090));

        assertThat(e.get(a, KafkaPort.CONTROLLER).hostPort()).isEqualTo("n1:10100");
        assertThat(e.get(a, "plain").hostPort()).isEqualTo("n1:10102");
        assertThat(e.get(b, KafkaPort.REPLICATION).hostPort()).isEqualTo("n2:10201");
        assertThat(e.pending()).isEmpty();
        assertThat(e.duplicates()).isEmpty();
        assertThatThrownBy(() -> e.get(b, KafkaPort.CONTROLLER)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("node 2").hasMessageContaining("controller");
    }

    @Test
    void pending_lists_each_pending_endpoint_with_its_reason_in_node_order() {
        KafkaNode a = node(5, false, true);
        KafkaNode b = node(3, true, false);
        Endpoints e = Endpoints.of(List.of(a, b), (n, p) -> {
            if (n.id() == 5 && p.name().equals("plain")) {
                return Endpoint.pending("no LoadBalancer ingress yet");
            }
            if (n.id() == 3) {
                return null;
            }
            return Endpoint.of("h" + n.id(), p.port());
        });

        assertThat(e.pending()).containsExactly("node 3 controller: the provider returned no endpoint",
                "node 5 plain: no LoadBalancer ingress yet");
        assertThat(e.get(a, "plain").isPending()).isTrue();
    }

    @Test
    void pending_groups_a_nodes_ports_that_wait_for_the_same_thing() {
        KafkaNode a = node(7, true, true);
        Endpoints e = Endpoints.of(List.of(a), (n, p) -> p.name().equals("plain") ? Endpoint.pending("no ingress")
                : Endpoint.pending("no Service"));

        assertThat(e.pending()).containsExactly("node 7 controller, replication: no Service", "node 7 plain: no ingress");
    }

    @Test
    void duplicates_name_both_nodes_and_ignore_pending_endpoints() {
        KafkaNode a = node(1, false, true);
        KafkaNode b = node(2, false, true);
        Endpoints e = Endpoints.of(List.of(a, b), (n, p) -> {
            if (p.name().equals("plain")) {
                return Endpoint.of("shared", 9092);
            }
            return n.id() == 2 ? Endpoint.pending("wait") : Endpoint.of("h1", 9091);
        });

        assertThat(e.duplicates()).containsExactly("shared:9092 is the endpoint of both node 1 plain and node 2 plain");
    }

    @Test
    void same_host_on_different_ports_is_no_duplicate() {
        KafkaNode a = node(1, true, true);
        Endpoints e = Endpoints.of(List.of(a), (n, p) -> Endpoint.of("same", p.port()));

        assertThat(e.duplicates()).isEmpty();
    }

    @Test
    void ipv6_hosts_are_bracketed() {
        assertThat(Endpoint.of("fd00::1", 9092).hostPort()).isEqualTo("[fd00::1]:9092");
        assertThatThrownBy(() -> Endpoint.pending("x").hostPort()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Endpoint.of("h", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
