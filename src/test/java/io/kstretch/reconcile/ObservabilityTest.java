package io.kstretch.reconcile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.mockwebserver.http.RecordedRequest;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.kstretch.testing.MemberApiServer;
import io.kstretch.testing.OperatorTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/** Health groups, metrics, and the rule that a reconcile with nothing to change writes nothing anywhere. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ObservabilityTest extends OperatorTestSupport {
    static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    @KubernetesTestServer
    KubernetesServer centralServer;

    @Inject
    KafkaEvents events;

    @Inject
    MeterRegistry meters;

    @Test
    void aReconcileWithNothingToChangeWritesNothingToAnyApiServer() throws Exception {
        String ns = "noop";
        env.createStretchedKafka(ns);
        awaitReady(ns, "my-cluster");
        Thread.sleep(2000); // let pool statuses and member probes settle
        writes(ns);

        for (int i = 0; i < 3; i++) {
            long before = reconciles(ns);
            events.source().propagateEvent(new ResourceID("my-cluster", ns));
            eventually(() -> assertThat(reconciles(ns)).isGreaterThan(before));
        }
        Thread.sleep(500);

        assertThat(writes(ns)).as("writes after reconciles with nothing to change").isEmpty();
    }

    @Test
    void healthDescribesTheOperatorAndTheMembersGroupEachMember() {
        String ns = "health";
        env.createStretchedKafka(ns);
        awaitReady(ns, "my-cluster");
        given().get("/q/health/group/members").then().statusCode(200)
                .body(containsString("\"" + ns + "/east\""), containsString("UP"));

        env.remote("east").partition();
        try {
            eventually(() -> given().get("/q/health/group/members").then().statusCode(503)
                    .body(containsString(ns + "/east"), containsString("DOWN ProbeFailed")));
            given().get("/q/health/live").then().statusCode(200);
            given().get("/q/health/ready").then().statusCode(200);
            eventually(() -> given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("kstretch_member_reachable{member=\"east\",namespace=\"" + ns + "\"} 0.0")));
        } finally {
            env.remote("east").heal();
        }
        eventually(() -> given().get("/q/health/group/members").then().statusCode(200));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("kstretch_member_reachable{member=\"west\",namespace=\"" + ns + "\"} 1.0")
                .containsPattern("kstretch_member_probe_latency_seconds\\{member=\"west\",namespace=\"" + ns
                        + "\"} [0-9.E-]+")
                .containsPattern("kstretch_member_api_requests_total\\{member=\"east\",namespace=\"" + ns
                        + "\",verb=\"create\"} [1-9]")
                .containsPattern("kstretch_member_api_requests_total\\{member=\"east\",namespace=\"" + ns
                        + "\",verb=\"watch\"} [1-9]")
                .containsPattern("kstretch_kafka_reconcile_seconds_count\\{kafka=\"my-cluster\",namespace=\"" + ns
                        + "\",result=\"success\"} [1-9]");
    }

    @Test
    void deletingAKafkaRemovesItsMetrics() {
        String ns = "metrics-gone";
        env.createStretchedKafka(ns);
        awaitReady(ns, "my-cluster");
        assertThat(reconciles(ns)).isPositive();
        central.resources(io.kstretch.api.Kafka.class).inNamespace(ns).withName("my-cluster").delete();
        eventually(() -> assertThat(kafka(ns, "my-cluster")).isNull());
        assertThat(given().get("/q/metrics").then().extract().asString())
                .doesNotContain("kafka=\"my-cluster\",namespace=\"" + ns + "\"");
    }

    private long reconciles(String ns) {
        return meters.find(ReconcileMetrics.RECONCILE).tag("namespace", ns).tag("kafka", "my-cluster").timers()
                .stream().mapToLong(Timer::count).sum();
    }

    /** Write requests for namespace {@code ns} received by every API server since the last call. */
    private List<String> writes(String ns) throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        RecordedRequest r;
        while ((r = centralServer.getKubernetesMockServer().takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
            requests.add(r);
        }
        for (MemberApiServer server : env.remotes().values()) {
            requests.addAll(server.drainRequests());
        }
        return requests.stream().filter(q -> WRITES.contains(q.getMethod()))
                .filter(q -> q.getPath().contains("/namespaces/" + ns + "/")).map(q -> q.getMethod() + " " + q.getPath())
                .toList();
    }
}
