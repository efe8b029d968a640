package io.kstretch.e2e;

import static io.kstretch.api.ProcessRole.BROKER;
import static io.kstretch.api.ProcessRole.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.readiness.Readiness;
import io.kstretch.api.Conditions;
import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.testing.Fixtures;
import io.kstretch.testing.kubelet.KafkaClients;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * Day-2 operations on real Kafka across three members: a configuration change rolls every node one at a time while
 * an acks=all producer keeps going and loses nothing; a broker pool scales up and back down (refused while the
 * leaving broker hosts replicas); a controller moves from one member to another through KIP-853 with the quorum
 * available throughout.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class DayTwoTest extends RealKafkaSupport {

    @Test
    void aConfigurationChangeRollsEveryNodeOneAtATimeWithoutLosingARecord() throws Exception {
        String ns = "roll";
        env.register(ns);
        createWithPoolPerMember(Fixtures.kafka(ns, "my-cluster", "mcs"));
        Kafka kafka = awaitReady(ns, Duration.ofMinutes(4));
        try (KafkaClients clients = new KafkaClients(bootstrap(kafka, "plain"));
                Producing producing = new Producing(clients)) {
            awaitBrokers(clients, 3);
            clients.createTopic("events", 3, (short) 3, 2);
            producing.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> producing.acked.size() > 50);
            Map<String, String> uids = podUids(ns);

            // a broker setting changes: every node has to restart to pick it up
            Instant changed = Instant.now();
            central.resources(Kafka.class).inNamespace(ns).withName("my-cluster")
                    .edit(k -> {
                        if (k.getSpec().config == null) {
                            k.getSpec().config = new HashMap<>();
                        }
                        k.getSpec().config.put("log.retention.hours", "72");
                        return k;
                    });
            List<String> restarts = new CopyOnWriteArrayList<>();
            int mostDown = watchRoll(ns, uids, restarts, Duration.ofMinutes(6));
            awaitKafka(ns, Duration.ofMinutes(2), k -> assertThat(condition(k, "NodesUpToDate").getStatus())
                    .as(condition(k, "NodesUpToDate").getMessage()).isEqualTo("True"));
            figure("roll of 3 nodes after a config change", Duration.between(changed, Instant.now()));
            assertThat(restarts).as("each node restarted once").hasSize(3).doesNotHaveDuplicates();
            assertThat(mostDown).as("never more than one node down at a time").isEqualTo(1);
            for (String member : MEMBERS) {
                String properties = env.client(member).configMaps().inNamespace(ns)
                        .withName("my-cluster-" + member + "-pool-config").get().getData().values().stream()
                        .filter(v -> v.contains("node.id=")).findFirst().orElseThrow();
                assertThat(properties).contains("log.retention.hours=72");
            }

            // a manual roll of one pool restarts just its node, and the annotation goes away
            Map<String, String> before = podUids(ns);
            central.resources(KafkaNodePool.class).inNamespace(ns).withName("east-pool")
                    .edit(p -> {
                        if (p.getMetadata().getAnnotations() == null) {
                            p.getMetadata().setAnnotations(new HashMap<>());
                        }
                        p.getMetadata().getAnnotations().put("kstretch.io/manual-roll", "true");
                        return p;
                    });
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Map<String, String> now = podUids(ns);
                assertThat(now.keySet()).isEqualTo(before.keySet());
                assertThat(now.entrySet()).filteredOn(e -> !e.getValue().equals(before.get(e.getKey())))
                        .extracting(Map.Entry::getKey).singleElement().asString().startsWith("my-cluster-east-pool-");
                assertThat(central.resources(KafkaNodePool.class).inNamespace(ns).withName("east-pool").get()
                        .getMetadata().getAnnotations()).doesNotContainKey("kstretch.io/manual-roll");
            });
            awaitReady(ns, Duration.ofMinutes(2));

            producing.stopAndCheck();
            Set<String> consumed = clients.consumeAll("events", producing.acked.size(), Duration.ofSeconds(90));
            assertThat(consumed).as("every acknowledged record is there").containsAll(producing.acked);
            figure("roll: records acknowledged / failed sends / lost", producing.acked.size() + " / "
                    + producing.failures.size() + " / " + (producing.acked.size() - consumed.size()));
        }
        deleteKafka(ns);
    }

    @Test
    void aBrokerPoolScalesUpAndBackDownOnlyOnceItsReplicasHaveMoved() throws Exception {
        String ns = "scale";
        env.register(ns);
        central.resource(Fixtures.kafka(ns, "my-cluster", "mcs")).create();
        central.resource(pool(ns, "central-pool", "central", 1, CONTROLLER, BROKER)).create();
        central.resource(pool(ns, "west-pool", "west", 1, CONTROLLER, BROKER)).create();
        central.resource(pool(ns, "east-controllers", "east", 1, CONTROLLER)).create();
        central.resource(pool(ns, "east-brokers", "east", 1, BROKER)).create();
        Kafka kafka = awaitReady(ns, Duration.ofMinutes(4));
        try (KafkaClients clients = new KafkaClients(bootstrap(kafka, "plain"))) {
            awaitBrokers(clients, 3);
            int first = central.resources(KafkaNodePool.class).inNamespace(ns).withName("east-brokers").get()
                    .getStatus().nodeIdStart;
            int added = first + 1;

            // up: the new broker registers and gets nothing until partitions are moved to it
            scale(ns, "east-brokers", 2);
            awaitReady(ns, Duration.ofMinutes(3));
            awaitBrokers(clients, 4);
            int centralBroker = central.resources(KafkaNodePool.class).inNamespace(ns).withName("central-pool").get()
                    .getStatus().nodeIdStart;
            int westBroker = central.resources(KafkaNodePool.class).inNamespace(ns).withName("west-pool").get()
                    .getStatus().nodeIdStart;
            clients.admin().createTopics(List.of(new NewTopic("moved", Map.of(0, List.of(added, centralBroker,
                    westBroker))).configs(Map.of("min.insync.replicas", "2")))).all().get(30, TimeUnit.SECONDS);
            Set<String> acked = ConcurrentHashMap.newKeySet();
            try (KafkaProducer<String, String> producer = clients.producer(Duration.ofSeconds(60))) {
                for (int i = 0; i < 100; i++) {
                    producer.send(new ProducerRecord<>("moved", "k", "m-" + i)).get(30, TimeUnit.SECONDS);
                    acked.add("m-" + i);
                }
            }

            // down: refused while the leaving broker hosts a replica, naming the topic; nothing is removed
            scale(ns, "east-brokers", 1);
            Kafka blocked = awaitKafka(ns, Duration.ofMinutes(1), k -> assertThat(condition(k, "NodePoolsScaled"))
                    .satisfies(c -> {
                        assertThat(c.getStatus()).isEqualTo("False");
                        assertThat(c.getReason()).isEqualTo("ScaleDownBlocked");
                        assertThat(c.getMessage()).contains("broker " + added, "moved");
                    }));
            Thread.sleep(3000);
            assertThat(env.client("east").pods().inNamespace(ns).withName("my-cluster-east-brokers-" + added).get())
                    .as("the leaving broker still runs").isNotNull();
            assertThat(clients.brokers()).isEqualTo(4);
            assertThat(condition(blocked, Conditions.READY).getStatus()).isEqualTo("True");

            // the user moves the replica away: the pool shrinks and the broker is unregistered
            clients.admin().alterPartitionReassignments(Map.of(new TopicPartition("moved", 0), Optional.of(
                    new NewPartitionReassignment(List.of(first, centralBroker, westBroker))))).all()
                    .get(30, TimeUnit.SECONDS);
            awaitKafka(ns, Duration.ofMinutes(3), k -> assertThat(condition(k, "NodePoolsScaled").getStatus())
                    .as(condition(k, "NodePoolsScaled").getMessage()).isEqualTo("True"));
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .untilAsserted(() -> {
                        assertThat(env.client("east").pods().inNamespace(ns)
                                .withName("my-cluster-east-brokers-" + added).get()).isNull();
                        assertThat(clients.admin().describeCluster(new DescribeClusterOptions()
                                .includeFencedBrokers(true)).nodes().get(10, TimeUnit.SECONDS))
                                .extracting(n -> n.id()).as("registered brokers").doesNotContain(added).hasSize(3);
                    });
            assertThat(central.resources(KafkaNodePool.class).inNamespace(ns).withName("east-brokers").get()
                    .getStatus().replicas).isEqualTo(1);
            assertThat(clients.consumeAll("moved", acked.size(), Duration.ofSeconds(60))).isEqualTo(acked);
        }
        deleteKafka(ns);
    }

    @Test
    void aControllerMovesToAnotherMemberWithTheQuorumAvailableThroughout() throws Exception {
        String ns = "move";
        env.register(ns);
        central.resource(Fixtures.kafka(ns, "my-cluster", "mcs")).create();
        central.resource(pool(ns, "central-pool", "central", 1, CONTROLLER, BROKER)).create();
        central.resource(pool(ns, "east-pool", "east", 1, CONTROLLER, BROKER)).create();
        central.resource(pool(ns, "west-brokers", "west", 1, BROKER)).create();
        // a second controller in east: losing east would lose the quorum
        central.resource(pool(ns, "east-controllers", "east", 1, CONTROLLER)).create();
        Kafka kafka = awaitReady(ns, Duration.ofMinutes(4));
        Condition survives = awaitKafka(ns, Duration.ofMinutes(1), k -> assertThat(
                condition(k, "SurvivesMemberLoss").getStatus()).isEqualTo("False"))
                .getStatus().conditions.stream().filter(c -> c.getType().equals("SurvivesMemberLoss")).findFirst()
                .orElseThrow();
        assertThat(survives.getMessage()).contains("losing member east", "1 of 3 controllers");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(central.v1().events().inNamespace(ns)
                .list().getItems()).anySatisfy(e -> {
                    assertThat(e.getType()).isEqualTo("Warning");
                    assertThat(e.getReason()).isEqualTo("MemberLossNotSurvived");
                    assertThat(e.getInvolvedObject().getName()).isEqualTo("my-cluster");
                }));

        try (KafkaClients clients = new KafkaClients(bootstrap(kafka, "plain"));
                Producing producing = new Producing(clients)) {
            awaitBrokers(clients, 3);
            clients.createTopic("events", 3, (short) 3, 2);
            int leaving = central.resources(KafkaNodePool.class).inNamespace(ns).withName("east-controllers").get()
                    .getStatus().nodeIdStart;
            // the controller to move votes (were it left out of the bootstrap, the day-2 step adds it)
            await().atMost(Duration.ofMinutes(2)).ignoreExceptions().untilAsserted(() -> assertThat(clients.quorum()
                    .voters()).extracting(QuorumInfo.ReplicaState::replicaId).contains(leaving).hasSize(3));
            producing.start();

            // move it to west: a new controller pool there, the east one scaled to 0
            Instant moved = Instant.now();
            central.resource(pool(ns, "west-controllers", "west", 1, CONTROLLER)).create();
            scale(ns, "east-controllers", 0);
            AtomicInteger quorumChecks = new AtomicInteger();
            List<String> quorumFailures = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                try {
                    QuorumInfo quorum = clients.quorum();
                    quorumChecks.incrementAndGet();
                    assertThat(quorum.leaderId()).isNotNegative();
                } catch (Exception e) {
                    quorumFailures.add(e.toString());
                }
                Kafka k = kafka(ns);
                assertThat(condition(k, "QuorumUpToDate").getStatus()).as(condition(k, "QuorumUpToDate")
                        .getMessage()).isEqualTo("True");
                assertThat(condition(k, "NodePoolsScaled").getStatus()).isEqualTo("True");
                assertThat(condition(k, "NodesUpToDate").getStatus()).as(condition(k, "NodesUpToDate")
                        .getMessage()).isEqualTo("True");
                assertThat(env.client("east").pods().inNamespace(ns)
                        .withName("my-cluster-east-controllers-" + leaving).get()).isNull();
            });
            figure("controller moved east to west (incl. roll)", Duration.between(moved, Instant.now()));
            assertThat(quorumFailures).as("the quorum answered throughout (%d checks)", quorumChecks.get()).isEmpty();

            Kafka after = awaitReady(ns, Duration.ofMinutes(2));
            int added = central.resources(KafkaNodePool.class).inNamespace(ns).withName("west-controllers").get()
                    .getStatus().nodeIdStart;
            QuorumInfo quorum = clients.quorum();
            List<Integer> voters = quorum.voters().stream().map(QuorumInfo.ReplicaState::replicaId).toList();
            assertThat(voters).contains(added).doesNotContain(leaving).hasSize(3);
            Map<Integer, String> directories = new HashMap<>();
            quorum.voters().forEach(v -> directories.put(v.replicaId(), v.replicaDirectoryId().toString()));
            assertThat(after.getStatus().controllers).as("status tracks the voters and their directory ids")
                    .allSatisfy(c -> assertThat(c.directoryId).isEqualTo(directories.get(c.id)))
                    .extracting(c -> c.id).containsExactlyInAnyOrderElementsOf(voters);
            assertThat(condition(after, "SurvivesMemberLoss").getStatus()).isEqualTo("True");

            producing.stopAndCheck();
            Set<String> consumed = clients.consumeAll("events", producing.acked.size(), Duration.ofSeconds(90));
            assertThat(consumed).containsAll(producing.acked);
            figure("controller move: records acknowledged / failed sends / lost", producing.acked.size() + " / "
                    + producing.failures.size() + " / " + (producing.acked.size() - consumed.size()));
        }
        deleteKafka(ns);
    }

    /** A producer sending one acks=all record at a time on a thread, until stopped. */
    private static final class Producing implements AutoCloseable {
        final Set<String> acked = ConcurrentHashMap.newKeySet();
        final List<String> failures = new CopyOnWriteArrayList<>();
        private final KafkaProducer<String, String> producer;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread thread;

        Producing(KafkaClients clients) {
            this.producer = clients.producer(Duration.ofSeconds(120));
        }

        void start() {
            thread = new Thread(() -> {
                for (int i = 0; running.get(); i++) {
                    try {
                        producer.send(new ProducerRecord<>("events", "k" + (i % 7), "m-" + i))
                                .get(150, TimeUnit.SECONDS);
                        acked.add("m-" + i);
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        failures.add("m-" + i + ": " + e);
                    }
                }
            }, "day2-producer");
            thread.start();
        }

        /** Stops, and checks that no acks=all send failed. */
        void stopAndCheck() throws InterruptedException {
            running.set(false);
            thread.join(180_000);
            assertThat(failures).as("acks=all sends that failed").isEmpty();
            assertThat(acked).isNotEmpty();
        }

        @Override
        public void close() {
            running.set(false);
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Pod name → uid, over every member. */
    private Map<String, String> podUids(String ns) {
        Map<String, String> uids = new HashMap<>();
        for (String member : MEMBERS) {
            env.client(member).pods().inNamespace(ns).list().getItems()
                    .forEach(p -> uids.put(p.getMetadata().getName(), p.getMetadata().getUid()));
        }
        return uids;
    }

    /**
     * Polls until every pod of {@code before} was replaced and all are ready again, recording the order pods were
     * replaced in; returns the most pods seen missing or not ready at one time.
     */
    private int watchRoll(String ns, Map<String, String> before, List<String> restarts, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int mostDown = 0;
        while (System.nanoTime() < deadline) {
            Map<String, Pod> pods = new HashMap<>();
            for (String member : MEMBERS) {
                env.client(member).pods().inNamespace(ns).list().getItems()
                        .forEach(p -> pods.put(p.getMetadata().getName(), p));
            }
            int down = 0;
            for (String name : before.keySet()) {
                Pod pod = pods.get(name);
                if (pod == null || !Readiness.isPodReady(pod)) {
                    down++;
                }
                if (pod != null && !pod.getMetadata().getUid().equals(before.get(name)) && !restarts.contains(name)) {
                    restarts.add(name);
                }
            }
            mostDown = Math.max(mostDown, down);
            if (restarts.size() == before.size() && down == 0) {
                return mostDown;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("roll did not finish: restarted " + restarts + " of " + before.keySet());
    }

    private void scale(String ns, String pool, int replicas) {
        central.resources(KafkaNodePool.class).inNamespace(ns).withName(pool).edit(p -> {
            p.getSpec().replicas = replicas;
            return p;
        });
    }

    private void deleteKafka(String ns) {
        central.resources(Kafka.class).inNamespace(ns).withName("my-cluster").delete();
        await().atMost(Duration.ofMinutes(2)).until(() -> kafka(ns) == null);
    }

    private static Condition condition(Kafka kafka, String type) {
        return Conditions.find(kafka.getStatus().conditions, type)
                .orElseThrow(() -> new AssertionError("no condition " + type + " in " + kafka.getStatus().conditions));
    }
}
