package io.kstretch.dev;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.kstretch.testing.kubelet.KafkaClients;

/**
 * Data-plane benchmark (docs/performance.md, "Data plane: latency between members"): two Kafkas made by the
 * operator side by side on the same three members (network namespaces, 1+1+1 controller+broker nodes): one with
 * Kafka's defaults (kstretch's latency settings undone through spec.config), one with what kstretch renders. With
 * an added round-trip time between members of each of LATENCY_RTTS ms, every variant runs {@link ProducerRun} in
 * member central's namespace on a fresh topic (LATENCY_PARTITIONS partitions, RF=3, min.insync.replicas=2): 1 KB
 * records, acks=all, saturated for LATENCY_SECONDS, then at LATENCY_RATE records/s for LATENCY_PROBE_SECONDS.
 * Variants: {@code kafka} (Kafka's broker defaults, producer defaults), {@code kstretch} (kstretch's, producer
 * defaults), {@code kafka+producer} and {@code kstretch+producer} (the same with the producer settings
 * docs/performance.md recommends); "vs kafka" compares with the variant of the same producer settings.
 * All of it LATENCY_REPEATS times (variants in a rotating order); printed: medians (min–max), and ratios taken
 * within each repetition (against 0 ms of the same variant, against {@code kafka} at the same RTT), their medians.
 * Nothing is asserted. Markdown goes to target/latency-bench/results.md.
 *
 * <pre>
 *   flock /tmp/kstretch-heavy.lock ./mvnw -Pdemo package -Ddemo.main=io.kstretch.dev.LatencyBench
 * </pre>
 */
public final class LatencyBench {
    /** The producer settings docs/performance.md recommends for clients of a stretched cluster. */
    static final Map<String, String> PRODUCER_GUIDANCE = Map.of(
            "linger.ms", "10",
            "batch.size", "262144",
            "buffer.memory", "67108864",
            "max.in.flight.requests.per.connection", "5",
            "send.buffer.bytes", "-1",
            "receive.buffer.bytes", "-1");

    private record Variant(String name, String namespace, Map<String, String> producer) {
    }

    private record Key(String variant, int rtt) {
    }

    private LatencyBench() {
    }

    public static void main(String[] args) {
        Bench.runAndExit(LatencyBench::run);
    }

