package io.kstretch.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.kstretch.api.ControllerStatus;
import io.kstretch.api.Listener;
import io.kstretch.api.Quorum;
import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.KafkaPort;
import io.kstretch.topology.Endpoints;
import io.kstretch.topology.Ports;
import io.kstretch.topology.Topology;

/**
 * Renders one node's {@code server.properties} and storage-format arguments from the topology and the provider's
 * endpoints. Paths and the bind address are placeholders the start script fills in from its environment, so the
 * same file runs in a pod and outside one.
 */
public final class NodeConfig {
    public static final String DATA_DIR = "@@DATA_DIR@@";
    public static final String CERTS_DIR = "@@CERTS_DIR@@";
    public static final String BIND_ADDRESS = "@@BIND_ADDRESS@@";

    /** Keys kstretch sets itself; {@code spec.config} may not set them. */
    public static final Set<String> OWNED_KEYS = Set.of("node.id", "broker.id", "process.roles", "listeners",
            "advertised.listeners", "listener.security.protocol.map", "controller.listener.names",
            "inter.broker.listener.name", "security.inter.broker.protocol", "controller.quorum.voters",
            "controller.quorum.bootstrap.servers", "log.dirs", "log.dir", "metadata.log.dir", "broker.rack",
            "replica.selector.class", "cluster.id", "zookeeper.connect");
    /** Key prefixes kstretch owns (listener-level settings and keystores). */
    public static final List<String> OWNED_PREFIXES = List.of("listener.name.", "ssl.");
    /** TLS settings users may tune although they start with a prefix kstretch owns. */
    public static final Set<String> USER_TLS_KEYS = Set.of("ssl.cipher.suites", "ssl.enabled.protocols",
            "ssl.protocol");

    /**
     * Settings kstretch renders unless {@code spec.config} overrides them, for round trips between members (Kafka's
     * defaults assume one data centre). Why each value is what it is (measured in docs/performance.md, "Data plane:
     * latency between members" and "Failover"):
     * <ul>
     * <li>Socket buffers {@code -1} (the OS's autotuning, up to {@code net.ipv4.tcp_rmem}/{@code tcp_wmem}'s
     * maximum): a fixed buffer caps one TCP connection at buffer/RTT. Kafka's 64 KB
     * {@code replica.socket.receive.buffer.bytes} limits a follower to about 6.5 MB/s from one leader at 10 ms, and
     * the brokers' 100 KB {@code socket.send/receive.buffer.bytes} every producer connection and fetch response to
     * about 10 MB/s. An explicit large value would be capped at {@code net.core.rmem_max} (often 208 KB) and switch
     * autotuning off, so "-1", not a number.</li>
     * <li>{@code num.replica.fetchers=2}: two fetch sessions per leader instead of one, so one slow round trip or
     * one large response (TLS work on one thread) does not hold back every partition of that leader.
     * {@code replica.fetch.max.bytes} (1 MB per partition) and {@code replica.fetch.wait.max.ms} (500 ms, only an
     * idle leader waits that long) stay Kafka's: a fetch at 20 ms RTT carries tens of KB per partition.</li>
     * <li>Quorum timeouts twice Kafka's (election 2 s, fetch 4 s, request 4 s, election back-off up to 2 s): room
     * for round trips and their spikes of up to a few hundred ms without false elections, while losing the quorum
     * leader still costs only a few seconds.</li>
     * <li>Broker session 12 s with heartbeats every 2 s (Kafka: 9 s, 2 s): six heartbeats per session instead of
     * four and a half, so a few late heartbeats over the WAN do not fence a broker; a lost broker's partitions
     * still move within about 12 s.</li>
     * </ul>
     */
    public static final Map<String, String> LATENCY_DEFAULTS = Map.ofEntries(
            Map.entry("socket.send.buffer.bytes", "-1"),
            Map.entry("socket.receive.buffer.bytes", "-1"),
            Map.entry("replica.socket.receive.buffer.bytes", "-1"),
            Map.entry("num.replica.fetchers", "2"),
            Map.entry("controller.quorum.election.timeout.ms", "2000"),
            Map.entry("controller.quorum.fetch.timeout.ms", "4000"),
            Map.entry("controller.quorum.election.backoff.max.ms", "2000"),
            Map.entry("controller.quorum.request.timeout.ms", "4000"),
            Map.entry("broker.session.timeout.ms", "12000"),
            Map.entry("broker.heartbeat.interval.ms", "2000"));

