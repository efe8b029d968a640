package io.kstretch.render;

import static io.kstretch.render.RenderFixtures.hostPort;
import static io.kstretch.render.RenderFixtures.mixed;
import static io.kstretch.render.RenderFixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.kstretch.api.ControllerStatus;
import io.kstretch.api.Listener;
import io.kstretch.api.ProcessRole;
import io.kstretch.api.Quorum;
import io.kstretch.spi.KafkaNode;
import io.kstretch.topology.Endpoints;
import io.kstretch.topology.Topology;

class NodeConfigTest {
    private static final int CONTROLLER = 0;
    private static final int BROKER = 100;
    private static final int COMBINED = 200;

    private final Topology topology = mixed(Quorum.DYNAMIC, Map.of());
    private final Endpoints endpoints = RenderFixtures.endpoints(topology);

    private Map<String, String> props(Topology t, int id) {
        return NodeConfig.properties(t, node(t, id), RenderFixtures.endpoints(t));
    }

    private Map<String, String> props(int id) {
        return props(topology, id);
    }

    @Test
    void node_id_and_process_roles_follow_the_pool_roles() {
        assertThat(props(CONTROLLER)).containsEntry("node.id", "0").containsEntry("process.roles", "controller");
        assertThat(props(1)).containsEntry("node.id", "1");
        assertThat(props(BROKER)).containsEntry("node.id", "100").containsEntry("process.roles", "broker");
        assertThat(props(COMBINED)).containsEntry("node.id", "200")
                .containsEntry("process.roles", "broker,controller");
    }

    @Test
    void controller_only_node_listens_on_the_controller_port_only() {
        Map<String, String> p = props(CONTROLLER);
        KafkaNode n = node(topology, CONTROLLER);

        assertThat(p.get("listeners")).isEqualTo("CONTROLLER://" + NodeConfig.BIND_ADDRESS + ":9090");
        assertThat(p.get("advertised.listeners")).isEqualTo("CONTROLLER://" + hostPort(n, "controller"));
        assertThat(p).doesNotContainKey("inter.broker.listener.name");
        assertThat(p).doesNotContainKey("replica.selector.class");
        assertThat(p.get("listeners") + p.get("advertised.listeners")).doesNotContain("REPLICATION")
                .doesNotContain("PLAIN").doesNotContain("EXT");
        assertThat(p).containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("listener.security.protocol.map", "CONTROLLER:SSL");
    }

    @Test
    void broker_only_node_listens_on_replication_and_client_ports() {
        Map<String, String> p = props(BROKER);
        KafkaNode n = node(topology, BROKER);
        String bind = NodeConfig.BIND_ADDRESS;

        assertThat(p.get("listeners")).isEqualTo("REPLICATION://" + bind + ":9091,PLAIN://" + bind + ":9092,EXT://"
                + bind + ":9094");
        assertThat(p.get("advertised.listeners")).isEqualTo("REPLICATION://" + hostPort(n, "replication")
                + ",PLAIN://" + hostPort(n, "plain") + ",EXT://" + hostPort(n, "ext"));
        assertThat(p).containsEntry("inter.broker.listener.name", "REPLICATION")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("replica.selector.class", "org.apache.kafka.common.replica.RackAwareReplicaSelector");
        // a broker must know the controller listener's protocol even though it does not serve it
        assertThat(p.get("listener.security.protocol.map"))
                .isEqualTo("CONTROLLER:SSL,REPLICATION:SSL,PLAIN:PLAINTEXT,EXT:PLAINTEXT");
    }

    @Test
    void combined_node_serves_every_port() {
        Map<String, String> p = props(COMBINED);
        KafkaNode n = node(topology, COMBINED);
        String bind = NodeConfig.BIND_ADDRESS;

        assertThat(p.get("listeners")).isEqualTo("CONTROLLER://" + bind + ":9090,REPLICATION://" + bind
                + ":9091,PLAIN://" + bind + ":9092,EXT://" + bind + ":9094");
        assertThat(p.get("advertised.listeners")).isEqualTo("CONTROLLER://" + hostPort(n, "controller")
                + ",REPLICATION://" + hostPort(n, "replication") + ",PLAIN://" + hostPort(n, "plain") + ",EXT://"
                + hostPort(n, "ext"));
        assertThat(p).containsEntry("inter.broker.listener.name", "REPLICATION");
    }

