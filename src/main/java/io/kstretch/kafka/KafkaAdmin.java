package io.kstretch.kafka;

import java.util.List;
import java.util.Map;

/**
 * What the operator reads from and changes in a live Kafka cluster (through the Kafka Admin API): the quorum, the
 * registered brokers, the partitions' replicas and ISRs; adding and removing KRaft voters (KIP-853) and unregistering
 * removed brokers. Every call goes to the cluster (no cache) and throws {@link KafkaAdminException} on failure.
 */
public interface KafkaAdmin extends AutoCloseable {

    /** The metadata quorum, from the controllers. */
    QuorumState quorum();

    /** Registered brokers, fenced ones included: node id → fenced. */
    Map<Integer, Boolean> brokers();

    /** Every partition of every topic (internal ones included), with its topic's min.insync.replicas. */
    List<PartitionState> partitions();

    /** Adds a controller as a voter (it must already replicate the metadata log as an observer). */
    void addVoter(int id, String directoryId, String listener, String host, int port);

    /** Removes a voter from the quorum. */
    void removeVoter(int id, String directoryId);

    /** Unregisters a broker that was removed (its registration would otherwise stay, fenced, forever). */
    void unregisterBroker(int id);

    @Override
    void close();
}