    private static void run() throws Exception {
        Path work = Path.of("target", "latency-bench").toAbsolutePath();
        List<Integer> rtts = Arrays.stream(Bench.env("LATENCY_RTTS", "0,5,10,20").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        int repeats = Integer.parseInt(Bench.env("LATENCY_REPEATS", "3"));
        String seconds = Bench.env("LATENCY_SECONDS", "12");
        String probeSeconds = Bench.env("LATENCY_PROBE_SECONDS", "5");
        String rate = Bench.env("LATENCY_RATE", "1000");
        int partitions = Integer.parseInt(Bench.env("LATENCY_PARTITIONS", "6"));
        String heap = Bench.env("LATENCY_NODE_HEAP", "768m");
        List<String> wanted = List.of(Bench.env("LATENCY_VARIANTS",
                "kafka,kstretch,kafka+producer,kstretch+producer")
                .split(","));
        List<Variant> variants = new ArrayList<>();
        for (Variant v : List.of(new Variant("kafka", "kafka-defaults", Map.of()),
                new Variant("kstretch", "kstretch-defaults", Map.of()),
                new Variant("kafka+producer", "kafka-defaults", PRODUCER_GUIDANCE),
                new Variant("kstretch+producer", "kstretch-defaults", PRODUCER_GUIDANCE))) {
            if (wanted.contains(v.name())) {
                variants.add(v);
            }
        }

        long began = System.nanoTime();
        Map<Key, List<Map<String, Double>>> results = new LinkedHashMap<>();
        Map<Integer, List<Double>> pings = new LinkedHashMap<>();
        try (BenchCluster cluster = new BenchCluster(work).start()) {
            Map<String, String> bootstrap = new LinkedHashMap<>();
            if (variants.stream().anyMatch(v -> v.namespace().equals("kafka-defaults"))) {
                cluster.createKafka("kafka-defaults", BenchCluster.KAFKA_DEFAULTS, heap);
            }
            if (variants.stream().anyMatch(v -> v.namespace().equals("kstretch-defaults"))) {
                cluster.createKafka("kstretch-defaults", Map.of(), heap);
            }
            for (Variant v : variants) {
                bootstrap.computeIfAbsent(v.namespace(), ns -> {
                    try {
                        return cluster.awaitReady(ns, Duration.ofMinutes(6));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            System.out.printf("[bench] Kafkas Ready after %.0f s: %s%n", (System.nanoTime() - began) / 1e9, bootstrap);
            if (bootstrap.containsKey("kafka-defaults")) {
                try (KafkaClients clients = new KafkaClients(bootstrap.get("kafka-defaults"))) {
                    cluster.checkKafkaDefaults(clients.admin());
                }
            }
            // warm-up: every JIT gets going before anything is measured
            cluster.delay(Duration.ZERO);
            for (String ns : bootstrap.keySet()) {
                measure(cluster, bootstrap.get(ns), "warmup-" + ns, partitions, "10", "2", rate, Map.of());
            }
            int run = 0;
            for (int rep = 0; rep < repeats; rep++) {
                for (int rtt : rtts) {
                    Map<String, Double> ping = cluster.delay(Duration.ofMillis(rtt));
                    pings.computeIfAbsent(rtt, k -> new ArrayList<>()).add(ping.get("central-east"));
                    for (int i = 0; i < variants.size(); i++) {
                        Variant v = variants.get((i + rep + rtt) % variants.size());
                        String topic = "bench-" + (run++);
                        Map<String, Double> r = measure(cluster, bootstrap.get(v.namespace()), topic, partitions,
                                seconds, probeSeconds, rate, v.producer());
                        System.out.printf("[bench] rep %d, RTT %d ms, %s: %s%n", rep + 1, rtt, v.name(), r);
                        results.computeIfAbsent(new Key(v.name(), rtt), k -> new ArrayList<>()).add(r);
                    }
                }
            }
        }
        String table = table(variants, rtts, repeats, results, pings);
        String header = String.format("Data-plane latency benchmark: %d repetitions, %s s saturated + %s s at %s rec/s per"
                + " window, %d partitions, took %.1f min%n%n", repeats, seconds, probeSeconds, rate, partitions,
                (System.nanoTime() - began) / 60e9);
        System.out.println(header + table);
        Files.createDirectories(work);
        Files.writeString(work.resolve("results.md"), header + table);
    }

    /** Creates the topic, runs {@link ProducerRun} in central's namespace, deletes the topic. */
    private static Map<String, Double> measure(BenchCluster cluster, String bootstrap, String topic, int partitions,
            String seconds, String probeSeconds, String rate, Map<String, String> producer) throws Exception {
        try (KafkaClients clients = new KafkaClients(bootstrap)) {
            clients.createTopic(topic, partitions, (short) 3, 2);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx768m", "-XX:+UseG1GC", "-Djdk.net.hosts.file=" + cluster.hosts.path(),
                    "-cp", System.getProperty("java.class.path"), ProducerRun.class.getName(), bootstrap, topic,
                    seconds, probeSeconds, rate));
            producer.forEach((k, v) -> command.add(k + "=" + v));
            Process p = new ProcessBuilder(cluster.namespaces.exec("central", command)).redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
            clients.admin().deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
            String line = out.lines().filter(l -> l.startsWith("RESULT")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("producer failed: " + out));
            Map<String, Double> r = new LinkedHashMap<>();
            for (String kv : line.substring("RESULT ".length()).split(" ")) {
                r.put(kv.substring(0, kv.indexOf('=')), Double.parseDouble(kv.substring(kv.indexOf('=') + 1)));
            }
            return r;
        }
    }

    private static String table(List<Variant> variants, List<Integer> rtts, int repeats,
            Map<Key, List<Map<String, Double>>> results, Map<Integer, List<Double>> pings) {
        StringBuilder out = new StringBuilder();
        out.append("| added RTT | measured RTT (ping -U) | variant | MB/s | records/s | of 0 ms | vs kafka | p99 saturated "
                + "(ms) | p50 / p99 at fixed rate (ms) |\n|---|---|---|---|---|---|---|---|---|\n");
        for (int rtt : rtts) {
            for (Variant v : variants) {
                List<Map<String, Double>> rs = results.getOrDefault(new Key(v.name(), rtt), List.of());
                List<Map<String, Double>> base = results.getOrDefault(new Key(v.name(), rtts.get(0)), List.of());
                String reference = v.name().endsWith("+producer") ? "kafka+producer" : "kafka";
                List<Map<String, Double>> kafka = results.getOrDefault(new Key(reference, rtt), List.of());
                List<Double> ofZero = new ArrayList<>();
                List<Double> vsKafka = new ArrayList<>();
                for (int i = 0; i < rs.size(); i++) {
                    if (i < base.size()) {
                        ofZero.add(rs.get(i).get("mb_per_s") / base.get(i).get("mb_per_s"));
                    }
                    if (i < kafka.size()) {
                        vsKafka.add(rs.get(i).get("mb_per_s") / kafka.get(i).get("mb_per_s"));
                    }
                }
                out.append("| ").append(rtt).append(" ms | ")
                        .append(Bench.range(pings.getOrDefault(rtt, List.of()), "%.1f")).append(" ms | ")
                        .append(v.name()).append(" | ")
                        .append(Bench.range(Bench.values(rs, "mb_per_s"), "%.1f")).append(" | ")
                        .append(Bench.range(Bench.values(rs, "records_per_s"), "%.0f")).append(" | ")
                        .append(Bench.range(ofZero, "%.2f")).append(" | ")
                        .append(Bench.range(vsKafka, "%.2f")).append(" | ")
                        .append(Bench.range(Bench.values(rs, "saturated_p99_ms"), "%.0f")).append(" | ")
                        .append(String.format("%.1f", Bench.median(Bench.values(rs, "probe_p50_ms")))).append(" / ")
                        .append(Bench.range(Bench.values(rs, "probe_p99_ms"), "%.1f")).append(" |\n");
            }
        }
        out.append("\nmedian (min–max) of ").append(repeats).append(" repetitions; \"of 0 ms\" and \"vs kafka\" are "
                + "MB/s ratios within one repetition (\"vs kafka\": against Kafka's defaults with the same producer settings). Errors (should be 0): ");
        double errors = results.values().stream().flatMap(List::stream)
                .mapToDouble(r -> r.getOrDefault("errors", 0.0) + r.getOrDefault("probe_errors", 0.0)).sum();
        out.append((long) errors).append('\n');
        return out.toString();
    }
}
