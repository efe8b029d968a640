package io.kstretch.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.api.Listener;
import io.kstretch.api.ProcessRole;
import io.kstretch.testing.StretchEnvironment;

/**
 * Test-side knowledge of a running Kafka "my-cluster": its nodes (from the pools' status), what each provider's
 * endpoint of a node must be - worked out here from the live objects in the member API servers, independently of
 * the provider's code - and what the operator rendered (per-node properties, status).
 */
final class LiveKafka {
    static final String KAFKA = "my-cluster";

    /** One node: where it runs and the ports it serves, in the order the operator renders them. */
    record LiveNode(int id, String member, String pool, String pod, boolean controller, List<String> ports,
            Map<String, Integer> portNumbers) {
    }

    private final StretchEnvironment env;
    private final KubernetesClient central;
    private final String ns;

    LiveKafka(StretchEnvironment env, KubernetesClient central, String ns) {
        this.env = env;
        this.central = central;
        this.ns = ns;
    }

    Kafka kafka() {
        return central.resources(Kafka.class).inNamespace(ns).withName(KAFKA).get();
    }

    List<LiveNode> nodes() {
        Kafka kafka = kafka();
        List<LiveNode> nodes = new ArrayList<>();
        for (KafkaNodePool pool : central.resources(KafkaNodePool.class).inNamespace(ns).list().getItems()) {
            int first = pool.getStatus().nodeIdStart;
            boolean controller = pool.getSpec().hasRole(ProcessRole.CONTROLLER);
            boolean broker = pool.getSpec().hasRole(ProcessRole.BROKER);
            for (int id = first; id < first + pool.getSpec().replicas; id++) {
                Map<String, Integer> ports = new LinkedHashMap<>();
                if (controller) {
                    ports.put("controller", 9090);
                }
                if (broker) {
                    ports.put("replication", 9091);
                    for (Listener l : kafka.getSpec().listeners) {
                        ports.put(l.name, l.port);
                    }
                }
                String name = pool.getMetadata().getName();
                nodes.add(new LiveNode(id, pool.getSpec().memberCluster, name, KAFKA + "-" + name + "-" + id,
                        controller, List.copyOf(ports.keySet()), ports));
            }
        }
        nodes.sort(java.util.Comparator.comparingInt(LiveNode::id));
        return nodes;
    }

    /** The endpoint {@code host:port} of a node's port for {@code provider}, from the live objects. */
    String expectedEndpoint(String provider, LiveNode node, String port) {
        int number = node.portNumbers().get(port);
        KubernetesClient client = env.client(node.member());
        return switch (provider) {
            case "mcs" -> node.pod() + "." + node.member() + "." + KAFKA + "-nodes." + ns + ".svc.clusterset.local:"
                    + number;
            case "cilium", "istio" -> node.pod() + "." + ns + ".svc.cluster.local:" + number;
            case "test-external-dns" -> node.pod() + "." + node.member() + ".kafka.example.test:" + number;
            case "nodeport" -> {
                Service service = client.services().inNamespace(ns).withName(node.pod()).get();
                String nodeName = service.getMetadata().getAnnotations().get("nodeport.kstretch.io/node");
                Node picked = client.nodes().withName(nodeName).get();
                assertThat(picked.getSpec().getUnschedulable()).as("picked Node %s is schedulable", nodeName)
                        .isNotEqualTo(Boolean.TRUE);
                assertThat(picked.getStatus().getConditions()).as("picked Node %s is Ready", nodeName)
                        .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Ready=True"));
                String address = picked.getStatus().getAddresses().stream()
                        .filter(a -> a.getType().equals("InternalIP")).findFirst().orElseThrow().getAddress();
                yield address + ":" + nodePorts(service).get(port);
            }
            case "loadbalancer" -> {
                Service service = client.services().inNamespace(ns).withName(node.pod()).get();
                var ingress = service.getStatus().getLoadBalancer().getIngress().get(0);
                yield (ingress.getHostname() != null ? ingress.getHostname() : ingress.getIp()) + ":" + number;
            }
            default -> throw new IllegalArgumentException(provider);
        };
    }

