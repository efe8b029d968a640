package io.kstretch.e2e;

import static io.kstretch.api.ProcessRole.BROKER;
import static io.kstretch.api.ProcessRole.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

import io.kstretch.api.Kafka;
import io.kstretch.api.Quorum;
import io.kstretch.testing.Fixtures;
import io.kstretch.testing.kubelet.KafkaClients;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * Real Kafka across three members: what the operator renders forms a quorum and serves clients, and the cluster
 * keeps accepting acks=all writes when every process of one member is killed, losing nothing.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class MemberLossTest extends RealKafkaSupport {

    @Test
    void dynamicQuorumAcrossThreeMembersSurvivesTheLossOfOne() throws Exception {
        String ns = "loss";
        env.register(ns);
        survivesTheLossOfAMember(ns, Fixtures.kafka(ns, "my-cluster", "mcs"), "mcs");
    }

    @Test
    void staticQuorumWithSeparateControllersAndBrokers() throws Exception {
        String ns = "static";
        env.register(ns);
        Kafka spec = Fixtures.kafka(ns, "my-cluster", "mcs");
        spec.getSpec().quorum = Quorum.STATIC;
        central.resource(spec).create();
        for (String member : MEMBERS) {
            central.resource(pool(ns, member + "-controllers", member, 1, CONTROLLER)).create();
            central.resource(pool(ns, member + "-brokers", member, 1, BROKER)).create();
        }
        Instant created = Instant.now();
        Kafka kafka = awaitReady(ns, Duration.ofMinutes(5));
        figure("static quorum, 3 controllers + 3 brokers: create to Ready", Duration.between(created, Instant.now()));
        try (KafkaClients clients = new KafkaClients(bootstrap(kafka, "plain"))) {
            awaitBrokers(clients, 3);
            List<Integer> controllers = assertQuorumIsTheControllers(clients, kafka);
            assertThat(clients.admin().describeCluster().nodes().get().stream().map(n -> n.id()).toList())
                    .as("brokers are not the controllers").doesNotContainAnyElementsOf(controllers);
            clients.createTopic("events", 3, (short) 3, 2);
            Set<String> acked = ConcurrentHashMap.newKeySet();
            try (KafkaProducer<String, String> producer = clients.producer(Duration.ofSeconds(60))) {
                produce(producer, acked, 0, 300);
            }
            assertThat(clients.consumeAll("events", acked.size(), Duration.ofSeconds(60))).isEqualTo(acked);
        }
    }
}
