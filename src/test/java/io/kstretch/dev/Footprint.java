package io.kstretch.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kstretch.api.Conditions;
import io.kstretch.api.Kafka;
import io.kstretch.api.ProcessRole;
import io.kstretch.testing.CentralApiServer;
import io.kstretch.testing.Fixtures;
import io.kstretch.testing.OperatorProcess;
import io.kstretch.testing.StretchEnvironment;
import io.kstretch.testing.kubelet.HostsFile;

/**
 * Footprint benchmark of the packaged operator, JVM package against native executable (docs/performance.md): per
 * run, fresh embedded API servers (central, east, west), the operator started as a process (prod profile: leader
 * election and CRD validation on), and measured:
 * <ul>
 * <li>start to ready: from just before the process is started until /q/health/ready answers 200 (polled every
 * 10 ms), and the "started in" Quarkus logs;</li>
 * <li>RSS idle, 10 s after ready, with the three members registered and no Kafka;</li>
 * <li>the time until 10 Kafkas, each with a pool in each of the three members, are all Ready (includes the 5 s
 * bootstrap settle time), and RSS 10 s after that (and its anonymous / file-backed parts, and the peak);</li>
 * <li>RSS once the operator has been idle a further minute (FOOTPRINT_IDLE_SECONDS, default 60): the pools of
 * fabric8's clients and JOSDK end the threads a burst of work started after 60 s without work;</li>
 * <li>CPU time used by then.</li>
 * </ul>
 * Runs alternate JVM and native. Medians (min–max) are printed as a Markdown table and written to
 * target/footprint/results.md. Nothing is asserted.
 *
 * <pre>
 *   ./mvnw -Pdemo package -Ddemo.main=io.kstretch.dev.Footprint
 * </pre>
 *
 * Environment: FOOTPRINT_RUNS (default 5), FOOTPRINT_KAFKAS (10), FOOTPRINT_MODES (jvm,native; a mode may also be
 * LABEL=EXECUTABLE for another native executable, and any mode may end in @XMX for its heap, e.g. native@32m),
 * FOOTPRINT_NATIVE (default target/kstretch-operator-0.1.0-SNAPSHOT-runner). Without @XMX, the JVM runs with the
 * flags of k8s/operator/deployment.yaml in its limits ({@link OperatorProcess#shippedJvmCommand}) and the
 * executable with the arguments of k8s/operator-native/deployment-native.yaml; mode "jvm-extra" is the shipped JVM
 * flags and FOOTPRINT_JVM_EXTRA (space-separated), and mode "jvm+FLAG;FLAG..." the shipped flags and those, to compare
 * candidate flags. Members are probed every 30 s.
 * FOOTPRINT_JCMD: diagnostic commands (comma-separated, e.g. {@code VM.native_memory summary,Thread.print}) whose
 * output is kept next to the run's smaps as jcmd-COMMAND.txt, for a JVM.
 */
public final class Footprint {
    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");

    private Footprint() {
    }

    public static void main(String[] args) {
        Bench.runAndExit(Footprint::benchmark);
    }