    static Map<String, Integer> nodePorts(Service service) {
        Map<String, Integer> ports = new TreeMap<>();
        for (ServicePort p : service.getSpec().getPorts()) {
            ports.put(p.getName(), p.getNodePort());
        }
        return ports;
    }

    /** The node's rendered properties. */
    Map<String, String> properties(LiveNode node) {
        ConfigMap cm = env.client(node.member()).configMaps().inNamespace(ns)
                .withName(KAFKA + "-" + node.pool() + "-config").get();
        assertThat(cm).as("ConfigMap of pool %s in %s", node.pool(), node.member()).isNotNull();
        String text = cm.getData().get("node-" + node.id() + ".properties");
        assertThat(text).as("properties of node %d", node.id()).isNotNull();
        // read as Kafka reads it: PropertiesText escapes what a naive split at '=' would get wrong
        java.util.Properties loaded = new java.util.Properties();
        try {
            loaded.load(new java.io.StringReader(text));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> props = new TreeMap<>();
        loaded.stringPropertyNames().forEach(k -> props.put(k, loaded.getProperty(k)));
        return props;
    }

    /**
     * Asserts that every setting built from endpoints is exactly the provider's endpoints: each node's
     * advertised.listeners, the quorum on every node (controller.quorum.bootstrap.servers, or
     * controller.quorum.voters for a static quorum), and the bootstrap servers per listener in status.
     */
    void assertAddressedBy(String provider) {
        List<LiveNode> nodes = nodes();
        boolean staticQuorum = kafka().getSpec().quorumOrDefault() == io.kstretch.api.Quorum.STATIC;
        String quorumKey = staticQuorum ? "controller.quorum.voters" : "controller.quorum.bootstrap.servers";
        String quorum = nodes.stream().filter(LiveNode::controller)
                .map(n -> (staticQuorum ? n.id() + "@" : "") + expectedEndpoint(provider, n, "controller"))
                .collect(Collectors.joining(","));
        for (LiveNode node : nodes) {
            Map<String, String> props = properties(node);
            String advertised = node.ports().stream()
                    .map(p -> p.toUpperCase(java.util.Locale.ROOT) + "://" + expectedEndpoint(provider, node, p))
                    .collect(Collectors.joining(","));
            assertThat(props.get("advertised.listeners")).as("advertised.listeners of node %d", node.id())
                    .isEqualTo(advertised);
            assertThat(props.get(quorumKey)).as("%s of node %d", quorumKey, node.id()).isEqualTo(quorum);
        }
        Kafka kafka = kafka();
        for (Listener listener : kafka.getSpec().listeners) {
            List<String> expected = nodes.stream().filter(n -> n.ports().contains(listener.name))
                    .map(n -> expectedEndpoint(provider, n, listener.name)).sorted().toList();
            var status = kafka.getStatus().listeners.stream().filter(l -> l.name.equals(listener.name)).findFirst()
                    .orElseThrow();
            assertThat(List.of(status.bootstrapServers.split(","))).as("bootstrap servers of %s", listener.name)
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** member → kind/name → uid@resourceVersion of everything kstretch manages for the Kafka, and the Kafka. */
    Map<String, Map<String, String>> versions() {
        Map<String, Map<String, String>> versions = new TreeMap<>();
        for (String member : List.of("central", "east", "west")) {
            List<HasMetadata> all = env.managed(member, ns);
            Map<String, String> byName = new TreeMap<>();
            all.forEach(o -> byName.put(o.getKind() + "/" + o.getMetadata().getName(),
                    o.getMetadata().getUid() + "@" + o.getMetadata().getResourceVersion()));
            versions.put(member, byName);
        }
        Kafka kafka = kafka();
        versions.put("kafka", Map.of("Kafka/" + KAFKA, kafka.getMetadata().getUid() + "@"
                + kafka.getMetadata().getResourceVersion()));
        Map<String, String> pools = new TreeMap<>();
        central.resources(KafkaNodePool.class).inNamespace(ns).list().getItems().forEach(p -> pools.put(
                "KafkaNodePool/" + p.getMetadata().getName(), p.getMetadata().getResourceVersion()));
        versions.put("pools", pools);
        return versions;
    }
}
