package io.kstretch.render;

import java.util.Map;
import java.util.TreeMap;

/**
 * The TLS material of a Kafka's nodes, as the nodes read it from their pool's certificates Secret (mounted at the
 * certs directory): per node a keystore (PEM: private key, certificate, chain), the cluster CA certificates every node
 * trusts for its peers, and the clients CA certificates a listener with {@code authentication: tls} trusts.
 *
 * @param keystores node id → keystore PEM
 * @param clusterTrust PEM of the cluster CA certificates nodes trust (during a CA renewal, old and new)
 * @param clientsTrust PEM of the clients CA certificates
 */
public record NodeTls(Map<Integer, String> keystores, String clusterTrust, String clientsTrust) {
    public static final String CLUSTER_CA = "ca.crt";
    public static final String CLIENTS_CA = "clients-ca.crt";

    public static String keystore(int nodeId) {
        return "node-" + nodeId + ".pem";
    }

    /** What of this material node {@code id} runs with, for its restart hash. */
    public String fingerprint(int id) {
        Map<String, String> parts = new TreeMap<>();
        parts.put("keystore", keystores.getOrDefault(id, ""));
        parts.put("cluster", clusterTrust);
        parts.put("clients", clientsTrust);
        return Hashing.ofMap(parts);
    }
}
