package io.kstretch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kstretch.api.KStretch;
import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged operator creates a Kafka stretched across three members (the central cluster, east and west) and
 * deletes it again. Everything it reads and writes crosses its JSON (de)serialisation — the spec's nested types on
 * the way in, the whole status (members, controllers, listeners, conditions) and every data-plane object on the way
 * out — which is what differs when reflection registration is missing in a native binary.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedOperatorResource.class)
class KafkaLifecycleIT extends PackagedOperatorTest {
    static final List<String> MEMBERS = List.of("central", "east", "west");

    @Test
    void aKafkaAcrossThreeMembersIsCreatedWithItsWholeStatusThenDeletedEverywhere() {
        String ns = "lifecycle";
        stretch.createStretched(ns);
        awaitReady(ns, "True/Ready");

        Kafka kafka = kafka(ns);
        assertThat(kafka.getMetadata().getFinalizers()).contains(KStretch.KAFKA_FINALIZER);
        var status = kafka.getStatus();
        assertThat(status.clusterId).matches("[A-Za-z0-9_-]{22}");
        assertThat(status.observedGeneration).isEqualTo(kafka.getMetadata().getGeneration());
        assertThat(status.networking.provider).isEqualTo("mcs");
        assertThat(status.networking.configHash).isNotBlank();
        assertThat(status.members).extracting(m -> m.name + ":" + m.reachable + ":" + m.nodes + ":" + m.readyNodes)
                .containsExactly("central:true:1:1", "east:true:1:1", "west:true:1:1");
        assertThat(status.memberNames).isEqualTo("central,east,west");
        assertThat(status.controllers).hasSize(3).allSatisfy(c -> {
            assertThat(c.id).isNotNull();
            assertThat(c.member).isIn(MEMBERS);
            assertThat(c.directoryId).matches("[A-Za-z0-9_-]{22}");
        });
        assertThat(status.listeners).singleElement().satisfies(l -> {
            assertThat(l.name).isEqualTo("plain");
            assertThat(l.bootstrapServers.split(",")).hasSize(3).allSatisfy(s -> assertThat(s).endsWith(":9092"));
        });
        assertThat(status.conditions).extracting(c -> c.getType() + "=" + c.getStatus())
                .contains("Ready=True", "MembersReachable=True", "NetworkingReady=True");
        for (String member : MEMBERS) {
            eventually(() -> {
                KafkaNodePool pool = stretch.client().resources(KafkaNodePool.class).inNamespace(ns)
                        .withName(member + "-pool").get();
                assertThat(pool.getStatus().memberCluster).isEqualTo(member);
                assertThat(pool.getStatus().nodeIds).containsExactly(pool.getStatus().nodeIdStart);
                assertThat(pool.getStatus().readyReplicas).isEqualTo(1);
            });
            assertCondition(memberCluster(ns, member), "Reachable=True");
        }

        // what each member got: its pool's StatefulSet and ConfigMap, owned by the Kafka (central) or an anchor
        for (String member : MEMBERS) {
            var client = stretch.env.client(member);
            StatefulSet sts = client.apps().statefulSets().inNamespace(ns).withName("my-cluster-" + member + "-pool")
                    .get();
            assertThat(sts).as("StatefulSet in %s", member).isNotNull();
            assertThat(sts.getMetadata().getLabels()).containsEntry(KStretch.CLUSTER_LABEL, "my-cluster");
            assertThat(sts.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> assertThat(o.getKind())
                    .isEqualTo(member.equals("central") ? "Kafka" : "ConfigMap"));
            ConfigMap config = client.configMaps().inNamespace(ns).withName("my-cluster-" + member + "-pool-config")
                    .get();
            assertThat(config.getData()).containsKeys("run.sh", "cluster-id");
            assertThat(config.getData().get("run.sh")).startsWith("#!/bin/sh");
            assertThat(config.getData().get("cluster-id")).isEqualTo(status.clusterId);
            int id = stretch.client().resources(KafkaNodePool.class).inNamespace(ns).withName(member + "-pool").get()
                    .getStatus().nodeIdStart;
            assertThat(config.getData().get("node-" + id + ".properties")).contains("broker.rack=" + member,
                    "auto.create.topics.enable=false", "PLAIN://my-cluster-" + member + "-pool-" + id + ".");
            assertThat(stretch.env.managedUids(member, ns).keySet()).contains("Service/my-cluster-nodes",
                    "ServiceExport/my-cluster-nodes");
        }
        for (String remote : List.of("east", "west")) {
            assertThat(stretch.env.client(remote).configMaps().inNamespace(ns).withName("my-cluster-kstretch-anchor")
                    .get()).as("GC anchor in %s", remote).isNotNull();
        }

        stretch.client().resources(Kafka.class).inNamespace(ns).withName("my-cluster").delete();
        eventually(() -> {
            assertThat(kafka(ns)).isNull();
            for (String member : MEMBERS) {
                assertThat(stretch.env.managedUids(member, ns)).as("objects left in %s", member).isEmpty();
            }
            for (String remote : List.of("east", "west")) {
                assertThat(stretch.env.client(remote).configMaps().inNamespace(ns)
                        .withName("my-cluster-kstretch-anchor").get()).isNull();
            }
        });
    }
}
