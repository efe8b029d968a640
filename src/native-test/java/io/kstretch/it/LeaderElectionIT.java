package io.kstretch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.testing.OperatorProcess;

/**
 * Two replicas of the packaged operator: one holds the Lease and reconciles, the other waits; when the leader
 * dies, the other takes the Lease over and carries on.
 */
class LeaderElectionIT {

    @Test
    void oneReplicaIsActiveAndTheOtherTakesOverWhenItDies() {
        try (PackagedStretch stretch = new PackagedStretch("leader")) {
            String ns = "leader";
            OperatorProcess a = OperatorProcess.start(stretch.kubeconfig, "replica-a", stretch.workDir, Map.of());
            OperatorProcess b = OperatorProcess.start(stretch.kubeconfig, "replica-b", stretch.workDir, Map.of());
            try {
                a.awaitReady(Duration.ofSeconds(60));
                b.awaitReady(Duration.ofSeconds(60));
                String leader = awaitHolder(stretch, null);
                OperatorProcess active = leader.equals("replica-a") ? a : b;
                OperatorProcess standby = active == a ? b : a;

                stretch.createStretched(ns);
                stretch.awaitReady(ns, "True/Ready");
                assertThat(active.tail()).contains("allocated cluster id");
                assertThat(standby.tail()).doesNotContain("allocated cluster id");

                active.kill();
                assertThat(awaitHolder(stretch, leader)).isEqualTo(standby.identity());
                stretch.client().resources(KafkaNodePool.class).inNamespace(ns).withName("east-pool").edit(p -> {
                    p.getSpec().replicas = 2;
                    return p;
                });
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(stretch.env.client("east")
                        .apps().statefulSets().inNamespace(ns).withName("my-cluster-east-pool").get().getSpec()
                        .getReplicas()).isEqualTo(2));
                assertThat(standby.isAlive()).isTrue();
            } finally {
                a.close();
                b.close();
            }
        }
    }

    /** Waits until the operator's Lease is held by someone other than {@code previous}; returns the holder. */
    private static String awaitHolder(PackagedStretch stretch, String previous) {
        String[] holder = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Lease lease = stretch.client().leases().inNamespace("default").withName("kstretch-operator").get();
            assertThat(lease).isNotNull();
            holder[0] = lease.getSpec().getHolderIdentity();
            assertThat(holder[0]).isNotNull().isNotEqualTo(previous);
        });
        return holder[0];
    }
}
