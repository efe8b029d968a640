package io.kstretch.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kstretch.api.Conditions;
import io.kstretch.api.KStretch;
import io.kstretch.api.Kafka;
import io.kstretch.api.MemberCluster;
import io.kstretch.api.ProcessRole;
import io.kstretch.testing.CentralApiServer;
import io.kstretch.testing.Fixtures;
import io.kstretch.testing.MemberApiServer;
import io.kstretch.testing.OperatorProcess;
import io.kstretch.testing.RequestLog;
import io.kstretch.testing.StretchEnvironment;

/**
 * Operator benchmark (docs/performance.md, "Operator"): for every N in BENCH_MEMBERS and K in BENCH_KAFKAS, fresh
 * embedded API servers (a central one and N members m1..mN, each with the test fakes), the packaged operator as a
 * process (prod profile, the JVM flags of k8s/operator/deployment.yaml), K Kafkas created at once, each with a
 * one-node controller+broker pool in 3 members (Kafka k in members k, k+1, k+2 mod N), and measured:
 * <ul>
 * <li>per Kafka, the time from its creation until the operator's last create of one of its objects in its
 * members (every object then exists; checked afterwards by listing), and until it is Ready; median, p95, all;</li>
 * <li>the operator's requests, counted at the mock API servers ({@link RequestLog}: the requests made with the
 * operator's token), by verb, from the first create until the writes stop, per Kafka and member it is placed
 * in (members) and per Kafka (central);</li>
 * <li>the writes of a no-op resync of all K: the operator is restarted (every Kafka is reconciled again, from
 * cold caches) and the writes it makes to the benchmark's namespace anywhere are counted until each Kafka has
 * been reconciled and the writes have been quiet for 5 s (target: zero);</li>
 * <li>the operator's RSS and heap (jcmd GC.heap_info; "live" after a jcmd GC.run) after convergence.</li>
 * </ul>
 * Nothing is asserted. Prints Markdown tables and writes them to target/bench/results.md.
 *
 * <pre>
 *   ./mvnw -Pdemo package -Ddemo.main=io.kstretch.dev.OperatorBench
 * </pre>
 *
 * Environment: BENCH_KAFKAS (default 1,10,100), BENCH_MEMBERS (3,6), BENCH_NATIVE (a native executable to run
 * instead of the JVM package, with BENCH_NATIVE_XMX, default 64m).
 */
public final class OperatorBench {
    static final List<String> VERBS = List.of("get", "list", "watch", "create", "update", "patch", "delete");
    private static final String NS = "bench";
    private static final Pattern RECONCILED = Pattern
            .compile("kstretch_kafka_reconcile_seconds_count\\{kafka=\"([^\"]+)\",namespace=\"" + NS + "\"[^}]*} ([0-9.E]+)");

    private OperatorBench() {
    }

    /** One (N, K) run. Times in seconds, memory in MiB, requests per Kafka (and member) by verb. */
    record Result(int members, int kafkas, double existMedian, double existP95, double existAll, double readyMedian,
            double readyP95, double readyAll, String objects, Map<String, Double> memberRequests,
            Map<String, Double> centralRequests, long resyncWrites, String resyncDetail, double resyncTime,
            Map<String, Double> resyncMemberReads, double rss, double heapUsed, double heapCommitted,
            double heapLive, double rssAfterResync) {
    }

    public static void main(String[] args) {
        Bench.runAndExit(OperatorBench::benchmark);
    }

    private static void benchmark() throws Exception {
        Path work = Path.of("target", "bench").toAbsolutePath();
        Files.createDirectories(work);
        List<Integer> kafkas = ints(Bench.env("BENCH_KAFKAS", "1,10,100"));
        List<Integer> members = ints(Bench.env("BENCH_MEMBERS", "3,6"));
        String nativeExe = Bench.env("BENCH_NATIVE", "");
        List<String> command = nativeExe.isEmpty()
                ? OperatorProcess.shippedJvmCommand(Path.of("k8s/operator/deployment.yaml"))
                : OperatorProcess.nativeCommand(Path.of(nativeExe).toAbsolutePath(), Bench.env("BENCH_NATIVE_XMX", "64m"));
        List<Result> results = new ArrayList<>();
        for (int n : members) {
            for (int k : kafkas) {
                long started = System.nanoTime();
                Result r = run(command, work.resolve("n" + n + "-k" + k), n, k);
                System.out.printf("[bench] N=%d K=%d done in %.0f s: %s%n", n, k, (System.nanoTime() - started) / 1e9,
                        r);
                results.add(r);
            }
        }
        String out = tables(results, command);
        System.out.println(out);
        Files.writeString(work.resolve("results.md"), out);
    }

