package io.kstretch.plugins.nodeport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.kstretch.spi.Endpoint;
import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.KafkaPort;
import io.kstretch.spi.Member;
import io.kstretch.spi.NetworkingProvider;
import io.kstretch.spi.NodeServices;
import io.kstretch.spi.ObservedObjects;
import io.kstretch.spi.ProviderConfig;
import io.kstretch.spi.ProviderContext;
import io.smallrye.common.annotation.Identifier;

/**
 * NodePort Services: each Kafka node gets a Service {@code <pod>} of type NodePort in its own member
 * ({@code externalTrafficPolicy: Cluster}, so whichever node of the member a connection reaches forwards it), and
 * is reached at a node address of its member and the Service's allocated nodePort of each of its ports.
 * <p>
 * The address: {@code MemberCluster.spec.nodeAddress.host} when set (a name or VIP in front of the member's nodes);
 * otherwise the address of type {@code spec.nodeAddress.type} (InternalIP, the default, ExternalIP or Hostname) of
 * one of the member's Nodes. The Node is picked among those that are Ready, schedulable, not being deleted or
 * scaled away, and have such an address - keeping the Node picked before (recorded in the Service's annotation
 * {@value #NODE_ANNOTATION}) as long as it qualifies, otherwise by rendezvous hashing of pod and Node names (so
 * Kafka nodes spread over the member's Nodes, and a Node coming or going moves only the Kafka nodes it concerns).
 * This is checked on every reconcile, and a Node's readiness, schedulability or addresses changing triggers one.
 * <p>
 * The nodePort is allocated by the member's API server when the Service is created and never rendered by the
 * provider, so it is kept for the Service's life; it is read from the observed Service, and the endpoint is
 * pending until it is there. No settings.
 */
@ApplicationScoped
@Identifier(NodePortNetworkingProvider.NAME)
public class NodePortNetworkingProvider implements NetworkingProvider {
    public static final String NAME = "nodeport";
    /** On a node's Service: the Node whose address is advertised for it (absent with a fixed host). */
    public static final String NODE_ANNOTATION = "nodeport.kstretch.io/node";
    static final List<String> ADDRESS_TYPES = List.of("InternalIP", "ExternalIP", "Hostname");
    /** Nodes with this label are not sent external traffic (the Kubernetes convention for load balancers). */
    static final String EXCLUDE_LABEL = "node.kubernetes.io/exclude-from-external-load-balancers";
    /** Taints of Nodes about to go away. */
    static final List<String> LEAVING_TAINTS = List.of("ToBeDeletedByClusterAutoscaler",
            "node.kubernetes.io/out-of-service");

    @Override
    public boolean needsNodes() {
        return true;
    }

    @Override
    public List<String> validate(ProviderContext ctx) {
        List<String> problems = new ArrayList<>(ProviderConfig.unknownKeys(NAME, ctx.config(), List.of()));
        // spec.nodeAddress itself (the host's syntax, the address type) is checked by the core's validation
        for (Member member : ctx.members()) {
            if (member.nodeAddressHost() != null) {
                continue;
            }
            String type = member.nodeAddressType();
            Optional<List<Node>> nodes = ctx.observed(member).nodes();
            if (nodes.isPresent() && nodes.get().stream().noneMatch(n -> address(n, type) != null)) {
                problems.add("member " + member.name() + " has no Node with an " + type + " address ("
                        + nodes.get().size() + " Node(s) listed): set MemberCluster " + member.name()
                        + " spec.nodeAddress.type to an address type its Nodes have (" + ADDRESS_TYPES
                        + "), or spec.nodeAddress.host to a name or VIP that reaches them");
            }
        }
        return problems;
    }

    /** The node's NodePort Service; nodePorts are left to the API server (and kept by the core on update). */
    @Override
    public List<HasMetadata> nodeResources(ProviderContext ctx, KafkaNode node) {
        Map<String, String> annotations = new TreeMap<>();
        if (node.member().nodeAddressHost() == null) {
            Choice choice = choose(ctx, node);
            String recorded = choice.nodeName() != null ? choice.nodeName() : previousNode(ctx, node);
            if (recorded != null) {
                annotations.put(NODE_ANNOTATION, recorded);
            }
        }
        Service service = NodeServices.service(ctx, node, "NodePort")
                .editMetadata().withAnnotations(annotations.isEmpty() ? null : annotations).endMetadata()
                .editSpec().withExternalTrafficPolicy("Cluster").endSpec()
                .build();
        return List.of(service);
    }

