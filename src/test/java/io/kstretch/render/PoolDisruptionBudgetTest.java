package io.kstretch.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.kstretch.api.Quorum;
import io.kstretch.topology.PoolLayout;
import io.kstretch.topology.Topology;

class PoolDisruptionBudgetTest {

    @Test
    void at_most_one_pod_of_the_pool_unavailable() {
        Topology topology = RenderFixtures.mixed(Quorum.DYNAMIC, Map.of());
        PoolLayout brk = topology.pools().stream().filter(p -> p.name().equals("brk")).findFirst().orElseThrow();

        PodDisruptionBudget pdb = PoolDisruptionBudget.render(topology, brk);

        assertThat(pdb.getMetadata().getName()).isEqualTo("my-cluster-brk");
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(pdb.getSpec().getMinAvailable()).isNull();
        assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(Labels.poolSelector("my-cluster", "brk"));
        // the selector finds exactly the pods of the pool's StatefulSet
        assertThat(PoolStatefulSet.render(topology, brk, Map.of()).getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
    }
}
