package io.kstretch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

import io.fabric8.kubernetes.client.KubernetesClient;
import static io.kstretch.api.ProcessRole.BROKER;
import static io.kstretch.api.ProcessRole.CONTROLLER;

import io.kstretch.api.Conditions;
import io.kstretch.api.JvmOptions;
import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.api.ProcessRole;
import io.kstretch.api.Storage;
import io.kstretch.testing.Fixtures;
import io.kstretch.testing.StretchEnvironment;
import io.kstretch.testing.TestFiles;
import io.kstretch.testing.kubelet.HostsFile;
import io.kstretch.testing.kubelet.KafkaClients;
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
            TestFiles.deleteTree(work); // claims of an earlier run hold another cluster's data
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

    /**
     * The scenario every provider must pass with real Kafka: Kafka my-cluster with one controller+broker per member
     * forms its quorum, serves acks=all writes on an RF=3 topic spread over the members, keeps doing so when every
     * process of member west is killed (its status shows it), and recovers full ISR when west comes back, losing no
     * acknowledged record.
     */
    protected void survivesTheLossOfAMember(String ns, Kafka spec, String label) throws Exception {
        Instant created = Instant.now();
        createWithPoolPerMember(spec);
        Kafka kafka = awaitReady(ns, Duration.ofMinutes(4));
        figure(label + ": create to Ready", Duration.between(created, Instant.now()));

        try (KafkaClients clients = new KafkaClients(bootstrap(kafka, "plain"))) {
            awaitBrokers(clients, 3);
            assertQuorumIsTheControllers(clients, kafka);
            clients.createTopic("events", 3, (short) 3, 2);
            assertThat(clients.describe("events").partitions()).allSatisfy(p -> {
                assertThat(p.replicas()).hasSize(3);
                assertThat(p.replicas().stream().map(n -> n.rack()).distinct()).as("one replica per member")
                        .hasSize(3);
            });

            Set<String> acked = ConcurrentHashMap.newKeySet();
            try (KafkaProducer<String, String> producer = clients.producer(Duration.ofSeconds(120))) {
                producer.send(new ProducerRecord<>("events", "k", "m-0")).get(60, TimeUnit.SECONDS);
                acked.add("m-0");
                figure(label + ": create to first acks=all produce", Duration.between(created, Instant.now()));
                produce(producer, acked, 1, 500);
                assertThat(clients.consumeAll("events", acked.size(), Duration.ofSeconds(60))).isEqualTo(acked);

                // lose a whole member: every process there is killed; its API server stays up
                env.kubelet("west").killAll();
                Instant lost = Instant.now();
                long blocked = produceThrough(producer, acked, 501, 300);
                figure(label + ": longest acks=all write while west was lost (ms)", blocked);
                figure(label + ": 300 acks=all writes after the loss took", Duration.between(lost, Instant.now()));
                awaitKafka(ns, Duration.ofMinutes(1), k -> assertThat(k.getStatus().members)
                        .anySatisfy(m -> assertThat(m.name + ":" + m.readyNodes).isEqualTo("west:0")));
                assertThat(clients.minIsr("events")).as("ISR without west").isEqualTo(2);

                // bring it back: its node rejoins and catches up
                env.kubelet("west").resume();
                Instant back = Instant.now();
                awaitReady(ns, Duration.ofMinutes(3));
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                        .untilAsserted(() -> assertThat(clients.minIsr("events")).isEqualTo(3));
                figure(label + ": member back to full ISR", Duration.between(back, Instant.now()));
                produce(producer, acked, 801, 100);
            }
            Set<String> consumed = clients.consumeAll("events", acked.size(), Duration.ofSeconds(90));
            assertThat(consumed).as("every acknowledged record is there").containsAll(acked);
            figure(label + ": records acknowledged / lost", acked.size() + " / " + (acked.size() - consumed.size()));
        }
    }

    /** Creates {@code spec} and one controller+broker {@link #pool} per member: central-pool, east-pool, west-pool. */
    protected void createWithPoolPerMember(Kafka spec) {
        String ns = spec.getMetadata().getNamespace();
        central.resource(spec).create();
        for (String member : MEMBERS) {
            central.resource(pool(ns, member + "-pool", member, 1, CONTROLLER, BROKER)).create();
        }
    }

    /** Waits (up to 2 minutes) until the cluster lists {@code count} brokers. */
    protected static void awaitBrokers(KafkaClients clients, int count) {
        await().atMost(Duration.ofMinutes(2)).ignoreExceptions()
                .untilAsserted(() -> assertThat(clients.brokers()).isEqualTo(count));
    }

    /**
     * Asserts that the KRaft voters are exactly the controllers the Kafka's status names, and the leader one of
     * them; returns their ids.
     */
    protected static List<Integer> assertQuorumIsTheControllers(KafkaClients clients, Kafka kafka) throws Exception {
        List<Integer> controllers = kafka.getStatus().controllers.stream().map(c -> c.id).toList();
        QuorumInfo quorum = clients.quorum();
        assertThat(quorum.voters()).extracting(QuorumInfo.ReplicaState::replicaId)
                .containsExactlyInAnyOrderElementsOf(controllers);
        assertThat(quorum.leaderId()).isIn(controllers);
        return controllers;
    }

    /** Sends {@code count} records and waits for each acknowledgement. */
    protected static void produce(KafkaProducer<String, String> producer, Set<String> acked, int from, int count)
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
    protected static long produceThrough(KafkaProducer<String, String> producer, Set<String> acked, int from,
            int count) throws Exception {
        long longest = 0;
        for (int i = from; i < from + count; i++) {
            long start = System.nanoTime();
            producer.send(new ProducerRecord<>("events", "k" + (i % 7), "m-" + i)).get(120, TimeUnit.SECONDS);
            acked.add("m-" + i);
            longest = Math.max(longest, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        return longest;
    }

    protected static void figure(String what, Object value) {
        System.out.printf("[kstretch e2e figure] %s: %s%n", what, value);
    }
}
