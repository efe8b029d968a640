package io.kstretch.spi;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

/**
 * How Kafka nodes in different member clusters reach each other. A provider is a CDI bean annotated
 * {@code @Identifier("<name>")}; a Kafka selects it with {@code spec.networking.provider: <name>}.
 * <p>
 * Providers are declarative and synchronous: they never hold a client and never write. The core applies what they
 * return (adding kstretch's labels, namespace and owner), and builds every Kafka setting from their endpoints.
 * Everything returned must be a pure function of the context, so that a second reconcile changes nothing.
 */
public interface NetworkingProvider {

    /**
     * Checks the provider config and, per member, the prerequisites (CRDs, node addresses, ...).
     *
     * @return one message per problem, naming the member or config key and how to fix it; empty when fine
     */
    List<String> validate(ProviderContext ctx);

    /**
     * Objects the provider needs in a member, e.g. a ServiceExport, or per-node Services that must exist in every
     * member. Called once per member that holds nodes of the Kafka. None by default.
     */
    default List<HasMetadata> memberResources(ProviderContext ctx, Member member) {
        return List.of();
    }

    /**
     * Objects the provider needs for one node, created in the node's own member (e.g. a NodePort Service). None by
     * default.
     */
    default List<HasMetadata> nodeResources(ProviderContext ctx, KafkaNode node) {
        return List.of();
    }

    /**
     * Where {@code port} of {@code node} is reached from every member, or {@link Endpoint#pending(String)} while the
     * address is not known yet (never a guess).
     */
    Endpoint endpoint(ProviderContext ctx, KafkaNode node, KafkaPort port);

    /** Names and addresses a node's certificate must carry; by default the hosts of its endpoints. */
    default List<String> certificateSans(ProviderContext ctx, KafkaNode node) {
        List<String> sans = new ArrayList<>();
        for (KafkaPort port : node.ports()) {
            Endpoint endpoint = endpoint(ctx, node, port);
            if (!endpoint.isPending() && !sans.contains(endpoint.host())) {
                sans.add(endpoint.host());
            }
        }
        return sans;
    }

    /** Changes the pod template of the nodes placed in {@code member} needs (e.g. mesh annotations). */
    default PodTemplateSpec customizePod(ProviderContext ctx, Member member, PodTemplateSpec pod) {
        return pod;
    }

    /**
     * Whether the provider reads the members' Nodes ({@link ObservedObjects#nodes()}). When true, the core watches
     * the Nodes of every member that holds nodes of a Kafka using this provider (cluster-scoped, read only: the
     * member needs {@code k8s/member-rbac/nodes-clusterrole.yaml}), re-runs the reconcile when a Node's readiness,
     * schedulability or addresses change, and works on a member only once its Nodes have been listed. A constant:
     * a provider either reads Nodes or it does not.
     */
    default boolean needsNodes() {
        return false;
    }
}
