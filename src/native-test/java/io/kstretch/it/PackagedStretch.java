package io.kstretch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kstretch.api.Conditions;
import io.kstretch.api.Kafka;
import io.kstretch.testing.CentralApiServer;
import io.kstretch.testing.StretchEnvironment;

/**
 * A central API server and two remote members ("east", "west") with the test fakes running, for tests that run
 * the packaged operator as a process against them.
 */
final class PackagedStretch implements AutoCloseable {
    final CentralApiServer central = new CentralApiServer();
    final StretchEnvironment env = new StretchEnvironment(central.client(), "east", "west");
    final Path workDir;
    final Path kubeconfig;

    PackagedStretch(String name) {
        workDir = Path.of("target", "native-test", name).toAbsolutePath();
        kubeconfig = central.writeKubeconfig(workDir.resolve("kubeconfig"));
    }

    KubernetesClient client() {
        return central.client();
    }

    void createStretched(String ns) {
        env.createStretchedKafka(ns);
    }

    Kafka kafka(String ns) {
        return client().resources(Kafka.class).inNamespace(ns).withName("my-cluster").get();
    }

    String ready(String ns) {
        Kafka k = kafka(ns);
        if (k == null || k.getStatus() == null) {
            return null;
        }
        return Conditions.find(k.getStatus().conditions, Conditions.READY).map(c -> c.getStatus() + "/" + c.getReason())
                .orElse(null);
    }

    void awaitReady(String ns, String expected) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(ready(ns)).isEqualTo(expected));
    }

    @Override
    public void close() {
        env.close();
        central.close();
    }
}
