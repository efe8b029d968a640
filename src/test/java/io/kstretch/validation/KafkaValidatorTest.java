package io.kstretch.validation;

import static io.kstretch.api.ProcessRole.BROKER;
import static io.kstretch.api.ProcessRole.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.api.KafkaNodePoolStatus;
import io.kstretch.api.KafkaStatus;
import io.kstretch.api.Listener;
import io.kstretch.api.MemberCluster;
import io.kstretch.api.NetworkingStatus;
import io.kstretch.api.ProcessRole;
import io.kstretch.api.Storage;
import io.kstretch.testing.Fixtures;

class KafkaValidatorTest {
    private static final String NS = "kafka";
    private static final Set<String> PROVIDERS = Set.of("mcs", "nodeport");

    private Kafka kafka = Fixtures.kafka(NS, "my-cluster", "mcs");
    private final List<KafkaNodePool> pools = new ArrayList<>(List.of(
            pool("controllers", "east", 3, CONTROLLER),
            pool("brokers", "west", 3, BROKER)));
    private final Map<String, MemberCluster> members = new LinkedHashMap<>(Map.of(
            "east", Fixtures.member(NS, "east", "east-kubeconfig"),
            "west", Fixtures.member(NS, "west", "west-kubeconfig"),
            "central", Fixtures.centralMember(NS, "central")));

    private KafkaNodePool pool(String name, String member, int replicas, ProcessRole... roles) {
        return Fixtures.pool(NS, name, kafka.getMetadata().getName(), member, replicas, roles);
    }

    private static KafkaNodePoolStatus status(KafkaNodePool pool) {
        if (pool.getStatus() == null) {
            pool.setStatus(new KafkaNodePoolStatus());
        }
        return pool.getStatus();
    }

    private static KafkaStatus status(Kafka kafka) {
        if (kafka.getStatus() == null) {
            kafka.setStatus(new KafkaStatus());
        }
        return kafka.getStatus();
    }

    private List<Problem> validate() {
        return KafkaValidator.validate(kafka, pools, members, PROVIDERS);
    }

    /** Validates and expects exactly one problem, with this reason. */
    private Problem only(String reason) {
        List<Problem> problems = validate();
        assertThat(problems).as("problems").hasSize(1);
        assertThat(problems.get(0).reason()).isEqualTo(reason);
        return problems.get(0);
    }

    private List<Problem> all(String reason) {
        List<Problem> problems = validate();
        assertThat(problems).as("problems").isNotEmpty().allSatisfy(p -> assertThat(p.reason()).isEqualTo(reason));
        return problems;
    }

    @Test
    void valid_spec_has_no_problems() {
        assertThat(validate()).isEmpty();
    }

    @Test
    void valid_spec_with_every_option_has_no_problems() {
        kafka.getSpec().listeners = List.of(new Listener("plain", 9092, false), new Listener("ext2", 9094, false));
        kafka.getSpec().listeners.get(1).authentication = "none";
        kafka.getSpec().config = Map.of("num.partitions", "6", "log.retention.hours", "24");
        kafka.getSpec().version = "3.9.0";
        kafka.getSpec().networking.config = Map.of("domain", "example.org");
        status(kafka).networking = new NetworkingStatus("mcs",
                KafkaValidator.configHash(Map.of("domain", "example.org")));
        pools.add(pool("central", "central", 2, CONTROLLER, BROKER));
        Storage storage = new Storage();
        storage.type = Storage.PERSISTENT_CLAIM;
        storage.size = "100Gi";
        pools.get(1).getSpec().storage = storage;
        status(pools.get(0)).memberCluster = "east";
        status(pools.get(0)).nodeIdStart = 0;
        pools.get(0).getSpec().nodeIdStart = 0;

        assertThat(validate()).isEmpty();
    }

    @Test
    void unknown_member_cluster() {
        pools.get(1).getSpec().memberCluster = "south";

        Problem p = only("UnknownMemberCluster");
        assertThat(p.message()).contains("KafkaNodePool brokers").contains("spec.memberCluster 'south'")
                .contains("namespace kafka");
    }

    @Test
    void unknown_networking_provider() {
        kafka.getSpec().networking.provider = "cilium";

        Problem p = only("UnknownNetworkingProvider");
        assertThat(p.message()).contains("spec.networking.provider 'cilium'").contains("mcs").contains("nodeport");
    }

    @Test
    void missing_networking_provider() {
        kafka.getSpec().networking = null;

        assertThat(only("UnknownNetworkingProvider").message()).contains("spec.networking.provider is required");
    }

