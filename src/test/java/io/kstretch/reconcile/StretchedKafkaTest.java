package io.kstretch.reconcile;

import static io.kstretch.api.ProcessRole.BROKER;
import static io.kstretch.api.ProcessRole.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kstretch.api.Conditions;
import io.kstretch.api.KStretch;
import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.testing.Fixtures;
import io.kstretch.testing.StretchEnvironment;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
class StretchedKafkaTest {
    static StretchEnvironment env;

    @Inject
    KubernetesClient central;

    @BeforeEach
    void environment() {
        if (env == null) {
            env = new StretchEnvironment(central, "east", "west");
        }
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
            env = null;
        }
    }

    @Test
    void createsEveryObjectInEveryMember() {
        String ns = "create";
        env.register(ns);
        central.resource(Fixtures.kafka(ns, "my-cluster", "mcs")).create();
        for (String member : List.of("central", "east", "west")) {
            central.resource(Fixtures.pool(ns, member + "-pool", "my-cluster", member, 1, CONTROLLER, BROKER))
                    .create();
        }

        Kafka kafka = awaitReady(ns, "my-cluster");
        assertThat(kafka.getStatus().clusterId).hasSize(22);
        assertThat(kafka.getStatus().controllers).hasSize(3).allSatisfy(c -> assertThat(c.directoryId).hasSize(22));
        assertThat(kafka.getStatus().memberNames).isEqualTo("central,east,west");

        for (String member : List.of("central", "east", "west")) {
            KubernetesClient client = env.client(member);
            KafkaNodePool pool = central.resources(KafkaNodePool.class).inNamespace(ns).withName(member + "-pool").get();
            int id = pool.getStatus().nodeIdStart;
            StatefulSet sts = client.apps().statefulSets().inNamespace(ns).withName("my-cluster-" + member + "-pool")
                    .get();
            assertThat(sts).as("StatefulSet in %s", member).isNotNull();
            assertThat(sts.getSpec().getOrdinals().getStart()).isEqualTo(id);
            assertThat(sts.getSpec().getUpdateStrategy().getType()).isEqualTo("OnDelete");
            assertManaged(sts, member);
            ConfigMap cm = client.configMaps().inNamespace(ns).withName("my-cluster-" + member + "-pool-config").get();
            String props = cm.getData().get("node-" + id + ".properties");
            assertThat(props).contains("REPLICATION://my-cluster-" + member + "-pool-" + id + "." + member
                    + ".my-cluster-nodes." + ns + ".svc.clusterset.local:9091");
            assertThat(props).contains("broker.rack=" + member);
            assertManaged(cm, member);
            Service headless = client.services().inNamespace(ns).withName("my-cluster-nodes").get();
            assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
            assertManaged(headless, member);
        }
    }

    private void assertManaged(HasMetadata object, String member) {
        Map<String, String> labels = object.getMetadata().getLabels();
        assertThat(labels).containsEntry(KStretch.MANAGED_BY_LABEL, "kstretch")
                .containsEntry(KStretch.CLUSTER_LABEL, "my-cluster").containsEntry(KStretch.MEMBER_LABEL, member);
        assertThat(object.getMetadata().getOwnerReferences()).hasSize(1);
    }

    private Kafka awaitReady(String ns, String name) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Kafka k = central.resources(Kafka.class).inNamespace(ns).withName(name).get();
            assertThat(k.getStatus()).isNotNull();
            assertThat(Conditions.find(k.getStatus().conditions, Conditions.READY))
                    .hasValueSatisfying(c -> assertThat(c.getStatus()).as(c.getMessage()).isEqualTo("True"));
        });
        return central.resources(Kafka.class).inNamespace(ns).withName(name).get();
    }
}
