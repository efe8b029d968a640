package io.kstretch.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.kstretch.api.ControllerStatus;
import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.api.Quorum;
import io.kstretch.spi.KafkaNode;
import io.kstretch.topology.KraftIds;
import io.kstretch.topology.NodeIdBlocks;
import io.kstretch.topology.Topology;

/**
 * What a Kafka is given once and keeps: the KRaft cluster id, each pool's first node id, and (dynamic quorum) the
 * directory ids of the bootstrap controllers. These are written to status before anything that depends on them is
 * written anywhere, so a crash can never make two different ones exist.
 *
 * @param clusterId the KRaft cluster id
 * @param nodeIds each pool's first node id, and the next free id
 */
record Allocations(String clusterId, NodeIdBlocks.Assignment nodeIds) {

    static Allocations of(Kafka kafka, List<KafkaNodePool> pools) {
        var status = kafka.getStatus();
        String clusterId = status != null && status.clusterId != null ? status.clusterId : KraftIds.random();
        return new Allocations(clusterId, NodeIdBlocks.assign(pools, status == null ? null : status.nextNodeId));
    }

    /**
     * How long to wait before a new cluster's allocations are made: until {@code settle} after the Kafka and its
     * newest pool were created. The initial controllers (and a static quorum's voters) are fixed then, and must
     * never differ between nodes, so they are not fixed while pools are still arriving. Zero once the cluster has an
     * id, or once everything has settled.
     */
    static Duration settling(Kafka kafka, List<KafkaNodePool> pools, Duration settle, Instant now) {
        if (kafka.getStatus() != null && kafka.getStatus().clusterId != null) {
            return Duration.ZERO;
        }
        Instant newest = created(kafka);
        for (KafkaNodePool pool : pools) {
            Instant created = created(pool);
            if (newest == null || created != null && created.isAfter(newest)) {
                newest = created;
            }
        }
        if (newest == null) {
            return Duration.ZERO;
        }
        // creation timestamps have one-second precision: a pool may be up to a second younger than its timestamp
        Duration left = Duration.between(now, newest.plus(settle).plusSeconds(1));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Instant created(io.fabric8.kubernetes.api.model.HasMetadata resource) {
        String timestamp = resource.getMetadata().getCreationTimestamp();
        try {
            return timestamp == null ? null : Instant.parse(timestamp);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** Whether something here is new, i.e. not yet in the Kafka's or a pool's status. */
    boolean isNew(Kafka kafka, List<KafkaNodePool> pools) {
        var status = kafka.getStatus();
        if (status == null || !clusterId.equals(status.clusterId)
                || !Objects.equals(status.nextNodeId, nodeIds.nextNodeId())) {
            return true;
        }
        for (KafkaNodePool pool : pools) {
            var ps = pool.getStatus();
            if (ps == null || !Objects.equals(ps.nodeIdStart, nodeIds.firstIds().get(pool.getMetadata().getName()))
                    || !Objects.equals(ps.memberCluster, pool.getSpec().memberCluster)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The controllers for status: existing entries keep their directory ids; when the cluster is being created
     * (no cluster id in status yet) every controller of a dynamic quorum gets a new directory id, for
     * {@code --initial-controllers}.
     */
    static List<ControllerStatus> controllers(Kafka kafka, Topology topology) {
        var status = kafka.getStatus();
        boolean bootstrap = status == null || status.clusterId == null;
        boolean dynamic = kafka.getSpec().quorumOrDefault() == Quorum.DYNAMIC;
        Map<Integer, ControllerStatus> known = new java.util.HashMap<>();
        if (status != null && status.controllers != null) {
            status.controllers.forEach(c -> known.put(c.id, c));
        }
        List<ControllerStatus> controllers = new ArrayList<>();
        for (KafkaNode node : topology.controllers()) {
            ControllerStatus before = known.get(node.id());
            String directoryId = before != null ? before.directoryId
                    : bootstrap && dynamic ? KraftIds.random() : null;
            controllers.add(new ControllerStatus(node.id(), directoryId, node.member().name()));
        }
        return controllers;
    }

    /** The controllers whose storage is formatted with --initial-controllers: none once the quorum is up. */
    static List<ControllerStatus> initialControllers(Kafka kafka) {
        var status = kafka.getStatus();
        if (status == null || Boolean.TRUE.equals(status.quorumBootstrapped) || status.controllers == null) {
            return List.of();
        }
        return status.controllers.stream().filter(c -> c.directoryId != null).toList();
    }
}
