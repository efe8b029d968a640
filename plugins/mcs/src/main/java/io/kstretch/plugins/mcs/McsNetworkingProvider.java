package io.kstretch.plugins.mcs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kstretch.spi.Endpoint;
import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.KafkaPort;
import io.kstretch.spi.Member;
import io.kstretch.spi.NetworkingProvider;
import io.kstretch.spi.ProviderConfig;
import io.kstretch.spi.ProviderContext;
import io.smallrye.common.annotation.Identifier;

/**
 * Kubernetes Multi-Cluster Services (KEP-1645): the headless Service of each member's nodes is exported with a
 * ServiceExport, so every node has the clusterset-wide name
 * {@code <pod>.<clusterId>.<kafka>-nodes.<namespace>.svc.clusterset.local}. Needs an MCS implementation (the
 * ServiceExport CRD and a controller that imports exported Services everywhere) in every member.
 * <p>
 * Config: {@code domain} (default {@code clusterset.local}).
 */
@ApplicationScoped
@Identifier(McsNetworkingProvider.NAME)
public class McsNetworkingProvider implements NetworkingProvider {
    public static final String NAME = "mcs";
    public static final String API_VERSION = "multicluster.x-k8s.io/v1alpha1";
    public static final String KIND = "ServiceExport";
    static final String DOMAIN = "domain";
    static final String DEFAULT_DOMAIN = "clusterset.local";
    private static final java.util.regex.Pattern DNS_LABEL = java.util.regex.Pattern
            .compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    @Override
    public List<String> validate(ProviderContext ctx) {
        List<String> problems = new ArrayList<>(ProviderConfig.unknownKeys(NAME, ctx.config(), List.of(DOMAIN)));
        ProviderConfig.dnsName(ctx.config(), DOMAIN, DEFAULT_DOMAIN, problems);
        for (Member member : ctx.members()) {
            if (!DNS_LABEL.matcher(member.mcsClusterId()).matches() || member.mcsClusterId().length() > 63) {
                problems.add("member " + member.name() + ": MCS cluster id '" + member.mcsClusterId() + "' is not a"
                        + " DNS label; set MemberCluster spec.mcsClusterId to the member's cluster.clusterset.k8s.io"
                        + " ClusterProperty");
            }
            if (!ctx.observed(member).servesApi(API_VERSION, KIND)) {
                problems.add("member " + member.name() + " does not serve " + KIND + " (" + API_VERSION + "): install"
                        + " an MCS implementation there (e.g. the Submariner Lighthouse, Cilium ClusterMesh MCS-API or"
                        + " GKE MCS) or choose another provider");
            }
        }
        problems.addAll(ProviderConfig.longHostNames(ctx, node -> host(ctx, node)));
        return problems;
    }

    /** The member's headless Service is kstretch's own; the provider only exports it. */
    @Override
    public List<HasMetadata> memberResources(ProviderContext ctx, Member member) {
        GenericKubernetesResource export = new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION)
                .withKind(KIND)
                .withNewMetadata().withName(ctx.headlessService()).endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of()))
                .build();
        return List.of(export);
    }

    @Override
    public Endpoint endpoint(ProviderContext ctx, KafkaNode node, KafkaPort port) {
        return Endpoint.of(host(ctx, node), port.port());
    }

    static String host(ProviderContext ctx, KafkaNode node) {
        return node.podName() + "." + node.member().mcsClusterId() + "." + ctx.headlessService() + "."
                + ctx.namespace() + ".svc." + domain(ctx);
    }

    private static String domain(ProviderContext ctx) {
        return ctx.config().getOrDefault(DOMAIN, DEFAULT_DOMAIN);
    }
}
