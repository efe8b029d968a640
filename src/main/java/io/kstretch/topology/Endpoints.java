package io.kstretch.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.kstretch.spi.Endpoint;
import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.KafkaPort;

/** The provider's endpoint for every port of every node of a Kafka. */
public final class Endpoints {
    private final Map<Integer, Map<String, Endpoint>> byNode = new TreeMap<>();

    public interface Source {
        Endpoint endpoint(KafkaNode node, KafkaPort port);
    }

    /** Asks {@code source} for the endpoint of each port of each node. */
    public static Endpoints of(List<KafkaNode> nodes, Source source) {
        Endpoints endpoints = new Endpoints();
        for (KafkaNode node : nodes) {
            for (KafkaPort port : node.ports()) {
                Endpoint endpoint = source.endpoint(node, port);
                if (endpoint == null) {
                    endpoint = Endpoint.pending("the provider returned no endpoint");
                }
                endpoints.byNode.computeIfAbsent(node.id(), k -> new TreeMap<>()).put(port.name(), endpoint);
            }
        }
        return endpoints;
    }

    public Endpoint get(KafkaNode node, String portName) {
        Endpoint endpoint = byNode.getOrDefault(node.id(), Map.of()).get(portName);
        if (endpoint == null) {
            throw new IllegalArgumentException("no endpoint for node " + node.id() + " port " + portName);
        }
        return endpoint;
    }

    /**
     * One line per node and reason for the pending endpoints, in node order:
     * {@code node <id> <port>[, <port>...]: <reason>} (a node's ports usually wait for the same thing).
     */
    public List<String> pending() {
        List<String> pending = new ArrayList<>();
        byNode.forEach((id, ports) -> {
            Map<String, List<String>> byReason = new java.util.LinkedHashMap<>();
            ports.forEach((port, e) -> {
                if (e.isPending()) {
                    byReason.computeIfAbsent(e.pendingReason(), r -> new ArrayList<>()).add(port);
                }
            });
            byReason.forEach((reason, names) -> pending.add("node " + id + " " + String.join(", ", names) + ": "
                    + reason));
        });
        return pending;
    }

    /** Nodes that share an endpoint with another node's port (a provider bug or a config clash). */
    public List<String> duplicates() {
        Map<String, String> seen = new TreeMap<>();
        List<String> duplicates = new ArrayList<>();
        byNode.forEach((id, ports) -> ports.forEach((port, e) -> {
            if (!e.isPending()) {
                String where = "node " + id + " " + port;
                String previous = seen.putIfAbsent(e.hostPort(), where);
                if (previous != null) {
                    duplicates.add(e.hostPort() + " is the endpoint of both " + previous + " and " + where);
                }
            }
        }));
        return duplicates;
    }
}
