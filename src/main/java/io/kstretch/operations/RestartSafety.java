package io.kstretch.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import io.kstretch.kafka.PartitionState;
import io.kstretch.kafka.QuorumState;
import io.kstretch.spi.KafkaNode;

/**
 * Whether a node can be restarted now without losing the quorum or any partition's acks=all availability. Pure.
 * <ul>
 * <li>A voting controller: the other voters that are caught up with the leader must still be a majority of all
 * voters.</li>
 * <li>A broker: no partition it is in sync for may drop below its topic's {@code min.insync.replicas}. Partitions
 * whose replication factor is not above {@code min.insync.replicas} are not considered: they stop accepting acks=all
 * writes whenever any replica restarts, so no order of restarts could keep them available (as in Strimzi).</li>
 * </ul>
 */
public final class RestartSafety {
    static final int LISTED = 5;

    private RestartSafety() {
    }

    /** Why {@code node} must not be restarted now; empty when it may. */
    public static List<String> whyNot(KafkaNode node, QuorumState quorum, List<PartitionState> partitions,
            long fetchTimeoutMs) {
        List<String> why = new ArrayList<>();
        if (node.controller() && quorum != null && quorum.isVoter(node.id())) {
            int voters = quorum.voters().size();
            int majority = voters / 2 + 1;
            long othersCaughtUp = quorum.voters().stream()
                    .filter(v -> v.id() != node.id() && quorum.caughtUp(v, fetchTimeoutMs)).count();
            if (othersCaughtUp < majority) {
                why.add("restarting controller " + node.id() + " would leave " + othersCaughtUp + " of " + voters
                        + " voters caught up, fewer than the " + majority + " a majority needs");
            }
        }
        if (node.broker() && partitions != null) {
            TreeSet<String> atRisk = new TreeSet<>();
            for (PartitionState p : partitions) {
                if (p.isr().contains(node.id()) && p.replicas().size() > p.minInsyncReplicas()
                        && p.isr().size() - 1 < p.minInsyncReplicas()) {
                    atRisk.add(p.topic() + "-" + p.partition());
                }
            }
            if (!atRisk.isEmpty()) {
                why.add("restarting broker " + node.id() + " would leave " + atRisk.size() + " partition(s) with"
                        + " fewer in-sync replicas than min.insync.replicas: " + list(atRisk));
            }
        }
        return why;
    }

    static String list(java.util.Collection<String> items) {
        List<String> all = new ArrayList<>(items);
        if (all.size() <= LISTED) {
            return String.join(", ", all);
        }
        return String.join(", ", all.subList(0, LISTED)) + " and " + (all.size() - LISTED) + " more";
    }
}
