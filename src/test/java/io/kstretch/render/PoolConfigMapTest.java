package io.kstretch.render;

import static io.kstretch.render.RenderFixtures.at;
import static io.kstretch.render.RenderFixtures.member;
import static io.kstretch.render.RenderFixtures.pool;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.kstretch.api.ControllerStatus;
import io.kstretch.api.KStretch;
import io.kstretch.api.ProcessRole;
import io.kstretch.api.Quorum;
import io.kstretch.topology.Endpoints;
import io.kstretch.topology.PoolLayout;
import io.kstretch.topology.Topology;

class PoolConfigMapTest {
    private static final List<ControllerStatus> INITIAL = List.of(new ControllerStatus(0, "dirA", "east"),
            new ControllerStatus(1, "dirB", "east"), new ControllerStatus(2, "dirC", "east"));

    /** Controllers 0-2 in east, a broker-only pool "brk" in west with {@code brokers} nodes from id 100. */
    private static Topology topology(int brokers) {
        return RenderFixtures.topology(RenderFixtures.kafka(Quorum.DYNAMIC, Map.of()),
                List.of(member("east"), member("west")),
                at(0, pool("ctrl", "east", 3, ProcessRole.CONTROLLER)),
                at(100, pool("brk", "west", brokers, ProcessRole.BROKER)));
    }

    private static final NodeTls TLS = new NodeTls(Map.of(100, "ks-100", 101, "ks-101", 102, "ks-102"), "cluster-ca",
            "clients-ca");

    private static Map<Integer, String> hashes(ConfigMap cm, PoolLayout pool) {
        return PoolConfigMap.nodeHashes(cm, pool, TLS);
    }

    @Test
    void aNewCertificateChangesOnlyItsNodesHashAndNewTrustChangesEvery() {
        Topology topology = topology(3);
        PoolLayout pool = layout(topology, "brk");
        ConfigMap cm = render(topology, "brk", "c", INITIAL);
        Map<Integer, String> before = PoolConfigMap.nodeHashes(cm, pool, TLS);
        Map<Integer, String> newCert = PoolConfigMap.nodeHashes(cm, pool, new NodeTls(
                Map.of(100, "ks-100", 101, "renewed", 102, "ks-102"), "cluster-ca", "clients-ca"));
        assertThat(newCert).containsOnlyKeys(100, 101, 102).containsEntry(100, before.get(100))
                .containsEntry(102, before.get(102)).doesNotContainEntry(101, before.get(101));
        Map<Integer, String> newTrust = PoolConfigMap.nodeHashes(cm, pool, new NodeTls(TLS.keystores(),
                "cluster-ca\nnew-ca", "clients-ca"));
        assertThat(newTrust).containsOnlyKeys(100, 101, 102)
                .allSatisfy((id, hash) -> assertThat(hash).isNotEqualTo(before.get(id)));
    }

