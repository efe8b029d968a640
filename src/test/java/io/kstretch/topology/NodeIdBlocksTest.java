package io.kstretch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.kstretch.api.KafkaNodePool;
import io.kstretch.api.KafkaNodePoolStatus;
import io.kstretch.api.ProcessRole;
import io.kstretch.testing.Fixtures;

class NodeIdBlocksTest {

    private static KafkaNodePool pool(String name, int replicas) {
        return Fixtures.pool("kafka", name, "my-cluster", "east", replicas, ProcessRole.BROKER);
    }

    private static KafkaNodePool assigned(String name, int replicas, int nodeIdStart) {
        KafkaNodePool pool = pool(name, replicas);
        pool.setStatus(new KafkaNodePoolStatus());
        pool.getStatus().nodeIdStart = nodeIdStart;
        return pool;
    }

    private static KafkaNodePool requested(String name, int replicas, int nodeIdStart) {
        KafkaNodePool pool = pool(name, replicas);
        pool.getSpec().nodeIdStart = nodeIdStart;
        return pool;
    }

    @Test
    void new_pools_get_blocks_of_100_in_name_order() {
        var a = NodeIdBlocks.assign(List.of(pool("zeta", 3), pool("alpha", 5), pool("mid", 1)), null);

        assertThat(a.firstIds()).containsExactlyInAnyOrderEntriesOf(Map.of("alpha", 0, "mid", 100, "zeta", 200));
        assertThat(a.nextNodeId()).isEqualTo(300);
    }

    @Test
    void assignments_from_status_are_kept() {
        // "alpha" sorts first but "beta" already owns 0..99
        var a = NodeIdBlocks.assign(List.of(pool("alpha", 3), assigned("beta", 3, 0)), 100);

        assertThat(a.firstIds()).containsExactlyInAnyOrderEntriesOf(Map.of("beta", 0, "alpha", 100));
        assertThat(a.nextNodeId()).isEqualTo(200);
    }

    @Test
    void assignment_is_stable_when_reapplied() {
        var first = NodeIdBlocks.assign(List.of(pool("a", 3), pool("b", 3)), null);
        var again = NodeIdBlocks.assign(List.of(assigned("a", 3, first.firstIds().get("a")),
                assigned("b", 3, first.firstIds().get("b"))), first.nextNodeId());

        assertThat(again).isEqualTo(first);
    }

    @Test
    void status_wins_over_spec() {
        KafkaNodePool pool = assigned("a", 3, 100);
        pool.getSpec().nodeIdStart = 0;

        assertThat(NodeIdBlocks.assigned(pool)).isEqualTo(100);
        assertThat(NodeIdBlocks.assign(List.of(pool), 200).firstIds()).containsEntry("a", 100);
        assertThat(NodeIdBlocks.assigned(pool("b", 1))).isNull();
    }

    @Test
    void explicit_node_id_start_is_respected_and_new_pools_go_past_it() {
        var a = NodeIdBlocks.assign(List.of(requested("a", 3, 500), pool("b", 3)), null);

        assertThat(a.firstIds()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 500, "b", 600));
        assertThat(a.nextNodeId()).isEqualTo(700);
    }

    @Test
    void explicit_node_id_start_need_not_be_a_block_boundary() {
        var a = NodeIdBlocks.assign(List.of(requested("a", 3, 250), pool("b", 3)), null);

        assertThat(a.firstIds()).containsEntry("a", 250).containsEntry("b", 400);
    }

    @Test
    void ids_of_removed_pools_are_never_reused() {
        // pools that had 0..199 were deleted; status.nextNodeId remembers them
        var a = NodeIdBlocks.assign(List.of(pool("a", 3)), 200);

        assertThat(a.firstIds()).containsExactly(Map.entry("a", 200));
        assertThat(a.nextNodeId()).isEqualTo(300);
    }

    @Test
    void next_node_id_off_a_block_boundary_is_rounded_up() {
        var a = NodeIdBlocks.assign(List.of(pool("a", 3)), 250);

        assertThat(a.firstIds()).containsEntry("a", 300);
        assertThat(a.nextNodeId()).isEqualTo(400);
    }

    @Test
    void next_node_id_never_goes_down() {
        var a = NodeIdBlocks.assign(List.of(assigned("a", 3, 0)), 900);

        assertThat(a.nextNodeId()).isEqualTo(900);
    }

    @Test
    void pools_larger_than_a_block_reserve_more() {
        var a = NodeIdBlocks.assign(List.of(pool("a", 150), pool("b", 3)), null);

        assertThat(a.firstIds()).containsEntry("a", 0).containsEntry("b", 200);
        assertThat(a.nextNodeId()).isEqualTo(300);
        assertThat(NodeIdBlocks.end(0, pool("x", 150))).isEqualTo(150);
        assertThat(NodeIdBlocks.end(100, pool("x", 3))).isEqualTo(200);
        assertThat(NodeIdBlocks.end(100, pool("x", 100))).isEqualTo(200);
        assertThat(NodeIdBlocks.end(100, pool("x", 101))).isEqualTo(201);
    }

    @Test
    void existing_pool_that_grew_past_its_block_pushes_new_pools_further() {
        var a = NodeIdBlocks.assign(List.of(assigned("a", 250, 0), pool("b", 3)), 100);

        assertThat(a.firstIds()).containsEntry("a", 0).containsEntry("b", 300);
        assertThat(a.nextNodeId()).isEqualTo(400);
    }

    @Test
    void no_pools_keeps_next_node_id() {
        assertThat(NodeIdBlocks.assign(List.of(), null)).isEqualTo(new NodeIdBlocks.Assignment(Map.of(), 0));
        assertThat(NodeIdBlocks.assign(List.of(), 300).nextNodeId()).isEqualTo(300);
    }
}
