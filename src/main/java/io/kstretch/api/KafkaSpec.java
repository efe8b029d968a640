package io.kstretch.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;

/** Desired state of a Kafka: version, cross-member networking, quorum mode, client listeners, broker config. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaSpec {
    @Required
    @JsonPropertyDescription("Apache Kafka version, e.g. 4.4.0. The image defaults to apache/kafka:<version>.")
    public String version;

    @JsonPropertyDescription("Container image of the Kafka nodes; default apache/kafka:<version>.")
    public String image;

    @Required
    @JsonPropertyDescription("How nodes in different member clusters reach each other. Locked after the first success.")
    public Networking networking;

    @JsonPropertyDescription("KRaft quorum mode: dynamic (KIP-853, default) or static (controller.quorum.voters).")
    public Quorum quorum;

    @JsonPropertyDescription("Client listeners. Ports 9090 and 9091 are used by the controller and replication listeners.")
    public List<Listener> listeners;

    @JsonPropertyDescription("Broker configuration. Keys kstretch sets itself (listeners, quorum, node identity, paths) are rejected.")
    public Map<String, String> config;

    @JsonPropertyDescription("The CA of the nodes' certificates (mutual TLS between nodes, TLS listeners).")
    public CertificateAuthoritySpec clusterCa;

    @JsonPropertyDescription("The CA whose certificates clients present on listeners with authentication: tls.")
    public CertificateAuthoritySpec clientsCa;

    public CertificateAuthoritySpec clusterCaOrDefault() {
        return clusterCa == null ? new CertificateAuthoritySpec() : clusterCa;
    }

    public CertificateAuthoritySpec clientsCaOrDefault() {
        return clientsCa == null ? new CertificateAuthoritySpec() : clientsCa;
    }

    public Quorum quorumOrDefault() {
        return quorum == null ? Quorum.DYNAMIC : quorum;
    }
}
