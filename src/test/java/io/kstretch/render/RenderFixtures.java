package io.kstretch.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.api.Listener;
import io.kstretch.api.ProcessRole;
import io.kstretch.api.Quorum;
import io.kstretch.spi.Endpoint;
import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.Member;
import io.kstretch.testing.Fixtures;
import io.kstretch.topology.Endpoints;
import io.kstretch.topology.Topology;

/** Small topologies and fake endpoints for the render tests. */
final class RenderFixtures {
    static final String NS = "kafka";
    static final String KAFKA = "my-cluster";

    private RenderFixtures() {
    }

    /** A remote member whose rack and MCS id differ from its name, so tests can tell them apart. */
    static Member member(String name) {
        return new Member(name, NS, false, "rack-" + name, "mcs-" + name, "InternalIP", null);
    }

    /** Kafka my-cluster with client listeners plain:9092 and ext:9094. */
    static Kafka kafka(Quorum quorum, Map<String, String> config) {
        Kafka kafka = Fixtures.kafka(NS, KAFKA, "mcs");
        kafka.getSpec().quorum = quorum;
        kafka.getSpec().listeners = List.of(new Listener("plain", 9092, false), new Listener("ext", 9094, false));
        kafka.getSpec().config = config;
        kafka.getMetadata().setUid("uid-1");
        return kafka;
    }

    static KafkaNodePool pool(String name, String member, int replicas, ProcessRole... roles) {
        return Fixtures.pool(NS, name, KAFKA, member, replicas, roles);
    }

    /** A pool with its first id; the pairs are collected in order by {@link #topology}. */
    record PoolAt(KafkaNodePool pool, int firstId) {
    }

    static PoolAt at(int firstId, KafkaNodePool pool) {
        return new PoolAt(pool, firstId);
    }

    static Topology topology(Kafka kafka, List<Member> members, PoolAt... pools) {
        Map<String, Member> byName = new LinkedHashMap<>();
        members.forEach(m -> byName.put(m.name(), m));
        Map<String, Integer> firsts = new LinkedHashMap<>();
        List<KafkaNodePool> list = new ArrayList<>();
        Arrays.stream(pools).forEach(p -> {
            list.add(p.pool());
            firsts.put(p.pool().getMetadata().getName(), p.firstId());
        });
        return Topology.of(kafka, list, firsts, byName);
    }

    /**
     * The standard mixed topology: 3 controller-only nodes (ids 0-2, member east), 2 broker-only nodes (100-101,
     * member west) and one combined node (200, member west).
     */
    static Topology mixed(Quorum quorum, Map<String, String> config) {
        return topology(kafka(quorum, config), List.of(member("east"), member("west")),
                at(0, pool("ctrl", "east", 3, ProcessRole.CONTROLLER)),
                at(100, pool("brk", "west", 2, ProcessRole.BROKER)),
                at(200, pool("mix", "west", 1, ProcessRole.CONTROLLER, ProcessRole.BROKER)));
    }

    static String host(KafkaNode node) {
        return node.podName() + "." + node.member().name() + ".example";
    }

    /**
     * Endpoints whose host names the node and whose port differs from the container port (30000 + 10 * id + the
     * port's index), so a test can tell an advertised address from a listener address.
     */
    static Endpoints endpoints(Topology topology) {
        return Endpoints.of(topology.nodes(), (node, port) -> Endpoint.of(host(node),
                externalPort(node, port.name())));
    }

    static int externalPort(KafkaNode node, String portName) {
        for (int i = 0; i < node.ports().size(); i++) {
            if (node.ports().get(i).name().equals(portName)) {
                return 30000 + 10 * node.id() + i;
            }
        }
        throw new IllegalArgumentException(portName);
    }

    static String hostPort(KafkaNode node, String portName) {
        return host(node) + ":" + externalPort(node, portName);
    }

    static KafkaNode node(Topology topology, int id) {
        return topology.nodes().stream().filter(n -> n.id() == id).findFirst().orElseThrow();
    }
}