    @Test
    void dynamic_quorum_lists_every_controller_endpoint_as_bootstrap_server() {
        String expected = String.join(",", hostPort(node(topology, 0), "controller"),
                hostPort(node(topology, 1), "controller"), hostPort(node(topology, 2), "controller"),
                hostPort(node(topology, COMBINED), "controller"));

        for (KafkaNode n : topology.nodes()) {
            Map<String, String> p = props(n.id());
            assertThat(p).as("node %d", n.id()).containsEntry("controller.quorum.bootstrap.servers", expected)
                    .doesNotContainKey("controller.quorum.voters");
        }
    }

    @Test
    void quorum_defaults_to_dynamic() {
        Topology t = mixed(null, Map.of());
        assertThat(props(t, BROKER)).containsKey("controller.quorum.bootstrap.servers")
                .doesNotContainKey("controller.quorum.voters");
    }

    @Test
    void static_quorum_lists_voters_with_ids() {
        Topology t = mixed(Quorum.STATIC, Map.of());
        String expected = "0@" + hostPort(node(t, 0), "controller") + ",1@" + hostPort(node(t, 1), "controller")
                + ",2@" + hostPort(node(t, 2), "controller") + ",200@" + hostPort(node(t, 200), "controller");

        for (KafkaNode n : t.nodes()) {
            assertThat(props(t, n.id())).as("node %d", n.id()).containsEntry("controller.quorum.voters", expected)
                    .doesNotContainKey("controller.quorum.bootstrap.servers");
        }
    }

    @Test
    void broker_rack_is_the_member_rack_and_log_dirs_use_the_data_dir_placeholder() {
        assertThat(props(CONTROLLER)).containsEntry("broker.rack", "rack-east")
                .containsEntry("log.dirs", NodeConfig.DATA_DIR + "/kafka-log0");
        assertThat(props(BROKER)).containsEntry("broker.rack", "rack-west")
                .containsEntry("log.dirs", NodeConfig.DATA_DIR + "/kafka-log100");
    }

    @Test
    void latency_and_replication_defaults_are_rendered() {
        Map<String, String> p = props(BROKER);

        assertThat(p).containsAllEntriesOf(NodeConfig.LATENCY_DEFAULTS);
        // brokers 100, 101 and 200
        assertThat(p).containsEntry("default.replication.factor", "3").containsEntry("min.insync.replicas", "2");
    }

    @Test
    void latency_defaults_are_the_measured_values() {
        // docs/performance.md, "Data plane: latency between members" and "Failover", say why each is what it is
        Map<String, String> p = props(BROKER);
        assertThat(p).containsEntry("socket.send.buffer.bytes", "-1")
                .containsEntry("socket.receive.buffer.bytes", "-1")
                .containsEntry("replica.socket.receive.buffer.bytes", "-1")
                .containsEntry("num.replica.fetchers", "2")
                .containsEntry("controller.quorum.election.timeout.ms", "2000")
                .containsEntry("controller.quorum.fetch.timeout.ms", "4000")
                .containsEntry("controller.quorum.election.backoff.max.ms", "2000")
                .containsEntry("controller.quorum.request.timeout.ms", "4000")
                .containsEntry("broker.session.timeout.ms", "12000")
                .containsEntry("broker.heartbeat.interval.ms", "2000");
        assertThat(NodeConfig.LATENCY_DEFAULTS).hasSize(10);
        // Kafka requires the heartbeat interval to be below the session timeout, and the quorum fetch timeout to be
        // longer than the election timeout is how a follower tells a slow leader from a lost one
        assertThat(Integer.parseInt(p.get("broker.heartbeat.interval.ms")))
                .isLessThan(Integer.parseInt(p.get("broker.session.timeout.ms")));
        assertThat(Integer.parseInt(p.get("controller.quorum.fetch.timeout.ms")))
                .isGreaterThan(Integer.parseInt(p.get("controller.quorum.election.timeout.ms")));
        // controllers get them too (a controller-only node ignores the broker ones)
        assertThat(props(CONTROLLER)).containsAllEntriesOf(NodeConfig.LATENCY_DEFAULTS);
    }

