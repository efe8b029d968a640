package io.kstretch.render;

import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.kstretch.spi.KafkaNode;
import io.kstretch.topology.PoolLayout;
import io.kstretch.topology.Topology;

/**
 * A pool's certificates Secret {@code <kafka>-<pool>-certs}: each of its nodes' keystores, and the cluster and clients
 * CA certificates they trust. Never a CA key: those stay in the central cluster.
 */
public final class PoolCertsSecret {
    private PoolCertsSecret() {
    }

    /** Secret data: each value base64-encoded, in key order. */
    public static Map<String, String> base64(Map<String, String> plain) {
        Map<String, String> data = new TreeMap<>();
        plain.forEach((k, v) -> data.put(k, java.util.Base64.getEncoder()
                .encodeToString(v.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        return data;
    }

    public static Secret render(Topology topology, PoolLayout pool, NodeTls tls) {
        Map<String, String> data = new TreeMap<>();
        for (KafkaNode node : pool.nodes()) {
            data.put(NodeTls.keystore(node.id()), tls.keystores().get(node.id()));
        }
        data.put(NodeTls.CLUSTER_CA, tls.clusterTrust());
        data.put(NodeTls.CLIENTS_CA, tls.clientsTrust());
        return new SecretBuilder()
                .withNewMetadata()
                .withName(Names.certsSecret(topology.kafkaName(), pool.name()))
                .withLabels(Labels.poolSelector(topology.kafkaName(), pool.name()))
                .endMetadata()
                .withType("Opaque")
                .withData(base64(data))
                .build();
    }
}