    private static void benchmark() throws Exception {
        Path work = Path.of("target", "footprint").toAbsolutePath();
        Files.createDirectories(work);
        new HostsFile(Path.of("target", "demo", "hosts").toAbsolutePath()); // this JVM resolves names from it
        int runs = Integer.parseInt(Bench.env("FOOTPRINT_RUNS", "5"));
        int kafkas = Integer.parseInt(Bench.env("FOOTPRINT_KAFKAS", "10"));
        List<String> modes = Arrays.asList(Bench.env("FOOTPRINT_MODES", "jvm,native").split(","));
        Path binary = Path.of(Bench.env("FOOTPRINT_NATIVE", "target/kstretch-operator-0.1.0-SNAPSHOT-runner"))
                .toAbsolutePath();
        // a mode is "jvm", "native", or "LABEL=BINARY" (another native executable); "@XMX" after it sets its heap
        Map<String, List<String>> commands = new LinkedHashMap<>();
        List<String> labels = new ArrayList<>();
        for (String spec : modes) {
            String xmx = spec.contains("@") ? spec.substring(spec.indexOf('@') + 1) : null;
            String mode = spec.contains("@") ? spec.substring(0, spec.indexOf('@')) : spec;
            String label = mode.contains("=") && !mode.startsWith("jvm+") ? mode.substring(0, mode.indexOf('=')) : mode;
            if (mode.equals("jvm-extra") || mode.startsWith("jvm+")) {
                // the shipped flags and candidate ones: FOOTPRINT_JVM_EXTRA (space-separated) or those after "jvm+"
                // (separated by ';'), to compare candidates in one session
                String extra = mode.equals("jvm-extra") ? Bench.env("FOOTPRINT_JVM_EXTRA", "")
                        : mode.substring("jvm+".length()).replace(';', ' ');
                List<String> command = new ArrayList<>(
                        OperatorProcess.shippedJvmCommand(Path.of("k8s/operator/deployment.yaml")));
                command.addAll(command.size() - 2, List.of(extra.trim().split("\\s+")));
                commands.put(spec, command);
            } else if (mode.equals("jvm")) {
                // the flags k8s/operator/deployment.yaml ships, in its memory and CPU limits
                commands.put(spec, xmx != null ? OperatorProcess.jvmCommand(xmx)
                        : OperatorProcess.shippedJvmCommand(Path.of("k8s/operator/deployment.yaml")));
            } else {
                Path exe = mode.contains("=") ? Path.of(mode.substring(mode.indexOf('=') + 1)).toAbsolutePath() : binary;
                List<String> command = new ArrayList<>(List.of(exe.toString()));
                command.addAll(xmx != null ? List.of("-Xmx" + xmx) : shippedNativeArgs());
                commands.put(spec, command);
            }
            labels.add(xmx == null ? label : label + " -Xmx" + xmx);
        }
        modes = new ArrayList<>(commands.keySet());
        // Warm-up, not counted: one run of each mode with one Kafka and no idle minute. The first run of a session is
        // slower for reasons that are not the operator's (this JVM's API servers and fakes, still interpreted, compete
        // for the two cores while the operator starts), and would count against the first mode.
        for (String mode : modes) {
            run(commands.get(mode), work.resolve("warm-up"), 1, 0);
        }
        Map<String, List<Run>> results = new LinkedHashMap<>();
        for (int i = 0; i < runs; i++) {
            for (int m = 0; m < modes.size(); m++) {
                String label = labels.get(m);
                Run run = run(commands.get(modes.get(m)), work.resolve("mode" + m + "-" + i), kafkas,
                        Integer.parseInt(idleSeconds()));
                System.out.println("[footprint] " + label + " run " + (i + 1) + ": " + run);
                results.computeIfAbsent(label, l -> new ArrayList<>()).add(run);
            }
        }
        Map<String, List<String>> labelled = new LinkedHashMap<>();
        for (int m = 0; m < modes.size(); m++) {
            labelled.put(labels.get(m), commands.get(modes.get(m)));
        }
        String table = table(results, labelled, runs, kafkas);
        System.out.println(table);
        Files.writeString(work.resolve("results.md"), table);
    }

