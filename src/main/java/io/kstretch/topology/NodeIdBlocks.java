package io.kstretch.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kstretch.api.KafkaNodePool;

/**
 * Assigns each pool a first node id, once. A pool owns the block {@code [first, first + max(BLOCK, replicas))} so it
 * can scale up without colliding with another pool (a StatefulSet's ordinals are contiguous). Ids are never given to
 * a second pool: new pools start at or above the Kafka's {@code status.nextNodeId}.
 */
public final class NodeIdBlocks {
    public static final int BLOCK = 100;

    private NodeIdBlocks() {
    }

    /**
     * @param pools the Kafka's pools
     * @param nextNodeId the Kafka's status.nextNodeId (null when none was ever assigned)
     * @return first id per pool name (existing assignments kept, new ones added in pool name order) and the new
     *         nextNodeId
     */
    public static Assignment assign(List<KafkaNodePool> pools, Integer nextNodeId) {
        Map<String, Integer> firsts = new LinkedHashMap<>();
        int next = nextNodeId == null ? 0 : nextNodeId;
        List<KafkaNodePool> sorted = new ArrayList<>(pools);
        sorted.sort(Comparator.comparing(p -> p.getMetadata().getName()));
        for (KafkaNodePool pool : sorted) {
            Integer first = assigned(pool);
            if (first != null) {
                firsts.put(pool.getMetadata().getName(), first);
                next = Math.max(next, end(first, pool));
            }
        }
        for (KafkaNodePool pool : sorted) {
            if (!firsts.containsKey(pool.getMetadata().getName())) {
                int first = next % BLOCK == 0 ? next : (next / BLOCK + 1) * BLOCK;
                firsts.put(pool.getMetadata().getName(), first);
                next = end(first, pool);
            }
        }
        return new Assignment(firsts, next);
    }

    /** The pool's first id: from status when assigned, else the one asked for in spec, else null. */
    public static Integer assigned(KafkaNodePool pool) {
        if (pool.getStatus() != null && pool.getStatus().nodeIdStart != null) {
            return pool.getStatus().nodeIdStart;
        }
        return pool.getSpec().nodeIdStart;
    }

    /** First id past the block a pool reserves. */
    public static int end(int first, KafkaNodePool pool) {
        return first + Math.max(BLOCK, pool.getSpec().replicas == null ? 0 : pool.getSpec().replicas);
    }

    /**
     * @param firstIds first node id per pool name
     * @param nextNodeId lowest id no pool has been given
     */
    public record Assignment(Map<String, Integer> firstIds, int nextNodeId) {
    }
}
