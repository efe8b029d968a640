package io.kstretch.testing;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.readiness.Readiness;

/**
 * Test stand-in for the StatefulSet controller and the kubelets, which the fabric8 mock server does not run: every
 * 100 ms it makes each StatefulSet's pods exist and removes pods past {@code replicas} ({@link StatefulSetPods}),
 * and reports a pod Ready when {@link #readiness} says so (by default always). With {@code OnDelete} a deleted pod
 * comes back with the current template, as a real StatefulSet's does.
 */
public final class FakeStatefulSetController implements AutoCloseable {
    private final KubernetesClient client;
    private volatile Predicate<Pod> readiness = p -> true;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-statefulset-controller");
        t.setDaemon(true);
        return t;
    });

    public FakeStatefulSetController(KubernetesClient client) {
        this.client = client;
        executor.scheduleWithFixedDelay(this::syncQuietly, 100, 100, TimeUnit.MILLISECONDS);
    }

    /** Which pods are reported Ready. */
    public FakeStatefulSetController readiness(Predicate<Pod> readiness) {
        this.readiness = readiness;
        return this;
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (RuntimeException e) {
            // the cluster may be shutting down
        }
    }

    /** One round over every StatefulSet of the cluster ({@link StatefulSetPods#sync}), reporting each pod's readiness. */
    public void sync() {
        StatefulSetPods.sync(client, (sts, pod) -> {
            boolean ready = readiness.test(pod);
            if (ready != Readiness.isPodReady(pod) && pod.getMetadata().getDeletionTimestamp() == null) {
                Pod updated = new PodBuilder(pod).editOrNewStatus().withPhase("Running")
                        .withConditions(new PodConditionBuilder().withType("Ready")
                                .withStatus(ready ? "True" : "False").build())
                        .endStatus().build();
                client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(updated).updateStatus();
            }
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
