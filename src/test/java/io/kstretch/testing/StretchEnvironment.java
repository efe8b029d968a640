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
 * fake garbage collector, StatefulSet controller and Service controller running in each, the test Nodes of
 * {@link TestNodes#standard} in each, and the CRDs the built-in networking providers look for (MCS ServiceExport,
 * Cilium, Istio) installed in each. Members are registered in a namespace through real kubeconfig Secrets, as a
 * user would. {@link #startBareRemote} adds a member without any of those CRDs.
 */
public final class StretchEnvironment implements AutoCloseable {
    public static final ResourceDefinitionContext SERVICE_EXPORT = new ResourceDefinitionContext.Builder()
            .withGroup("multicluster.x-k8s.io").withVersion("v1alpha1").withKind("ServiceExport")
            .withPlural("serviceexports").withNamespaced(true).build();
    private final KubernetesClient central;
    private final Map<String, MemberApiServer> remotes = new LinkedHashMap<>();
    private final Map<String, AutoCloseable> podRunners = new LinkedHashMap<>();
    private final Map<String, FakeServiceController> serviceControllers = new LinkedHashMap<>();
    private final PodRunner pods;
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
        this.pods = pods;
        installProviderCrds(central);
        closeables.add(new FakeGarbageCollector(central, Kafka.class));
        startControllers("central", central);
        for (String name : remoteNames) {
            MemberApiServer server = startBareRemote(name);
            installProviderCrds(server.client());
            remotes.put(name, server);
        }
    }

    private static void installProviderCrds(KubernetesClient client) {
        Fixtures.installServiceExportCrd(client);
        Fixtures.installCiliumCrds(client);
        Fixtures.installIstioCrds(client);
    }

    private void startControllers(String name, KubernetesClient client) {
        int index = podRunners.size();
        podRunners.put(name, pods.start(name, client));
        FakeServiceController services = new FakeServiceController(client, name, index);
        serviceControllers.put(name, services);
        closeables.add(services);
        TestNodes.apply(client, TestNodes.standard(name, index));
    }

    /**
     * Starts a further remote member {@code name} with the fakes and test Nodes but none of the providers' CRDs,
     * not registered by {@link #register} (see {@link #registerRemote}); closed with the environment.
     */
    public MemberApiServer startBareRemote(String name) {
        MemberApiServer server = new MemberApiServer(name);
        closeables.add(server);
        closeables.add(new FakeGarbageCollector(server.client()));
        startControllers(name, server.client());
        return server;
    }

    /** Registers {@code server} as member {@code server.name()} in {@code namespace} (Secret and MemberCluster). */
    public void registerRemote(String namespace, MemberApiServer server) {
        registerRemote(namespace, server, m -> {
        });
    }

    /** Registers {@code server} in {@code namespace}, with its MemberCluster changed by {@code customize}. */
    public void registerRemote(String namespace, MemberApiServer server,
            java.util.function.Consumer<MemberCluster> customize) {
        server.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                .endMetadata().build()).createOr(r -> r.update());
        central.resource(new SecretBuilder().withNewMetadata().withName(server.name() + "-kubeconfig")
                .withNamespace(namespace).endMetadata()
                .addToStringData("kubeconfig", server.kubeconfig()).build()).create();
        MemberCluster member = Fixtures.member(namespace, server.name(), server.name() + "-kubeconfig");
        customize.accept(member);
        central.resource(member).create();
    }

    /** The fake Service controller (nodePorts, LoadBalancer ingress) of a member ("central" for the central one). */
    public FakeServiceController services(String member) {
        return serviceControllers.get(member);
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
        register(namespace, m -> {
        });
    }

    /** Like {@link #register(String)}, with every MemberCluster changed by {@code customize} first. */
    public void register(String namespace, java.util.function.Consumer<MemberCluster> customize) {
        central.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                .build()).createOr(r -> r.update());
        MemberCluster centralMember = Fixtures.centralMember(namespace, "central");
        customize.accept(centralMember);
        central.resource(centralMember).create();
        remotes.values().forEach(server -> registerRemote(namespace, server, customize));
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
        Map<String, String> uids = new java.util.TreeMap<>();
        managed(member, namespace).forEach(o -> uids.put(o.getKind() + "/" + o.getMetadata().getName(),
                o.getMetadata().getUid()));
        return uids;
    }

    /**
     * Every object of Kafka my-cluster in {@code member} of the kinds kstretch writes (selected by its cluster
     * label): StatefulSets, ConfigMaps, Secrets, Services, PodDisruptionBudgets, ServiceAccounts, ServiceExports.
     */
    public List<HasMetadata> managed(String member, String namespace) {
        return managed(member, namespace, KStretch.CLUSTER_LABEL + "=my-cluster");
    }

    /**
     * The objects of every kind kstretch writes to a member, in {@code namespace}, that match {@code selector}
     * (e.g. {@code kstretch.io/cluster} for those of every Kafka: GC anchors carry the label too).
     */
    public List<HasMetadata> managed(String member, String namespace, String selector) {
        KubernetesClient client = client(member);
        List<HasMetadata> all = new ArrayList<>();
        all.addAll(client.apps().statefulSets().inNamespace(namespace).withLabelSelector(selector).list().getItems());
        all.addAll(client.configMaps().inNamespace(namespace).withLabelSelector(selector).list().getItems());
        all.addAll(client.secrets().inNamespace(namespace).withLabelSelector(selector).list().getItems());
        all.addAll(client.services().inNamespace(namespace).withLabelSelector(selector).list().getItems());
        all.addAll(client.policy().v1().podDisruptionBudget().inNamespace(namespace).withLabelSelector(selector)
                .list().getItems());
        all.addAll(client.serviceAccounts().inNamespace(namespace).withLabelSelector(selector).list().getItems());
        all.addAll(client.genericKubernetesResources(SERVICE_EXPORT).inNamespace(namespace)
                .withLabelSelector(selector).list().getItems());
        return all;
    }

    public MemberCluster memberCluster(String namespace, String name) {
        return central.resources(MemberCluster.class).inNamespace(namespace).withName(name).get();
    }

    @Override
    public void close() {
        // pods first, all members at once (a node's controlled shutdown waits for its peers), then the servers
        podRunners.values().parallelStream().forEach(StretchEnvironment::closeQuietly);
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeQuietly(closeables.get(i));
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