    @Test
    void user_config_overrides_defaults_and_is_added_but_owned_keys_come_from_kstretch() {
        Map<String, String> user = new LinkedHashMap<>();
        user.put("controller.quorum.election.timeout.ms", "5000");
        user.put("default.replication.factor", "2");
        user.put("zz.custom", "z");
        user.put("num.partitions", "12");
        // owned keys: validation rejects them, rendering must not use them either
        user.put("broker.rack", "evil");
        user.put("listeners", "PLAINTEXT://:1");
        user.put("node.id", "999");
        user.put("inter.broker.listener.name", "PLAIN");
        user.put("controller.quorum.voters", "1@evil:1");
        user.put("listener.name.plain.ssl.client.auth", "required");
        user.put("ssl.keystore.location", "/evil");
        Topology t = mixed(Quorum.DYNAMIC, user);

        Map<String, String> broker = props(t, BROKER);
        assertThat(broker).containsEntry("controller.quorum.election.timeout.ms", "5000")
                .containsEntry("controller.quorum.fetch.timeout.ms", "4000")
                .containsEntry("default.replication.factor", "2")
                .containsEntry("min.insync.replicas", "2")
                .containsEntry("zz.custom", "z")
                .containsEntry("num.partitions", "12")
                .containsEntry("broker.rack", "rack-west")
                .containsEntry("node.id", "100")
                .containsEntry("inter.broker.listener.name", "REPLICATION")
                .containsEntry("ssl.keystore.location", NodeConfig.CERTS_DIR + "/node-100.pem")
                .doesNotContainKeys("controller.quorum.voters", "listener.name.plain.ssl.client.auth");
        assertThat(broker.get("listeners")).startsWith("REPLICATION://");

        Map<String, String> controller = props(t, CONTROLLER);
        assertThat(controller).doesNotContainKeys("inter.broker.listener.name", "controller.quorum.voters",
                "listener.name.plain.ssl.client.auth", "replica.selector.class");
        assertThat(controller).containsEntry("ssl.keystore.location",
                NodeConfig.CERTS_DIR + "/" + NodeTls.keystore(CONTROLLER));
    }

    @Test
    void nodes_talk_mutual_tls_with_the_files_of_their_certificates_secret() {
        for (int nodeId : List.of(CONTROLLER, BROKER)) {
            Map<String, String> p = props(nodeId);
            String id = p.get("node.id");
            assertThat(p).containsEntry("ssl.keystore.type", "PEM")
                    .containsEntry("ssl.keystore.location", NodeConfig.CERTS_DIR + "/" + NodeTls.keystore(
                            Integer.parseInt(id)))
                    .containsEntry("ssl.truststore.type", "PEM")
                    .containsEntry("ssl.truststore.location", NodeConfig.CERTS_DIR + "/" + NodeTls.CLUSTER_CA)
                    .containsEntry("listener.name.controller.ssl.client.auth", "required")
                    .doesNotContainKey("ssl.endpoint.identification.algorithm");
        }
        assertThat(props(BROKER)).containsEntry("listener.name.replication.ssl.client.auth", "required");
    }