    @Override
    public Endpoint endpoint(ProviderContext ctx, KafkaNode node, KafkaPort port) {
        Member member = node.member();
        String service = ctx.namespace() + "/" + node.podName();
        Optional<Service> observed = ctx.observed(member).get(Service.class, node.podName());
        if (observed.isEmpty()) {
            return Endpoint.pending("NodePort Service " + service + " in member " + member.name()
                    + " not observed yet");
        }
        Integer nodePort = nodePort(observed.get(), port.name());
        if (nodePort == null) {
            return Endpoint.pending("NodePort Service " + service + " in member " + member.name()
                    + " has no nodePort for port " + port.name() + " yet");
        }
        if (member.nodeAddressHost() != null) {
            return Endpoint.of(member.nodeAddressHost(), nodePort);
        }
        Choice choice = choose(ctx, node);
        return choice.address() == null ? Endpoint.pending(choice.waiting()) : Endpoint.of(choice.address(), nodePort);
    }

    /** The Node picked for a Kafka node, with its address; or why none can be picked now. */
    record Choice(String nodeName, String address, String waiting) {
    }

    /** Deterministic: the previous Node while it qualifies, else the qualifying Node with the highest score. */
    static Choice choose(ProviderContext ctx, KafkaNode node) {
        Member member = node.member();
        ObservedObjects observed = ctx.observed(member);
        Optional<List<Node>> nodes = observed.nodes();
        if (nodes.isEmpty()) {
            return new Choice(null, null, "the Nodes of member " + member.name() + " have not been listed yet");
        }
        String type = member.nodeAddressType();
        List<Node> eligible = nodes.get().stream().filter(n -> eligible(n) && address(n, type) != null).toList();
        if (eligible.isEmpty()) {
            return new Choice(null, null, "member " + member.name() + " has no Ready, schedulable Node with an "
                    + type + " address");
        }
        String previous = previousNode(ctx, node);
        Node chosen = eligible.stream().filter(n -> n.getMetadata().getName().equals(previous)).findFirst()
                .orElseGet(() -> eligible.stream()
                        .max(Comparator.<Node> comparingLong(n -> score(node.podName(), n.getMetadata().getName()))
                                .thenComparing(n -> n.getMetadata().getName(), Comparator.reverseOrder()))
                        .orElseThrow());
        return new Choice(chosen.getMetadata().getName(), address(chosen, type), null);
    }

    private static String previousNode(ProviderContext ctx, KafkaNode node) {
        return ctx.observed(node.member()).get(Service.class, node.podName())
                .map(s -> s.getMetadata().getAnnotations() == null ? null
                        : s.getMetadata().getAnnotations().get(NODE_ANNOTATION))
                .orElse(null);
    }

    /** Ready, schedulable, not being deleted, not leaving, not excluded from external traffic. */
    static boolean eligible(Node node) {
        if (node.getMetadata().getDeletionTimestamp() != null) {
            return false;
        }
        if (node.getMetadata().getLabels() != null && node.getMetadata().getLabels().containsKey(EXCLUDE_LABEL)) {
            return false;
        }
        if (node.getSpec() != null) {
            if (Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
                return false;
            }
            if (node.getSpec().getTaints() != null
                    && node.getSpec().getTaints().stream().anyMatch(t -> LEAVING_TAINTS.contains(t.getKey()))) {
                return false;
            }
        }
        return node.getStatus() != null && node.getStatus().getConditions() != null
                && node.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** The Node's first address of {@code type}, or null. */
    static String address(Node node, String type) {
        if (node.getStatus() == null || node.getStatus().getAddresses() == null) {
            return null;
        }
        return node.getStatus().getAddresses().stream().filter(a -> type.equals(a.getType()))
                .map(NodeAddress::getAddress).filter(a -> a != null && !a.isBlank()).findFirst().orElse(null);
    }

    private static Integer nodePort(Service service, String portName) {
        if (service.getSpec() == null || service.getSpec().getPorts() == null) {
            return null;
        }
        return service.getSpec().getPorts().stream().filter(p -> portName.equals(p.getName()))
                .map(ServicePort::getNodePort).filter(p -> p != null && p > 0).findFirst().orElse(null);
    }

    /** Rendezvous hashing weight of a (pod, Node) pair. */
    static long score(String pod, String nodeName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((pod + "/" + nodeName).getBytes(StandardCharsets.UTF_8));
            long score = 0;
            for (int i = 0; i < 8; i++) {
                score = (score << 8) | (digest[i] & 0xff);
            }
            return score >>> 1;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
