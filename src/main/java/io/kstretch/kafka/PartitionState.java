package io.kstretch.kafka;

import java.util.List;

/**
 * One partition as the cluster describes it.
 *
 * @param topic topic name
 * @param partition partition number
 * @param replicas the brokers holding a replica
 * @param isr the in-sync replicas
 * @param minInsyncReplicas the topic's effective {@code min.insync.replicas}
 */
public record PartitionState(String topic, int partition, List<Integer> replicas, List<Integer> isr,
        int minInsyncReplicas) {
}
