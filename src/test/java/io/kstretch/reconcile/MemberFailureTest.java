package io.kstretch.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kstretch.api.Conditions;
import io.kstretch.api.KStretch;
import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.api.MemberCluster;
import io.kstretch.testing.MemberApiServer;
import io.kstretch.testing.OperatorTestSupport;
import io.kstretch.testing.StretchEnvironment;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/** Members that cannot be reached, anchors deleted by hand, members still in use, credentials that change. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class MemberFailureTest extends OperatorTestSupport {

    @AfterEach
    void heal() {
        env.remotes().values().forEach(MemberApiServer::heal);
    }

    @Test
    void memberUnreachableDuringCreateDoesNotHoldTheOthersBackAndConvergesWhenBack() {
        String ns = "unreachable-create";
        env.remote("west").partition();
        env.createStretchedKafka(ns);

        Kafka kafka = awaitNotReady(ns, "my-cluster", "MembersUnreachable");
        assertThat(condition(kafka, KafkaStatusBuilder.MEMBERS_REACHABLE).getMessage()).contains("west");
        eventually(() -> {
            assertThat(env.client("central").apps().statefulSets().inNamespace(ns)
                    .withName("my-cluster-central-pool").get()).isNotNull();
            assertThat(env.client("east").apps().statefulSets().inNamespace(ns).withName("my-cluster-east-pool")
                    .get()).isNotNull();
        });
        // the reachable members' nodes become ready meanwhile (their pods start independently of west)
        awaitKafka(ns, "my-cluster", k -> assertThat(k.getStatus().members)
                .anySatisfy(m -> assertThat(m.name + ":" + m.reachable).isEqualTo("west:false"))
                .anySatisfy(m -> assertThat(m.name + ":" + m.readyNodes).isEqualTo("east:1")));
        assertThat(env.client("west").apps().statefulSets().inNamespace(ns).list().getItems()).isEmpty();
        eventually(() -> assertThat(memberCluster(ns, "west").getStatus().conditions)
                .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Reachable=False")));

        env.remote("west").heal();
        awaitReady(ns, "my-cluster");
        assertThat(env.client("west").apps().statefulSets().inNamespace(ns).withName("my-cluster-west-pool").get())
                .isNotNull();
        eventually(() -> assertThat(memberCluster(ns, "west").getStatus().conditions)
                .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Reachable=True")));
    }

    @Test
    void deletionRemovesEverythingEverywhere() {
        String ns = "delete";
        env.createStretchedKafka(ns);
        awaitReady(ns, "my-cluster");

        central.resources(Kafka.class).inNamespace(ns).withName("my-cluster").delete();

        eventually(() -> {
            assertThat(kafka(ns, "my-cluster")).isNull();
            for (String member : List.of("central", "east", "west")) {
                assertThat(env.managedUids(member, ns)).as("objects left in %s", member)
                        .isEmpty();
            }
            assertThat(env.client("east").configMaps().inNamespace(ns).withName("my-cluster-kstretch-anchor").get())
                    .isNull();
        });
    }

    @Test
    void unreachableMemberKeepsTheFinalizerUntilAbandonedThenItsAnchorIsSweptWhenBack() {
        String ns = "unreachable-delete";
        env.createStretchedKafka(ns);
        awaitReady(ns, "my-cluster");
        env.remote("west").partition();
        awaitNotReady(ns, "my-cluster", "MembersUnreachable");

        central.resources(Kafka.class).inNamespace(ns).withName("my-cluster").delete();

        Kafka pending = awaitNotReady(ns, "my-cluster", "CleanupPending");
        assertThat(condition(pending, Conditions.READY).getMessage()).contains("west")
                .contains(KStretch.ABANDON_UNREACHABLE_ANNOTATION);
        eventually(() -> assertThat(env.managedUids("east", ns)).as("east is cleaned up")
                .isEmpty());
        assertThat(kafka(ns, "my-cluster").getMetadata().getFinalizers()).contains(KStretch.KAFKA_FINALIZER);
        assertThat(env.managedUids("west", ns)).as("west keeps its objects").isNotEmpty();

        central.resources(Kafka.class).inNamespace(ns).withName("my-cluster")
                .edit(k -> {
                    k.getMetadata().getAnnotations().put(KStretch.ABANDON_UNREACHABLE_ANNOTATION, "true");
                    return k;
                });
        eventually(() -> assertThat(kafka(ns, "my-cluster")).isNull());
        assertThat(env.managedUids("west", ns)).as("nothing deleted on a partial view")
                .isNotEmpty();

        env.remote("west").heal();
        eventually(() -> {
            assertThat(env.client("west").configMaps().inNamespace(ns).withName("my-cluster-kstretch-anchor").get())
                    .as("orphaned anchor swept").isNull();
            assertThat(env.managedUids("west", ns)).isEmpty();
        });
    }

    @Test
    void anchorDeletedByHandIsReplacedWithoutLosingAnything() {
        String ns = "anchor";
        env.createStretchedKafka(ns);
        awaitReady(ns, "my-cluster");
        KubernetesClient east = env.client("east");
        Map<String, String> before = env.managedUids("east", ns);
        String oldAnchor = east.configMaps().inNamespace(ns).withName("my-cluster-kstretch-anchor").get()
                .getMetadata().getUid();

        east.configMaps().inNamespace(ns).withName("my-cluster-kstretch-anchor").delete();

        eventually(() -> {
            ConfigMap replacement = east.configMaps().inNamespace(ns).withName("my-cluster-kstretch-anchor-2").get();
            assertThat(replacement).isNotNull();
            assertThat(east.configMaps().inNamespace(ns).withName("my-cluster-kstretch-anchor").get())
                    .as("the old anchor is released once nothing refers to it").isNull();
            Map<String, String> after = env.managedUids("east", ns);
            after.remove("ConfigMap/my-cluster-kstretch-anchor-2");
            Map<String, String> kept = new java.util.TreeMap<>(before);
            kept.remove("ConfigMap/my-cluster-kstretch-anchor");
            assertThat(after).as("every data-plane object survived (same uids)").isEqualTo(kept);
            east.apps().statefulSets().inNamespace(ns).list().getItems().forEach(sts -> assertThat(
                    sts.getMetadata().getOwnerReferences()).extracting(OwnerReference::getUid)
                    .containsExactly(replacement.getMetadata().getUid()).doesNotContain(oldAnchor));
        });
        assertThat(east.pods().inNamespace(ns).withName("my-cluster-east-pool-100").get()).isNotNull();
        awaitReady(ns, "my-cluster");
    }

    @Test
    void dataPlaneObjectsDeletedInAMemberAreMadeAgain() {
        String ns = "deleted-objects";
        env.createStretchedKafka(ns);
        awaitReady(ns, "my-cluster");
        KubernetesClient east = env.client("east");
        Map<String, String> before = env.managedUids("east", ns);
        List<String> gone = before.keySet().stream()
                .filter(k -> k.startsWith("ServiceExport/") || k.startsWith("Service/") || k.startsWith("ConfigMap/"))
                .filter(k -> !k.endsWith("-kstretch-anchor")).toList();
        assertThat(gone).anyMatch(k -> k.startsWith("ServiceExport/")).anyMatch(k -> k.startsWith("ConfigMap/"));

        east.genericKubernetesResources(StretchEnvironment.SERVICE_EXPORT).inNamespace(ns).delete();
        east.services().inNamespace(ns).withLabel(KStretch.CLUSTER_LABEL, "my-cluster").delete();
        gone.stream().filter(k -> k.startsWith("ConfigMap/"))
                .forEach(k -> east.configMaps().inNamespace(ns).withName(k.substring("ConfigMap/".length())).delete());

        eventually(() -> {
            Map<String, String> after = env.managedUids("east", ns);
            assertThat(after.keySet()).as("the same objects exist again").isEqualTo(before.keySet());
            gone.forEach(k -> assertThat(after.get(k)).as(k + " is a new object").isNotEqualTo(before.get(k)));
        });
        awaitReady(ns, "my-cluster");
    }

    @Test
    void memberClusterInUseCannotBeDeletedUntilItsPoolsAreGone() {
        String ns = "in-use";
        env.createStretchedKafka(ns);
        awaitReady(ns, "my-cluster");

        central.resources(MemberCluster.class).inNamespace(ns).withName("west").delete();

        eventually(() -> {
            MemberCluster west = memberCluster(ns, "west");
            assertThat(west).isNotNull();
            assertThat(west.getStatus().conditions).anySatisfy(c -> {
                assertThat(c.getType()).isEqualTo("InUse");
                assertThat(c.getMessage()).contains("west-pool").contains("my-cluster");
            });
        });
        awaitReady(ns, "my-cluster");

        central.resources(KafkaNodePool.class).inNamespace(ns).withName("west-pool").delete();
        eventually(() -> {
            assertThat(memberCluster(ns, "west")).isNull();
            assertThat(env.managedUids("west", ns)).isEmpty();
        });
        Kafka kafka = awaitReady(ns, "my-cluster");
        assertThat(kafka.getStatus().memberNames).isEqualTo("central,east");
    }

    @Test
    void kubeconfigSecretChangesTakeEffectWithoutRestart() {
        String ns = "kubeconfig";
        env.register(ns);
        // point east at a port nothing listens on, then at a kubeconfig that skips TLS checks, then fix it
        setKubeconfig(ns, "east", MemberApiServer.kubeconfig("https://localhost:1", env.remote("east").caData()));
        eventually(() -> assertThat(reachable(ns, "east")).isEqualTo("False/ProbeFailed"));

        setKubeconfig(ns, "east", env.remote("east").kubeconfig().replace("certificate-authority-data",
                "insecure-skip-tls-verify: true\n    x-ca"));
        eventually(() -> assertThat(reachable(ns, "east")).isEqualTo("False/KubeconfigInsecure"));

        setKubeconfig(ns, "east", env.remote("east").kubeconfig());
        eventually(() -> assertThat(reachable(ns, "east")).isEqualTo("True/ProbeSucceeded"));
        assertThat(memberCluster(ns, "east").getStatus().kubernetesVersion).isNotNull();

        central.secrets().inNamespace(ns).withName("east-kubeconfig").delete();
        eventually(() -> assertThat(reachable(ns, "east")).isEqualTo("False/KubeconfigSecretMissing"));
    }

    private void setKubeconfig(String ns, String member, String kubeconfig) {
        central.resource(new SecretBuilder().withNewMetadata().withName(member + "-kubeconfig").withNamespace(ns)
                .endMetadata().addToStringData("kubeconfig", kubeconfig).build()).createOr(r -> r.update());
    }

    private String reachable(String ns, String member) {
        MemberCluster mc = memberCluster(ns, member);
        if (mc.getStatus() == null) {
            return null;
        }
        return Conditions.find(mc.getStatus().conditions, "Reachable").map(c -> c.getStatus() + "/" + c.getReason())
                .orElse(null);
    }
}
