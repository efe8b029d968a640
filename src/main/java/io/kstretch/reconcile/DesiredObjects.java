package io.kstretch.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kstretch.api.ControllerStatus;
import io.kstretch.certs.SubjectAltNames;
import io.kstretch.render.ClusterCaCertSecret;
import io.kstretch.render.HeadlessService;
import io.kstretch.render.NodeServiceAccount;
import io.kstretch.render.NodeTls;
import io.kstretch.render.PoolCertsSecret;
import io.kstretch.render.PoolConfigMap;
import io.kstretch.render.PoolDisruptionBudget;
import io.kstretch.render.PoolStatefulSet;
import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.NetworkingProvider;
import io.kstretch.spi.ProviderContext;
import io.kstretch.topology.Endpoints;
import io.kstretch.topology.Placement;
import io.kstretch.topology.PoolLayout;
import io.kstretch.topology.Topology;

/** Everything kstretch wants in one member for one Kafka, before it is decorated and applied. */
public final class DesiredObjects {
    private DesiredObjects() {
    }

    /**
     * The names and addresses a node's certificate carries: those of its endpoints (as the provider says), and its
     * names in its own member under the headless Service.
     */
    static SubjectAltNames certificateNames(NetworkingProvider provider, ProviderContext ctx, KafkaNode node) {
        List<String> names = new ArrayList<>(provider.certificateSans(ctx, node));
        String inMember = node.podName() + "." + ctx.headlessService() + "." + ctx.namespace() + ".svc";
        names.add(inMember);
        names.add(inMember + ".cluster.local");
        return SubjectAltNames.of(names);
    }

    /** What the provider wants in this member: its member resources, and node resources of the nodes placed here. */
    public static List<HasMetadata> provider(NetworkingProvider provider, ProviderContext ctx, Placement placement) {
        List<HasMetadata> objects = new ArrayList<>(provider.memberResources(ctx, placement.member()));
        for (KafkaNode node : placement.nodes()) {
            objects.addAll(provider.nodeResources(ctx, node));
        }
        return objects;
    }

    /**
     * kstretch's data plane in this member: the nodes' ServiceAccount and headless Service, the cluster CA
     * certificates for clients, and per pool its ConfigMap, certificates Secret, StatefulSet (pod template as the
     * provider customises it) and PodDisruptionBudget.
     */
    static List<HasMetadata> dataPlane(Topology topology, Placement placement, Endpoints endpoints, String clusterId,
            List<ControllerStatus> initialControllers, NodeTls tls, NetworkingProvider provider, ProviderContext ctx) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(NodeServiceAccount.render(topology));
        objects.add(HeadlessService.render(topology, placement));
        if (!placement.member().central()) {
            // in the central cluster the certificates step publishes it
            objects.add(ClusterCaCertSecret.render(topology.kafkaName(), tls.clusterTrust()));
        }
        for (PoolLayout pool : placement.pools()) {
            ConfigMap config = PoolConfigMap.render(topology, pool, endpoints, clusterId, initialControllers);
            objects.add(PoolCertsSecret.render(topology, pool, tls));
            Map<Integer, String> hashes = PoolConfigMap.nodeHashes(config, pool, tls);
            StatefulSet sts = PoolStatefulSet.render(topology, pool, hashes,
                    template -> provider.customizePod(ctx, placement.member(), template));
            objects.add(config);
            objects.add(sts);
            objects.add(PoolDisruptionBudget.render(topology, pool));
        }
        return objects;
    }
}
