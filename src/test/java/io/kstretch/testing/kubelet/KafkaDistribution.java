package io.kstretch.testing.kubelet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An Apache Kafka installation for test nodes, as the apache/kafka image has it ({@code $KAFKA_HOME/libs/*.jar},
 * {@code $KAFKA_HOME/config/log4j2.yaml}), assembled once per version from Maven Central jars by
 * {@code src/test/kafka/pom.xml} into {@code target/kafka-dist/<version>}. Nothing is committed or downloaded by hand.
 */
public final class KafkaDistribution {
    private static final Path ROOT = Path.of("target", "kafka-dist").toAbsolutePath();

    private KafkaDistribution() {
    }

    /** KAFKA_HOME for {@code version}, assembling it first if needed. */
    public static synchronized Path home(String version) {
        Path home = ROOT.resolve(version);
        Path libs = home.resolve("libs");
        Path marker = home.resolve(".complete");
        if (!Files.exists(marker)) {
            assemble(version, libs);
            writeLogConfig(home.resolve("config"));
            try {
                Files.writeString(marker, version);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return home;
    }

    /** The JDK the nodes run on: Temurin 25 where installed (the image runs a current JDK), else this JVM's. */
    public static Path javaHome() {
        Path temurin = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
        return Files.isExecutable(temurin.resolve("bin/java")) ? temurin : Path.of(System.getProperty("java.home"));
    }

    private static void assemble(String version, Path libs) {
        List<String> command = new ArrayList<>();
        command.add(Path.of("mvnw").toAbsolutePath().toString());
        command.add("-q");
        command.add("-B");
        command.add("-f");
        command.add(Path.of("src/test/kafka/pom.xml").toAbsolutePath().toString());
        command.add("-Dkafka.version=" + version);
        command.add("-Dkafka.libs=" + libs);
        String repo = System.getProperty("maven.repo.local");
        if (repo != null) {
            command.add("-Dmaven.repo.local=" + repo);
        }
        command.add("package");
        try {
            Files.createDirectories(libs);
            Path log = libs.getParent().resolve("assemble.log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("could not assemble Kafka " + version + ": " + Files.readString(log));
            }
            try (Stream<Path> jars = Files.list(libs)) {
                if (jars.noneMatch(j -> j.getFileName().toString().startsWith("kafka_2.13-" + version))) {
                    throw new IllegalStateException("Kafka " + version + " jars missing in " + libs);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void writeLogConfig(Path config) {
        String yaml = """
                Configuration:
                  name: kstretch-test-node
                  Appenders:
                    Console:
                      name: STDOUT
                      PatternLayout:
                        pattern: "[%d] %p %m (%c)%n"
                  Loggers:
                    Root:
                      level: INFO
                      AppenderRef:
                        - ref: STDOUT
                    Logger:
                      - name: kafka.server.KafkaConfig
                        level: WARN
                      - name: org.apache.kafka.common.config.AbstractConfig
                        level: WARN
                      - name: kafka.request.logger
                        level: WARN
                """;
        try {
            Files.createDirectories(config);
            Files.writeString(config.resolve("log4j2.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
