package io.kstretch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.kstretch.api.KStretch;
import io.kstretch.api.Kafka;
import io.kstretch.testing.OperatorProcess;
import io.kstretch.testing.RequestLog;

/**
 * The packaged operator restarted: with nothing to change, the new process writes nothing anywhere (its first passes
 * happen before it has probed the members); and killed in the middle of deleting a Kafka (one member unreachable,
 * so the deletion is pending), then started again: the new process picks the deletion up from the finalizer and
 * finishes it when the member is back, and nothing is left anywhere.
 */
class OperatorRestartIT {

    @Test
    void aRestartWithNothingToChangeWritesNothing() throws InterruptedException {
        try (PackagedStretch stretch = new PackagedStretch("restart-noop")) {
            String ns = "restart-noop";
            try (OperatorProcess first = OperatorProcess.start(stretch.kubeconfig, "noop", stretch.workDir,
                    Map.of())) {
                first.awaitReady(Duration.ofSeconds(60));
                stretch.createStretched(ns);
                stretch.awaitReady(ns, "True/Ready");
                Thread.sleep(3000); // pool statuses and member probes settle
            }
            List<RequestLog> logs = new ArrayList<>(List.of(stretch.central.requestLog()));
            stretch.env.remotes().values().forEach(m -> logs.add(m.requestLog()));
            logs.forEach(l -> l.record(true));
            try (OperatorProcess second = OperatorProcess.start(stretch.kubeconfig, "noop", stretch.workDir,
                    Map.of())) {
                second.awaitReady(Duration.ofSeconds(60));
                await().atMost(Duration.ofSeconds(60)).until(() -> second.get("/q/metrics").matches(
                        "(?s).*kstretch_kafka_reconcile_seconds_count\\{kafka=\"my-cluster\",namespace=\"" + ns
                                + "\",result=\"success\"} [1-9].*"));
                Thread.sleep(5000); // every member probed, retries after connecting done
                List<String> writes = new ArrayList<>();
                logs.forEach(l -> l.drain().stream().filter(RequestLog.Entry::isWrite)
                        .filter(e -> e.path().contains("/namespaces/" + ns + "/"))
                        .forEach(e -> writes.add(e.verb() + " " + e.path())));
                assertThat(writes).as("writes by the restarted operator with nothing to change").isEmpty();
            }
        }
    }

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
