package io.kstretch.e2e;

import org.junit.jupiter.api.Test;

import io.kstretch.api.NodeAddress;
import io.kstretch.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * The nodeport provider with real Kafka: nodes advertise their member's node address and their Service's nodePort
 * (allocated by the test's Service controller), and the local kubelet forwards each nodePort to its pod as
 * kube-proxy would. The same scenario as for mcs must pass.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class NodePortTest extends RealKafkaSupport {

    @Test
    void nodePortClusterSurvivesTheLossOfAMember() throws Exception {
        String ns = "nodeport";
        env.register(ns, member -> {
            member.getSpec().nodeAddress = new NodeAddress();
            member.getSpec().nodeAddress.host = network.nodeAddress(member.getMetadata().getName());
        });
        survivesTheLossOfAMember(ns, Fixtures.kafka(ns, "my-cluster", "nodeport"), "nodeport");
    }
}