    private NodeConfig() {
    }

    /**
     * A setting as nodes get it: from {@code spec.config}, else kstretch's defaults for the topology, else
     * {@code fallback} (Kafka's own default).
     */
    public static String setting(Topology topology, String key, String fallback) {
        Map<String, String> user = topology.kafka().getSpec().config == null ? Map.of()
                : topology.kafka().getSpec().config;
        return user.getOrDefault(key, defaults(topology).getOrDefault(key, fallback));
    }

    /** What kstretch renders unless spec.config says otherwise. */
    private static Map<String, String> defaults(Topology topology) {
        Map<String, String> defaults = new TreeMap<>(LATENCY_DEFAULTS);
        defaults.putAll(replicationDefaults(topology.brokers().size()));
        return defaults;
    }

    /** Whether {@code spec.config} may not set {@code key}. */
    public static boolean isOwned(String key) {
        return !USER_TLS_KEYS.contains(key)
                && (OWNED_KEYS.contains(key) || OWNED_PREFIXES.stream().anyMatch(key::startsWith));
    }

    /** The node's properties, kstretch's first (fixed order), then overridable defaults, then the rest of spec.config. */
    public static Map<String, String> properties(Topology topology, KafkaNode node, Endpoints endpoints) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("node.id", String.valueOf(node.id()));
        p.put("process.roles", roles(node));
        p.put("controller.listener.names", Ports.listenerName(KafkaPort.CONTROLLER));
        p.put("listeners", node.ports().stream()
                .map(port -> Ports.listenerName(port.name()) + "://" + BIND_ADDRESS + ":" + port.port())
                .collect(Collectors.joining(",")));
        p.put("advertised.listeners", node.ports().stream()
                .map(port -> Ports.listenerName(port.name()) + "://" + endpoints.get(node, port.name()).hostPort())
                .collect(Collectors.joining(",")));
        p.put("listener.security.protocol.map", securityProtocolMap(topology, node));
        if (node.broker()) {
            p.put("inter.broker.listener.name", Ports.listenerName(KafkaPort.REPLICATION));
        }
        List<KafkaNode> controllers = topology.controllers();
        if (topology.kafka().getSpec().quorumOrDefault() == Quorum.STATIC) {
            p.put("controller.quorum.voters", controllers.stream()
                    .map(c -> c.id() + "@" + endpoints.get(c, KafkaPort.CONTROLLER).hostPort())
                    .collect(Collectors.joining(",")));
        } else {
            // the controllers asked for: the list does not change while a leaving controller is removed
            List<KafkaNode> desired = topology.desiredControllers().isEmpty() ? controllers
                    : topology.desiredControllers();
            p.put("controller.quorum.bootstrap.servers", desired.stream()
                    .map(c -> endpoints.get(c, KafkaPort.CONTROLLER).hostPort())
                    .collect(Collectors.joining(",")));
        }
        tls(topology, node, p);
        p.put("log.dirs", DATA_DIR + "/kafka-log" + node.id());
        p.put("broker.rack", node.member().rack());
        if (node.broker()) {
            p.put("replica.selector.class", "org.apache.kafka.common.replica.RackAwareReplicaSelector");
        }