    private static PoolLayout layout(Topology topology, String name) {
        return topology.pools().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static ConfigMap render(Topology topology, String pool, String clusterId,
            List<ControllerStatus> initial) {
        return PoolConfigMap.render(topology, layout(topology, pool), RenderFixtures.endpoints(topology), clusterId,
                initial);
    }

    @Test
    void holds_properties_and_format_args_per_node_the_cluster_id_and_the_script() {
        Topology topology = topology(3);
        Endpoints endpoints = RenderFixtures.endpoints(topology);
        ConfigMap cm = render(topology, "ctrl", "cluster-1", INITIAL);

        assertThat(cm.getMetadata().getName()).isEqualTo("my-cluster-ctrl-config");
        assertThat(cm.getMetadata().getLabels()).isEqualTo(Labels.poolSelector("my-cluster", "ctrl"));
        assertThat(cm.getData()).containsOnlyKeys("node-0.properties", "node-1.properties", "node-2.properties",
                "node-0.format-args", "node-1.format-args", "node-2.format-args", "cluster-id", "run.sh");
        assertThat(cm.getData()).containsEntry("cluster-id", "cluster-1").containsEntry("run.sh", StartScript.text());
        for (int id = 0; id < 3; id++) {
            var node = RenderFixtures.node(topology, id);
            assertThat(cm.getData().get(PoolConfigMap.propertiesKey(id)))
                    .isEqualTo(NodeConfig.text(topology, node, endpoints));
            assertThat(cm.getData().get(PoolConfigMap.formatArgsKey(id)))
                    .isEqualTo(NodeConfig.formatArguments(topology, node, endpoints, INITIAL))
                    .startsWith("--initial-controllers ");
        }
        assertThat(PropertiesTextTest.load(cm.getData().get("node-1.properties"))).containsEntry("node.id", "1");
    }

    @Test
    void broker_pool_holds_only_its_own_nodes() {
        ConfigMap cm = render(topology(2), "brk", "cluster-1", INITIAL);

        assertThat(cm.getData()).containsOnlyKeys("node-100.properties", "node-101.properties",
                "node-100.format-args", "node-101.format-args", "cluster-id", "run.sh");
        assertThat(cm.getData().get("node-100.format-args")).isEqualTo("--no-initial-controllers");
    }

    @Test
    void start_script_is_the_packaged_resource() {
        assertThat(StartScript.text()).startsWith("#!/bin/sh\n").contains("kafka.tools.StorageTool")
                .contains("kafka.Kafka");
    }

    @Test
    void node_hashes_are_per_node_and_deterministic() {
        Topology topology = topology(3);
        Map<Integer, String> hashes = hashes(render(topology, "brk", "c", INITIAL),
                layout(topology, "brk"));

        assertThat(hashes).containsOnlyKeys(100, 101, 102);
        assertThat(hashes.values()).doesNotHaveDuplicates().allMatch(h -> h.matches("[0-9a-f]{16}"));
        assertThat(hashes(render(topology(3), "brk", "c", INITIAL), layout(topology, "brk")))
                .isEqualTo(hashes);
    }

    @Test
    void node_hash_changes_when_only_that_nodes_properties_change() {
        Topology topology = topology(3);
        PoolLayout pool = layout(topology, "brk");
        ConfigMap cm = render(topology, "brk", "c", INITIAL);
        Map<Integer, String> before = hashes(cm, pool);

        Map<String, String> data = new HashMap<>(cm.getData());
        data.put("node-101.properties", data.get("node-101.properties") + "num.partitions=3\n");
        Map<Integer, String> after = hashes(new ConfigMapBuilder(cm).withData(data).build(), pool);

        assertThat(after.get(101)).isNotEqualTo(before.get(101));
        assertThat(after.get(100)).isEqualTo(before.get(100));
        assertThat(after.get(102)).isEqualTo(before.get(102));
    }

    @Test
    void node_hashes_change_with_spec_config_cluster_id_and_script() {
        Topology topology = topology(3);
        PoolLayout pool = layout(topology, "brk");
        Map<Integer, String> before = hashes(render(topology, "brk", "c", INITIAL), pool);

        Topology configured = RenderFixtures.topology(RenderFixtures.kafka(Quorum.DYNAMIC,
                Map.of("num.partitions", "6")), List.of(member("east"), member("west")),
                at(0, pool("ctrl", "east", 3, ProcessRole.CONTROLLER)),
                at(100, pool("brk", "west", 3, ProcessRole.BROKER)));
        Map<Integer, String> newConfig = hashes(render(configured, "brk", "c", INITIAL),
                layout(configured, "brk"));
        Map<Integer, String> newClusterId = hashes(render(topology, "brk", "other", INITIAL), pool);
        ConfigMap cm = render(topology, "brk", "c", INITIAL);
        Map<String, String> data = new HashMap<>(cm.getData());
        data.put("run.sh", data.get("run.sh") + "\n# changed\n");
        Map<Integer, String> newScript = hashes(new ConfigMapBuilder(cm).withData(data).build(),
                pool);

        for (int id = 100; id <= 102; id++) {
            assertThat(newConfig.get(id)).isNotEqualTo(before.get(id));
            assertThat(newClusterId.get(id)).isNotEqualTo(before.get(id));
            assertThat(newScript.get(id)).isNotEqualTo(before.get(id));
        }
    }

    @Test
    void node_hashes_ignore_format_arguments() {
        Topology topology = topology(3);
        PoolLayout ctrl = layout(topology, "ctrl");
        ConfigMap initial = render(topology, "ctrl", "c", INITIAL);
        ConfigMap bootstrapped = render(topology, "ctrl", "c", List.of());

        assertThat(bootstrapped.getData().get("node-0.format-args"))
                .isNotEqualTo(initial.getData().get("node-0.format-args"));
        assertThat(hashes(bootstrapped, ctrl)).isEqualTo(hashes(initial, ctrl));
    }

    @Test
    void adding_a_broker_does_not_change_the_existing_nodes_hashes() {
        // 3 -> 4 brokers: no controller changes and the replication defaults stay at 3/2, so nothing the existing
        // nodes read changes (adding a controller would change every node's quorum servers)
        Topology three = topology(3);
        Topology four = topology(4);
        Map<Integer, String> before = hashes(render(three, "brk", "c", INITIAL),
                layout(three, "brk"));
        Map<Integer, String> after = hashes(render(four, "brk", "c", INITIAL), layout(four, "brk"));

        assertThat(after).containsOnlyKeys(100, 101, 102, 103);
        assertThat(after).containsAllEntriesOf(before);
        assertThat(after.get(103)).isNotIn(before.values());

        Map<Integer, String> ctrlBefore = hashes(render(three, "ctrl", "c", INITIAL),
                layout(three, "ctrl"));
        Map<Integer, String> ctrlAfter = hashes(render(four, "ctrl", "c", INITIAL),
                layout(four, "ctrl"));
        assertThat(ctrlAfter).isEqualTo(ctrlBefore);
    }

    @Test
    void hashes_annotation_is_in_numeric_node_id_order() {
        Map<Integer, String> hashes = new HashMap<>();
        hashes.put(100, "b");
        hashes.put(5, "a");
        hashes.put(20, "c");

        assertThat(NodeHashes.format(hashes)).isEqualTo("5=a,20=c,100=b");
        assertThat(KStretch.CONFIG_HASHES_ANNOTATION).isEqualTo("kstretch.io/config-hashes");
    }
}
