package io.kstretch.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddressBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Test Nodes, since the fabric8 mock server has no kubelets: Ready or NotReady, schedulable or cordoned, with
 * InternalIP, ExternalIP and Hostname addresses as a test wants them. {@link #standard} is the set
 * {@link StretchEnvironment} creates in every member.
 */
public final class TestNodes {
    private String name;
    private boolean ready = true;
    private boolean unschedulable;
    private String internalIp;
    private String externalIp;
    private String hostname;

    private TestNodes(String name) {
        this.name = name;
    }

    /** A Ready, schedulable Node without addresses. */
    public static TestNodes node(String name) {
        return new TestNodes(name);
    }

    public TestNodes ready(boolean ready) {
        this.ready = ready;
        return this;
    }

    public TestNodes unschedulable(boolean unschedulable) {
        this.unschedulable = unschedulable;
        return this;
    }

    public TestNodes internalIp(String address) {
        this.internalIp = address;
        return this;
    }

    public TestNodes externalIp(String address) {
        this.externalIp = address;
        return this;
    }

    public TestNodes hostname(String address) {
        this.hostname = address;
        return this;
    }

    public Node build() {
        NodeBuilder node = new NodeBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("kubernetes.io/hostname", name)).endMetadata()
                .withNewSpec().withUnschedulable(unschedulable ? true : null).endSpec();
        List<io.fabric8.kubernetes.api.model.NodeAddress> addresses = new ArrayList<>();
        if (internalIp != null) {
            addresses.add(new NodeAddressBuilder().withType("InternalIP").withAddress(internalIp).build());
        }
        if (externalIp != null) {
            addresses.add(new NodeAddressBuilder().withType("ExternalIP").withAddress(externalIp).build());
        }
        if (hostname != null) {
            addresses.add(new NodeAddressBuilder().withType("Hostname").withAddress(hostname).build());
        }
        return node.withNewStatus().withAddresses(addresses).withConditions(readyCondition(ready)).endStatus().build();
    }

    /**
     * The Nodes of member number {@code index} (0 for the central cluster): {@code <member>-node-1} and
     * {@code -2} Ready and schedulable, {@code -3} cordoned, {@code -4} NotReady. Each has InternalIP
     * {@code 10.<index>.0.<n>}, ExternalIP {@code 198.51.<index>.<n>} and Hostname {@code <name>.nodes.test}, so
     * addresses never repeat across members.
     */
    public static List<Node> standard(String member, int index) {
        List<Node> nodes = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            String name = member + "-node-" + n;
            nodes.add(node(name).internalIp("10." + index + ".0." + n).externalIp("198.51." + index + "." + n)
                    .hostname(name + ".nodes.test").unschedulable(n == 3).ready(n != 4).build());
        }
        return nodes;
    }

    /** Creates or replaces {@code nodes} in a cluster. */
    public static void apply(KubernetesClient client, List<Node> nodes) {
        for (Node node : nodes) {
            client.nodes().resource(node).createOr(r -> r.update());
        }
    }

    /** Sets the Ready condition of Node {@code name} in a cluster. */
    public static void setReady(KubernetesClient client, String name, boolean ready) {
        client.nodes().withName(name).edit(n -> new NodeBuilder(n).editStatus()
                .withConditions(readyCondition(ready)).endStatus().build());
    }

    /** A Node's Ready condition as a kubelet reports it. */
    private static NodeCondition readyCondition(boolean ready) {
        return new NodeConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False")
                .withReason(ready ? "KubeletReady" : "KubeletNotReady").build();
    }
}
