package io.kstretch.reconcile;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.kstretch.render.Labels;
import io.kstretch.render.Names;
import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.Member;
import io.kstretch.spi.ObservedObjects;
import io.kstretch.spi.ProviderContext;
import io.kstretch.topology.Topology;

/**
 * The {@link ProviderContext} of one reconcile of one Kafka: names and selectors derived from its topology, the
 * provider config, and a view per member. Public so that the provider contract kit tests providers against exactly
 * this context.
 */
public class KafkaProviderContext implements ProviderContext {
    private final Topology topology;
    private final Map<String, String> config;
    private final Function<Member, ObservedObjects> views;

    /**
     * @param topology the Kafka's placements
     * @param config its {@code spec.networking.config}
     * @param views what is observed in a member
     */
    public KafkaProviderContext(Topology topology, Map<String, String> config,
            Function<Member, ObservedObjects> views) {
        this.topology = topology;
        this.config = config;
        this.views = views;
    }

    public Topology topology() {
        return topology;
    }

    @Override
    public Map<String, String> config() {
        return config;
    }

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
        return views.apply(member);
    }
}
