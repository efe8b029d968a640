package io.kstretch.spi;

import java.util.List;

/**
 * One Kafka node (a pod of a pool's StatefulSet).
 *
 * @param id KRaft node id, also the pod's ordinal
 * @param pool node pool name
 * @param member where the node runs
 * @param podName pod name, {@code <kafka>-<pool>-<id>}
 * @param controller whether the node has the controller role
 * @param broker whether the node has the broker role
 * @param ports every port the node serves and other nodes or clients must reach, in a stable order
 */
public record KafkaNode(int id, String pool, Member member, String podName, boolean controller, boolean broker,
        List<KafkaPort> ports) {

    public KafkaPort port(String name) {
        return ports.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("node " + id + " has no port " + name));
    }
}
