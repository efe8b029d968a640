package io.kstretch.spi;

import java.util.List;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;

/**
 * The Service a provider gives one Kafka node (a NodePort, a LoadBalancer, a mesh's per-node ClusterIP Service):
 * named after the node's pod, selecting only that pod, publishing it before it is ready (the quorum forms before any
 * node is ready), with a TCP port per port of the node (same number, named after it). The provider adds what is its
 * own: the type, annotations, class, and any port changes.
 */
public final class NodeServices {
    private NodeServices() {
    }

    /** The node's Service of {@code type}, with the node's ports as they are. */
    public static ServiceBuilder service(ProviderContext ctx, KafkaNode node, String type) {
        return service(ctx, node, type, UnaryOperator.identity());
    }

    /** The node's Service of {@code type}, each port as {@code port} changes it (e.g. its name, appProtocol). */
    public static ServiceBuilder service(ProviderContext ctx, KafkaNode node, String type,
            UnaryOperator<ServicePortBuilder> port) {
        List<ServicePort> ports = node.ports().stream()
                .map(p -> port.apply(new ServicePortBuilder().withName(p.name()).withProtocol("TCP")
                        .withPort(p.port()).withTargetPort(new IntOrString(p.port()))).build())
                .toList();
        return new ServiceBuilder()
                .withNewMetadata().withName(node.podName()).endMetadata()
                .withNewSpec()
                .withType(type)
                .withPublishNotReadyAddresses(true)
                .withSelector(new TreeMap<>(ctx.podSelector(node)))
                .withPorts(ports)
                .endSpec();
    }
}
