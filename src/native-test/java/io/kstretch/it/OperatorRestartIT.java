package io.kstretch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.kstretch.api.KStretch;
import io.kstretch.api.Kafka;
import io.kstretch.testing.OperatorProcess;

/**
 * The packaged operator killed in the middle of deleting a Kafka (one member unreachable, so the deletion is
 * pending), then started again: the new process picks the deletion up from the finalizer and finishes it when the
 * member is back, and nothing is left anywhere.
 */
class OperatorRestartIT {

    @Test
    void aRestartInTheMiddleOfADeletionFinishesIt() {
        try (PackagedStretch stretch = new PackagedStretch("restart")) {
            String ns = "restart";
            OperatorProcess first = OperatorProcess.start(stretch.kubeconfig, "first", stretch.workDir, Map.of());
            try {
                first.awaitReady(Duration.ofSeconds(60));
                stretch.createStretched(ns);
                stretch.awaitReady(ns, "True/Ready");

                stretch.env.remote("west").partition();
                stretch.client().resources(Kafka.class).inNamespace(ns).withName("my-cluster").delete();
                stretch.awaitReady(ns, "False/CleanupPending");
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        stretch.env.client("east").configMaps().inNamespace(ns).withName("my-cluster-kstretch-anchor")
                                .get()).isNull());
            } finally {
                first.kill();
            }
            assertThat(stretch.kafka(ns).getMetadata().getFinalizers()).contains(KStretch.KAFKA_FINALIZER);
            assertThat(stretch.env.client("west").configMaps().inNamespace(ns).withName("my-cluster-kstretch-anchor")
                    .get()).as("west still holds its objects while unreachable").isNotNull();

            stretch.env.remote("west").heal();
            try (OperatorProcess second = OperatorProcess.start(stretch.kubeconfig, "second", stretch.workDir,
                    Map.of())) {
                second.awaitReady(Duration.ofSeconds(60));
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(stretch.kafka(ns)).isNull();
                    for (String member : new String[] { "central", "east", "west" }) {
                        var client = stretch.env.client(member);
                        assertThat(client.apps().statefulSets().inNamespace(ns).list().getItems())
                                .as("StatefulSets left in %s", member).isEmpty();
                        assertThat(client.configMaps().inNamespace(ns)
                                .withLabel(KStretch.CLUSTER_LABEL, "my-cluster").list().getItems())
                                .as("ConfigMaps left in %s", member).isEmpty();
                    }
                });
            }
        }
    }
}
