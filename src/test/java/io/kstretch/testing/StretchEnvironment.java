package io.kstretch.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.kstretch.api.KStretch;
import io.kstretch.api.ProcessRole;
import io.kstretch.api.Kafka;
import io.kstretch.api.MemberCluster;

/**
 * A central cluster (the operator's own, a Quarkus test mock server) and remote member API servers, with the
 * fake garbage collector and StatefulSet controller running in each. Members are registered in a namespace through
 * real kubeconfig Secrets, as a user would.
 */
public final class StretchEnvironment implements AutoCloseable {
    public static final ResourceDefinitionContext SERVICE_EXPORT = new ResourceDefinitionContext.Builder()
            .withGroup("multicluster.x-k8s.io").withVersion("v1alpha1").withKind("ServiceExport")
            .withPlural("serviceexports").withNamespaced(true).build();
    private final KubernetesClient central;
    private final Map<String, MemberApiServer> remotes = new LinkedHashMap<>();
    private final Map<String, AutoCloseable> podRunners = new LinkedHashMap<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    /** What runs the pods of a member's StatefulSets: a fake controller, or a local kubelet running real Kafka. */
    @FunctionalInterface
    public interface PodRunner {
        AutoCloseable start(String member, KubernetesClient client);
    }

    /** Starts one API server per remote member name, and the fakes in the central cluster and every remote. */
    public StretchEnvironment(KubernetesClient central, String... remoteNames) {
        this(central, (member, client) -> new FakeStatefulSetController(client), remoteNames);
    }

    /**
     * Starts one API server per remote member name, the fake garbage collector everywhere, and {@code pods} for the
     * StatefulSets of the central cluster ("central") and every remote.
     */
    public StretchEnvironment(KubernetesClient central, PodRunner pods, String... remoteNames) {
        this.central = central;
        Fixtures.installServiceExportCrd(central);
        closeables.add(new FakeGarbageCollector(central, Kafka.class));
        AutoCloseable centralPods = pods.start("central", central);
        podRunners.put("central", centralPods);
        closeables.add(centralPods);
        for (String name : remoteNames) {
            MemberApiServer server = new MemberApiServer(name);
            Fixtures.installServiceExportCrd(server.client());
            remotes.put(name, server);
            closeables.add(server);
            closeables.add(new FakeGarbageCollector(server.client()));
            AutoCloseable runner = pods.start(name, server.client());
            podRunners.put(name, runner);
            closeables.add(runner);
        }
    }

    public MemberApiServer remote(String name) {
        return remotes.get(name);
    }

    public Map<String, MemberApiServer> remotes() {
        return remotes;
    }

    /** The fake StatefulSet controller of a member ("central" for the central cluster). */
    public FakeStatefulSetController controller(String member) {
        return (FakeStatefulSetController) podRunners.get(member);
    }

    /** The local kubelet of a member, when the environment runs real Kafka. */
    public io.kstretch.testing.kubelet.LocalKubelet kubelet(String member) {
        return (io.kstretch.testing.kubelet.LocalKubelet) podRunners.get(member);
    }

    /** A client to a member ("central" for the central cluster). */
    public KubernetesClient client(String member) {
        return "central".equals(member) ? central : remotes.get(member).client();
    }

    /**
     * Creates {@code namespace} everywhere and registers the members there: MemberCluster "central" for the
     * central cluster, and one per remote with its kubeconfig Secret.
     */
    public void register(String namespace) {
        central.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                .build()).createOr(r -> r.update());
        central.resource(Fixtures.centralMember(namespace, "central")).create();
        remotes.forEach((name, server) -> {
            server.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                    .endMetadata().build()).createOr(r -> r.update());
            central.resource(new SecretBuilder().withNewMetadata().withName(name + "-kubeconfig")
                    .withNamespace(namespace).endMetadata()
                    .addToStringData("kubeconfig", server.kubeconfig()).build()).create();
            central.resource(Fixtures.member(namespace, name, name + "-kubeconfig")).create();
        });
    }

    /**
     * Registers the members in {@code namespace} and creates Kafka my-cluster (provider mcs) with one
     * controller+broker node pool per member: central-pool, east-pool, west-pool.
     */
    public void createStretchedKafka(String namespace) {
        register(namespace);
        central.resource(Fixtures.kafka(namespace, "my-cluster", "mcs")).create();
        for (String member : List.of("central", "east", "west")) {
            central.resource(Fixtures.pool(namespace, member + "-pool", "my-cluster", member, 1,
                    ProcessRole.CONTROLLER, ProcessRole.BROKER)).create();
        }
    }

    /** Kind/name → uid of everything kstretch manages for Kafka my-cluster in a member's namespace. */
    public Map<String, String> managedUids(String member, String namespace) {
        KubernetesClient client = client(member);
        String selector = KStretch.CLUSTER_LABEL + "=my-cluster";
        List<HasMetadata> all = new ArrayList<>();
        all.addAll(client.apps().statefulSets().inNamespace(namespace).withLabelSelector(selector).list().getItems());
        all.addAll(client.configMaps().inNamespace(namespace).withLabelSelector(selector).list().getItems());
        all.addAll(client.services().inNamespace(namespace).withLabelSelector(selector).list().getItems());
        all.addAll(client.policy().v1().podDisruptionBudget().inNamespace(namespace).withLabelSelector(selector)
                .list().getItems());
        all.addAll(client.serviceAccounts().inNamespace(namespace).withLabelSelector(selector).list().getItems());
        all.addAll(client.genericKubernetesResources(SERVICE_EXPORT).inNamespace(namespace)
                .withLabelSelector(selector).list().getItems());
        Map<String, String> uids = new java.util.TreeMap<>();
        all.forEach(o -> uids.put(o.getKind() + "/" + o.getMetadata().getName(), o.getMetadata().getUid()));
        return uids;
    }

    public MemberCluster memberCluster(String namespace, String name) {
        return central.resources(MemberCluster.class).inNamespace(namespace).withName(name).get();
    }

    @Override
    public void close() {
        // pods first, all members at once (a node's controlled shutdown waits for its peers), then the servers
        podRunners.values().parallelStream().forEach(StretchEnvironment::closeQuietly);
        for (int i = closeables.size() - 1; i >= 0; i--) {
            if (!podRunners.containsValue(closeables.get(i))) {
                closeQuietly(closeables.get(i));
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // best effort
        }
    }
}
