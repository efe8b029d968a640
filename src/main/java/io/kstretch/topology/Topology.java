package io.kstretch.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.api.Listener;
import io.kstretch.render.Names;
import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.Member;

/**
 * Where every node of a Kafka runs: placements per member, pools and nodes. Pure data, built from the Kafka, its
 * pools (with their assigned first node ids) and the members they name.
 *
 * @param kafka the Kafka
 * @param placements one per member, in member name order
 * @param leaving ids of nodes a shrinking pool keeps only until they may go (see {@link #of(Kafka, List, Map, Map,
 *        Map)})
 */
public record Topology(Kafka kafka, List<Placement> placements, java.util.Set<Integer> leaving) {

    /** Every pool at its {@code spec.replicas}. */
    public static Topology of(Kafka kafka, List<KafkaNodePool> pools, Map<String, Integer> firstIds,
            Map<String, Member> members) {
        return of(kafka, pools, firstIds, members, Map.of());
    }

    /**
     * @param kafka the Kafka
     * @param pools its pools, each with a first node id
     * @param firstIds first node id per pool name
     * @param members the members, by name; every pool's member must be present
     * @param kept per pool name, replicas kept above {@code spec.replicas} while a scale-down waits: the nodes past
     *        spec.replicas stay, {@link #leaving() leaving}
     */
    public static Topology of(Kafka kafka, List<KafkaNodePool> pools, Map<String, Integer> firstIds,
            Map<String, Member> members, Map<String, Integer> kept) {
        java.util.Set<Integer> leaving = new java.util.TreeSet<>();
        String kafkaName = kafka.getMetadata().getName();
        List<Listener> listeners = kafka.getSpec().listeners;
        Map<String, List<PoolLayout>> byMember = new TreeMap<>();
        pools.stream().sorted(Comparator.comparing(p -> p.getMetadata().getName())).forEach(pool -> {
            Member member = members.get(pool.getSpec().memberCluster);
            int first = firstIds.get(pool.getMetadata().getName());
            boolean controller = pool.getSpec().hasRole(io.kstretch.api.ProcessRole.CONTROLLER);
            boolean broker = pool.getSpec().hasRole(io.kstretch.api.ProcessRole.BROKER);
            List<KafkaNode> nodes = new ArrayList<>();
            int replicas = Math.max(pool.getSpec().replicas, kept.getOrDefault(pool.getMetadata().getName(), 0));
            for (int i = 0; i < replicas; i++) {
                int id = first + i;
                if (i >= pool.getSpec().replicas) {
                    leaving.add(id);
                }
                nodes.add(new KafkaNode(id, pool.getMetadata().getName(), member,
                        Names.pod(kafkaName, pool.getMetadata().getName(), id), controller, broker,
                        Ports.of(controller, broker, listeners)));
            }
            byMember.computeIfAbsent(member.name(), k -> new ArrayList<>())
                    .add(new PoolLayout(pool, member, first, List.copyOf(nodes)));
        });
        List<Placement> placements = new ArrayList<>();
        byMember.forEach((name, layouts) -> placements.add(new Placement(members.get(name), List.copyOf(layouts))));
        return new Topology(kafka, List.copyOf(placements), java.util.Set.copyOf(leaving));
    }

    public String kafkaName() {
        return kafka.getMetadata().getName();
    }

    public String namespace() {
        return kafka.getMetadata().getNamespace();
    }

    public List<Member> members() {
        return placements.stream().map(Placement::member).toList();
    }

    public List<PoolLayout> pools() {
        return placements.stream().flatMap(p -> p.pools().stream()).toList();
    }

    /** Every node, in id order. */
    public List<KafkaNode> nodes() {
        return placements.stream().flatMap(p -> p.nodes().stream()).sorted(Comparator.comparingInt(KafkaNode::id))
                .toList();
    }

    public List<KafkaNode> controllers() {
        return nodes().stream().filter(KafkaNode::controller).toList();
    }

    public List<KafkaNode> brokers() {
        return nodes().stream().filter(KafkaNode::broker).toList();
    }

    /** The controllers the spec asks for: every controller except the {@link #leaving() leaving} ones. */
    public List<KafkaNode> desiredControllers() {
        return controllers().stream().filter(n -> !leaving.contains(n.id())).toList();
    }

    public Placement placement(String memberName) {
        return placements.stream().filter(p -> p.member().name().equals(memberName)).findFirst().orElse(null);
    }
}
