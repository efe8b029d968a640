package io.kstretch.topology;

import java.util.List;

import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.Member;

/**
 * One member cluster and what of a Kafka is placed there. Single-cluster is one placement; nothing else differs.
 *
 * @param member the member cluster
 * @param pools the pools placed here, in name order (may be empty for a member that only has leftovers to remove)
 */
public record Placement(Member member, List<PoolLayout> pools) {

    public List<KafkaNode> nodes() {
        return pools.stream().flatMap(p -> p.nodes().stream()).toList();
    }
}