    @Test
    void member_cluster_changed() {
        status(pools.get(1)).memberCluster = "east";

        Problem p = only("MemberClusterChanged");
        assertThat(p.message()).contains("KafkaNodePool brokers").contains("spec.memberCluster")
                .contains("'east'").contains("'west'");
    }

    @Test
    void node_id_start_changed() {
        status(pools.get(1)).nodeIdStart = 100;
        pools.get(1).getSpec().nodeIdStart = 300;

        Problem p = only("NodeIdStartChanged");
        assertThat(p.message()).contains("KafkaNodePool brokers").contains("spec.nodeIdStart").contains("100")
                .contains("300");
    }

    @Test
    void node_id_start_matching_status_is_fine() {
        status(pools.get(1)).nodeIdStart = 100;
        pools.get(1).getSpec().nodeIdStart = 100;

        assertThat(validate()).isEmpty();
    }

    @Test
    void node_id_clash_when_a_pool_grows_into_the_next_block() {
        status(pools.get(0)).nodeIdStart = 0;
        pools.get(0).getSpec().replicas = 150;
        status(pools.get(1)).nodeIdStart = 100;

        Problem p = only("NodeIdClash");
        assertThat(p.message()).contains("node id 100").contains("controllers").contains("brokers")
                .contains("spec.replicas").contains("spec.nodeIdStart");
    }

    @Test
    void node_id_clash_between_explicit_starts() {
        pools.get(0).getSpec().nodeIdStart = 10;
        pools.get(1).getSpec().nodeIdStart = 12;

        assertThat(only("NodeIdClash").message()).contains("node id 12");
    }

    @Test
    void negative_node_id_start() {
        pools.get(1).getSpec().nodeIdStart = -1;

        assertThat(only("InvalidNodePool").message()).contains("spec.nodeIdStart");
    }

    @Test
    void node_id_start_without_room_for_the_pool_block() {
        // ids past Integer.MAX_VALUE would wrap around to negative node ids
        pools.get(1).getSpec().nodeIdStart = Integer.MAX_VALUE - 1;

        Problem p = only("InvalidNodePool");
        assertThat(p.message()).contains("KafkaNodePool brokers").contains("spec.nodeIdStart");
    }

    @Test
    void no_controllers() {
        pools.get(0).getSpec().roles = new ArrayList<>(List.of(BROKER));

        assertThat(only("NoControllers").message()).contains("controller role").contains("my-cluster");
    }

    @Test
    void controllers_with_zero_replicas_are_no_controllers() {
        pools.get(0).getSpec().replicas = 0;

        only("NoControllers");
    }

    @Test
    void no_brokers() {
        pools.get(1).getSpec().roles = new ArrayList<>(List.of(CONTROLLER));

        assertThat(only("NoBrokers").message()).contains("broker role").contains("my-cluster");
    }

    @Test
    void statefulset_name_too_long() {
        // my-cluster- (11) + 42 = 53 > 52
        String longPool = "p".repeat(42);
        pools.set(1, pool(longPool, "west", 3, BROKER));

        Problem p = only("NameTooLong");
        assertThat(p.message()).contains("KafkaNodePool " + longPool).contains("StatefulSet name")
                .contains("my-cluster-" + longPool).contains("53").contains("52");
    }

    @Test
    void longest_statefulset_name_is_accepted_because_its_pod_names_fit() {
        // a 52-character StatefulSet name leaves 11 characters of a 63-character pod name: '-' and any int id.
        // So the pod-name check can only trip on a StatefulSet name that is already too long.
        String pool = "p".repeat(41);
        pools.set(1, pool(pool, "west", 3, BROKER));
        pools.get(1).getSpec().nodeIdStart = 2_000_000_000;

        assertThat(validate()).isEmpty();
        assertThat(("my-cluster-" + pool + "-" + (Integer.MAX_VALUE)).length()).isEqualTo(63);
    }