    static Result run(List<String> command, Path dir, int n, int k) throws Exception {
        CentralApiServer central = new CentralApiServer();
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = "m" + (i + 1);
        }
        StretchEnvironment env = new StretchEnvironment(central.client(), names);
        List<RequestLog> memberLogs = env.remotes().values().stream().map(MemberApiServer::requestLog).toList();
        Path kubeconfig = central.writeKubeconfig(dir.resolve("kubeconfig"));
        // members probed at the default period (30 s), as in a real installation
        env.register(NS, mc -> {
            mc.getSpec().probe.periodSeconds = 30;
            mc.getSpec().probe.timeoutSeconds = 5;
        });
        OperatorProcess operator = OperatorProcess.start(command, kubeconfig, "bench", dir, Map.of());
        try {
            operator.awaitReady(Duration.ofSeconds(120));
            awaitMembersReachable(central.client(), n + 1, operator);
            Thread.sleep(2000);
            central.requestLog().record(true);
            memberLogs.forEach(l -> l.record(true));

            // K Kafkas, each with a pool in 3 members, all at once
            Map<String, Long> createdAt = new LinkedHashMap<>();
            for (int i = 0; i < k; i++) {
                String name = "kafka-" + i;
                createdAt.put(name, System.nanoTime());
                central.client().resource(Fixtures.kafka(NS, name, "mcs")).create();
                for (int p = 0; p < 3; p++) {
                    String member = names[(i + p) % n];
                    central.client().resource(Fixtures.pool(NS, name + "-" + member, name, member, 1,
                            ProcessRole.CONTROLLER, ProcessRole.BROKER)).create();
                }
            }
            long first = createdAt.values().iterator().next();
            List<RequestLog.Entry> centralEntries = new ArrayList<>();
            List<RequestLog.Entry> memberEntries = new ArrayList<>();
            Map<String, Long> readyAt = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(Math.max(300, 6L * k)).toNanos();
            long lastWrite = System.nanoTime();
            while (true) {
                lastWrite = Math.max(lastWrite, collect(central.requestLog(), centralEntries));
                for (RequestLog log : memberLogs) {
                    lastWrite = Math.max(lastWrite, collect(log, memberEntries));
                }
                if (readyAt.size() < k) {
                    long now = System.nanoTime();
                    for (Kafka kafka : central.client().resources(Kafka.class).inNamespace(NS).list().getItems()) {
                        if (isReady(kafka)) {
                            readyAt.putIfAbsent(kafka.getMetadata().getName(), now);
                        }
                    }
                } else if (System.nanoTime() - lastWrite > 5_000_000_000L) {
                    break; // all Ready and no write for 5 s: converged
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(readyAt.size() + " of " + k + " Kafkas Ready; log:\n"
                            + operator.tail());
                }
                Thread.sleep(200);
            }

            // every object exists in every member: the last create of each Kafka's objects, and a listing
            Map<String, Long> lastCreate = new HashMap<>();
            for (RequestLog.Entry e : memberEntries) {
                if (e.verb().equals("create") && e.kafka() != null && e.code() < 300) {
                    lastCreate.merge(e.kafka(), e.nanos(), Math::max);
                }
            }
            double[] exist = createdAt.entrySet().stream()
                    .mapToDouble(c -> (lastCreate.getOrDefault(c.getKey(), c.getValue()) - c.getValue()) / 1e9)
                    .sorted().toArray();
            double existAll = (lastCreate.values().stream().mapToLong(Long::longValue).max().orElse(first) - first)
                    / 1e9;
            double[] ready = createdAt.entrySet().stream()
                    .mapToDouble(c -> (readyAt.get(c.getKey()) - c.getValue()) / 1e9).sorted().toArray();
            double readyAll = (readyAt.values().stream().mapToLong(Long::longValue).max().orElse(first) - first) / 1e9;
            String objects = objectsPerPlacement(env, names, k);

            Map<String, Double> memberRequests = perVerb(memberEntries, 3.0 * k);
            Map<String, Double> centralRequests = perVerb(centralEntries, k);

            double rss = operator.rssKib() / 1024.0;
            double[] heap = heap(operator, false);
            double[] live = heap(operator, true);

            // no-op resync of all K: restart the operator and count what it writes
            operator.close();
            central.requestLog().drain();
            memberLogs.forEach(RequestLog::drain);
            long restart = System.nanoTime();
            operator = OperatorProcess.start(command, kubeconfig, "bench", dir.resolve("resync"), Map.of());
            operator.awaitReady(Duration.ofSeconds(120));
            List<RequestLog.Entry> resync = new ArrayList<>();
            double resyncTime = Double.NaN;
            lastWrite = System.nanoTime();
            deadline = System.nanoTime() + Duration.ofSeconds(Math.max(300, 3L * k)).toNanos();
            while (System.nanoTime() < deadline) {
                lastWrite = Math.max(lastWrite, collect(central.requestLog(), resync));
                List<RequestLog.Entry> memberResync = new ArrayList<>();
                for (RequestLog log : memberLogs) {
                    lastWrite = Math.max(lastWrite, collect(log, memberResync));
                }
                resync.addAll(memberResync.stream().map(e -> new RequestLog.Entry(e.nanos(), e.verb(),
                        "member:" + e.path(), e.kafka(), e.code())).toList());
                if (Double.isNaN(resyncTime) && reconciledAll(operator, k)) {
                    resyncTime = (System.nanoTime() - restart) / 1e9;
                }
                if (!Double.isNaN(resyncTime) && System.nanoTime() - lastWrite > 5_000_000_000L) {
                    break;
                }
                Thread.sleep(200);
            }
            List<String> writes = resync.stream().filter(RequestLog.Entry::isWrite)
                    .filter(e -> e.path().contains("/namespaces/" + NS + "/"))
                    .map(e -> e.verb() + " " + e.path().replaceAll("\\?.*", "")).toList();
            Map<String, Long> distinct = new TreeMap<>();
            writes.forEach(w -> distinct.merge(w, 1L, Long::sum));
            String detail = distinct.entrySet().stream().limit(12).map(e -> e.getValue() + "× " + e.getKey())
                    .reduce((a, b) -> a + "; " + b).orElse("");
            Map<String, Double> resyncReads = perVerb(
                    resync.stream().filter(e -> e.path().startsWith("member:")).toList(), 3.0 * k);
            double rssAfterResync = operator.rssKib() / 1024.0;
            return new Result(n, k, percentile(exist, 50), percentile(exist, 95), existAll, percentile(ready, 50),
                    percentile(ready, 95), readyAll, objects, memberRequests, centralRequests, writes.size(), detail,
                    resyncTime, resyncReads, rss, heap[0], heap[1], live[0], rssAfterResync);
        } finally {
            operator.close();
            env.close();
            central.close();
        }
    }

    /** Drains {@code log} into {@code into}; returns the time of the last write drained (0 if none). */
    private static long collect(RequestLog log, List<RequestLog.Entry> into) {
        long last = 0;
        for (RequestLog.Entry e : log.drain()) {
            into.add(e);
            if (e.isWrite() && !e.path().contains("/leases")) {
                last = Math.max(last, e.nanos());
            }
        }
        return last;
    }

    private static boolean isReady(Kafka kafka) {
        return kafka.getStatus() != null && Bench.isTrue(kafka.getStatus().conditions, Conditions.READY);
    }

    private static void awaitMembersReachable(KubernetesClient central, int count, OperatorProcess operator)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            long reachable = central.resources(MemberCluster.class).inNamespace(NS).list().getItems().stream()
                    .filter(m -> m.getStatus() != null && Bench.isTrue(m.getStatus().conditions, "Reachable"))
                    .count();
            if (reachable == count) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("members not reachable; log:\n" + operator.tail());
    }

    /** Whether the operator's metrics show a reconcile of every one of the K Kafkas since it started. */
    private static boolean reconciledAll(OperatorProcess operator, int k) {
        String metrics;
        try {
            metrics = operator.get("/q/metrics");
        } catch (java.io.UncheckedIOException e) {
            // a busy operator (100 Kafkas reconciled from cold caches on one CPU) can take over 5 s to answer
            System.out.println("[bench] /q/metrics did not answer (" + e.getCause() + "); asking again");
            return false;
        }
        Map<String, Double> counts = new HashMap<>();
        Matcher m = RECONCILED.matcher(metrics);
        while (m.find()) {
            counts.merge(m.group(1), Double.parseDouble(m.group(2)), Double::sum);
        }
        return counts.values().stream().filter(c -> c >= 1).count() >= k;
    }

    /** Objects labelled with each Kafka (its anchor included) in each member it is placed in: "min–max" per placement. */
    private static String objectsPerPlacement(StretchEnvironment env, String[] names, int k) {
        // per placement (Kafka@member), the kinds of the objects found, to name what a short placement lacks
        Map<String, List<String>> kinds = new TreeMap<>();
        for (String member : names) {
            for (HasMetadata o : env.managed(member, NS, KStretch.CLUSTER_LABEL)) {
                kinds.computeIfAbsent(o.getMetadata().getLabels().get(KStretch.CLUSTER_LABEL) + "@" + member,
                        p -> new ArrayList<>()).add(o.getKind());
            }
        }
        int min = kinds.values().stream().mapToInt(List::size).min().orElse(0);
        int max = kinds.values().stream().mapToInt(List::size).max().orElse(0);
        StringBuilder out = new StringBuilder(kinds.size() == 3 * k ? "" : kinds.size() + " of " + 3 * k
                + " placements! ").append(min == max ? String.valueOf(min) : min + "–" + max);
        if (min != max) {
            // which kinds the placements with fewer objects have fewer of than one with the most
            List<String> full = kinds.values().stream().filter(l -> l.size() == max).findFirst().orElseThrow();
            Map<String, Long> missing = new TreeMap<>();
            kinds.forEach((placement, found) -> {
                List<String> lacking = new ArrayList<>(full);
                found.forEach(lacking::remove);
                lacking.forEach(kind -> missing.merge(kind, 1L, Long::sum));
            });
            out.append(" (").append(kinds.values().stream().filter(l -> l.size() < max).count())
                    .append(" placements with fewer: ").append(missing).append(")");
        }
        return out.toString();
    }

    private static Map<String, Double> perVerb(List<RequestLog.Entry> entries, double per) {
        Map<String, Double> out = new LinkedHashMap<>();
        VERBS.forEach(v -> out.put(v, 0.0));
        entries.forEach(e -> out.merge(e.verb(), 1 / per, Double::sum));
        return out;
    }

    /** [used, committed] heap in MiB from jcmd GC.heap_info, after a full GC ({@code gc}) or as it is; NaN natively. */
    private static double[] heap(OperatorProcess operator, boolean gc) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return new double[] { Double.NaN, Double.NaN };
        }
        try {
            if (gc) {
                new ProcessBuilder(jcmd.toString(), String.valueOf(operator.pid()), "GC.run").redirectErrorStream(true)
                        .start().waitFor();
            }
            Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(operator.pid()), "GC.heap_info")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            double used = 0;
            double total = 0;
            Matcher m = Pattern.compile("(?m)^\\s*(\\S.*?)\\s+total (\\d+)K, used (\\d+)K").matcher(out);
            while (m.find()) {
                if (!m.group(1).contains("space")) { // heap or generations, not Metaspace or class space
                    total += Long.parseLong(m.group(2));
                    used += Long.parseLong(m.group(3));
                }
            }
            return used == 0 ? new double[] { Double.NaN, Double.NaN }
                    : new double[] { used / 1024, total / 1024 };
        } catch (IOException e) {
            return new double[] { Double.NaN, Double.NaN };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new double[] { Double.NaN, Double.NaN };
        }
    }

    static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1; // nearest rank
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    static String tables(List<Result> results, List<String> command) {
        StringBuilder out = new StringBuilder();
        out.append("| N members | K Kafkas | objects exist, per Kafka: median / p95 (s) | all K (s) ")
                .append("| Ready, per Kafka: median / p95 (s) | all K Ready (s) | objects per Kafka per member ")
                .append("| resync writes | resync time (s) | RSS (MiB) | heap used / committed / live (MiB) ")
                .append("| RSS after resync (MiB) |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            out.append(String.format("| %d | %d | %.2f / %.2f | %.2f | %.2f / %.2f | %.2f | %s | %d | %.1f | %.0f "
                    + "| %.0f / %.0f / %.0f | %.0f |%n", r.members(), r.kafkas(), r.existMedian(), r.existP95(),
                    r.existAll(), r.readyMedian(), r.readyP95(), r.readyAll(), r.objects(), r.resyncWrites(),
                    r.resyncTime(), r.rss(), r.heapUsed(), r.heapCommitted(), r.heapLive(), r.rssAfterResync()));
        }
        out.append("\nOperator requests per Kafka, by verb (").append(String.join(" / ", VERBS))
                .append("): at the member API servers per member the Kafka is placed in, at the central one per ")
                .append("Kafka; from the first create until the writes stopped. Resync: reads at the members per ")
                .append("Kafka and member.\n\n");
        out.append("| N | K | members, per Kafka and member | central, per Kafka | resync reads, members |\n");
        out.append("|---|---|---|---|---|\n");
        for (Result r : results) {
            out.append(String.format("| %d | %d | %s | %s | %s |%n", r.members(), r.kafkas(),
                    verbs(r.memberRequests()), verbs(r.centralRequests()), verbs(r.resyncMemberReads())));
        }
        for (Result r : results) {
            if (r.resyncWrites() > 0) {
                out.append("\nResync writes, N=").append(r.members()).append(" K=").append(r.kafkas()).append(": ")
                        .append(r.resyncDetail()).append('\n');
            }
        }
        out.append("\nOperator command: `").append(String.join(" ", command)
                .replace(Path.of("").toAbsolutePath() + "/", "")).append("`\n");
        return out.toString();
    }

    private static String verbs(Map<String, Double> counts) {
        return counts.values().stream().map(v -> v == 0 ? "0" : String.format(v >= 10 ? "%.0f" : "%.1f", v))
                .reduce((a, b) -> a + " / " + b).orElse("");
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::parseInt).toList();
    }
}
