package io.kstretch.testing.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The benchmarks' network-namespace plan, without making any (that needs root; the benchmarks do it). */
class NetworkNamespacesTest {

    @Test
    void each_member_gets_a_namespace_a_veth_to_the_bridge_and_addresses_in_its_block() {
        NetworkNamespaces n = new NetworkNamespaces("t-", "10.9");
        List<List<String>> first = n.createCommands("east", 11);
        List<List<String>> second = n.createCommands("west", 12);

        assertThat(first).contains(List.of("ip", "link", "add", "t-br", "type", "bridge"),
                List.of("ip", "netns", "add", "t-east"),
                List.of("ip", "link", "add", "t-v11", "type", "veth", "peer", "name", "eth0", "netns", "t-east"),
                List.of("ip", "link", "set", "t-v11", "master", "t-br", "up"),
                List.of("ip", "-n", "t-east", "addr", "add", "10.9.11.1/16", "dev", "eth0"),
                List.of("ip", "-n", "t-east", "link", "set", "lo", "up"));
        assertThat(second).as("the bridge is made once").noneMatch(c -> c.contains("bridge"))
                .contains(List.of("ip", "netns", "add", "t-west"));
        assertThat(n.nodeAddress("west")).isEqualTo("10.9.12.1");
        assertThat(n.address("west", 10)).isEqualTo("10.9.12.10");
        assertThat(n.exec("east", List.of("sh", "run.sh"))).containsExactly("ip", "netns", "exec", "t-east", "sh",
                "run.sh");
        assertThat(n.link("east")).hasSizeLessThanOrEqualTo(15); // IFNAMSIZ
        assertThatThrownBy(() -> n.nodeAddress("north")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_default_prefix_and_subnet_stay_clear_of_the_e2e_loopback_blocks() {
        NetworkNamespaces n = new NetworkNamespaces();
        n.createCommands("central", 10);
        assertThat(n.namespace("central")).isEqualTo("ksd-central");
        assertThat(n.nodeAddress("central")).isEqualTo("10.231.10.1").doesNotStartWith("127.");
    }

    @Test
    void the_round_trip_time_is_ping_s_average() {
        String out = """
                PING 10.231.12.10 (10.231.12.10) 56(84) bytes of data.

                --- 10.231.12.10 ping statistics ---
                5 packets transmitted, 5 received, 0% packet loss, time 802ms
                rtt min/avg/max/mdev = 5.293/5.512/6.287/0.387 ms
                """;
        assertThat(NetworkNamespaces.parseAverageRtt(out)).isEqualTo(5.512);
        assertThatThrownBy(() -> NetworkNamespaces.parseAverageRtt("100% packet loss"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void loopback_blocks_stay_the_default_and_run_commands_as_they_are() {
        PodNetwork network = new PodNetwork();
        network.member("east", 11);
        assertThat(network.namespaced()).isFalse();
        assertThat(network.podAddress("east", "ns", "pod-0")).isEqualTo("127.0.11.10");
        assertThat(network.command("east", List.of("sh", "run.sh"))).containsExactly("sh", "run.sh");
    }
}
