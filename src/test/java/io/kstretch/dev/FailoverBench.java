package io.kstretch.dev;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.kstretch.testing.kubelet.KafkaClients;

/**
 * Failover benchmark (docs/performance.md, "Failover"): the set-up of {@link LatencyBench} (two Kafkas, Kafka's
 * defaults and kstretch's, 1+1+1 nodes in three member namespaces) with FAILOVER_RTT ms added between members. Per
 * event: a topic with 3 partitions (RF=3, min.insync.replicas=2), an idempotent acks=all producer (in this JVM,
 * in the root namespace) writing to every partition in turn, about 1000 records/s, once the
 * topic has all replicas in sync and one leader per member (preferred leaders elected), and the producer has
 * had acknowledgements on every partition. Then the member that holds the KRaft quorum leader is lost (with the
 * other Kafka's nodes there; every Kafka is Ready again before the next event) — {@code kill}: every process of it
 * is SIGKILLed; {@code cut}: its link goes down, its processes keep running. Measured: the time from the loss until every partition has acknowledged a record sent
 * after the loss (the first successful acks=all produce on the partitions the lost member led), and the longest
 * gap between acknowledgements on any partition. Then the member comes back; time to full ISR; then every record
 * is read back and the acknowledged records missing are counted (must be 0). FAILOVER_REPEATS times per mode
 * (FAILOVER_MODES) and variant (FAILOVER_VARIANTS). Nothing is asserted; Markdown goes to
 * target/failover-bench/results.md.
 *
 * <pre>
 *   flock /tmp/kstretch-heavy.lock ./mvnw -Pdemo package -Ddemo.main=io.kstretch.dev.FailoverBench
 * </pre>
 */
public final class FailoverBench {
    private static final int PARTITIONS = 3;

    private record Key(String variant, String mode) {
    }

    private FailoverBench() {
    }

    public static void main(String[] args) {
        Bench.runAndExit(FailoverBench::run);
    }

