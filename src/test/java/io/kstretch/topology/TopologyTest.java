package io.kstretch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.api.Listener;
import io.kstretch.api.ProcessRole;
import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.KafkaPort;
import io.kstretch.spi.Member;
import io.kstretch.testing.Fixtures;

class TopologyTest {
    private static final Member CENTRAL = new Member("central", "kafka", true, "central", "central", "InternalIP",
            null);
    private static final Member EAST = new Member("east", "kafka", false, "r-east", "east", "InternalIP", null);
    private static final Member WEST = new Member("west", "kafka", false, "r-west", "west", "InternalIP", null);

    private static KafkaNodePool pool(String name, String member, int replicas, ProcessRole... roles) {
        return Fixtures.pool("kafka", name, "my-cluster", member, replicas, roles);
    }

    private static Topology topology() {
        Kafka kafka = Fixtures.kafka("kafka", "my-cluster", "mcs");
        kafka.getSpec().listeners = List.of(new Listener("plain", 9092, false), new Listener("ext", 9094, false));
        // listed out of order on purpose
        List<KafkaNodePool> pools = List.of(
                pool("west-b", "west", 2, ProcessRole.BROKER),
                pool("east-c", "east", 1, ProcessRole.CONTROLLER),
                pool("west-a", "west", 1, ProcessRole.CONTROLLER, ProcessRole.BROKER),
                pool("central", "central", 1, ProcessRole.CONTROLLER),
                pool("east-b", "east", 2, ProcessRole.BROKER));
        Map<String, Integer> firsts = Map.of("west-b", 100, "east-c", 300, "west-a", 400, "central", 0,
                "east-b", 200);
        Map<String, Member> members = new LinkedHashMap<>();
        members.put("west", WEST);
        members.put("east", EAST);
        members.put("central", CENTRAL);
        return Topology.of(kafka, pools, firsts, members);
    }

    @Test
    void placements_are_per_member_in_name_order_with_pools_in_name_order() {
        Topology t = topology();

        assertThat(t.placements()).extracting(p -> p.member().name()).containsExactly("central", "east", "west");
        assertThat(t.members()).containsExactly(CENTRAL, EAST, WEST);
        assertThat(t.placement("east").pools()).extracting(PoolLayout::name).containsExactly("east-b", "east-c");
        assertThat(t.placement("west").pools()).extracting(PoolLayout::name).containsExactly("west-a", "west-b");
        assertThat(t.pools()).extracting(PoolLayout::name)
                .containsExactly("central", "east-b", "east-c", "west-a", "west-b");
        assertThat(t.placement("south")).isNull();
        assertThat(t.kafkaName()).isEqualTo("my-cluster");
        assertThat(t.namespace()).isEqualTo("kafka");
    }

    @Test
    void nodes_get_consecutive_ids_from_the_pool_first_id_and_pod_names() {
        Topology t = topology();
        PoolLayout westB = t.placement("west").pools().get(1);

        assertThat(westB.firstId()).isEqualTo(100);
        assertThat(westB.replicas()).isEqualTo(2);
        assertThat(westB.member()).isEqualTo(WEST);
        assertThat(westB.nodes()).extracting(KafkaNode::id).containsExactly(100, 101);
        assertThat(westB.nodes()).extracting(KafkaNode::podName)
                .containsExactly("my-cluster-west-b-100", "my-cluster-west-b-101");
        assertThat(westB.nodes()).allSatisfy(n -> {
            assertThat(n.pool()).isEqualTo("west-b");
            assertThat(n.member()).isEqualTo(WEST);
            assertThat(n.broker()).isTrue();
            assertThat(n.controller()).isFalse();
        });
        // a placement's nodes follow its pools (name order), not the ids
        assertThat(t.placement("west").nodes()).extracting(KafkaNode::id).containsExactly(400, 100, 101);
    }

    @Test
    void nodes_controllers_and_brokers_are_in_id_order() {
        Topology t = topology();

        assertThat(t.nodes()).extracting(KafkaNode::id).containsExactly(0, 100, 101, 200, 201, 300, 400);
        assertThat(t.controllers()).extracting(KafkaNode::id).containsExactly(0, 300, 400);
        assertThat(t.brokers()).extracting(KafkaNode::id).containsExactly(100, 101, 200, 201, 400);
    }

    @Test
    void ports_follow_the_roles() {
        Topology t = topology();
        KafkaNode controller = t.nodes().get(0);
        KafkaNode broker = t.nodes().get(1);
        KafkaNode combined = t.nodes().get(6);

        assertThat(controller.ports()).containsExactly(new KafkaPort("controller", 9090));
        assertThat(broker.ports()).containsExactly(new KafkaPort("replication", 9091), new KafkaPort("plain", 9092),
                new KafkaPort("ext", 9094));
        assertThat(combined.ports()).extracting(KafkaPort::name)
                .containsExactly("controller", "replication", "plain", "ext");
        assertThat(combined.port("plain").port()).isEqualTo(9092);
        assertThat(t.placement("west").pools().get(0).controller()).isTrue();
        assertThat(t.placement("west").pools().get(0).broker()).isTrue();
    }

    @Test
    void pool_with_zero_replicas_has_no_nodes_but_keeps_its_placement() {
        Kafka kafka = Fixtures.kafka("kafka", "k", "mcs");
        Topology t = Topology.of(kafka, List.of(pool("p", "east", 0, ProcessRole.BROKER)), Map.of("p", 100),
                Map.of("east", EAST));

        assertThat(t.placements()).hasSize(1);
        assertThat(t.pools().get(0).nodes()).isEmpty();
        assertThat(t.nodes()).isEmpty();
    }
}
