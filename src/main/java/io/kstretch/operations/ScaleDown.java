package io.kstretch.operations;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.kstretch.kafka.PartitionState;
import io.kstretch.kafka.QuorumState;

/**
 * Whether a pool may shrink: none of the nodes it would remove may still host a partition replica, or still vote in
 * the quorum (a dynamic quorum's controller is removed from it first). Pure.
 */
public final class ScaleDown {
    private ScaleDown() {
    }

    /**
     * @param pool the pool's name (for messages)
     * @param removed the node ids that would go
     * @param quorum the quorum (null when no removed node is a controller)
     * @param partitions every partition (null when no removed node is a broker)
     * @return why not; empty when it may shrink
     */
    public static List<String> whyNot(String pool, Set<Integer> removed, QuorumState quorum,
            List<PartitionState> partitions) {
        List<String> why = new java.util.ArrayList<>();
        if (partitions != null) {
            Map<Integer, Set<String>> topicsByNode = new TreeMap<>();
            for (PartitionState p : partitions) {
                for (int replica : p.replicas()) {
                    if (removed.contains(replica)) {
                        topicsByNode.computeIfAbsent(replica, k -> new TreeSet<>()).add(p.topic());
                    }
                }
            }
            topicsByNode.forEach((node, topics) -> why.add("pool " + pool + ": broker " + node
                    + " still hosts replicas of topic(s) " + RestartSafety.list(topics)
                    + "; move them to other brokers first (kafka-reassign-partitions, see docs/operations.md)"));
        }
        if (quorum != null) {
            for (int id : new TreeSet<>(removed)) {
                if (quorum.isVoter(id)) {
                    why.add("pool " + pool + ": controller " + id + " still votes in the quorum; it is removed from"
                            + " it first, once every controller asked for has joined");
                }
            }
        }
        return why;
    }
}
