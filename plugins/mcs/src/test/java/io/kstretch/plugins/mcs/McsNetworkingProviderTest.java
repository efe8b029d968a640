package io.kstretch.plugins.mcs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.kstretch.spi.Endpoint;
import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.KafkaPort;
import io.kstretch.spi.Member;
import io.kstretch.spi.ObservedObjects;
import io.kstretch.spi.ProviderContext;
import io.smallrye.common.annotation.Identifier;

class McsNetworkingProviderTest {
    private static final Member EAST = new Member("east", "kafka", true, "east", "east-id", "InternalIP", null);
    private static final Member WEST = new Member("west", "kafka", false, "west", "west", "InternalIP", null);
    private static final List<KafkaPort> COMBINED = List.of(new KafkaPort("controller", 9090),
            new KafkaPort("replication", 9091), new KafkaPort("plain", 9092));

    private final McsNetworkingProvider provider = new McsNetworkingProvider();

    /** A provider context as the core builds it: headless Service {@code <kafka>-nodes}, members in name order. */
    record Context(String kafkaName, String namespace, Map<String, String> config, List<Member> members,
            List<KafkaNode> nodes, Set<String> membersServingServiceExport) implements ProviderContext {

        @Override
        public String headlessService() {
            return kafkaName + "-nodes";
        }

        @Override
        public Map<String, String> podSelector() {
            return Map.of("kstretch.io/cluster", kafkaName, "app.kubernetes.io/name", "kafka");
        }

        @Override
        public Map<String, String> podSelector(KafkaNode node) {
            return Map.of("kstretch.io/cluster", kafkaName, "app.kubernetes.io/name", "kafka",
                    "statefulset.kubernetes.io/pod-name", node.podName());
        }

        @Override
        public ObservedObjects observed(Member member) {
            boolean serves = membersServingServiceExport.contains(member.name());
            return new ObservedObjects() {
                @Override
                public <T extends HasMetadata> Optional<T> get(Class<T> type, String name) {
                    return Optional.empty();
                }

                @Override
                public Optional<List<Node>> nodes() {
                    return Optional.empty();
                }

                @Override
                public boolean servesApi(String apiVersion, String kind) {
                    return serves && apiVersion.equals("multicluster.x-k8s.io/v1alpha1")
                            && kind.equals("ServiceExport");
                }
            };
        }
    }

    private static KafkaNode node(int id, Member member) {
        return new KafkaNode(id, "pool", member, "my-cluster-pool-" + id, true, true, COMBINED);
    }

    private static Context context(Map<String, String> config, Set<String> serving, Member... members) {
        List<KafkaNode> nodes = new ArrayList<>();
        int id = 0;
        for (Member m : members) {
            nodes.add(node(id++, m));
        }
        return new Context("my-cluster", "kafka", config, List.of(members), nodes, serving);
    }

    private static Context context() {
        return context(Map.of(), Set.of("east", "west"), EAST, WEST);
    }

    @Test
    void is_the_mcs_provider() {
        assertThat(McsNetworkingProvider.class.getAnnotation(Identifier.class).value()).isEqualTo("mcs");
    }

    @Test
    void endpoint_is_the_clusterset_name_of_the_pod_under_its_member_cluster_id() {
        Context ctx = context();
        KafkaNode east = ctx.nodes().get(0);
        KafkaNode west = ctx.nodes().get(1);

        Endpoint e = provider.endpoint(ctx, east, east.port("plain"));
        assertThat(e.isPending()).isFalse();
        assertThat(e.host()).isEqualTo("my-cluster-pool-0.east-id.my-cluster-nodes.kafka.svc.clusterset.local");
        assertThat(e.port()).isEqualTo(9092);
        assertThat(provider.endpoint(ctx, west, west.port("controller")).hostPort())
                .isEqualTo("my-cluster-pool-1.west.my-cluster-nodes.kafka.svc.clusterset.local:9090");
    }

