package io.kstretch.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the node start script with dash (a POSIX sh, like the Alpine-based image's) against a stub {@code java} that
 * records each invocation's arguments and process id.
 */
class StartScriptTest {
    private static final Path DASH = Path.of("/usr/bin/dash");
    private static final String CLUSTER_ID = "MkU3OEVBNTcwNTJENDM2Qk";

    @TempDir
    Path tmp;
    Path configDir;
    Path javaHome;
    Path kafkaHome;
    Path workDir;
    Path dataDir;
    Path certsDir;
    Path log;
    Map<String, String> env;

    record Result(int exitCode, long pid, String stderr, List<Invocation> invocations) {
    }

    /** One run of the stub java: its process id and arguments. */
    record Invocation(long pid, List<String> args) {
    }

    @BeforeAll
    static void needsDash() {
        Assumptions.assumeTrue(Files.isExecutable(DASH), "/usr/bin/dash is not installed");
    }

    @BeforeEach
    void setUp() throws IOException {
        configDir = Files.createDirectories(tmp.resolve("config"));
        javaHome = tmp.resolve("jdk");
        kafkaHome = Files.createDirectories(tmp.resolve("kafka"));
        workDir = tmp.resolve("work");
        // sed treats '&', '|' and '\' specially in a replacement; the script must not
        dataDir = tmp.resolve("da&ta|dir");
        certsDir = tmp.resolve("ce|r&ts");
        log = tmp.resolve("java-calls.log");

        writeStub(javaHome.resolve("bin/java"), "0");
        Files.writeString(configDir.resolve(StartScript.FILE), StartScript.text());
        Files.writeString(configDir.resolve("cluster-id"), CLUSTER_ID);
        Files.writeString(configDir.resolve("node-7.properties"), """
                # Rendered by kstretch for node 7
                node.id=7
                process.roles=broker,controller
                log.dirs=@@DATA_DIR@@/kafka-log7
                ssl.truststore.location=@@CERTS_DIR@@/ca.crt
                listeners=CONTROLLER://@@BIND_ADDRESS@@:9090,REPLICATION://@@BIND_ADDRESS@@:9091
                """.replace("@@DATA_DIR@@", NodeConfig.DATA_DIR).replace("@@CERTS_DIR@@", NodeConfig.CERTS_DIR)
                .replace("@@BIND_ADDRESS@@", NodeConfig.BIND_ADDRESS));
        Files.writeString(configDir.resolve("node-7.format-args"),
                "--initial-controllers 7@n7.example:9090:dirA,8@n8.example:9090:dirB");

        env = new HashMap<>();
        env.put("PATH", javaHome.resolve("bin") + ":/usr/bin:/bin");
        env.put("JAVA_HOME", javaHome.toString());
        env.put("KAFKA_HOME", kafkaHome.toString());
        env.put("KSTRETCH_CONFIG_DIR", configDir.toString());
        env.put("KSTRETCH_DATA_DIR", dataDir.toString());
        env.put("KSTRETCH_CERTS_DIR", certsDir.toString());
        env.put("KSTRETCH_WORK_DIR", workDir.toString());
        env.put("KSTRETCH_BIND_ADDRESS", "127.0.0.7");
        env.put("HOSTNAME", "my-cluster-pool-7");
    }

    /**
     * A {@code java} that appends "@@call <pid>" and then one argument per line to the log, and exits with
     * {@code exit} (a shell expression).
     */
    private void writeStub(Path path, String exit) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "#!/bin/sh\n"
                + "echo \"@@call $$\" >> '" + log + "'\n"
                + "for a in \"$@\"; do printf '%s\\n' \"$a\" >> '" + log + "'; done\n"
                + "exit " + exit + "\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Result run() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(DASH.toString(), configDir.resolve(StartScript.FILE).toString());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.directory(tmp.toFile());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Path stderr = tmp.resolve("stderr.txt");
        pb.redirectError(stderr.toFile());
        Process process = pb.start();
        long pid = process.pid();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the start script did not finish");
        }
        return new Result(process.exitValue(), pid, Files.readString(stderr), invocations());
    }

    private List<Invocation> invocations() throws IOException {
        List<Invocation> calls = new ArrayList<>();
        if (!Files.exists(log)) {
            return calls;
        }
        List<String> current = null;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("@@call ")) {
                current = new ArrayList<>();
                calls.add(new Invocation(Long.parseLong(line.substring(7)), current));
            } else {
                current.add(line);
            }
        }
        return calls;
    }

    private String classpath() {
        return kafkaHome + "/libs/*";
    }

    private String props() {
        return workDir + "/server.properties";
    }

    @Test
    void formats_storage_then_execs_kafka_with_the_nodes_properties() throws Exception {
        Result result = run();

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.invocations()).hasSize(2);
        assertThat(result.invocations().get(0).args()).containsExactly("-Xmx256m", "-cp", classpath(),
                "kafka.tools.StorageTool", "format", "--ignore-formatted", "--cluster-id", CLUSTER_ID, "--config",
                props(), "--initial-controllers", "7@n7.example:9090:dirA,8@n8.example:9090:dirB");
        Invocation kafka = result.invocations().get(1);
        assertThat(kafka.args().get(0)).isEqualTo("-XX:MaxRAMPercentage=50.0");
        assertThat(kafka.args()).contains("-XX:+UseG1GC")
                .endsWith("-cp", classpath(), "kafka.Kafka", props());
        // exec: Kafka replaces the shell (same process), the storage tool ran as a child
        assertThat(kafka.pid()).isEqualTo(result.pid());
        assertThat(result.invocations().get(0).pid()).isNotEqualTo(result.pid());
    }

    @Test
    void placeholders_are_replaced_with_the_environments_paths() throws Exception {
        Result result = run();

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        String text = Files.readString(Path.of(props()));
        assertThat(text).doesNotContain("@@");
        assertThat(PropertiesTextTest.load(text))
                .containsEntry("node.id", "7")
                .containsEntry("log.dirs", dataDir + "/kafka-log7")
                .containsEntry("ssl.truststore.location", certsDir + "/ca.crt")
                .containsEntry("listeners", "CONTROLLER://127.0.0.7:9090,REPLICATION://127.0.0.7:9091");
        assertThat(Files.isDirectory(dataDir)).isTrue();
        assertThat(Files.exists(Path.of(props() + ".tmp"))).isFalse();
    }

    @Test
    void empty_bind_address_listens_on_every_interface() throws Exception {
        env.remove("KSTRETCH_BIND_ADDRESS");

        Result result = run();

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(PropertiesTextTest.load(Files.readString(Path.of(props()))))
                .containsEntry("listeners", "CONTROLLER://:9090,REPLICATION://:9091");
    }

    @Test
    void node_id_from_kstretch_node_id_wins_over_the_host_name() throws Exception {
        env.put("HOSTNAME", "something-else-3");
        env.put("KSTRETCH_NODE_ID", "7");

        Result result = run();

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(PropertiesTextTest.load(Files.readString(Path.of(props())))).containsEntry("node.id", "7");
        assertThat(result.invocations()).hasSize(2);
    }

    @Test
    void no_format_arguments_file_means_no_extra_arguments() throws Exception {
        Files.delete(configDir.resolve("node-7.format-args"));

        Result result = run();

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.invocations().get(0).args()).endsWith("--cluster-id", CLUSTER_ID, "--config", props());
    }

    @Test
    void empty_format_arguments_static_quorum() throws Exception {
        Files.writeString(configDir.resolve("node-7.format-args"), "");

        Result result = run();

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.invocations().get(0).args()).endsWith("--config", props());
    }

    @Test
    void no_initial_controllers_is_passed_through() throws Exception {
        Files.writeString(configDir.resolve("node-7.format-args"), "--no-initial-controllers");

        Result result = run();

        assertThat(result.invocations().get(0).args()).endsWith("--config", props(), "--no-initial-controllers");
    }

    @Test
    void java_from_path_without_java_home_and_options_from_the_environment() throws Exception {
        env.remove("JAVA_HOME");
        env.put("KAFKA_HEAP_OPTS", "-Xmx1g -Xms1g");
        env.put("KAFKA_OPTS", "-Dfoo=bar");
        env.put("KSTRETCH_TOOLS_HEAP_OPTS", "-Xmx128m");
        Files.createDirectories(kafkaHome.resolve("config"));
        Files.writeString(kafkaHome.resolve("config/log4j2.yaml"), "Configuration: {}\n");

        Result result = run();

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        String log4j = "-Dlog4j2.configurationFile=" + kafkaHome + "/config/log4j2.yaml";
        assertThat(result.invocations().get(0).args()).startsWith("-Xmx128m", log4j, "-cp", classpath(),
                "kafka.tools.StorageTool");
        assertThat(result.invocations().get(1).args()).startsWith("-Xmx1g", "-Xms1g")
                .contains(log4j, "-Dfoo=bar").endsWith("kafka.Kafka", props());
    }

    @Test
    void failing_storage_format_stops_the_start() throws Exception {
        writeStub(javaHome.resolve("bin/java"), "3");

        Result result = run();

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.invocations()).hasSize(1);
        assertThat(result.invocations().get(0).args()).contains("kafka.tools.StorageTool");
    }

    @Test
    void non_numeric_host_name_suffix_exits_64() throws Exception {
        env.put("HOSTNAME", "my-cluster-pool-x");

        Result result = run();

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.stderr()).contains("cannot tell the node id");
        assertThat(result.invocations()).isEmpty();
    }

    @Test
    void non_numeric_node_id_exits_64() throws Exception {
        env.put("KSTRETCH_NODE_ID", "7a");

        Result result = run();

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.invocations()).isEmpty();
    }

    @Test
    void missing_node_properties_exits_65() throws Exception {
        env.put("HOSTNAME", "my-cluster-pool-8");

        Result result = run();

        assertThat(result.exitCode()).isEqualTo(65);
        assertThat(result.stderr()).contains("node 8");
        assertThat(result.invocations()).isEmpty();
        assertThat(Files.exists(workDir.resolve("server.properties"))).isFalse();
    }
}
