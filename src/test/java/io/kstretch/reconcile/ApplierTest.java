package io.kstretch.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;

/** What an update keeps of the live Service: allocated cluster IPs and node ports, and the status. */
class ApplierTest {

    private static Service live() {
        return new ServiceBuilder().withNewMetadata().withName("s").withResourceVersion("7").endMetadata()
                .withNewSpec().withType("NodePort").withClusterIP("10.96.0.9").withClusterIPs("10.96.0.9")
                .addNewPort().withName("plain").withPort(9092).withNodePort(31001).endPort()
                .addNewPort().withName("replication").withPort(9091).withNodePort(31002).endPort()
                .endSpec()
                .withNewStatus().withNewLoadBalancer().addNewIngress().withIp("203.0.113.1").endIngress()
                .endLoadBalancer().endStatus()
                .build();
    }

    private static Service desired(String type) {
        return new ServiceBuilder().withNewMetadata().withName("s").addToAnnotations("a", "b").endMetadata()
                .withNewSpec().withType(type)
                .addNewPort().withName("plain").withPort(9092).endPort()
                .addNewPort().withName("external").withPort(9094).endPort()
                .endSpec().build();
    }

    @Test
    void node_ports_are_kept_by_port_name_and_new_ports_left_to_the_api_server() {
        Service replacement = (Service) Applier.preserveServerFields(desired("NodePort"), live());
        assertThat(replacement.getSpec().getPorts()).extracting(ServicePort::getName, ServicePort::getNodePort)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("plain", 31001),
                        org.assertj.core.groups.Tuple.tuple("external", null));
        assertThat(replacement.getSpec().getClusterIP()).isEqualTo("10.96.0.9");
        assertThat(replacement.getMetadata().getResourceVersion()).isEqualTo("7");
        assertThat(replacement.getStatus().getLoadBalancer().getIngress()).singleElement()
                .satisfies(i -> assertThat(i.getIp()).isEqualTo("203.0.113.1"));
    }

    @Test
    void node_ports_are_dropped_when_the_desired_type_has_none() {
        Service replacement = (Service) Applier.preserveServerFields(desired("ClusterIP"), live());
        assertThat(replacement.getSpec().getPorts()).extracting(ServicePort::getNodePort).containsOnlyNulls();
        assertThat(replacement.getSpec().getClusterIP()).isEqualTo("10.96.0.9");
    }

    @Test
    void load_balancer_services_keep_node_ports_too() {
        Service replacement = (Service) Applier.preserveServerFields(desired("LoadBalancer"), live());
        assertThat(replacement.getSpec().getPorts().get(0).getNodePort()).isEqualTo(31001);
    }
}
