package io.kstretch.reconcile;

import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.kstretch.api.KStretch;
import io.kstretch.api.Kafka;
import io.kstretch.members.MemberHealth;
import io.kstretch.members.MemberKey;
import io.kstretch.members.MemberListener;
import io.kstretch.members.MemberRegistry;
import io.kstretch.members.MemberUsage;

/**
 * Turns what happens in members into Kafka reconciles: a change to an object kstretch wrote (mapped back to its
 * Kafka by label, since owner references do not cross clusters), a change of a watched Node (every Kafka using the
 * member), or a member's health changing.
 */
@ApplicationScoped
public class KafkaEvents implements MemberListener {
    private final SimpleInboundEventSource<Kafka> source = new SimpleInboundEventSource<>("kstretch-members");

    @Inject
    MemberRegistry registry;

    @Inject
    MemberUsage usage;

    @PostConstruct
    void listen() {
        registry.addListener(this);
    }

    public SimpleInboundEventSource<Kafka> source() {
        return source;
    }

    @Override
    public void objectChanged(MemberKey member, HasMetadata object) {
        if (object instanceof Node) {
            // Nodes carry no kstretch labels: every Kafka placed in the member may advertise one of them
            usage.kafkasUsing(member).forEach(source::propagateEvent);
            return;
        }
        Map<String, String> labels = object.getMetadata().getLabels();
        String kafka = labels == null ? null : labels.get(KStretch.CLUSTER_LABEL);
        if (kafka != null) {
            source.propagateEvent(new ResourceID(kafka, member.namespace()));
        }
    }

    @Override
    public void healthChanged(MemberKey member, MemberHealth health) {
        usage.kafkasUsing(member).forEach(source::propagateEvent);
    }

    @Override
    public void removed(MemberKey member) {
        usage.kafkasUsing(member).forEach(source::propagateEvent);
    }
}
