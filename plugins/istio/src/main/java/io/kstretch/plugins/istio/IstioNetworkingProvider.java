package io.kstretch.plugins.istio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
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
 * Istio multi-cluster mesh: each Kafka node gets a ClusterIP Service {@code <pod>} in <em>every</em> member
 * (namespace sameness: Istio treats same-named Services in the same namespace as one service and routes to its
 * endpoints in whichever cluster they are). The selector includes the pod's name, so it matches only in the node's
 * home member. Ports are named {@code tcp-<port>} with {@code appProtocol: tcp}, which Istio treats as opaque TCP
 * (no protocol sniffing, no HTTP parsing of Kafka's protocol). A node is reached at
 * {@code <pod>.<namespace>.svc.<clusterDomain>} and its own port numbers.
 * <p>
 * Pods: label {@code sidecar.istio.io/inject: "true"} (or {@code istio.io/rev: <revision>}) so they join the mesh
 * whatever the namespace says, and {@code proxy.istio.io/config} with {@code holdApplicationUntilProxyStarts}, so
 * that Kafka's first connections to its peers do not race the sidecar. Nothing is excluded from capture: every
 * Kafka port (controller, replication and the listeners) goes through the sidecar, so the mesh's mTLS covers it.
 * <p>
 * Settings: {@code clusterDomain} (default {@code cluster.local}); {@code inject} ({@code "true"}, the default, or
 * {@code "false"} to leave injection to the namespace); {@code revision} (an Istio revision: label
 * {@code istio.io/rev} instead of {@code sidecar.istio.io/inject}).
 * <p>
 * Prerequisite per member: Istio (the {@code networking.istio.io} API, {@code DestinationRule} in {@code v1} or
 * {@code v1beta1}, is served), with every member in one mesh (multi-primary or primary-remote), which the API does
 * not show.
 */
@ApplicationScoped
@Identifier(IstioNetworkingProvider.NAME)
public class IstioNetworkingProvider implements NetworkingProvider {
    public static final String NAME = "istio";
    public static final String INJECT_LABEL = "sidecar.istio.io/inject";
    public static final String REVISION_LABEL = "istio.io/rev";
    public static final String PROXY_CONFIG_ANNOTATION = "proxy.istio.io/config";
    static final String PROXY_CONFIG = "{\"holdApplicationUntilProxyStarts\":true}";
    static final List<String> API_VERSIONS = List.of("networking.istio.io/v1", "networking.istio.io/v1beta1");
    static final String KIND = "DestinationRule";
    static final String CLUSTER_DOMAIN = "clusterDomain";
    static final String DEFAULT_CLUSTER_DOMAIN = "cluster.local";
    static final String INJECT = "inject";
    static final String REVISION = "revision";
    private static final Pattern LABEL_VALUE = Pattern.compile("(?=.{1,63}$)[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

    @Override
    public List<String> validate(ProviderContext ctx) {
        Map<String, String> config = ctx.config();
        List<String> problems = new ArrayList<>(ProviderConfig.unknownKeys(NAME, config,
                List.of(CLUSTER_DOMAIN, INJECT, REVISION)));
        ProviderConfig.dnsName(config, CLUSTER_DOMAIN, DEFAULT_CLUSTER_DOMAIN, problems);
        ProviderConfig.booleanValue(config, INJECT, true, problems);
        String revision = config.get(REVISION);
        if (revision != null && !LABEL_VALUE.matcher(revision).matches()) {
            problems.add("config." + REVISION + " '" + revision + "' is not a label value (an Istio revision such"
                    + " as 1-24-0 or canary)");
        }
        for (Member member : ctx.members()) {
            var observed = ctx.observed(member);
            if (API_VERSIONS.stream().noneMatch(v -> observed.servesApi(v, KIND))) {
                problems.add("member " + member.name() + " does not serve " + KIND + " (networking.istio.io/v1 or"
                        + " v1beta1): install Istio there and join every member to one multi-cluster mesh"
                        + " (multi-primary or primary-remote), or choose another provider");
            }
        }
        problems.addAll(ProviderConfig.longHostNames(ctx, node -> host(ctx, node)));
        return problems;
    }

    /** In every member, a Service for every node of the Kafka. */
    @Override
    public List<HasMetadata> memberResources(ProviderContext ctx, Member member) {
        List<HasMetadata> services = new ArrayList<>();
        for (KafkaNode node : ctx.nodes()) {
            services.add(service(ctx, node));
        }
        return services;
    }

    @Override
    public Endpoint endpoint(ProviderContext ctx, KafkaNode node, KafkaPort port) {
        return Endpoint.of(host(ctx, node), port.port());
    }

    /** Joins the pods to the mesh and holds Kafka until its sidecar is ready; excludes no port from capture. */
    @Override
    public PodTemplateSpec customizePod(ProviderContext ctx, Member member, PodTemplateSpec pod) {
        Map<String, String> config = ctx.config();
        List<String> ignored = new ArrayList<>();
        boolean inject = ProviderConfig.booleanValue(config, INJECT, true, ignored);
        Map<String, String> labels = new TreeMap<>(pod.getMetadata().getLabels() == null ? Map.of()
                : pod.getMetadata().getLabels());
        if (inject && config.get(REVISION) != null) {
            labels.put(REVISION_LABEL, config.get(REVISION));
        } else if (inject) {
            labels.put(INJECT_LABEL, "true");
        }
        Map<String, String> annotations = new TreeMap<>(pod.getMetadata().getAnnotations() == null ? Map.of()
                : pod.getMetadata().getAnnotations());
        annotations.put(PROXY_CONFIG_ANNOTATION, PROXY_CONFIG);
        PodTemplateSpec customized = new io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder(pod).build();
        customized.getMetadata().setLabels(labels);
        customized.getMetadata().setAnnotations(annotations);
        return customized;
    }

    static Service service(ProviderContext ctx, KafkaNode node) {
        return NodeServices.service(ctx, node, "ClusterIP",
                port -> port.withName(portName(port.getName())).withAppProtocol("tcp"))
                .build();
    }

    /** {@code tcp-<name>}: Istio's protocol-by-name convention for opaque TCP (at most 15 characters). */
    static String portName(String kafkaPort) {
        return "tcp-" + kafkaPort;
    }

    static String host(ProviderContext ctx, KafkaNode node) {
        return node.podName() + "." + ctx.namespace() + ".svc." + clusterDomain(ctx);
    }

    private static String clusterDomain(ProviderContext ctx) {
        return ctx.config().getOrDefault(CLUSTER_DOMAIN, DEFAULT_CLUSTER_DOMAIN);
    }
}
