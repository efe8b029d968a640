package io.kstretch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * A member cluster's API server in tests: a fabric8 CRUD mock server over HTTPS (its own self-signed certificate,
 * which the member's kubeconfig carries as CA data, so the operator really verifies TLS) behind a
 * {@link PartitionProxy}. The mock does not garbage-collect, run controllers or validate schemas; see
 * {@link FakeGarbageCollector} and {@link FakeStatefulSetController}.
 */
public final class MemberApiServer implements AutoCloseable {
    private final String name;
    private final KubernetesMockServer server;
    private final PartitionProxy proxy;
    private final NamespacedKubernetesClient client;
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final RequestLog requestLog;
    /** The bearer token of the kubeconfig the operator is given ({@link #kubeconfig()}). */
    public static final String TOKEN = "test-token";

    public MemberApiServer(String name) {
        this.name = name;
        var responses = new HashMap<io.fabric8.mockwebserver.ServerRequest, java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>();
        this.requestLog = new RequestLog(new KubernetesMixedDispatcher(responses), RequestLog.bearer(TOKEN));
        this.server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, requestLog, true);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
            this.proxy = new PartitionProxy(server.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.client = server.createClient();
    }

    public String name() {
        return name;
    }

    /** A client straight to the server (not through the proxy), for test set-up and assertions. */
    public NamespacedKubernetesClient client() {
        return client;
    }

    /** A kubeconfig that reaches this server through its proxy, verifying its certificate, with a token. */
    public String kubeconfig() {
        return kubeconfig("https://localhost:" + proxy.port(), caData());
    }

    public static String kubeconfig(String server, String caData) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: member
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                contexts:
                - name: member
                  context: {cluster: member, user: kstretch}
                current-context: member
                users:
                - name: kstretch
                  user: {token: %s}
                """.formatted(server, caData, TOKEN);
    }

    /** Base64 PEM of this server's self-signed certificate. */
    public String caData() {
        try {
            String pem = Files.readString(Path.of(server.getSelfSignedCertificate().certificatePath()),
                    StandardCharsets.US_ASCII);
            return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The log of the requests made with the operator's kubeconfig (off until recording is started). */
    public RequestLog requestLog() {
        return requestLog;
    }

    public void partition() {
        proxy.partition();
    }

    public void heal() {
        proxy.heal();
    }

    /** Every request the server received since the last call (through the proxy or not). */
    public synchronized List<RecordedRequest> drainRequests() {
        List<RecordedRequest> drained = new ArrayList<>();
        try {
            RecordedRequest r;
            while ((r = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
                drained.add(r);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        requests.addAll(drained);
        return drained;
    }

    @Override
    public void close() {
        client.close();
        proxy.close();
        server.destroy();
    }
}