    @Test
    void domain_can_be_configured() {
        Context ctx = context(Map.of("domain", "mesh.example.org"), Set.of("east", "west"), EAST, WEST);
        KafkaNode east = ctx.nodes().get(0);

        assertThat(provider.endpoint(ctx, east, east.port("replication")).hostPort())
                .isEqualTo("my-cluster-pool-0.east-id.my-cluster-nodes.kafka.svc.mesh.example.org:9091");
        assertThat(provider.validate(ctx)).isEmpty();
    }

    @Test
    void certificate_sans_are_the_node_host_once() {
        Context ctx = context();

        assertThat(provider.certificateSans(ctx, ctx.nodes().get(0)))
                .containsExactly("my-cluster-pool-0.east-id.my-cluster-nodes.kafka.svc.clusterset.local");
    }

    @Test
    void valid_context_has_no_problems() {
        assertThat(provider.validate(context())).isEmpty();
    }

    @Test
    void unknown_config_keys_are_rejected() {
        List<String> problems = provider.validate(context(Map.of("domian", "x.org"), Set.of("east", "west"), EAST,
                WEST));

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).contains("config.domian").contains("domain");
    }

    @Test
    void domain_must_be_a_dns_name() {
        List<String> problems = provider.validate(context(Map.of("domain", "Not_A.Domain"), Set.of("east", "west"),
                EAST, WEST));

        assertThat(problems).singleElement().asString().contains("config.domain 'Not_A.Domain'");
    }

    @Test
    void member_not_serving_service_export_is_named() {
        List<String> problems = provider.validate(context(Map.of(), Set.of("east"), EAST, WEST));

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith("member west ").contains("ServiceExport")
                .contains("multicluster.x-k8s.io/v1alpha1");
    }

    @Test
    void every_member_without_service_export_is_reported() {
        List<String> problems = provider.validate(context(Map.of(), Set.of(), EAST, WEST));

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).startsWith("member east ");
        assertThat(problems.get(1)).startsWith("member west ");
    }

    @Test
    void mcs_cluster_id_must_be_a_dns_label() {
        Member bad = new Member("south", "kafka", false, "south", "South_1", "InternalIP", null);
        List<String> problems = provider.validate(context(Map.of(), Set.of("east", "south"), EAST, bad));

        assertThat(problems).singleElement().asString().contains("member south").contains("'South_1'")
                .contains("spec.mcsClusterId");
    }

    @Test
    void host_names_longer_than_253_characters_are_rejected() {
        Member longId = new Member("long", "kafka", false, "long", "x".repeat(63), "InternalIP", null);
        Context ctx = context(Map.of("domain", ("d".repeat(60) + ".").repeat(3) + "example"), Set.of("long"),
                longId);

        assertThat(provider.validate(ctx)).singleElement().asString().contains("node 0").contains("253");
    }

    @Test
    void member_resources_are_one_service_export_of_the_headless_service() {
        Context ctx = context();

        List<HasMetadata> resources = provider.memberResources(ctx, EAST);

        assertThat(resources).hasSize(1);
        HasMetadata export = resources.get(0);
        assertThat(export).isInstanceOf(GenericKubernetesResource.class);
        assertThat(export.getApiVersion()).isEqualTo("multicluster.x-k8s.io/v1alpha1");
        assertThat(export.getKind()).isEqualTo("ServiceExport");
        assertThat(export.getMetadata().getName()).isEqualTo("my-cluster-nodes");
        assertThat(provider.nodeResources(ctx, ctx.nodes().get(0))).isEmpty();
    }

    @Test
    void output_is_deterministic() {
        Context ctx = context();
        McsNetworkingProvider other = new McsNetworkingProvider();

        assertThat(provider.memberResources(ctx, EAST)).isEqualTo(other.memberResources(context(), EAST))
                .isEqualTo(provider.memberResources(ctx, WEST));
        for (KafkaNode n : ctx.nodes()) {
            for (KafkaPort p : n.ports()) {
                assertThat(provider.endpoint(ctx, n, p)).isEqualTo(other.endpoint(context(), n, p));
            }
        }
        assertThat(provider.validate(ctx)).isEqualTo(other.validate(context()));
    }
}
