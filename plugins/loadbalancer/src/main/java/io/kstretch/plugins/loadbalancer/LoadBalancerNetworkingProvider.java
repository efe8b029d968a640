package io.kstretch.plugins.loadbalancer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.kstretch.spi.Endpoint;
import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.KafkaPort;
import io.kstretch.spi.NetworkingProvider;
import io.kstretch.spi.NodeServices;
import io.kstretch.spi.ProviderConfig;
import io.kstretch.spi.ProviderContext;
import io.smallrye.common.annotation.Identifier;

/**
 * LoadBalancer Services: each Kafka node gets a Service {@code <pod>} of type LoadBalancer in its own member and is
 * reached at the Service's ingress address (its hostname when the load balancer gives one, else its IP) and the
 * node's own port numbers. Until the member's load-balancer controller has assigned an address the endpoint is
 * pending - for as long as that takes; nothing is rendered from it meanwhile.
 * <p>
 * Settings ({@code spec.networking.config}):
 * <ul>
 * <li>{@code loadBalancerClass}: the Services' {@code spec.loadBalancerClass} (which controller serves them;
 * fixed once a Service exists);</li>
 * <li>{@code loadBalancerSourceRanges}: comma-separated CIDRs allowed to connect (they must include the other
 * members' egress addresses, since nodes replicate through the load balancers);</li>
 * <li>{@code externalTrafficPolicy}: {@code Cluster} (default) or {@code Local};</li>
 * <li>{@code annotation.<key>}: annotation {@code <key>} on every Service, e.g.
 * {@code annotation.service.beta.kubernetes.io/aws-load-balancer-type: nlb}.</li>
 * </ul>
 * No prerequisite can be checked from the API: whether a controller serves the Services shows as a pending endpoint.
 */
@ApplicationScoped
@Identifier(LoadBalancerNetworkingProvider.NAME)
public class LoadBalancerNetworkingProvider implements NetworkingProvider {
    public static final String NAME = "loadbalancer";
    static final String CLASS = "loadBalancerClass";
    static final String SOURCE_RANGES = "loadBalancerSourceRanges";
    static final String TRAFFIC_POLICY = "externalTrafficPolicy";
    static final String ANNOTATION_PREFIX = "annotation.";
    static final List<String> SETTINGS = List.of(CLASS, SOURCE_RANGES, TRAFFIC_POLICY, ANNOTATION_PREFIX + "*");

    @Override
    public List<String> validate(ProviderContext ctx) {
        Map<String, String> config = ctx.config();
        List<String> problems = new ArrayList<>(ProviderConfig.unknownKeys(NAME, config, SETTINGS));
        String lbClass = config.get(CLASS);
        if (lbClass != null && !Names.isQualifiedName(lbClass)) {
            problems.add("config." + CLASS + " '" + lbClass + "' is not a qualified name such as"
                    + " service.k8s.aws/nlb");
        }
        String ranges = config.get(SOURCE_RANGES);
        if (ranges != null) {
            for (String range : ranges.split(",", -1)) {
                if (!Names.isCidr(range.trim())) {
                    problems.add("config." + SOURCE_RANGES + ": '" + range.trim() + "' is not a CIDR such as"
                            + " 10.0.0.0/8 (comma-separated list)");
                }
            }
        }
        String policy = config.get(TRAFFIC_POLICY);
        if (policy != null && !policy.equals("Cluster") && !policy.equals("Local")) {
            problems.add("config." + TRAFFIC_POLICY + " '" + policy + "' must be Cluster or Local");
        }
        for (String key : new java.util.TreeSet<>(config.keySet())) {
            if (key.startsWith(ANNOTATION_PREFIX) && key.length() > ANNOTATION_PREFIX.length()) {
                String annotation = key.substring(ANNOTATION_PREFIX.length());
                if (!Names.isQualifiedName(annotation)) {
                    problems.add("config." + key + ": '" + annotation + "' is not an annotation key");
                } else if (annotation.startsWith("kstretch.io/")) {
                    problems.add("config." + key + ": annotations kstretch.io/* are kstretch's own");
                }
            }
        }
        return problems;
    }

    /** The node's LoadBalancer Service; nodePorts (which the API server allocates) are kept by the core. */
    @Override
    public List<HasMetadata> nodeResources(ProviderContext ctx, KafkaNode node) {
        Map<String, String> config = ctx.config();
        Map<String, String> annotations = new TreeMap<>();
        config.forEach((key, value) -> {
            if (key.startsWith(ANNOTATION_PREFIX) && key.length() > ANNOTATION_PREFIX.length()) {
                annotations.put(key.substring(ANNOTATION_PREFIX.length()), value);
            }
        });
        List<String> sourceRanges = new ArrayList<>();
        if (config.get(SOURCE_RANGES) != null) {
            for (String range : config.get(SOURCE_RANGES).split(",")) {
                if (!range.isBlank()) {
                    sourceRanges.add(range.trim());
                }
            }
        }
        Service service = NodeServices.service(ctx, node, "LoadBalancer")
                .editMetadata().withAnnotations(annotations.isEmpty() ? null : annotations).endMetadata()
                .editSpec()
                .withLoadBalancerClass(config.get(CLASS))
                .withLoadBalancerSourceRanges(sourceRanges.isEmpty() ? null : sourceRanges)
                .withExternalTrafficPolicy(config.getOrDefault(TRAFFIC_POLICY, "Cluster"))
                .endSpec()
                .build();
        return List.of(service);
    }

    @Override
    public Endpoint endpoint(ProviderContext ctx, KafkaNode node, KafkaPort port) {
        String service = "LoadBalancer Service " + ctx.namespace() + "/" + node.podName() + " in member "
                + node.member().name();
        Optional<Service> observed = ctx.observed(node.member()).get(Service.class, node.podName());
        if (observed.isEmpty()) {
            return Endpoint.pending(service + " not observed yet");
        }
        String host = ingressHost(observed.get());
        if (host == null) {
            return Endpoint.pending(service + " has no ingress address yet");
        }
        return Endpoint.of(host, port.port());
    }

    /** The first ingress entry's hostname (stable across load balancer changes) or else its IP; null if none. */
    static String ingressHost(Service service) {
        if (service.getStatus() == null || service.getStatus().getLoadBalancer() == null
                || service.getStatus().getLoadBalancer().getIngress() == null) {
            return null;
        }
        for (LoadBalancerIngress ingress : service.getStatus().getLoadBalancer().getIngress()) {
            if (ingress.getHostname() != null && !ingress.getHostname().isBlank()) {
                return ingress.getHostname();
            }
            if (ingress.getIp() != null && !ingress.getIp().isBlank()) {
                return ingress.getIp();
            }
        }
        return null;
    }
}
