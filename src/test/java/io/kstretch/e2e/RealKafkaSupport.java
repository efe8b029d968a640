package io.kstretch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kstretch.api.Conditions;
import io.kstretch.api.JvmOptions;
import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.api.ProcessRole;
import io.kstretch.api.Storage;
import io.kstretch.testing.Fixtures;
import io.kstretch.testing.StretchEnvironment;
import io.kstretch.testing.kubelet.HostsFile;
import io.kstretch.testing.kubelet.LocalKubelet;
import io.kstretch.testing.kubelet.PodNetwork;

/**
 * Base of the real-Kafka end-to-end tests: the operator (in this JVM) against the central test API server and two
 * member API servers, with a {@link LocalKubelet} per member running what the operator wrote as real Kafka nodes,
 * one loopback address block per member, and one hosts file for every JVM (this one included: the surefire
 * execution of the e2e profile starts it with {@code -Djdk.net.hosts.file}).
 */
public abstract class RealKafkaSupport {
    protected static final List<String> MEMBERS = List.of("central", "east", "west");
    protected static StretchEnvironment env;
    protected static HostsFile hosts;
    protected static PodNetwork network;

    @Inject
    protected KubernetesClient central;

    @BeforeEach
    void environment() {
        if (env == null) {
            Path hostsPath = Path.of(System.getProperty("kstretch.e2e.hosts", "target/e2e/hosts"));
            hosts = new HostsFile(hostsPath);
            network = new PodNetwork();
            network.member("central", 10);
            network.member("east", 11);
            network.member("west", 12);
            Path work = Path.of("target", "e2e", getClass().getSimpleName());
            env = new StretchEnvironment(central,
                    (member, client) -> new LocalKubelet(member, client, network, hosts, work), "east", "west");
        }
    }

    @AfterAll
    static void stopEnvironment() {
        if (env != null) {
            env.close();
            env = null;
        }
    }

    /** A pool for real nodes: persistent storage (kept across pod restarts) and a small heap. */
    protected static KafkaNodePool pool(String ns, String name, String member, int replicas, ProcessRole... roles) {
        KafkaNodePool pool = Fixtures.pool(ns, name, "my-cluster", member, replicas, roles);
        pool.getSpec().storage = new Storage();
        pool.getSpec().storage.type = Storage.PERSISTENT_CLAIM;
        pool.getSpec().storage.size = "1Gi";
        pool.getSpec().jvmOptions = new JvmOptions();
        pool.getSpec().jvmOptions.xmx = "320m";
        pool.getSpec().jvmOptions.xms = "128m";
        return pool;
    }

    protected Kafka kafka(String ns) {
        return central.resources(Kafka.class).inNamespace(ns).withName("my-cluster").get();
    }

    protected Kafka awaitKafka(String ns, Duration timeout, Consumer<Kafka> assertion) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Kafka k = kafka(ns);
            assertThat(k).isNotNull();
            assertThat(k.getStatus()).isNotNull();
            assertion.accept(k);
        });
        return kafka(ns);
    }

    protected Kafka awaitReady(String ns, Duration timeout) {
        return awaitKafka(ns, timeout, k -> assertThat(Conditions.find(k.getStatus().conditions, Conditions.READY))
                .hasValueSatisfying(c -> assertThat(c.getStatus()).as(c.getReason() + ": " + c.getMessage())
                        .isEqualTo("True")));
    }

    protected static String bootstrap(Kafka kafka, String listener) {
        return kafka.getStatus().listeners.stream().filter(l -> l.name.equals(listener)).findFirst().orElseThrow()
                .bootstrapServers;
    }

    protected static void figure(String what, Object value) {
        System.out.printf("[kstretch e2e figure] %s: %s%n", what, value);
    }
}
