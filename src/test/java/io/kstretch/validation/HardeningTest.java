package io.kstretch.validation;

import static io.kstretch.api.ProcessRole.BROKER;
import static io.kstretch.api.ProcessRole.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.kstretch.api.JvmOptions;
import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.api.MemberCluster;
import io.kstretch.api.NodeAddress;
import io.kstretch.api.Storage;
import io.kstretch.testing.Fixtures;

/** Each hardening rule, with the exact message a user sees in the Kafka's Ready condition. */
class HardeningTest {
    private static final String NS = "kafka";
    private final Kafka kafka = Fixtures.kafka(NS, "my-cluster", "mcs");
    private final KafkaNodePool pool = Fixtures.pool(NS, "nodes", "my-cluster", "east", 3, CONTROLLER, BROKER);
    private final Map<String, MemberCluster> members = new LinkedHashMap<>();

    HardeningTest() {
        members.put("east", Fixtures.member(NS, "east", "east-kubeconfig"));
    }

    private List<Problem> problems() {
        return KafkaValidator.validate(kafka, new ArrayList<>(List.of(pool)), members, Set.of("mcs"));
    }

    private void expect(String reason, String message) {
        assertThat(problems()).containsExactly(new Problem(reason, message));
    }

    @Test
    void aConfigValueCannotInjectASecondProperty() {
        kafka.getSpec().config = Map.of("log.retention.hours", "168\nlisteners=PLAINTEXT://evil:9092");
        expect("InvalidConfig", "spec.config.log.retention.hours must be a single line without control characters");
    }

    @Test
    void aConfigValueWithACarriageReturnOrNulIsRefused() {
        kafka.getSpec().config = Map.of("a.b", "x\ry", "c.d", "x\u0000");
        assertThat(problems()).extracting(Problem::message).containsExactly(
                "spec.config.a.b must be a single line without control characters",
                "spec.config.c.d must be a single line without control characters");
    }

    @Test
    void providerConfigValuesAreSingleLines() {
        kafka.getSpec().networking.config = Map.of("domain", "clusterset.local\nx=y");
        expect("InvalidNetworkingConfig",
                "spec.networking.config.domain must be a single line without control characters");
    }

    @Test
    void heapSizesAreDigitsAndAUnit() {
        pool.getSpec().jvmOptions = new JvmOptions();
        pool.getSpec().jvmOptions.xmx = "1g -XX:OnOutOfMemoryError=curl";
        expect("InvalidJvmOptions",
                "KafkaNodePool nodes: spec.jvmOptions.xmx '1g -XX:OnOutOfMemoryError=curl' must be a size such as 512m or 2g");
    }

    @Test
    void rackBecomesBrokerRackAndMustBeSafe() {
        members.get("east").getSpec().rack = "east\nbroker.id=7";
        expect("InvalidMemberCluster", "MemberCluster east: spec.rack 'east\\x0abroker.id=7' must be 1-63 letters,"
                + " digits, '-', '_' or '.' (it becomes broker.rack)");
    }

    @Test
    void memberNamesUsedByPoolsMustBeLabelValues() {
        MemberCluster dotted = Fixtures.member(NS, "east.example.com", "east-kubeconfig");
        members.clear();
        members.put("east.example.com", dotted);
        pool.getSpec().memberCluster = "east.example.com";
        expect("InvalidMemberCluster", "KafkaNodePool nodes: MemberCluster 'east.example.com' can host no nodes: its"
                + " name becomes a label value and must be a DNS label (at most 63 lower-case letters, digits and '-',"
                + " no dots); create one with a shorter name");
    }

    @Test
    void mcsClusterIdIsADnsLabel() {
        members.get("east").getSpec().mcsClusterId = "East Cluster";
        expect("InvalidMemberCluster", "MemberCluster east: spec.mcsClusterId 'East Cluster' must be a DNS label (it is"
                + " part of the nodes' DNS names)");
    }

    @Test
    void nodeAddressTypeAndHostAreChecked() {
        members.get("east").getSpec().nodeAddress = new NodeAddress();
        members.get("east").getSpec().nodeAddress.type = "PublicIP";
        members.get("east").getSpec().nodeAddress.host = "not a host";
        assertThat(problems()).extracting(Problem::message).containsExactly(
                "MemberCluster east: spec.nodeAddress.type 'PublicIP' must be one of [InternalIP, ExternalIP, Hostname]",
                "MemberCluster east: spec.nodeAddress.host 'not a host' must be a DNS name or an IP address");
    }

    @Test
    void nodeAddressHostMayBeAnIpOrADnsName() {
        for (String host : List.of("10.0.0.1", "vip.east.example.com", "fd00::1")) {
            members.get("east").getSpec().nodeAddress = new NodeAddress();
            members.get("east").getSpec().nodeAddress.host = host;
            assertThat(problems()).as(host).isEmpty();
        }
        // what a certificate would not take is refused here, not found out when a node's certificate is issued
        for (String host : List.of("300.1.1.1", "10.0.0.01", "*.east.example.com", "a_b.example.com", "fd00::1::2",
                "")) {
            members.get("east").getSpec().nodeAddress.host = host;
            assertThat(problems()).as(host).extracting(Problem::reason).containsExactly("InvalidMemberCluster");
        }
    }

    @Test
    void imageIsAReference() {
        kafka.getSpec().image = "apache/kafka:4.4.0 --privileged";
        expect("InvalidImage", "spec.image 'apache/kafka:4.4.0 --privileged' is not an image reference (lower-case"
                + " registry/name[:tag][@digest], no spaces)");
        kafka.getSpec().image = "registry.example.com:5000/kafka/kafka@sha256:abc123";
        assertThat(problems()).isEmpty();
    }

    @Test
    void storageClassIsAName() {
        pool.getSpec().storage = new Storage();
        pool.getSpec().storage.type = Storage.PERSISTENT_CLAIM;
        pool.getSpec().storage.size = "10Gi";
        pool.getSpec().storage.storageClass = "fast; rm -rf /";
        expect("InvalidStorage", "KafkaNodePool nodes: spec.storage.class 'fast; rm -rf /' is not a StorageClass name");
    }

    @Test
    void configKeysCannotHideASeparator() {
        kafka.getSpec().config = Map.of("a=b", "c");
        expect("InvalidConfig", "spec.config key 'a=b' is not a Kafka property name");
    }
}
