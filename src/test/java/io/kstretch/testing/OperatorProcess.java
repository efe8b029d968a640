package io.kstretch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The packaged operator run as a separate process, as in a pod: the JVM package
 * ({@code target/quarkus-app/quarkus-run.jar}) or, when {@code -Dkstretch.native=true} and the binary exists, the
 * native executable. It talks to the API server named by its kubeconfig; its log goes to a file.
 */
public final class OperatorProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;
    private final String identity;

    private OperatorProcess(Process process, int port, Path log, String identity) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.identity = identity;
    }

    /**
     * Starts the operator.
     *
     * @param kubeconfig the central cluster's kubeconfig
     * @param identity leader election identity (POD_NAME)
     * @param workDir where its log goes
     * @param extraEnv more environment
     */
    public static OperatorProcess start(Path kubeconfig, String identity, Path workDir, Map<String, String> extraEnv) {
        Path nativeBinary = nativeBinary();
        return start(nativeBinary != null ? nativeCommand(nativeBinary, "64m") : jvmCommand("256m"), kubeconfig,
                identity, workDir, extraEnv);
    }

    /** The command that runs the JVM package with heap {@code xmx} (e.g. "256m"). */
    public static List<String> jvmCommand(String xmx) {
        return List.of(java(), "-Xmx" + xmx, "-jar", jar());
    }

    /** This JVM's java executable. */
    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The packaged operator's jar (it must have been built). */
    private static String jar() {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " does not exist: run ./mvnw package first");
        }
        return jar.toString();
    }

    /**
     * The command that runs the JVM package as the Deployment in {@code deployment} ships it, as the JVM would see
     * it in that container: its memory limit as the physical memory ({@code -XX:MaxRAM}, which
     * {@code -XX:MaxRAMPercentage} is taken from, as from a cgroup limit), its CPU limit rounded up as the processor
     * count, the flags the image's {@code run-java.sh} makes of {@code GC_CONTAINER_OPTIONS} and
     * {@code JAVA_OPTS_APPEND} (appended last, so they win over the script's defaults), and the container's
     * {@code MALLOC_*} variables (glibc's allocator reads them), set through {@code env}, which keeps the process id.
     * A {@code -XX:SharedArchiveFile} flag names the class-data archive the image's Dockerfile makes; here it is made
     * the same way, by this JVM for this package ({@link #appCdsArchive}).
     */
    public static List<String> shippedJvmCommand(Path deployment) {
        io.fabric8.kubernetes.api.model.apps.Deployment d;
        try {
            d = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(Files.readString(deployment),
                    io.fabric8.kubernetes.api.model.apps.Deployment.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var container = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> env = new java.util.LinkedHashMap<>();
        container.getEnv().stream().filter(e -> e.getValue() != null).forEach(e -> env.put(e.getName(), e.getValue()));
        var limits = container.getResources().getLimits();
        long memory = io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(limits.get("memory")).longValue();
        int cpus = (int) Math.ceil(io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(limits.get("cpu"))
                .doubleValue());
        List<String> command = new java.util.ArrayList<>(List.of("env"));
        env.forEach((name, value) -> {
            if (name.startsWith("MALLOC_")) {
                command.add(name + "=" + value);
            }
        });
        command.addAll(List.of(java(), "-XX:MaxRAM=" + memory, "-XX:ActiveProcessorCount=" + Math.max(1, cpus)));
        for (String flags : List.of("GC_CONTAINER_OPTIONS", "JAVA_OPTS_APPEND")) {
            String value = env.getOrDefault(flags, "").trim();
            if (!value.isEmpty()) {
                for (String flag : value.split("\\s+")) {
                    command.add(flag.startsWith(SHARED_ARCHIVE) ? SHARED_ARCHIVE + appCdsArchive() : flag);
                }
            }
        }
        command.addAll(List.of("-jar", jar()));
        return command;
    }

    private static final String SHARED_ARCHIVE = "-XX:SharedArchiveFile=";
    private static Path appCdsArchive;

    /**
     * The package's AppCDS archive as {@code src/main/docker/Dockerfile.jvm} makes it in the image: Quarkus started
     * up to the end of its static initialisation ({@code -Dquarkus.appcds.generate=true}) and the classes it loaded
     * dumped at exit, by the JVM that will use it, with the jar's absolute path as it is run and the Dockerfile's
     * flags. Made once per benchmark process ({@code target/app-cds.jsa}), not taken from the package
     * ({@code target/quarkus-app/app-cds.jsa}): that one is made by the build's JDK with the class path relative to
     * its directory, and a JVM uses an archive only with the JDK and class path it was made with.
     */
    static synchronized Path appCdsArchive() {
        if (appCdsArchive == null) {
            Path archive = Path.of("target/app-cds.jsa").toAbsolutePath();
            Path log = archive.resolveSibling("app-cds.log");
            try {
                Files.deleteIfExists(archive);
                Process dump = new ProcessBuilder(java(), "-Xmx256m", "-XX:+UseSerialGC",
                        "-XX:ArchiveClassesAtExit=" + archive, "-Dquarkus.appcds.generate=true", "-jar", jar())
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!dump.waitFor(2, java.util.concurrent.TimeUnit.MINUTES) || dump.exitValue() != 0
                        || !Files.exists(archive)) {
                    dump.destroyForcibly();
                    throw new IllegalStateException("no AppCDS archive made; see " + log);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            appCdsArchive = archive;
        }
        return appCdsArchive;
    }

    /** The command that runs the native executable {@code binary} with heap {@code xmx}. */
    public static List<String> nativeCommand(Path binary, String xmx) {
        return List.of(binary.toString(), "-Xmx" + xmx);
    }

    /** Starts the operator with {@code command} (see {@link #jvmCommand} and {@link #nativeCommand}). */
    public static OperatorProcess start(List<String> command, Path kubeconfig, String identity, Path workDir,
            Map<String, String> extraEnv) {
        int port = freePort();
        Path log = workDir.resolve("operator-" + identity + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("KUBECONFIG", kubeconfig.toAbsolutePath().toString());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("POD_NAMESPACE", "default");
        env.put("POD_NAME", identity);
        env.putAll(extraEnv);
        try {
            Files.createDirectories(workDir);
            return new OperatorProcess(builder.start(), port, log, identity);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The native binary to run, when asked for with -Dkstretch.native=true and built; else null (JVM package). */
    public static Path nativeBinary() {
        if (!Boolean.getBoolean("kstretch.native")) {
            return null;
        }
        String path = System.getProperty("native.image.path");
        if (path == null || !Files.isExecutable(Path.of(path))) {
            throw new IllegalStateException("-Dkstretch.native=true but no native binary at " + path);
        }
        return Path.of(path);
    }

    public String identity() {
        return identity;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until /q/health/ready answers 200; returns how long that took from now. */
    public Duration awaitReady(Duration timeout) {
        Instant start = Instant.now();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        while (Duration.between(start, Instant.now()).compareTo(timeout) < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("operator exited with " + process.exitValue() + "; log:\n" + tail());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url("/q/health/ready")))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return Duration.between(start, Instant.now());
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(10);
        }
        throw new IllegalStateException("operator not ready after " + timeout + "; log:\n" + tail());
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public String get(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(path)))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Resident set size in KiB, from /proc. */
    public long rssKib() {
        return statusKib("VmRSS:");
    }

    /** A field of /proc/PID/status in KiB: VmRSS, VmHWM (peak RSS), RssAnon, RssFile, RssShmem, ... */
    public long statusKib(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return -1;
    }

    /** CPU time (user + system) the process has used so far, from /proc/PID/stat. */
    public Duration cpuTime() {
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Duration.ofMillis((Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the process at once (SIGKILL), as a crash or a node loss would. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** Stops the process gracefully (SIGTERM). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