    @Test
    void tls_client_listeners_serve_tls_and_require_client_certificates_when_asked() {
        Listener tls = new Listener("tls", 9093, true);
        Listener mtls = new Listener("mtls", 9094, true);
        mtls.authentication = "tls";
        io.kstretch.api.Kafka kafka = RenderFixtures.kafka(Quorum.DYNAMIC, Map.of());
        kafka.getSpec().listeners = List.of(new Listener("plain", 9092, false), tls, mtls);
        Topology t = RenderFixtures.topology(kafka, List.of(RenderFixtures.member("east")), RenderFixtures.at(0,
                RenderFixtures.pool("nodes", "east", 1, ProcessRole.CONTROLLER, ProcessRole.BROKER)));
        Map<String, String> p = NodeConfig.properties(t, t.nodes().get(0), RenderFixtures.endpoints(t));
        assertThat(p.get("listener.security.protocol.map"))
                .isEqualTo("CONTROLLER:SSL,REPLICATION:SSL,PLAIN:PLAINTEXT,TLS:SSL,MTLS:SSL");
        assertThat(p).containsEntry("listener.name.tls.ssl.client.auth", "none")
                .containsEntry("listener.name.mtls.ssl.client.auth", "required")
                .containsEntry("listener.name.mtls.ssl.truststore.location",
                        NodeConfig.CERTS_DIR + "/" + NodeTls.CLIENTS_CA)
                .doesNotContainKey("listener.name.plain.ssl.client.auth");
    }

    @Test
    void tls_tuning_keys_stay_with_the_user() {
        assertThat(NodeConfig.isOwned("ssl.cipher.suites")).isFalse();
        assertThat(NodeConfig.isOwned("ssl.enabled.protocols")).isFalse();
        assertThat(NodeConfig.isOwned("ssl.keystore.location")).isTrue();
        assertThat(NodeConfig.isOwned("ssl.client.auth")).isTrue();
    }

    @Test
    void kstretch_keys_come_first_then_defaults_then_the_rest_of_spec_config_sorted() {
        Map<String, String> user = new LinkedHashMap<>();
        user.put("zz.last", "1");
        user.put("aa.first", "2");
        user.put("broker.session.timeout.ms", "20000");
        List<String> keys = new ArrayList<>(props(mixed(Quorum.DYNAMIC, user), BROKER).keySet());

        assertThat(keys.get(0)).isEqualTo("node.id");
        assertThat(keys.get(1)).isEqualTo("process.roles");
        assertThat(keys.subList(keys.size() - 2, keys.size())).containsExactly("aa.first", "zz.last");
        assertThat(keys.indexOf("broker.rack")).isLessThan(keys.indexOf("broker.session.timeout.ms"));
    }

