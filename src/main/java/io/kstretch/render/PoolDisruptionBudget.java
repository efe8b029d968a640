package io.kstretch.render;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.kstretch.topology.PoolLayout;
import io.kstretch.topology.Topology;

/** At most one node of a pool voluntarily disrupted at a time (drains, node upgrades). */
public final class PoolDisruptionBudget {
    private PoolDisruptionBudget() {
    }

    public static PodDisruptionBudget render(Topology topology, PoolLayout pool) {
        return new PodDisruptionBudgetBuilder()
                .withNewMetadata()
                .withName(Names.podDisruptionBudget(topology.kafkaName(), pool.name()))
                .withLabels(Labels.poolSelector(topology.kafkaName(), pool.name()))
                .endMetadata()
                .withNewSpec()
                .withMaxUnavailable(new IntOrString(1))
                .withNewSelector().withMatchLabels(Labels.poolSelector(topology.kafkaName(), pool.name()))
                .endSelector()
                .endSpec()
                .build();
    }
}