    /** The arguments k8s/operator-native/deployment-native.yaml gives the executable (its heap settings). */
    static List<String> shippedNativeArgs() throws IOException {
        var deployment = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                Files.readString(Path.of("k8s/operator-native/deployment-native.yaml")),
                io.fabric8.kubernetes.api.model.apps.Deployment.class);
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
    }

    record Run(double startedIn, double ready, double rssIdle, double reconcile10, double rss10, double anon10,
            double file10, double peak, double cpu, double threads, double rssLater, double anonLater,
            double threadsLater) {
    }

    static Run run(List<String> command, Path dir, int kafkas, int idleSeconds) throws Exception {
        CentralApiServer central = new CentralApiServer();
        StretchEnvironment env = new StretchEnvironment(central.client(), "east", "west");
        Path kubeconfig = central.writeKubeconfig(dir.resolve("kubeconfig"));
        String ns = "footprint";
        // members probed at the default period (30 s), as in a real installation (Fixtures' 1 s is for tests)
        env.register(ns, mc -> {
            mc.getSpec().probe.periodSeconds = 30;
            mc.getSpec().probe.timeoutSeconds = 5;
        });
        warmPageCache(command);
        try (OperatorProcess operator = OperatorProcess.start(command, kubeconfig, "footprint", dir, Map.of())) {
            double ready = operator.awaitReady(Duration.ofSeconds(120)).toNanos() / 1e9;
            Thread.sleep(10_000);
            double startedIn = startedIn(operator);
            double rssIdle = operator.rssKib() / 1024.0;
            Instant created = Instant.now();
            for (int k = 0; k < kafkas; k++) {
                String name = "kafka-" + k;
                central.client().resource(Fixtures.kafka(ns, name, "mcs")).create();
                for (String member : List.of("central", "east", "west")) {
                    central.client().resource(Fixtures.pool(ns, name + "-" + member, name, member, 1,
                            ProcessRole.CONTROLLER, ProcessRole.BROKER)).create();
                }
            }
            awaitAllReady(central, ns, kafkas, operator);
            double reconcile = Duration.between(created, Instant.now()).toNanos() / 1e9;
            Thread.sleep(10_000);
            double rss10 = operator.rssKib() / 1024.0;
            double anon10 = operator.statusKib("RssAnon:") / 1024.0;
            double file10 = operator.statusKib("RssFile:") / 1024.0;
            double cpu = operator.cpuTime().toMillis() / 1000.0;
            double threads = operator.statusKib("Threads:");
            // and once the operator has been idle a while: pools shed the threads a burst of work started (fabric8's
            // and JOSDK's cached pools after 60 s), and the JVM trims what it gave back
            Thread.sleep(idleSeconds * 1000L);
            // where the resident memory is, mapping by mapping, for a closer look
            Files.copy(Path.of("/proc/" + operator.pid() + "/smaps"), dir.resolve("smaps.txt"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Run result = new Run(startedIn, ready, rssIdle, reconcile, rss10, anon10, file10,
                    operator.statusKib("VmHWM:") / 1024.0, cpu, threads, operator.rssKib() / 1024.0,
                    operator.statusKib("RssAnon:") / 1024.0, operator.statusKib("Threads:"));
            for (String diagnostic : Bench.env("FOOTPRINT_JCMD", "").split(",")) {
                if (!diagnostic.isBlank()) {
                    String file = "jcmd-" + diagnostic.trim().replaceAll("[^A-Za-z0-9._]+", "-") + ".txt";
                    jcmd(operator.pid(), dir.resolve(file), diagnostic.trim().split("\\s+"));
                }
            }
            jcmd(operator.pid(), dir.resolve("histogram.txt"), "GC.class_histogram");
            return result;
        } finally {
            env.close();
            central.close();
        }
    }

    /**
     * Reads the files the operator starts from (the JVM package's jars, or the executable) once, so that every run
     * starts with them in the page cache: start-up is then the operator's, not the disk's. (Some hosts evict page
     * cache that has not been used for a minute, and the first run of a session would otherwise read cold files.)
     */
    private static void warmPageCache(List<String> command) throws IOException {
        List<Path> files = new ArrayList<>();
        int jar = command.indexOf("-jar");
        Path start = jar >= 0 ? Path.of(command.get(jar + 1)).toAbsolutePath().getParent() : Path.of(command.get(0));
        if (Files.isDirectory(start)) {
            try (var walk = Files.walk(start)) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
        } else if (Files.isRegularFile(start)) {
            files.add(start);
        }
        byte[] buffer = new byte[1 << 16];
        for (Path file : files) {
            try (var in = Files.newInputStream(file)) {
                while (in.read(buffer) >= 0) {
                    // only to have the file in the page cache
                }
            }
        }
    }

    /**
     * A diagnostic command's output after the measurement, into a file (a JVM only: for an executable jcmd fails and
     * nothing is written). The class histogram ({@code GC.class_histogram}: what the heap holds, class by class)
     * runs a full GC first, so every diagnostic is taken after RSS is read, the histogram last.
     */
    private static void jcmd(long pid, Path file, String... command) throws InterruptedException {
        try {
            List<String> line = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid)));
            line.addAll(List.of(command));
            Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(file.toFile()).start();
            if (!jcmd.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                jcmd.destroyForcibly();
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // no jcmd here: the histogram is an extra, the figures stand without it
        }
    }

    private static void awaitAllReady(CentralApiServer central, String ns, int kafkas, OperatorProcess operator)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(180);
        while (Instant.now().isBefore(deadline)) {
            long ready = central.client().resources(Kafka.class).inNamespace(ns).list().getItems().stream()
                    .filter(k -> k.getStatus() != null && Bench.isTrue(k.getStatus().conditions, Conditions.READY))
                    .count();
            if (ready == kafkas) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("not all Kafkas Ready; log:\n" + operator.tail());
    }

    private static double startedIn(OperatorProcess operator) throws IOException {
        Matcher m = STARTED.matcher(Files.readString(operator.log()));
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    static String table(Map<String, List<Run>> results, Map<String, List<String>> commands, int runs, int kafkas) {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", header(results))).append(" |\n");
        out.append("|---|").append("---|".repeat(results.size())).append('\n');
        row(out, results, "Quarkus \"started in\" (s)", Run::startedIn, "%.3f");
        row(out, results, "process start to ready (s)", Run::ready, "%.3f");
        row(out, results, "RSS idle, 3 members, no Kafka (MiB)", Run::rssIdle, "%.1f");
        row(out, results, "time until " + kafkas + " Kafkas × 3 members Ready (s)", Run::reconcile10, "%.1f");
        row(out, results, "RSS after " + kafkas + " Kafkas (MiB)", Run::rss10, "%.1f");
        row(out, results, "… of which anonymous (heap, stacks, malloc) (MiB)", Run::anon10, "%.1f");
        row(out, results, "… of which file-backed (binary, jars, libs) (MiB)", Run::file10, "%.1f");
        row(out, results, "peak RSS (VmHWM) (MiB)", Run::peak, "%.1f");
        row(out, results, "CPU time used by then (s)", Run::cpu, "%.2f");
        row(out, results, "threads", Run::threads, "%.0f");
        row(out, results, "RSS after " + kafkas + " Kafkas and a further " + idleSeconds() + " s idle (MiB)",
                Run::rssLater, "%.1f");
        row(out, results, "… of which anonymous (MiB)", Run::anonLater, "%.1f");
        row(out, results, "threads then", Run::threadsLater, "%.0f");
        out.append("\nMedian (min–max) of ").append(runs).append(" runs per mode, alternating. Commands:\n");
        commands.forEach((mode, command) -> out.append("- ").append(mode).append(": `")
                .append(String.join(" ", command).replace(Path.of("").toAbsolutePath() + "/", "")).append("`\n"));
        commands.forEach((mode, command) -> {
            Path exe = Path.of(command.get(0));
            if (!mode.startsWith("jvm") && Files.exists(exe)) {
                try {
                    out.append("- ").append(mode).append(" executable: ")
                            .append(String.format("%.1f MiB", Files.size(exe) / 1048576.0)).append('\n');
                } catch (IOException e) {
                    // leave it out
                }
            }
        });
        return out.toString();
    }

    private static String idleSeconds() {
        return Bench.env("FOOTPRINT_IDLE_SECONDS", "60");
    }

    private static List<String> header(Map<String, List<Run>> results) {
        List<String> header = new ArrayList<>(List.of(""));
        header.addAll(results.keySet());
        return header;
    }

    private static void row(StringBuilder out, Map<String, List<Run>> results, String name,
            Function<Run, Double> value, String format) {
        out.append("| ").append(name);
        for (List<Run> runs : results.values()) {
            out.append(" | ").append(Bench.range(runs.stream().map(value).toList(), format));
        }
        out.append(" |\n");
    }
}
