package io.kstretch.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.Member;

/**
 * Whether a layout survives the loss of any single member: a majority of the controllers (KRaft voters) left, and
 * for a topic with the default replication factor, enough replicas left in the other members to keep accepting
 * acks=all writes ({@code min.insync.replicas}). Rack-aware placement puts at most
 * {@code ceil(replicationFactor / membersWithBrokers)} replicas of a partition in one member. Pure.
 *
 * @param survives whether losing any one member keeps both
 * @param problems one line per member whose loss would not be survived, saying why
 */
public record MemberLossAnalysis(boolean survives, List<String> problems) {

    /**
     * @param topology the layout; its voters are the controllers the pools ask for ({@link Topology#desiredControllers})
     * @param replicationFactor default.replication.factor in effect
     * @param minInsyncReplicas min.insync.replicas in effect
     */
    public static MemberLossAnalysis of(Topology topology, int replicationFactor, int minInsyncReplicas) {
        List<KafkaNode> voters = topology.desiredControllers();
        Map<String, Integer> votersByMember = new TreeMap<>();
        Map<String, Integer> brokersByMember = new TreeMap<>();
        for (Member member : topology.members()) {
            votersByMember.put(member.name(), 0);
            brokersByMember.put(member.name(), 0);
        }
        for (KafkaNode node : topology.nodes()) {
            if (voters.contains(node)) {
                votersByMember.merge(node.member().name(), 1, Integer::sum);
            }
            if (node.broker()) {
                brokersByMember.merge(node.member().name(), 1, Integer::sum);
            }
        }
        int totalVoters = votersByMember.values().stream().mapToInt(Integer::intValue).sum();
        int totalBrokers = brokersByMember.values().stream().mapToInt(Integer::intValue).sum();
        long membersWithBrokers = brokersByMember.values().stream().filter(b -> b > 0).count();
        List<String> problems = new ArrayList<>();
        for (String member : votersByMember.keySet()) {
            List<String> why = new ArrayList<>();
            int votersLeft = totalVoters - votersByMember.get(member);
            if (votersLeft <= totalVoters / 2) {
                why.add("only " + votersLeft + " of " + totalVoters + " controllers would be left, not a majority");
            }
            int brokersHere = brokersByMember.get(member);
            if (brokersHere > 0) {
                int perMember = membersWithBrokers == 0 ? replicationFactor
                        : (int) Math.min(brokersHere, Math.ceil((double) replicationFactor / membersWithBrokers));
                int replicasLeft = Math.min(replicationFactor - perMember, totalBrokers - brokersHere);
                if (replicasLeft < minInsyncReplicas) {
                    why.add("a partition could keep only " + Math.max(0, replicasLeft) + " of " + replicationFactor
                            + " replicas, fewer than min.insync.replicas=" + minInsyncReplicas
                            + ", so acks=all writes would stop");
                }
            }
            if (!why.isEmpty()) {
                problems.add("losing member " + member + ": " + String.join("; ", why));
            }
        }
        return new MemberLossAnalysis(problems.isEmpty(), problems);
    }
}
