package io.kstretch.members;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kstretch.render.KubernetesJson;

/**
 * Member clients share one serialization: Jackson's introspection of the Kubernetes model is kept per serialization,
 * and one per member made it the larger part of the operator's live heap (docs/performance.md).
 */
class MemberClientsTest {
    @Test
    void everyMemberClientSharesTheOneSerialization() {
        MemberClients clients = new MemberClients();
        try (KubernetesClient central = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build()).build()) {
            clients.central = central;
            try (KubernetesClient east = clients.forCentral(new MemberKey("kafka", "east"));
                    KubernetesClient west = clients.forCentral(new MemberKey("kafka", "west"))) {
                assertThat(east.getKubernetesSerialization()).isSameAs(KubernetesJson.SERIALIZATION);
                assertThat(west.getKubernetesSerialization()).isSameAs(KubernetesJson.SERIALIZATION);
                assertThat(east.getNamespace()).isEqualTo("kafka");
            }
        }
    }
}
