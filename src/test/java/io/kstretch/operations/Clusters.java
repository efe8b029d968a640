package io.kstretch.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import io.kstretch.kafka.PartitionState;
import io.kstretch.kafka.QuorumState;
import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.Member;

/** Small builders of nodes and cluster states for the decision tests. */
final class Clusters {
    static final Member EAST = new Member("east", "ns", false, "east", "east", "InternalIP", null);

    private Clusters() {
    }

    static KafkaNode controller(int id) {
        return new KafkaNode(id, "c", EAST, "k-c-" + id, true, false, List.of());
    }

    static KafkaNode broker(int id) {
        return new KafkaNode(id, "b", EAST, "k-b-" + id, false, true, List.of());
    }

    static KafkaNode combined(int id) {
        return new KafkaNode(id, "m", EAST, "k-m-" + id, true, true, List.of());
    }

    /** A replica caught up {@code lagMs} before the leader (at time 100000). */
    static QuorumState.Replica replica(int id, long lagMs) {
        return new QuorumState.Replica(id, "dir-" + id, 1000, OptionalLong.of(100_000 - lagMs));
    }

    static QuorumState.Replica unknown(int id) {
        return new QuorumState.Replica(id, "dir-" + id, 0, OptionalLong.empty());
    }

    static QuorumState quorum(int leader, List<QuorumState.Replica> voters, QuorumState.Replica... observers) {
        return new QuorumState(leader, voters, List.of(observers));
    }

    static PartitionState partition(String topic, int p, List<Integer> replicas, List<Integer> isr, int minIsr) {
        return new PartitionState(topic, p, replicas, isr, minIsr);
    }

    static List<PartitionState> list(PartitionState... partitions) {
        return new ArrayList<>(List.of(partitions));
    }
}
