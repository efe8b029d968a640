package io.kstretch.it;

import java.util.Map;

import io.kstretch.testing.CentralApiServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * For the {@code @QuarkusIntegrationTest}s: starts the central API server (the shipped CRDs installed, leader
 * election's SelfSubjectRulesReview answered) and two remote members, east and west, with the test fakes running
 * (see {@link PackagedStretch}), and points the packaged operator at the central one. The operator runs in the prod
 * profile — leader election on (Lease kstretch-operator in namespace default), CRD validation on — as the JVM
 * package, or as the native binary when the build is native ({@code -Dnative}).
 *
 * <p>
 * Test classes get the environment in a field of type {@link PackagedStretch}. All of them share one operator and
 * one set of API servers (Quarkus starts the application once for the same resources); each test uses its own
 * namespace.
 */
public class PackagedOperatorResource implements QuarkusTestResourceLifecycleManager {
    static final String IDENTITY = "quarkus-it";
    private PackagedStretch stretch;

    @Override
    public Map<String, String> start() {
        stretch = new PackagedStretch("quarkus-it");
        // passed to the launched application as -D system properties (JVM and native alike)
        return Map.of(
                "quarkus.kubernetes-client.api-server-url", stretch.central.url(),
                "quarkus.kubernetes-client.token", CentralApiServer.TOKEN,
                "quarkus.kubernetes-client.namespace", "default",
                "kstretch.leader-election.lease-namespace", "default",
                "kstretch.leader-election.identity", IDENTITY);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(stretch, new TestInjector.MatchesType(PackagedStretch.class));
    }

    @Override
    public void stop() {
        if (stretch != null) {
            stretch.close();
        }
    }
}
