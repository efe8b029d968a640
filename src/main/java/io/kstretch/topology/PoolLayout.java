package io.kstretch.topology;

import java.util.List;

import io.kstretch.api.KafkaNodePool;
import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.Member;

/**
 * A node pool as placed: its member, its node id range and its nodes.
 *
 * @param pool the pool resource
 * @param member where its nodes run
 * @param firstId first node id (the StatefulSet's ordinals.start)
 * @param nodes its nodes, ids firstId .. firstId + replicas - 1
 */
public record PoolLayout(KafkaNodePool pool, Member member, int firstId, List<KafkaNode> nodes) {

    public String name() {
        return pool.getMetadata().getName();
    }

    public int replicas() {
        return nodes.size();
    }

    public boolean controller() {
        return pool.getSpec().hasRole(io.kstretch.api.ProcessRole.CONTROLLER);
    }

    public boolean broker() {
        return pool.getSpec().hasRole(io.kstretch.api.ProcessRole.BROKER);
    }
}
