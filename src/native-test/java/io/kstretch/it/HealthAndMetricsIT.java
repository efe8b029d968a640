package io.kstretch.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged operator's HTTP side: health (the operator's own checks, and the members group) and Prometheus
 * metrics — kstretch's own meters, and only process metrics that mean the same on the JVM and natively.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedOperatorResource.class)
class HealthAndMetricsIT extends PackagedOperatorTest {

    @Test
    void itHoldsTheLeaseAndItsHealthDescribesTheOperatorAndEachMember() {
        eventually(() -> {
            Lease lease = stretch.client().leases().inNamespace("default").withName("kstretch-operator").get();
            assertThat(lease).isNotNull();
            assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(PackagedOperatorResource.IDENTITY);
        });
        given().get("/q/health/live").then().statusCode(200).body(containsString("\"UP\""));
        given().get("/q/health/ready").then().statusCode(200).body(containsString("\"UP\""));
        given().get("/q/health/started").then().statusCode(200);

        String ns = "health";
        stretch.createStretched(ns);
        awaitReady(ns, "True/Ready");
        eventually(() -> given().get("/q/health/group/members").then().statusCode(200)
                .body(containsString("\"" + ns + "/central\""), containsString("\"" + ns + "/east\""),
                        containsString("\"" + ns + "/west\""), containsString("UP ")));
    }

    @Test
    void metricsHaveKstretchMetersAndProcessMetricsThatMeanSomething() {
        String ns = "metrics";
        stretch.createStretched(ns);
        awaitReady(ns, "True/Ready");
        eventually(() -> assertThat(metrics())
                .contains("kstretch_member_reachable{member=\"west\",namespace=\"" + ns + "\"} 1.0")
                .containsPattern("kstretch_member_probe_latency_seconds\\{member=\"east\",namespace=\"" + ns
                        + "\"} [0-9.E-]+")
                .containsPattern("kstretch_member_probe_seconds_count\\{member=\"east\",namespace=\"" + ns
                        + "\",result=\"success\"} [1-9]")
                .containsPattern("kstretch_member_api_requests_total\\{member=\"east\",namespace=\"" + ns
                        + "\",verb=\"create\"} [1-9]")
                .containsPattern("kstretch_kafka_reconcile_seconds_count\\{kafka=\"my-cluster\",namespace=\"" + ns
                        + "\",result=\"success\"} [1-9]")
                .containsPattern("kstretch_kafka_writes_total\\{[^}]*namespace=\"" + ns + "\"[^}]*} [1-9]"));

        String metrics = metrics();
        // the process metrics kstretch exposes are read from /proc, so they are the same on the JVM and natively
        assertThat(value(metrics, "process_resident_memory_bytes")).isGreaterThan(4 * 1024 * 1024);
        assertThat(value(metrics, "process_cpu_seconds_total")).isGreaterThan(0);
        assertThat(value(metrics, "process_open_fds")).isGreaterThan(3);
        assertThat(value(metrics, "process_start_time_seconds")).isGreaterThan(1.6e9);
        // binders whose values are not meaningful in a native executable are not registered anywhere
        assertThat(metrics).doesNotContain("process_cpu_usage", "jvm_classes_loaded", "jvm_gc_pause");
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double value(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.E+-]+)$").matcher(metrics);
        assertThat(m.find()).as("metric %s in:%n%s", name, metrics).isTrue();
        return Double.parseDouble(m.group(2));
    }
}
