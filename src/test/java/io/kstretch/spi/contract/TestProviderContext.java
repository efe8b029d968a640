package io.kstretch.spi.contract;

import java.util.Map;

import io.kstretch.reconcile.KafkaProviderContext;
import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.Member;
import io.kstretch.spi.ProviderContext;
import io.kstretch.topology.Topology;

/**
 * The core's {@link ProviderContext} ({@link KafkaProviderContext}: same headless Service name and pod selectors)
 * over a topology, a provider config and {@link SimulatedMembers}, with helpers to vary them.
 */
public class TestProviderContext extends KafkaProviderContext {
    private final SimulatedMembers simulated;

    public TestProviderContext(Topology topology, Map<String, String> config, SimulatedMembers simulated) {
        super(topology, config, member -> simulated.view(member.name()));
        this.simulated = simulated;
    }

    /** The same Kafka with another config. */
    public TestProviderContext withConfig(Map<String, String> other) {
        return new TestProviderContext(topology(), other, simulated);
    }

    /** The same Kafka over other simulated members. */
    public TestProviderContext withMembers(SimulatedMembers other) {
        return new TestProviderContext(topology(), config(), other);
    }

    public Member member(String name) {
        return topology().members().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    public KafkaNode node(int id) {
        return topology().nodes().stream().filter(n -> n.id() == id).findFirst().orElseThrow();
    }
}
