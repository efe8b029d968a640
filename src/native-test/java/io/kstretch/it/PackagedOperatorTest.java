package io.kstretch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.fabric8.kubernetes.api.model.Condition;
import io.kstretch.api.Conditions;
import io.kstretch.api.Kafka;
import io.kstretch.api.MemberCluster;

/**
 * Base of the black-box tests of the packaged operator: the environment of {@link PackagedOperatorResource} and
 * helpers that read what the operator wrote. Nothing here reaches into the operator: it is a separate process
 * (the JVM package, or the native binary), seen only through the API servers and its HTTP port. Every subclass
 * carries {@code @QuarkusIntegrationTest @WithTestResource(PackagedOperatorResource.class)} itself (the annotation
 * is not inherited); with the same resources they share one application.
 */
abstract class PackagedOperatorTest {
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    /** Injected by {@link PackagedOperatorResource}. */
    PackagedStretch stretch;

    Kafka kafka(String ns) {
        return stretch.kafka(ns);
    }

    void awaitReady(String ns, String statusAndReason) {
        stretch.awaitReady(ns, statusAndReason);
    }

    static Condition condition(Kafka kafka, String type) {
        return Conditions.find(kafka.getStatus().conditions, type).orElseThrow(
                () -> new AssertionError("no condition " + type + " in " + kafka.getStatus().conditions));
    }

    MemberCluster memberCluster(String ns, String name) {
        return stretch.env.memberCluster(ns, name);
    }

    static void eventually(Runnable assertion) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).untilAsserted(assertion::run);
    }

    static void assertCondition(MemberCluster member, String typeAndStatus) {
        assertThat(member.getStatus()).isNotNull();
        assertThat(member.getStatus().conditions)
                .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo(typeAndStatus));
    }
}
