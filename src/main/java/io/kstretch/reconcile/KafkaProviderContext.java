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

/** The {@link ProviderContext} of one reconcile of one Kafka. */
record KafkaProviderContext(Topology topology, Map<String, String> config, Function<Member, ObservedObjects> views)
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
        return views.apply(member);
    }
}
