package io.kstretch.spi.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Node;
import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.api.Listener;
import io.kstretch.api.ProcessRole;
import io.kstretch.spi.Member;
import io.kstretch.testing.Fixtures;
import io.kstretch.testing.TestNodes;
import io.kstretch.topology.Topology;

/**
 * The Kafka the contract suite (and provider unit tests) work on: Kafka {@code my-cluster} in namespace
 * {@code kafka} with client listeners {@code plain} (9092) and {@code external} (9094), over three members that
 * differ in everything a provider may read:
 * <ul>
 * <li>{@code central} (the operator's own cluster, nodeAddress InternalIP): pool {@code combined}, 1 controller
 * and broker, node 0;</li>
 * <li>{@code east} (nodeAddress ExternalIP, MCS cluster id {@code east-id}): pool {@code east}, 1 controller and
 * broker, node 100, and pool {@code brokers}, 2 brokers, nodes 200 and 201;</li>
 * <li>{@code west} (nodeAddress host {@code west-nodes.example.test}): pool {@code controllers}, 1 controller-only
 * node, 300.</li>
 * </ul>
 * Each member has the Nodes of {@link TestNodes#standard} (two Ready, one cordoned, one NotReady).
 */
public final class ContractTopology {
    public static final String NAMESPACE = "kafka";
    public static final String KAFKA = "my-cluster";
    public static final String WEST_HOST = "west-nodes.example.test";
    public static final List<String> MEMBERS = List.of("central", "east", "west");
    /** The controller-only node. */
    public static final int CONTROLLER_ONLY = 300;
    /** A broker-only node. */
    public static final int BROKER_ONLY = 200;

    private ContractTopology() {
    }

    public static List<Member> members() {
        return List.of(new Member("central", NAMESPACE, true, "central", "central", "InternalIP", null),
                new Member("east", NAMESPACE, false, "rack-east", "east-id", "ExternalIP", null),
                new Member("west", NAMESPACE, false, "rack-west", "west", "InternalIP", WEST_HOST));
    }

    public static Topology topology() {
        return topology(members());
    }

    /** The contract topology over other {@link Member}s named central, east and west (e.g. other addresses). */
    public static Topology topology(List<Member> memberList) {
        Kafka kafka = Fixtures.kafka(NAMESPACE, KAFKA, "contract");
        kafka.getSpec().listeners = List.of(new Listener("plain", 9092, false), new Listener("external", 9094, false));
        kafka.getMetadata().setUid("kafka-uid");
        List<KafkaNodePool> pools = new ArrayList<>();
        Map<String, Integer> firstIds = new LinkedHashMap<>();
        pools.add(Fixtures.pool(NAMESPACE, "combined", KAFKA, "central", 1, ProcessRole.CONTROLLER,
                ProcessRole.BROKER));
        firstIds.put("combined", 0);
        pools.add(Fixtures.pool(NAMESPACE, "east", KAFKA, "east", 1, ProcessRole.CONTROLLER, ProcessRole.BROKER));
        firstIds.put("east", 100);
        pools.add(Fixtures.pool(NAMESPACE, "brokers", KAFKA, "east", 2, ProcessRole.BROKER));
        firstIds.put("brokers", 200);
        pools.add(Fixtures.pool(NAMESPACE, "controllers", KAFKA, "west", 1, ProcessRole.CONTROLLER));
        firstIds.put("controllers", 300);
        Map<String, Member> members = new LinkedHashMap<>();
        memberList.forEach(m -> members.put(m.name(), m));
        return Topology.of(kafka, pools, firstIds, members);
    }

    /** Simulated members with the standard Nodes, serving nothing but the core APIs. */
    public static SimulatedMembers simulated() {
        SimulatedMembers simulated = new SimulatedMembers();
        for (int i = 0; i < MEMBERS.size(); i++) {
            List<Node> nodes = TestNodes.standard(MEMBERS.get(i), i);
            simulated.member(MEMBERS.get(i)).nodes(MEMBERS.get(i), nodes);
        }
        return simulated;
    }

    /** A context over the contract topology. */
    public static TestProviderContext context(Map<String, String> config, SimulatedMembers simulated) {
        return new TestProviderContext(topology(), config, simulated);
    }

    /** A context over the contract topology with other {@link Member}s (named central, east and west). */
    public static TestProviderContext context(Map<String, String> config, SimulatedMembers simulated,
            List<Member> members) {
        return new TestProviderContext(topology(members), config, simulated);
    }
}
