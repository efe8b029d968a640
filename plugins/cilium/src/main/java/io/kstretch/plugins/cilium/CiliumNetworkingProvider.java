package io.kstretch.plugins.cilium;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.kstretch.spi.Endpoint;
import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.KafkaPort;
import io.kstretch.spi.Member;
import io.kstretch.spi.NetworkingProvider;
import io.kstretch.spi.NodeServices;
import io.kstretch.spi.ProviderConfig;
import io.kstretch.spi.ProviderContext;
import io.smallrye.common.annotation.Identifier;

/**
 * Cilium ClusterMesh global Services: each Kafka node gets a ClusterIP Service {@code <pod>} in <em>every</em>
 * member, annotated {@code service.cilium.io/global: "true"}, so that Cilium merges the backends of the
 * same-named Services of all members. Its selector includes the pod's name, which only the node's own pod carries,
 * so it matches pods only in the node's home member; everywhere else the Service has no local backend and Cilium
 * sends the traffic to the home member. A node is reached at {@code <pod>.<namespace>.svc.<clusterDomain>} and its
 * own port numbers, the same name in every member.
 * <p>
 * Settings: {@code clusterDomain} (default {@code cluster.local}); {@code affinity} ({@code local}, {@code remote}
 * or {@code none}: annotation {@code service.cilium.io/affinity}); {@code shared} ({@code "true"} or
 * {@code "false"}: annotation {@code service.cilium.io/shared} on the copies outside the home member - the home
 * member's copy is always shared, since its pod is the node's only backend).
 * <p>
 * Prerequisite per member: Cilium as the CNI (the {@code cilium.io/v2} API, {@code CiliumNode}, is served), with
 * ClusterMesh connecting every member (which the API does not show).
 */
@ApplicationScoped
@Identifier(CiliumNetworkingProvider.NAME)
public class CiliumNetworkingProvider implements NetworkingProvider {
    public static final String NAME = "cilium";
    public static final String GLOBAL_ANNOTATION = "service.cilium.io/global";
    public static final String SHARED_ANNOTATION = "service.cilium.io/shared";
    public static final String AFFINITY_ANNOTATION = "service.cilium.io/affinity";
    static final String API_VERSION = "cilium.io/v2";
    static final String KIND = "CiliumNode";
    static final String CLUSTER_DOMAIN = "clusterDomain";
    static final String DEFAULT_CLUSTER_DOMAIN = "cluster.local";
    static final String AFFINITY = "affinity";
    static final String SHARED = "shared";
    static final List<String> AFFINITIES = List.of("local", "remote", "none");

    @Override
    public List<String> validate(ProviderContext ctx) {
        Map<String, String> config = ctx.config();
        List<String> problems = new ArrayList<>(ProviderConfig.unknownKeys(NAME, config,
                List.of(AFFINITY, CLUSTER_DOMAIN, SHARED)));
        ProviderConfig.dnsName(config, CLUSTER_DOMAIN, DEFAULT_CLUSTER_DOMAIN, problems);
        String affinity = config.get(AFFINITY);
        if (affinity != null && !AFFINITIES.contains(affinity)) {
            problems.add("config." + AFFINITY + " '" + affinity + "' must be one of " + AFFINITIES);
        }
        ProviderConfig.booleanValue(config, SHARED, true, problems);
        for (Member member : ctx.members()) {
            if (!ctx.observed(member).servesApi(API_VERSION, KIND)) {
                problems.add("member " + member.name() + " does not serve " + KIND + " (" + API_VERSION + "):"
                        + " install Cilium there as the CNI and connect every member with Cilium ClusterMesh"
                        + " (global Services need it), or choose another provider");
            }
        }
        problems.addAll(ProviderConfig.longHostNames(ctx, node -> host(ctx, node)));
        return problems;
    }

    /** In every member, a global Service for every node of the Kafka. */
    @Override
    public List<HasMetadata> memberResources(ProviderContext ctx, Member member) {
        List<HasMetadata> services = new ArrayList<>();
        for (KafkaNode node : ctx.nodes()) {
            services.add(service(ctx, member, node));
        }
        return services;
    }

    @Override
    public Endpoint endpoint(ProviderContext ctx, KafkaNode node, KafkaPort port) {
        return Endpoint.of(host(ctx, node), port.port());
    }

    static Service service(ProviderContext ctx, Member member, KafkaNode node) {
        Map<String, String> config = ctx.config();
        Map<String, String> annotations = new TreeMap<>();
        annotations.put(GLOBAL_ANNOTATION, "true");
        if (config.containsKey(SHARED)) {
            boolean home = member.name().equals(node.member().name());
            annotations.put(SHARED_ANNOTATION, home ? "true" : config.get(SHARED));
        }
        if (config.containsKey(AFFINITY)) {
            annotations.put(AFFINITY_ANNOTATION, config.get(AFFINITY));
        }
        return NodeServices.service(ctx, node, "ClusterIP")
                .editMetadata().withAnnotations(annotations).endMetadata()
                .build();
    }

    static String host(ProviderContext ctx, KafkaNode node) {
        return node.podName() + "." + ctx.namespace() + ".svc." + clusterDomain(ctx);
    }

    private static String clusterDomain(ProviderContext ctx) {
        return ctx.config().getOrDefault(CLUSTER_DOMAIN, DEFAULT_CLUSTER_DOMAIN);
    }
}
