package io.kstretch.e2e;

import static io.kstretch.api.ProcessRole.BROKER;
import static io.kstretch.api.ProcessRole.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
        Instant created = Instant.now();
        env.register(ns);
        central.resource(Fixtures.kafka(ns, "my-cluster", "mcs")).create();
        for (String member : MEMBERS) {
            central.resource(pool(ns, member + "-pool", member, 1, CONTROLLER, BROKER)).create();
        }
        Kafka kafka = awaitReady(ns, Duration.ofMinutes(4));
        figure("dynamic quorum: create to Ready", Duration.between(created, Instant.now()));

        try (KafkaClients clients = new KafkaClients(bootstrap(kafka, "plain"))) {
            await().atMost(Duration.ofMinutes(2)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(clients.brokers()).isEqualTo(3));
            QuorumInfo quorum = clients.quorum();
            assertThat(quorum.voters()).extracting(QuorumInfo.ReplicaState::replicaId)
                    .containsExactlyInAnyOrderElementsOf(kafka.getStatus().controllers.stream().map(c -> c.id).toList());
            assertThat(quorum.leaderId()).isIn(kafka.getStatus().controllers.stream().map(c -> c.id).toList());
            clients.createTopic("events", 3, (short) 3, 2);
            assertThat(clients.describe("events").partitions()).allSatisfy(p -> {
                assertThat(p.replicas()).hasSize(3);
                assertThat(p.replicas().stream().map(n -> n.rack()).distinct()).as("one replica per member")
                        .hasSize(3);
            });

            Set<String> acked = ConcurrentHashMap.newKeySet();
            try (KafkaProducer<String, String> producer = clients.producer(Duration.ofSeconds(120))) {
                Instant first = Instant.now();
                producer.send(new ProducerRecord<>("events", "k", "m-0")).get(60, TimeUnit.SECONDS);
                acked.add("m-0");
                figure("dynamic quorum: create to first acks=all produce", Duration.between(created, Instant.now()));
                figure("first produce took", Duration.between(first, Instant.now()));
                produce(producer, acked, 1, 500);
                assertThat(clients.consumeAll("events", acked.size(), Duration.ofSeconds(60))).isEqualTo(acked);

                // lose a whole member: every process there is killed; its API server stays up
                env.kubelet("west").killAll();
                Instant lost = Instant.now();
                long blocked = produceThrough(producer, acked, 501, 300);
                figure("acks=all writes: longest wait while west was lost (ms)", blocked);
                figure("acks=all writes acknowledged after the loss within", Duration.between(lost, Instant.now()));
                awaitKafka(ns, Duration.ofMinutes(1), k -> assertThat(k.getStatus().members)
                        .anySatisfy(m -> assertThat(m.name + ":" + m.readyNodes).isEqualTo("west:0")));
                assertThat(clients.minIsr("events")).as("ISR without west").isEqualTo(2);

                // bring it back: its node rejoins and catches up
                env.kubelet("west").resume();
                Instant back = Instant.now();
                awaitReady(ns, Duration.ofMinutes(3));
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                        .untilAsserted(() -> assertThat(clients.minIsr("events")).isEqualTo(3));
                figure("member back to full ISR", Duration.between(back, Instant.now()));
                produce(producer, acked, 801, 100);
            }
            Set<String> consumed = clients.consumeAll("events", acked.size(), Duration.ofSeconds(90));
            assertThat(consumed).as("every acknowledged record is there").containsAll(acked);
            figure("records acknowledged / lost", acked.size() + " / " + (acked.size() - consumed.size()));
        }
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
            await().atMost(Duration.ofMinutes(2)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(clients.brokers()).isEqualTo(3));
            List<Integer> controllers = kafka.getStatus().controllers.stream().map(c -> c.id).toList();
            QuorumInfo quorum = clients.quorum();
            assertThat(quorum.voters()).extracting(QuorumInfo.ReplicaState::replicaId)
                    .containsExactlyInAnyOrderElementsOf(controllers);
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

    /** Sends {@code count} records and waits for each acknowledgement. */
    private static void produce(KafkaProducer<String, String> producer, Set<String> acked, int from, int count)
            throws Exception {
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            values.add("m-" + i);
            sent.add(producer.send(new ProducerRecord<>("events", "k" + (i % 7), "m-" + i)));
        }
        for (int i = 0; i < sent.size(); i++) {
            sent.get(i).get(120, TimeUnit.SECONDS);
            acked.add(values.get(i));
        }
    }

    /** Sends records one at a time; returns the longest time one took to be acknowledged, in ms. */
    private static long produceThrough(KafkaProducer<String, String> producer, Set<String> acked, int from, int count)
            throws Exception {
        long longest = 0;
        for (int i = from; i < from + count; i++) {
            long start = System.nanoTime();
            producer.send(new ProducerRecord<>("events", "k" + (i % 7), "m-" + i)).get(120, TimeUnit.SECONDS);
            acked.add("m-" + i);
            longest = Math.max(longest, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        return longest;
    }
}
