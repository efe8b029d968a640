package io.kstretch.testing.kubelet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kstretch.render.StartScript;

/**
 * A Kafka node started by hand, outside any pod, with the operator's start script and a configuration the test
 * writes: for a node the operator did not create, such as a broker that tries to join with a certificate from
 * another CA. Its files live under one directory: {@code config/} (properties, cluster id, start script),
 * {@code certs/}, {@code data/} and {@code node.log}.
 */
public final class ManualNode implements AutoCloseable {
    private final Path dir;
    private final NodeProcess process;

    private ManualNode(Path dir, NodeProcess process) {
        this.dir = dir;
        this.process = process;
    }

    /**
     * Starts node {@code nodeId} of Kafka {@code version} bound to {@code address}.
     *
     * @param properties the node's properties, with the start script's placeholders for directories and address
     * @param certs file name → PEM text, written to the certificates directory
     */
    public static ManualNode start(Path dir, String version, String address, HostsFile hosts, int nodeId,
            String properties, String clusterId, Map<String, String> certs) {
        try {
            Path config = Files.createDirectories(dir.resolve("config"));
            Path certsDir = Files.createDirectories(dir.resolve("certs"));
            Files.writeString(config.resolve("node-" + nodeId + ".properties"), properties);
            Files.writeString(config.resolve("cluster-id"), clusterId);
            Files.writeString(config.resolve(StartScript.FILE), StartScript.text());
            for (var file : certs.entrySet()) {
                Files.writeString(certsDir.resolve(file.getKey()), file.getValue());
            }
            Map<String, String> env = new LinkedHashMap<>();
            env.put("KSTRETCH_NODE_ID", String.valueOf(nodeId));
            env.put("KSTRETCH_CONFIG_DIR", config.toAbsolutePath().toString());
            env.put("KSTRETCH_CERTS_DIR", certsDir.toAbsolutePath().toString());
            env.put("KSTRETCH_DATA_DIR", dir.resolve("data").toAbsolutePath().toString());
            env.put("KSTRETCH_WORK_DIR", dir.resolve("tmp").toAbsolutePath().toString());
            NodeProcess process = NodeProcess.start(List.of("sh", config.resolve(StartScript.FILE).toString()),
                    LocalKubelet.processEnvironment(version, address, hosts, env), dir, dir.resolve("node.log"));
            return new ManualNode(dir, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path directory() {
        return dir;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the node printed so far. */
    public String log() {
        try {
            return Files.readString(process.log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.stop(10);
    }
}
