package io.kstretch.render;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.kstretch.api.ControllerStatus;
import io.kstretch.spi.KafkaNode;
import io.kstretch.topology.Endpoints;
import io.kstretch.topology.PoolLayout;
import io.kstretch.topology.Topology;

/**
 * A pool's ConfigMap: {@code node-<id>.properties} and {@code node-<id>.format-args} for each of its nodes, the
 * KRaft cluster id and the start script.
 */
public final class PoolConfigMap {
    public static final String CLUSTER_ID_KEY = "cluster-id";

    private PoolConfigMap() {
    }

    public static String propertiesKey(int nodeId) {
        return "node-" + nodeId + ".properties";
    }

    public static String formatArgsKey(int nodeId) {
        return "node-" + nodeId + ".format-args";
    }

    public static ConfigMap render(Topology topology, PoolLayout pool, Endpoints endpoints, String clusterId,
            List<ControllerStatus> initialControllers) {
        Map<String, String> data = new TreeMap<>();
        for (KafkaNode node : pool.nodes()) {
            data.put(propertiesKey(node.id()), NodeConfig.text(topology, node, endpoints));
            data.put(formatArgsKey(node.id()),
                    NodeConfig.formatArguments(topology, node, endpoints, initialControllers));
        }
        data.put(CLUSTER_ID_KEY, clusterId);
        data.put(StartScript.FILE, StartScript.text());
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(Names.configMap(topology.kafkaName(), pool.name()))
                .withLabels(Labels.poolSelector(topology.kafkaName(), pool.name()))
                .endMetadata()
                .withData(data)
                .build();
    }

    /**
     * Per node, a hash of what that node runs with (its properties, the cluster id, the script, its certificate and
     * the CAs it trusts): a node whose hash changed needs a restart to pick it up. The format arguments are left
     * out: they only matter the first time a node's storage is formatted.
     */
    public static Map<Integer, String> nodeHashes(ConfigMap configMap, PoolLayout pool, NodeTls tls) {
        Map<Integer, String> hashes = new TreeMap<>();
        Map<String, String> data = configMap.getData();
        for (KafkaNode node : pool.nodes()) {
            hashes.put(node.id(), Hashing.sha256(data.get(propertiesKey(node.id())) + "\0"
                    + data.get(CLUSTER_ID_KEY) + "\0" + data.get(StartScript.FILE) + "\0" + tls.fingerprint(node.id())));
        }
        return hashes;
    }
}
