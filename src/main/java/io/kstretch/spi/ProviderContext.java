package io.kstretch.spi;

import java.util.List;
import java.util.Map;

/** What a provider may know about the Kafka being reconciled: its name, config, members, nodes and observed objects. */
public interface ProviderContext {

    /** Name of the Kafka. */
    String kafkaName();

    /** Namespace of the Kafka in the central cluster, and of its data plane in every member. */
    String namespace();

    /** {@code spec.networking.config}; never null. */
    Map<String, String> config();

    /** Members that hold nodes of this Kafka, in name order. */
    List<Member> members();

    /** Every node of this Kafka, in id order. */
    List<KafkaNode> nodes();

    /**
     * Name of the headless Service kstretch creates in every member for the Kafka's nodes there (every node pod
     * has a DNS name under it, ready or not).
     */
    String headlessService();

    /** Labels that select every node pod of this Kafka in a member. */
    Map<String, String> podSelector();

    /** Labels that select exactly the pod of {@code node}. */
    Map<String, String> podSelector(KafkaNode node);

    /** Read-only view of what is observed in a member (objects kstretch wrote there, nodes). */
    ObservedObjects observed(Member member);
}
