package io.kstretch.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.kstretch.api.Conditions;
import io.kstretch.api.KStretch;
import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.testing.MemberApiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * A member goes down under the packaged operator: the Kafka reports it, the other members are still worked on, the
 * operator itself stays live and ready (only the members health group goes DOWN), and a deletion waits for the
 * member and finishes when it is back.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedOperatorResource.class)
class MemberDownIT extends PackagedOperatorTest {

    @AfterEach
    void heal() {
        stretch.env.remotes().values().forEach(MemberApiServer::heal);
    }

    @Test
    void aMemberDownIsReportedDoesNotHoldTheOthersBackAndADeletionWaitsForIt() {
        String ns = "member-down";
        stretch.createStretched(ns);
        awaitReady(ns, "True/Ready");

        stretch.env.remote("west").partition();
        awaitReady(ns, "False/MembersUnreachable");
        assertThat(condition(kafka(ns), "MembersReachable").getMessage()).contains("west");
        eventually(() -> assertCondition(memberCluster(ns, "west"), "Reachable=False"));
        eventually(() -> given().get("/q/health/group/members").then().statusCode(503)
                .body(containsString(ns + "/west"), containsString("DOWN")));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);

        // east is still worked on while west is down
        stretch.client().resources(KafkaNodePool.class).inNamespace(ns).withName("east-pool").edit(p -> {
            p.getSpec().replicas = 2;
            return p;
        });
        eventually(() -> assertThat(stretch.env.client("east").apps().statefulSets().inNamespace(ns)
                .withName("my-cluster-east-pool").get().getSpec().getReplicas()).isEqualTo(2));

        // a deletion cleans up what it can reach and waits for west
        stretch.client().resources(Kafka.class).inNamespace(ns).withName("my-cluster").delete();
        awaitReady(ns, "False/CleanupPending");
        assertThat(Conditions.find(kafka(ns).getStatus().conditions, Conditions.READY).orElseThrow().getMessage())
                .contains("west");
        eventually(() -> assertThat(stretch.env.managedUids("east", ns)).as("east is cleaned up").isEmpty());
        assertThat(kafka(ns).getMetadata().getFinalizers()).contains(KStretch.KAFKA_FINALIZER);
        assertThat(stretch.env.managedUids("west", ns)).as("west keeps its objects while unreachable").isNotEmpty();

        stretch.env.remote("west").heal();
        eventually(() -> {
            assertThat(kafka(ns)).isNull();
            assertThat(stretch.env.managedUids("west", ns)).as("objects left in west").isEmpty();
        });
        eventually(() -> assertCondition(memberCluster(ns, "west"), "Reachable=True"));
        eventually(() -> given().get("/q/health/group/members").then().statusCode(200));
    }
}