    @Test
    void headless_service_name_too_long() {
        kafka = Fixtures.kafka(NS, "k".repeat(58), "mcs");
        pools.clear();
        pools.add(pool("c", "east", 3, CONTROLLER, BROKER));

        List<Problem> problems = all("NameTooLong");
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("metadata.name")
                .contains("k".repeat(58) + "-nodes"));
    }

    @Test
    void forbidden_config_keys() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("listeners", "PLAINTEXT://:9092");
        config.put("ssl.keystore.location", "/x");
        config.put("listener.name.plain.ssl.client.auth", "required");
        config.put("num.partitions", "3");
        kafka.getSpec().config = config;

        List<Problem> problems = all("ForbiddenConfig");
        assertThat(problems).hasSize(3);
        assertThat(problems).extracting(Problem::message).anySatisfy(m -> assertThat(m).startsWith(
                "spec.config.listeners "))
                .anySatisfy(m -> assertThat(m).startsWith("spec.config.ssl.keystore.location "))
                .anySatisfy(m -> assertThat(m).startsWith("spec.config.listener.name.plain.ssl.client.auth "));
    }

    @Test
    void config_value_with_a_newline_is_invalid() {
        kafka.getSpec().config = Map.of("log.retention.hours", "24\nlisteners=PLAINTEXT://:1");

        assertThat(only("InvalidConfig").message()).contains("spec.config.log.retention.hours")
                .contains("single line");
    }

    @Test
    void config_value_with_a_carriage_return_or_null_is_invalid() {
        Map<String, String> config = new HashMap<>();
        config.put("a.b", "1\r2");
        config.put("c.d", null);
        kafka.getSpec().config = config;

        assertThat(all("InvalidConfig")).hasSize(2);
    }

    @Test
    void config_key_that_is_not_a_property_name_is_invalid() {
        kafka.getSpec().config = Map.of("a=b", "1");

        assertThat(only("InvalidConfig").message()).contains("'a=b'");
    }

    @Test
    void duplicate_listener_name() {
        kafka.getSpec().listeners = List.of(new Listener("plain", 9092, false), new Listener("plain", 9093, false));

        assertThat(only("DuplicateListener").message()).contains("spec.listeners[1].name 'plain'");
    }

    @Test
    void duplicate_listener_port() {
        kafka.getSpec().listeners = List.of(new Listener("plain", 9092, false), new Listener("other", 9092, false));

        assertThat(only("DuplicateListener").message()).contains("spec.listeners[1].port 9092");
    }

    @Test
    void reserved_listener_names_are_invalid() {
        kafka.getSpec().listeners = List.of(new Listener("controller", 9092, false));

        assertThat(only("InvalidListener").message()).contains("spec.listeners[0].name 'controller'")
                .contains("reserved");

        kafka.getSpec().listeners = List.of(new Listener("plain", 9092, false),
                new Listener("replication", 9093, false));
        assertThat(only("InvalidListener").message()).contains("spec.listeners[1].name 'replication'");
    }

    @Test
    void listener_names_must_be_short_lower_case() {
        kafka.getSpec().listeners = List.of(new Listener("Plain", 9092, false));
        assertThat(only("InvalidListener").message()).contains("spec.listeners[0].name 'Plain'");

        kafka.getSpec().listeners = List.of(new Listener("abcdefghijkl", 9092, false));
        assertThat(only("InvalidListener").message()).contains("spec.listeners[0].name");

        kafka.getSpec().listeners = List.of(new Listener("abcdefghijk", 9092, false));
        assertThat(validate()).isEmpty();
    }

    @Test
    void listener_ports_out_of_range_are_invalid() {
        kafka.getSpec().listeners = List.of(new Listener("plain", 80, false));
        assertThat(only("InvalidListener").message()).contains("spec.listeners[0].port 80");

        kafka.getSpec().listeners = List.of(new Listener("plain", 70000, false));
        assertThat(only("InvalidListener").message()).contains("spec.listeners[0].port 70000");

        Listener noPort = new Listener();
        noPort.name = "plain";
        kafka.getSpec().listeners = List.of(noPort);
        assertThat(only("InvalidListener").message()).contains("spec.listeners[0].port");
    }

    @Test
    void reserved_listener_ports_are_invalid() {
        kafka.getSpec().listeners = List.of(new Listener("plain", 9090, false));
        assertThat(only("InvalidListener").message()).contains("spec.listeners[0].port 9090").contains("controller");

        kafka.getSpec().listeners = List.of(new Listener("plain", 9091, false));
        assertThat(only("InvalidListener").message()).contains("spec.listeners[0].port 9091");
    }

    @Test
    void listener_authentication_must_be_none_or_tls() {
        kafka.getSpec().listeners = List.of(new Listener("plain", 9092, false));
        kafka.getSpec().listeners.get(0).authentication = "scram";

        assertThat(only("InvalidListener").message()).contains("spec.listeners[0].authentication 'scram'");
    }

    @Test
    void tls_listeners_with_and_without_client_authentication_are_fine() {
        Listener mtls = new Listener("mtls", 9094, true);
        mtls.authentication = "tls";
        kafka.getSpec().listeners = List.of(new Listener("plain", 9092, false), new Listener("tls", 9093, true), mtls);

        assertThat(validate()).isEmpty();
    }

    @Test
    void invalid_storage_type() {
        Storage storage = new Storage();
        storage.type = "local";
        pools.get(1).getSpec().storage = storage;

        assertThat(only("InvalidStorage").message()).contains("KafkaNodePool brokers")
                .contains("spec.storage.type 'local'");
    }

    @Test
    void persistent_claim_needs_a_size() {
        Storage storage = new Storage();
        storage.type = Storage.PERSISTENT_CLAIM;
        pools.get(1).getSpec().storage = storage;

        assertThat(only("InvalidStorage").message()).contains("spec.storage.size");
    }

    @Test
    void storage_size_must_be_a_positive_quantity() {
        for (String size : List.of("lots", "0", "-1Gi")) {
            Storage storage = new Storage();
            storage.type = Storage.PERSISTENT_CLAIM;
            storage.size = size;
            pools.get(1).getSpec().storage = storage;

            assertThat(only("InvalidStorage").message()).as(size).contains("spec.storage.size '" + size + "'");
        }
    }

    @Test
    void kafka_versions_before_3_9_are_unsupported() {
        kafka.getSpec().version = "3.8.0";
        assertThat(only("UnsupportedKafkaVersion").message()).contains("spec.version 3.8.0").contains("3.9.0");

        kafka.getSpec().version = "2.8.2";
        only("UnsupportedKafkaVersion");

        kafka.getSpec().version = "latest";
        assertThat(only("UnsupportedKafkaVersion").message()).contains("spec.version 'latest'");

        kafka.getSpec().version = null;
        only("UnsupportedKafkaVersion");

        for (String ok : List.of("3.9.0", "3.10.0", "4.0.0", "4.4.0", "4.1.0-rc1")) {
            kafka.getSpec().version = ok;
            assertThat(validate()).as(ok).isEmpty();
        }
    }

    @Test
    void networking_provider_change_after_lock() {
        status(kafka).networking = new NetworkingStatus("nodeport", KafkaValidator.configHash(null));

        Problem p = only("NetworkingProviderChangeNotSupported");
        assertThat(p.message()).contains("spec.networking.provider changed from 'nodeport' to 'mcs'");
    }

    @Test
    void networking_config_change_after_lock() {
        status(kafka).networking = new NetworkingStatus("mcs", KafkaValidator.configHash(Map.of()));
        kafka.getSpec().networking.config = Map.of("domain", "example.org");

        Problem p = only("NetworkingProviderChangeNotSupported");
        assertThat(p.message()).contains("spec.networking.config of provider 'mcs' changed")
                .contains(KafkaValidator.configHash(Map.of("domain", "example.org")))
                .contains("Put spec.networking back").contains("MirrorMaker 2");
    }

    @Test
    void locked_networking_config_hash_ignores_order_and_null_vs_empty() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("x", "1");
        a.put("y", "2");
        Map<String, String> b = new LinkedHashMap<>();
        b.put("y", "2");
        b.put("x", "1");
        assertThat(KafkaValidator.configHash(a)).isEqualTo(KafkaValidator.configHash(b))
                .isNotEqualTo(KafkaValidator.configHash(Map.of("x", "1", "y", "3")));
        assertThat(KafkaValidator.configHash(null)).isEqualTo(KafkaValidator.configHash(Map.of()));

        status(kafka).networking = new NetworkingStatus("mcs", KafkaValidator.configHash(a));
        kafka.getSpec().networking.config = b;
        assertThat(validate()).isEmpty();
    }

    @Test
    void two_central_members_in_use() {
        members.put("central2", Fixtures.centralMember(NS, "central2"));
        pools.add(pool("c1", "central", 1, BROKER));
        pools.add(pool("c2", "central2", 1, BROKER));

        Problem p = only("DuplicateCentralMember");
        assertThat(p.message()).contains("central, central2").contains("spec.kubeconfigSecret");
    }

    @Test
    void an_unused_second_central_member_is_fine() {
        members.put("central2", Fixtures.centralMember(NS, "central2"));
        pools.add(pool("c1", "central", 1, BROKER));

        assertThat(validate()).isEmpty();
    }

    @Test
    void no_node_pools() {
        pools.clear();

        Problem p = only("NoNodePools");
        assertThat(p.message()).contains("kstretch.io/cluster=my-cluster").contains("namespace kafka");
    }

    @Test
    void invalid_kafka_name() {
        kafka.getMetadata().setName("My_Cluster");

        assertThat(validate()).extracting(Problem::reason).contains("InvalidName");
    }

    @Test
    void missing_spec() {
        kafka.setSpec(null);

        assertThat(only("InvalidSpec").message()).contains("spec");
    }
}