    private static void run() throws Exception {
        Path work = Path.of("target", "failover-bench").toAbsolutePath();
        int rtt = Integer.parseInt(Bench.env("FAILOVER_RTT", "10"));
        int repeats = Integer.parseInt(Bench.env("FAILOVER_REPEATS", "3"));
        List<String> modes = Arrays.asList(Bench.env("FAILOVER_MODES", "kill,cut").split(","));
        List<String> variants = Arrays.asList(Bench.env("FAILOVER_VARIANTS", "kafka,kstretch").split(","));
        String heap = Bench.env("FAILOVER_NODE_HEAP", "512m");
        long began = System.nanoTime();
        Map<Key, List<Map<String, Double>>> results = new LinkedHashMap<>();
        try (BenchCluster cluster = new BenchCluster(work).start()) {
            Map<String, String> bootstrap = new LinkedHashMap<>();
            for (String v : variants) {
                cluster.createKafka(namespace(v), v.equals("kafka") ? BenchCluster.KAFKA_DEFAULTS : Map.of(), heap);
            }
            for (String v : variants) {
                bootstrap.put(v, cluster.awaitReady(namespace(v), Duration.ofMinutes(6)));
            }
            cluster.delay(Duration.ofMillis(rtt));
            int event = 0;
            for (int rep = 0; rep < repeats; rep++) {
                for (String mode : modes) {
                    for (int i = 0; i < variants.size(); i++) {
                        String v = variants.get((i + rep) % variants.size());
                        Map<String, Double> r;
                        try {
                            r = event(cluster, namespace(v), bootstrap.get(v), mode, "failover-" + (event++));
                        } catch (IllegalStateException e) {
                            // a cluster that did not come back whole is a finding, not a reason to stop the run
                            System.out.printf("[bench] rep %d, %s, %s: skipped: %s%n", rep + 1, mode, v,
                                    e.getMessage());
                            results.computeIfAbsent(new Key(v, "skipped " + mode), k -> new ArrayList<>())
                                    .add(Map.of());
                            continue;
                        }
                        System.out.printf("[bench] rep %d, %s, %s: %s%n", rep + 1, mode, v, r);
                        results.computeIfAbsent(new Key(v, mode), k -> new ArrayList<>()).add(r);
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder(String.format("Failover benchmark: %d ms added RTT, %d repetitions, took "
                + "%.1f min%n%n", rtt, repeats, (System.nanoTime() - began) / 60e9));
        out.append("| loss | variant | writes back on every partition (s) | longest gap between acks (s) | records "
                + "acknowledged | lost |\n|---|---|---|---|---|---|\n");
        for (String mode : modes) {
            for (String v : variants) {
                List<Map<String, Double>> rs = results.getOrDefault(new Key(v, mode), List.of());
                out.append("| ").append(mode).append(" | ").append(v).append(" | ")
                        .append(Bench.range(Bench.values(rs, "failover_s"), "%.1f")).append(" | ")
                        .append(Bench.range(Bench.values(rs, "gap_s"), "%.1f")).append(" | ")
                        .append(Bench.range(Bench.values(rs, "acked"), "%.0f")).append(" | ")
                        .append((long) Bench.values(rs, "lost").stream().mapToDouble(d -> d).sum()).append(" (sum) |\n");
            }
        }
        results.keySet().stream().filter(k -> k.mode().startsWith("skipped")).forEach(k -> out.append("\n")
                .append(k.variant()).append(": ").append(results.get(k).size()).append(" event(s) ").append(k.mode())
                .append(": the topic did not get full ISR and one leader per member within 3 minutes"));
        out.append("\nmedian (min–max); the lost member is the one holding the KRaft quorum leader.\n");
        System.out.println(out);
        Files.createDirectories(work);
        Files.writeString(work.resolve("results.md"), out);
    }

    private static String namespace(String variant) {
        return variant.equals("kafka") ? "kafka-defaults" : "kstretch-defaults";
    }

    private static Map<String, Double> event(BenchCluster cluster, String ns, String bootstrap, String mode,
            String topic) throws Exception {
        Map<String, Double> r = new LinkedHashMap<>();
        try (KafkaClients clients = new KafkaClients(bootstrap)) {
            clients.createTopic(topic, PARTITIONS, (short) 3, 2);
            awaitHealthy(clients, topic);
            String lost = cluster.memberOf(ns, clients.quorum().leaderId());
            Set<String> acked = ConcurrentHashMap.newKeySet();
            AtomicLongArray lastAck = new AtomicLongArray(PARTITIONS);
            AtomicLongArray firstAfterLoss = new AtomicLongArray(PARTITIONS);
            AtomicLong lossAt = new AtomicLong(Long.MAX_VALUE);
            AtomicLong longestGap = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            Semaphore inFlight = new Semaphore(30);
            Thread sender;
            try (KafkaProducer<String, String> producer = clients.producer(Duration.ofSeconds(300))) {
                sender = new Thread(() -> {
                    long i = 0;
                    while (!stop.get()) {
                        try {
                            inFlight.acquire();
                        } catch (InterruptedException e) {
                            return;
                        }
                        int partition = (int) (i % PARTITIONS);
                        String value = topic + "-" + i++;
                        long sent = System.nanoTime();
                        producer.send(new ProducerRecord<>(topic, partition, null, value), (md, e) -> {
                            inFlight.release();
                            long now = System.nanoTime();
                            if (e != null) {
                                failed.incrementAndGet();
                                return;
                            }
                            acked.add(value);
                            long previous = lastAck.getAndSet(partition, now);
                            if (previous != 0) {
                                longestGap.accumulateAndGet(now - previous, Math::max);
                            }
                            if (sent > lossAt.get()) {
                                firstAfterLoss.compareAndSet(partition, 0, now);
                            }
                        });
                        try {
                            Thread.sleep(1);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "failover-producer");
                sender.start();
                Thread.sleep(5000);
                while (!allSet(lastAck)) {
                    Thread.sleep(100);
                }
                r.put("isr_at_loss", (double) clients.minIsr(topic));
                // the loss counts from when it is complete (every process dead, or the link down): a record sent
                // while the kill was under way could still be acknowledged by the dying leader
                if (mode.equals("kill")) {
                    cluster.kubelet(lost).killAll();
                } else {
                    cluster.namespaces.cut(lost);
                }
                longestGap.set(0);
                long t0 = System.nanoTime();
                lossAt.set(t0);
                long deadline = t0 + TimeUnit.MINUTES.toNanos(3);
                while (System.nanoTime() < deadline && !allSet(firstAfterLoss)) {
                    Thread.sleep(20);
                }
                long back = 0;
                for (int p = 0; p < PARTITIONS; p++) {
                    back = Math.max(back, firstAfterLoss.get(p) == 0 ? deadline - t0 : firstAfterLoss.get(p) - t0);
                }
                r.put("failover_s", back / 1e9);
                Thread.sleep(3000);
                r.put("gap_s", longestGap.get() / 1e9);
                // the member comes back while the producer keeps going
                long restored = System.nanoTime();
                if (mode.equals("kill")) {
                    cluster.kubelet(lost).resume();
                } else {
                    cluster.namespaces.heal(lost);
                }
                long isrDeadline = restored + TimeUnit.MINUTES.toNanos(4);
                while (System.nanoTime() < isrDeadline) {
                    try {
                        if (clients.minIsr(topic) == 3) {
                            break;
                        }
                    } catch (Exception e) {
                        // not answering yet
                    }
                    Thread.sleep(250);
                }
                r.put("full_isr_s", (System.nanoTime() - restored) / 1e9);
                stop.set(true);
                sender.join(10_000);
                producer.flush();
            }
            Set<String> consumed = clients.consumeAll(topic, acked.size(), Duration.ofSeconds(120));
            long lostRecords = acked.stream().filter(v -> !consumed.contains(v)).count();
            r.put("acked", (double) acked.size());
            r.put("failed_sends", (double) failed.get());
            r.put("lost", (double) lostRecords);
            r.put("lost_member_" + lost, 1.0);
            clients.admin().deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
            // the loss hit every Kafka with nodes in that member: all are whole again before the next event
            for (String other : cluster.namespacesWithKafka()) {
                cluster.awaitReady(other, Duration.ofMinutes(3));
            }
        }
        return r;
    }

    /**
     * Waits until every partition has all 3 replicas in sync and the partitions' leaders are on 3 different nodes
     * (preferred leaders elected), so each event starts from a whole cluster with one leader per member.
     */
    private static void awaitHealthy(KafkaClients clients, String topic) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            try {
                var partitions = clients.describe(topic).partitions();
                boolean fullIsr = partitions.stream().allMatch(p -> p.isr().size() == 3);
                long leaders = partitions.stream().filter(p -> p.leader() != null).map(p -> p.leader().id())
                        .distinct().count();
                if (fullIsr && leaders == PARTITIONS) {
                    return;
                }
                if (fullIsr) {
                    clients.admin().electLeaders(org.apache.kafka.common.ElectionType.PREFERRED,
                            partitions.stream().map(p -> new org.apache.kafka.common.TopicPartition(topic,
                                    p.partition())).collect(java.util.stream.Collectors.toSet()))
                            .all().get(30, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                // not there yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("topic " + topic + " did not get full ISR and spread leaders");
    }

    private static boolean allSet(AtomicLongArray a) {
        for (int i = 0; i < a.length(); i++) {
            if (a.get(i) == 0) {
                return false;
            }
        }
        return true;
    }
}
