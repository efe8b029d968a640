package io.kstretch.kafka;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where and how the operator reaches a Kafka cluster: the brokers' replication listener and the controllers'
 * listener (both mutual TLS with the cluster CA), with a client certificate the operator holds in memory only.
 *
 * @param brokers {@code host:port,...} of the brokers' replication listener
 * @param controllers {@code host:port,...} of the controllers
 * @param trustedPem the cluster CA certificate(s), PEM
 * @param certificateChainPem the operator's client certificate and its chain, PEM
 * @param privateKeyPem the operator's private key, PEM (PKCS#8)
 */
public record AdminTarget(String brokers, String controllers, String trustedPem, String certificateChainPem,
        String privateKeyPem) {

    /** Admin client properties for the brokers ({@code controllers == false}) or the controllers. */
    public Map<String, Object> properties(boolean toControllers) {
        Map<String, Object> p = new TreeMap<>();
        p.put(toControllers ? "bootstrap.controllers" : "bootstrap.servers", toControllers ? controllers : brokers);
        p.put("client.id", toControllers ? "kstretch-operator-controllers" : "kstretch-operator");
        p.put("security.protocol", "SSL");
        p.put("ssl.truststore.type", "PEM");
        p.put("ssl.truststore.certificates", trustedPem);
        p.put("ssl.keystore.type", "PEM");
        p.put("ssl.keystore.certificate.chain", certificateChainPem);
        p.put("ssl.keystore.key", privateKeyPem);
        // a reconcile waits for these: fail fast rather than hold the reconciler thread
        p.put("request.timeout.ms", 5000);
        p.put("default.api.timeout.ms", 10000);
        p.put("reconnect.backoff.max.ms", 2000);
        p.put("socket.connection.setup.timeout.ms", 3000);
        p.put("socket.connection.setup.timeout.max.ms", 5000);
        return p;
    }

    @Override
    public String toString() {
        return "AdminTarget[brokers=" + brokers + ", controllers=" + controllers + "]"; // never the key
    }
}
