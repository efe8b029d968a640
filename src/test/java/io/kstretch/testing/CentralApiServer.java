package io.kstretch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * The central cluster's API server for tests that run the packaged operator as a process: a fabric8 CRUD mock with
 * kstretch's shipped CRDs (k8s/crds) installed and the ServiceExport CRD. The mock has no authorizer, so a
 * SelfSubjectRulesReview (which leader election asks before taking the Lease) is answered by a fixed stand-in that
 * allows everything.
 */
public final class CentralApiServer implements AutoCloseable {
    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient client;
    private final RequestLog requestLog;
    /** The bearer token of the kubeconfig the operator is given ({@link #writeKubeconfig}). */
    public static final String TOKEN = "operator-token";

    public CentralApiServer() {
        var responses = new HashMap<io.fabric8.mockwebserver.ServerRequest, java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>();
        requestLog = new RequestLog(new KubernetesMixedDispatcher(responses), RequestLog.bearer(TOKEN));
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, requestLog, false);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().withIncomplete(false)
                        .withResourceRules(new ResourceRuleBuilder().withApiGroups("*").withResources("*")
                                .withVerbs("*").build())
                        .endStatus().build())
                .always();
        client = server.createClient();
        installCrds(client, Path.of("k8s/crds"));
        Fixtures.installServiceExportCrd(client);
    }

    /** Installs every CRD file in {@code dir} (the ones the project ships). */
    public static void installCrds(NamespacedKubernetesClient client, Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                    .sorted().toList()) {
                CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(file),
                        CustomResourceDefinition.class);
                client.resource(crd).createOr(r -> r.update());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public NamespacedKubernetesClient client() {
        return client;
    }

    /** The log of the requests made with the operator's kubeconfig (off until recording is started). */
    public RequestLog requestLog() {
        return requestLog;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** A kubeconfig file for this server (plain HTTP on loopback, any token). */
    public Path writeKubeconfig(Path file) {
        String text = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: central
                  cluster: {server: "%s"}
                contexts:
                - name: central
                  context: {cluster: central, user: operator, namespace: default}
                current-context: central
                users:
                - name: operator
                  user: {token: %s}
                """.formatted(url(), TOKEN);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