    @Test
    void replication_defaults_suit_the_broker_count() {
        assertThat(NodeConfig.replicationDefaults(1)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "default.replication.factor", "1", "min.insync.replicas", "1",
                "offsets.topic.replication.factor", "1", "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1"));
        assertThat(NodeConfig.replicationDefaults(2)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "default.replication.factor", "2", "min.insync.replicas", "1",
                "offsets.topic.replication.factor", "2", "transaction.state.log.replication.factor", "2",
                "transaction.state.log.min.isr", "1"));
        assertThat(NodeConfig.replicationDefaults(3)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "default.replication.factor", "3", "min.insync.replicas", "2",
                "offsets.topic.replication.factor", "3", "transaction.state.log.replication.factor", "3",
                "transaction.state.log.min.isr", "2"));
        assertThat(NodeConfig.replicationDefaults(5)).containsExactlyInAnyOrderEntriesOf(
                NodeConfig.replicationDefaults(3));
    }

    @Test
    void replication_defaults_in_properties_count_the_topology_brokers() {
        Topology oneBroker = RenderFixtures.topology(RenderFixtures.kafka(Quorum.DYNAMIC, Map.of()),
                List.of(RenderFixtures.member("east")),
                RenderFixtures.at(0, RenderFixtures.pool("ctrl", "east", 3, ProcessRole.CONTROLLER)),
                RenderFixtures.at(100, RenderFixtures.pool("brk", "east", 1, ProcessRole.BROKER)));

        assertThat(props(oneBroker, 0)).containsEntry("default.replication.factor", "1")
                .containsEntry("min.insync.replicas", "1");
    }

    @Test
    void text_is_the_properties_behind_a_comment_header() {
        KafkaNode n = node(topology, BROKER);
        String text = NodeConfig.text(topology, n, endpoints);

        assertThat(text).startsWith("# Rendered by kstretch for node 100 of Kafka kafka/my-cluster.");
        assertThat(PropertiesTextTest.load(text)).isEqualTo(NodeConfig.properties(topology, n, endpoints));
    }

    @Test
    void format_arguments_static_quorum_are_empty() {
        Topology t = mixed(Quorum.STATIC, Map.of());
        Endpoints e = RenderFixtures.endpoints(t);
        List<ControllerStatus> initial = List.of(new ControllerStatus(0, "dir0", "east"));

        for (KafkaNode n : t.nodes()) {
            assertThat(NodeConfig.formatArguments(t, n, e, initial)).isEmpty();
        }
    }

    @Test
    void format_arguments_dynamic_initial_controllers_list_every_initial_controller() {
        List<ControllerStatus> initial = List.of(new ControllerStatus(0, "dirA", "east"),
                new ControllerStatus(1, "dirB", "east"), new ControllerStatus(2, "dirC", "east"),
                new ControllerStatus(200, "dirD", "west"));
        String expected = "--initial-controllers 0@" + hostPort(node(topology, 0), "controller") + ":dirA,1@"
                + hostPort(node(topology, 1), "controller") + ":dirB,2@" + hostPort(node(topology, 2), "controller")
                + ":dirC,200@" + hostPort(node(topology, 200), "controller") + ":dirD";

        for (int id : new int[] {0, 1, 2, 200}) {
            assertThat(NodeConfig.formatArguments(topology, node(topology, id), endpoints, initial)).as("node %d", id)
                    .isEqualTo(expected);
        }
        assertThat(NodeConfig.formatArguments(topology, node(topology, 100), endpoints, initial))
                .isEqualTo("--no-initial-controllers");
        assertThat(NodeConfig.formatArguments(topology, node(topology, 101), endpoints, initial))
                .isEqualTo("--no-initial-controllers");
    }

    @Test
    void format_arguments_controller_not_among_the_initial_ones_joins_without_them() {
        List<ControllerStatus> initial = List.of(new ControllerStatus(0, "dirA", "east"),
                new ControllerStatus(1, "dirB", "east"), new ControllerStatus(2, "dirC", "east"));

        assertThat(NodeConfig.formatArguments(topology, node(topology, 200), endpoints, initial))
                .isEqualTo("--no-initial-controllers");
        assertThat(NodeConfig.formatArguments(topology, node(topology, 0), endpoints, initial))
                .isEqualTo("--initial-controllers 0@" + hostPort(node(topology, 0), "controller") + ":dirA,1@"
                        + hostPort(node(topology, 1), "controller") + ":dirB,2@"
                        + hostPort(node(topology, 2), "controller") + ":dirC");
    }

    @Test
    void format_arguments_once_bootstrapped_nobody_gets_initial_controllers() {
        for (KafkaNode n : topology.nodes()) {
            assertThat(NodeConfig.formatArguments(topology, n, endpoints, List.of()))
                    .isEqualTo("--no-initial-controllers");
        }
    }

    @Test
    void owned_keys_and_prefixes() {
        for (String key : List.of("node.id", "broker.id", "process.roles", "listeners", "advertised.listeners",
                "listener.security.protocol.map", "controller.listener.names", "inter.broker.listener.name",
                "security.inter.broker.protocol", "controller.quorum.voters", "controller.quorum.bootstrap.servers",
                "log.dirs", "log.dir", "metadata.log.dir", "broker.rack", "replica.selector.class", "cluster.id",
                "zookeeper.connect", "listener.name.plain.ssl.keystore.location", "ssl.keystore.location",
                "ssl.client.auth")) {
            assertThat(NodeConfig.isOwned(key)).as(key).isTrue();
        }
        for (String key : List.of("num.partitions", "default.replication.factor", "min.insync.replicas",
                "controller.quorum.election.timeout.ms", "log.retention.hours", "listeners.extra", "sslx",
                "listener.names", "auto.create.topics.enable")) {
            assertThat(NodeConfig.isOwned(key)).as(key).isFalse();
        }
    }
}
