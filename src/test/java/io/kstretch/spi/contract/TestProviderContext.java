package io.kstretch.spi.contract;

import java.util.List;
import java.util.Map;

import io.kstretch.render.Labels;
import io.kstretch.render.Names;
import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.Member;
import io.kstretch.spi.ObservedObjects;
import io.kstretch.spi.ProviderContext;
import io.kstretch.topology.Topology;

/**
 * A {@link ProviderContext} as the core builds it (same headless Service name and pod selectors), over a topology,
 * a provider config and {@link SimulatedMembers}.
 */
public record TestProviderContext(Topology topology, Map<String, String> config, SimulatedMembers simulated)
        implements ProviderContext {

    @Override
    public String kafkaName() {
        return topology.kafkaName();
    }

    @Override
    public String namespace() {
        return topology.namespace();
    }

    @Override
    public List<Member> members() {
        return topology.members();
    }

    @Override
    public List<KafkaNode> nodes() {
        return topology.nodes();
    }

    @Override
    public String headlessService() {
        return Names.headlessService(topology.kafkaName());
    }

    @Override
    public Map<String, String> podSelector() {
        return Labels.nodeSelector(topology.kafkaName());
    }

    @Override
    public Map<String, String> podSelector(KafkaNode node) {
        return Labels.podSelector(topology.kafkaName(), node.podName());
    }

    @Override
    public ObservedObjects observed(Member member) {
        return simulated.view(member.name());
    }

    /** The same Kafka with another config. */
    public TestProviderContext withConfig(Map<String, String> other) {
        return new TestProviderContext(topology, other, simulated);
    }

    /** The same Kafka over other simulated members. */
    public TestProviderContext withMembers(SimulatedMembers other) {
        return new TestProviderContext(topology, config, other);
    }

    public Member member(String name) {
        return topology.members().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    public KafkaNode node(int id) {
        return topology.nodes().stream().filter(n -> n.id() == id).findFirst().orElseThrow();
    }
}
