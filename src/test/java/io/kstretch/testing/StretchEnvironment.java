package io.kstretch.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kstretch.api.Kafka;
import io.kstretch.api.MemberCluster;

/**
 * A central cluster (the operator's own, a Quarkus test mock server) and remote member API servers, with the
 * fake garbage collector and StatefulSet controller running in each. Members are registered in a namespace through
 * real kubeconfig Secrets, as a user would.
 */
public final class StretchEnvironment implements AutoCloseable {
    private final KubernetesClient central;
    private final Map<String, MemberApiServer> remotes = new LinkedHashMap<>();
    private final Map<String, FakeStatefulSetController> controllers = new LinkedHashMap<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    /** Starts one API server per remote member name, and the fakes in the central cluster and every remote. */
    public StretchEnvironment(KubernetesClient central, String... remoteNames) {
        this.central = central;
        Fixtures.installServiceExportCrd(central);
        closeables.add(new FakeGarbageCollector(central, Kafka.class));
        FakeStatefulSetController centralController = new FakeStatefulSetController(central);
        controllers.put("central", centralController);
        closeables.add(centralController);
        for (String name : remoteNames) {
            MemberApiServer server = new MemberApiServer(name);
            Fixtures.installServiceExportCrd(server.client());
            remotes.put(name, server);
            closeables.add(new FakeGarbageCollector(server.client()));
            FakeStatefulSetController controller = new FakeStatefulSetController(server.client());
            controllers.put(name, controller);
            closeables.add(controller);
            closeables.add(server);
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
        return controllers.get(member);
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

    public MemberCluster memberCluster(String namespace, String name) {
        return central.resources(MemberCluster.class).inNamespace(namespace).withName(name).get();
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                // best effort
            }
        }
    }
}