        Map<String, String> user = topology.kafka().getSpec().config == null ? Map.of()
                : topology.kafka().getSpec().config;
        defaults(topology).forEach((k, v) -> p.put(k, user.getOrDefault(k, v)));
        // owned keys never come from spec.config, also where kstretch leaves them unset on this node (validation
        // rejects them; a controller-only node must not get e.g. inter.broker.listener.name or quorum voters)
        new TreeMap<>(user).forEach((k, v) -> {
            if (!isOwned(k)) {
                p.putIfAbsent(k, v);
            }
        });
        return p;
    }

    /** The node's properties file as text. */
    public static String text(Topology topology, KafkaNode node, Endpoints endpoints) {
        return PropertiesText.write("Rendered by kstretch for node " + node.id() + " of Kafka "
                + topology.namespace() + "/" + topology.kafkaName() + ". Do not edit: the operator overwrites it.",
                properties(topology, node, endpoints));
    }

    /**
     * Extra arguments of {@code kafka-storage format} for this node: for a dynamic quorum, the initial controllers
     * (with their directory ids) on nodes that bootstrap the quorum, {@code --no-initial-controllers} on every other
     * node; nothing for a static quorum.
     */
    public static String formatArguments(Topology topology, KafkaNode node, Endpoints endpoints,
            List<ControllerStatus> initialControllers) {
        if (topology.kafka().getSpec().quorumOrDefault() == Quorum.STATIC) {
            return "";
        }
        boolean initial = node.controller()
                && initialControllers.stream().anyMatch(c -> c.id != null && c.id == node.id());
        if (!initial) {
            return "--no-initial-controllers";
        }
        Map<Integer, KafkaNode> byId = topology.controllers().stream()
                .collect(Collectors.toMap(KafkaNode::id, n -> n, (a, b) -> a, TreeMap::new));
        return "--initial-controllers " + initialControllers.stream()
                .filter(c -> byId.containsKey(c.id))
                .map(c -> c.id + "@" + endpoints.get(byId.get(c.id), KafkaPort.CONTROLLER).hostPort() + ":"
                        + c.directoryId)
                .collect(Collectors.joining(","));
    }

    private static String roles(KafkaNode node) {
        if (node.broker() && node.controller()) {
            return "broker,controller";
        }
        return node.broker() ? "broker" : "controller";
    }

    /**
     * Mutual TLS between nodes, always: the controller and replication listeners (and every node's client side of
     * them) use the node's keystore and trust the cluster CA, and require a client certificate. A client listener
     * with {@code tls: true} serves TLS with the same keystore; with {@code authentication: tls} it requires client
     * certificates from the clients CA. Hostnames are verified (Kafka's default), against the provider's endpoints.
     */
    private static void tls(Topology topology, KafkaNode node, Map<String, String> p) {
        p.put("ssl.keystore.type", "PEM");
        p.put("ssl.keystore.location", CERTS_DIR + "/" + NodeTls.keystore(node.id()));
        p.put("ssl.truststore.type", "PEM");
        p.put("ssl.truststore.location", CERTS_DIR + "/" + NodeTls.CLUSTER_CA);
        p.put("listener.name.controller.ssl.client.auth", "required");
        if (node.broker()) {
            p.put("listener.name.replication.ssl.client.auth", "required");
            for (Listener l : listeners(topology)) {
                if (l.tlsEnabled()) {
                    String prefix = "listener.name." + l.name + ".";
                    if ("tls".equals(l.authentication)) {
                        p.put(prefix + "ssl.client.auth", "required");
                        p.put(prefix + "ssl.truststore.type", "PEM");
                        p.put(prefix + "ssl.truststore.location", CERTS_DIR + "/" + NodeTls.CLIENTS_CA);
                    } else {
                        p.put(prefix + "ssl.client.auth", "none");
                    }
                }
            }
        }
    }

    private static List<Listener> listeners(Topology topology) {
        return topology.kafka().getSpec().listeners == null ? List.of() : topology.kafka().getSpec().listeners;
    }

    private static String securityProtocolMap(Topology topology, KafkaNode node) {
        Set<String> tls = new java.util.HashSet<>(Set.of(KafkaPort.CONTROLLER, KafkaPort.REPLICATION));
        listeners(topology).stream().filter(Listener::tlsEnabled).forEach(l -> tls.add(l.name));
        Map<String, String> protocols = new LinkedHashMap<>();
        protocols.put(Ports.listenerName(KafkaPort.CONTROLLER), "SSL");
        for (KafkaPort port : node.ports()) {
            protocols.put(Ports.listenerName(port.name()), tls.contains(port.name()) ? "SSL" : "PLAINTEXT");
        }
        return protocols.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /** Replication defaults that suit the broker count: three copies, two in sync, where there are enough brokers. */
    static Map<String, String> replicationDefaults(int brokers) {
        String rf = String.valueOf(Math.max(1, Math.min(3, brokers)));
        String isr = String.valueOf(Math.max(1, Math.min(2, brokers - 1)));
        Map<String, String> d = new TreeMap<>();
        d.put("default.replication.factor", rf);
        d.put("min.insync.replicas", isr);
        d.put("offsets.topic.replication.factor", rf);
        d.put("transaction.state.log.replication.factor", rf);
        d.put("transaction.state.log.min.isr", isr);
        return d;
    }
}
