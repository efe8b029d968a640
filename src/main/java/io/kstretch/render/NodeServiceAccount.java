package io.kstretch.render;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.kstretch.topology.Topology;

/** The ServiceAccount Kafka node pods run as in a member; it gets no API token (Kafka needs no API access). */
public final class NodeServiceAccount {
    private NodeServiceAccount() {
    }

    public static ServiceAccount render(Topology topology) {
        return new ServiceAccountBuilder()
                .withNewMetadata().withName(Names.serviceAccount(topology.kafkaName())).endMetadata()
                .withAutomountServiceAccountToken(false)
                .build();
    }
}
