package io.kstretch.operations;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import io.kstretch.spi.KafkaNode;

/**
 * The order nodes are restarted in: nodes that are not ready first (they serve nothing, and a restart may be what
 * fixes them), then controller-only nodes, then combined nodes, then broker-only nodes, each by node id; the active
 * controller last of the controllers. Pure.
 */
public final class RollOrder {
    private RollOrder() {
    }

    /**
     * @param candidates the nodes to restart
     * @param activeController the active controller's id (-1 when unknown)
     * @param ready whether a node's pod is ready
     */
    public static List<KafkaNode> order(List<KafkaNode> candidates, int activeController, Predicate<KafkaNode> ready) {
        List<KafkaNode> ordered = new ArrayList<>(candidates);
        ordered.sort(Comparator.comparing((KafkaNode n) -> ready.test(n) ? 1 : 0)
                .thenComparing(n -> rank(n, activeController))
                .thenComparing(KafkaNode::id));
        return ordered;
    }

    private static int rank(KafkaNode node, int activeController) {
        if (node.controller()) {
            if (node.id() == activeController) {
                return 2;
            }
            return node.broker() ? 1 : 0;
        }
        return 3;
    }
}
