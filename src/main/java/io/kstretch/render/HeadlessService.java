package io.kstretch.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.KafkaPort;
import io.kstretch.topology.Placement;
import io.kstretch.topology.Topology;

/**
 * The headless Service {@code <kafka>-nodes} of a member: a DNS name per node pod, ready or not (nodes must find
 * each other before they are ready), and the StatefulSets' governing Service.
 */
public final class HeadlessService {
    private HeadlessService() {
    }

    public static Service render(Topology topology, Placement placement) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(Names.headlessService(topology.kafkaName()))
                .endMetadata()
                .withNewSpec()
                .withClusterIP("None")
                .withPublishNotReadyAddresses(true)
                .withSelector(Labels.nodeSelector(topology.kafkaName()))
                .withPorts(ports(placement.nodes()))
                .endSpec()
                .build();
    }

    /** One Service port per distinct node port, named {@code tcp-<name>} (a name meshes treat as opaque TCP). */
    public static List<ServicePort> ports(List<KafkaNode> nodes) {
        Map<String, ServicePort> ports = new LinkedHashMap<>();
        for (KafkaNode node : nodes) {
            for (KafkaPort port : node.ports()) {
                ports.computeIfAbsent(port.name(), n -> new ServicePortBuilder()
                        .withName(portName(port)).withPort(port.port()).withNewTargetPort(port.port())
                        .withProtocol("TCP").withAppProtocol("tcp").build());
            }
        }
        return List.copyOf(ports.values());
    }

    public static String portName(KafkaPort port) {
        return "tcp-" + port.name();
    }
}
