package io.kstretch.reconcile;

import static io.kstretch.api.ProcessRole.BROKER;
import static io.kstretch.api.ProcessRole.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.kstretch.api.Conditions;
import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.api.Listener;
import io.kstretch.testing.Fixtures;
import io.kstretch.testing.OperatorTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * Bad input: Ready=False with a stable reason and a message naming the field, and nothing written to any member.
 * (Every reason is covered one by one in KafkaValidatorTest; here the operator's handling of them end to end.)
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ValidationTest extends OperatorTestSupport {

    void assertRejected(String ns, String reason, String field, Consumer<Kafka> kafkaChange,
            List<KafkaNodePool> pools) {
        env.register(ns);
        Kafka kafka = Fixtures.kafka(ns, "my-cluster", "mcs");
        kafkaChange.accept(kafka);
        central.resource(kafka).create();
        pools.forEach(p -> central.resource(p).create());
        Kafka rejected = awaitNotReady(ns, "my-cluster", reason);
        assertThat(condition(rejected, Conditions.READY).getMessage()).contains(field);
        assertThat(rejected.getStatus().clusterId).as("nothing allocated").isNull();
        sleep(1500);
        for (String member : List.of("central", "east", "west")) {
            assertThat(env.managedUids(member, ns)).as("nothing written to %s", member).isEmpty();
        }
    }

    List<KafkaNodePool> threePools(String ns) {
        return List.of(Fixtures.pool(ns, "central-pool", "my-cluster", "central", 1, CONTROLLER, BROKER),
                Fixtures.pool(ns, "east-pool", "my-cluster", "east", 1, CONTROLLER, BROKER),
                Fixtures.pool(ns, "west-pool", "my-cluster", "west", 1, CONTROLLER, BROKER));
    }

    @Test
    void unknownMemberCluster() {
        String ns = "v-member";
        assertRejected(ns, "UnknownMemberCluster", "spec.memberCluster 'north'", k -> {
        }, List.of(Fixtures.pool(ns, "central-pool", "my-cluster", "central", 1, CONTROLLER, BROKER),
                Fixtures.pool(ns, "north-pool", "my-cluster", "north", 1, CONTROLLER, BROKER)));
    }

    @Test
    void unknownProvider() {
        String ns = "v-provider";
        assertRejected(ns, "UnknownNetworkingProvider", "spec.networking.provider 'carrier-pigeon'",
                k -> k.getSpec().networking.provider = "carrier-pigeon", threePools(ns));
    }

    @Test
    void noControllers() {
        String ns = "v-controllers";
        assertRejected(ns, "NoControllers", "controller role", k -> {
        }, List.of(Fixtures.pool(ns, "brokers", "my-cluster", "east", 3, BROKER)));
    }

    @Test
    void nameTooLong() {
        String ns = "v-long";
        assertRejected(ns, "NameTooLong", "StatefulSet name", k -> {
        }, List.of(Fixtures.pool(ns, "a-pool-with-a-name-much-too-long-for-a-statefulset", "my-cluster", "east", 3,
                CONTROLLER, BROKER)));
    }

    @Test
    void operatorOwnedConfig() {
        String ns = "v-config";
        assertRejected(ns, "ForbiddenConfig", "spec.config.advertised.listeners",
                k -> k.getSpec().config = Map.of("advertised.listeners", "PLAIN://evil:9092"), threePools(ns));
    }

    @Test
    void duplicateListenerPort() {
        String ns = "v-listener";
        assertRejected(ns, "DuplicateListener", "spec.listeners[1].port 9092",
                k -> k.getSpec().listeners = List.of(new Listener("plain", 9092, false),
                        new Listener("other", 9092, false)), threePools(ns));
    }

    @Test
    void nodeIdClash() {
        String ns = "v-ids";
        KafkaNodePool a = Fixtures.pool(ns, "a", "my-cluster", "east", 3, CONTROLLER, BROKER);
        KafkaNodePool b = Fixtures.pool(ns, "b", "my-cluster", "west", 3, CONTROLLER, BROKER);
        a.getSpec().nodeIdStart = 0;
        b.getSpec().nodeIdStart = 2;
        assertRejected(ns, "NodeIdClash", "node id 2", k -> {
        }, List.of(a, b));
    }

    @Test
    void movingAPoolToAnotherMemberIsRefusedAndNothingIsTouched() {
        String ns = "v-move";
        env.register(ns);
        central.resource(Fixtures.kafka(ns, "my-cluster", "mcs")).create();
        threePools(ns).forEach(p -> central.resource(p).create());
        awaitReady(ns, "my-cluster");
        Map<String, Map<String, String>> before = versions(ns);

        central.resources(KafkaNodePool.class).inNamespace(ns).withName("east-pool").edit(p -> {
            p.getSpec().memberCluster = "west";
            return p;
        });

        Kafka rejected = awaitNotReady(ns, "my-cluster", "MemberClusterChanged");
        assertThat(condition(rejected, Conditions.READY).getMessage()).contains("KafkaNodePool east-pool")
                .contains("spec.memberCluster changed from 'east' to 'west'");
        sleep(1500);
        assertThat(versions(ns)).as("no object changed in any member").isEqualTo(before);

        central.resources(KafkaNodePool.class).inNamespace(ns).withName("east-pool").edit(p -> {
            p.getSpec().memberCluster = "east";
            return p;
        });
        awaitReady(ns, "my-cluster");
    }

    /** member → kind/name → resourceVersion of everything kstretch manages for my-cluster. */
    private Map<String, Map<String, String>> versions(String ns) {
        Map<String, Map<String, String>> versions = new java.util.TreeMap<>();
        for (String member : List.of("central", "east", "west")) {
            Map<String, String> byName = new java.util.TreeMap<>();
            var client = env.client(member);
            String selector = io.kstretch.api.KStretch.CLUSTER_LABEL + "=my-cluster";
            client.apps().statefulSets().inNamespace(ns).withLabelSelector(selector).list().getItems()
                    .forEach(o -> byName.put("sts/" + o.getMetadata().getName(), o.getMetadata().getResourceVersion()));
            client.configMaps().inNamespace(ns).withLabelSelector(selector).list().getItems()
                    .forEach(o -> byName.put("cm/" + o.getMetadata().getName(), o.getMetadata().getResourceVersion()));
            client.services().inNamespace(ns).withLabelSelector(selector).list().getItems()
                    .forEach(o -> byName.put("svc/" + o.getMetadata().getName(), o.getMetadata().getResourceVersion()));
            versions.put(member, byName);
        }
        return versions;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
