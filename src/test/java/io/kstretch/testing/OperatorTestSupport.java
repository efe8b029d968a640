package io.kstretch.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kstretch.api.Conditions;
import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.api.MemberCluster;

/**
 * Base of @QuarkusTest classes that run the operator against the central test server and two remote member API
 * servers, "east" and "west" (one {@link StretchEnvironment} per test class). Each test uses its own namespace.
 */
public abstract class OperatorTestSupport {
    protected static StretchEnvironment env;

    @Inject
    protected KubernetesClient central;

    @BeforeEach
    void environment() {
        if (env == null) {
            env = new StretchEnvironment(central, "east", "west");
        }
    }

    @AfterAll
    static void stopEnvironment() {
        if (env != null) {
            env.close();
            env = null;
        }
    }

    protected Kafka kafka(String ns, String name) {
        return central.resources(Kafka.class).inNamespace(ns).withName(name).get();
    }

    protected KafkaNodePool pool(String ns, String name) {
        return central.resources(KafkaNodePool.class).inNamespace(ns).withName(name).get();
    }

    protected MemberCluster memberCluster(String ns, String name) {
        return central.resources(MemberCluster.class).inNamespace(ns).withName(name).get();
    }

    /** Waits until the Kafka's condition {@code type} has {@code status}; returns the Kafka. */
    protected Kafka awaitCondition(String ns, String name, String type, String status) {
        return awaitKafka(ns, name, k -> assertThat(condition(k, type)).as("%s of %s", type, name)
                .satisfies(c -> assertThat(c.getStatus()).as(c.getReason() + ": " + c.getMessage())
                        .isEqualTo(status)));
    }

    protected Kafka awaitReady(String ns, String name) {
        return awaitCondition(ns, name, Conditions.READY, "True");
    }

    /** Waits until Ready=False with {@code reason}; returns the Kafka. */
    protected Kafka awaitNotReady(String ns, String name, String reason) {
        return awaitKafka(ns, name, k -> assertThat(condition(k, Conditions.READY)).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).as(c.getMessage()).isEqualTo(reason);
        }));
    }

    protected Kafka awaitKafka(String ns, String name, Consumer<Kafka> assertion) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Kafka k = kafka(ns, name);
            assertThat(k).as("Kafka %s/%s", ns, name).isNotNull();
            assertThat(k.getStatus()).as("status of %s", name).isNotNull();
            assertion.accept(k);
        });
        return kafka(ns, name);
    }

    protected static Condition condition(Kafka kafka, String type) {
        return Conditions.find(kafka.getStatus().conditions, type).orElse(null);
    }

    protected static void eventually(Runnable assertion) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(assertion::run);
    }
}
