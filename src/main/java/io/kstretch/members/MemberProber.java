package io.kstretch.members;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.kstretch.api.KStretch;
import io.kstretch.render.KubernetesJson;

/**
 * One probe of a member: {@code GET /version} (reachability and version; readable without credentials), then a
 * one-item list of kstretch's ConfigMaps in the member's namespace (are the credentials valid and allowed?). Both
 * within the timeout. Never throws: every failure becomes an unreachable {@link MemberHealth} with a reason.
 */
public final class MemberProber {
    private MemberProber() {
    }

    public static CompletableFuture<MemberHealth> probe(KubernetesClient client, String namespace, Duration timeout,
            MemberHealth previous) {
        HttpClient http = client.getHttpClient();
        String base = client.getMasterUrl().toString().replaceAll("/+$", "");
        long start = System.nanoTime();
        HttpRequest version = http.newHttpRequestBuilder().uri(base + "/version")
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).build();
        HttpRequest authorized = http.newHttpRequestBuilder()
                .uri(base + "/api/v1/namespaces/" + namespace + "/configmaps?limit=1&labelSelector="
                        + KStretch.MANAGED_BY_LABEL + "%3D" + KStretch.MANAGED_BY)
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).build();
        return http.sendAsync(version, String.class)
                .thenCompose(v -> {
                    if (v.code() != 200) {
                        return CompletableFuture.completedFuture(failed(previous, "ProbeFailed",
                                "GET /version answered HTTP " + v.code()));
                    }
                    String gitVersion = gitVersion(v);
                    return http.sendAsync(authorized, String.class).thenApply(a -> {
                        Duration latency = Duration.ofNanos(System.nanoTime() - start);
                        return switch (a.code()) {
                            case 200 -> success(previous, gitVersion, latency);
                            case 401 -> failed(previous, "Unauthorized", "the member rejected the credentials"
                                    + " (HTTP 401): the token or certificate in the kubeconfig Secret is expired or"
                                    + " revoked");
                            case 403 -> failed(previous, "Forbidden", "the credentials may not list ConfigMaps in"
                                    + " namespace " + namespace + " (HTTP 403): grant the Role in k8s/member-rbac/");
                            case 404 -> failed(previous, "NamespaceMissing", "namespace " + namespace
                                    + " does not exist in the member (HTTP 404): create it there");
                            default -> failed(previous, "ProbeFailed", "listing ConfigMaps answered HTTP "
                                    + a.code());
                        };
                    });
                })
                .orTimeout(timeout.toMillis() * 2, TimeUnit.MILLISECONDS)
                .exceptionally(t -> failed(previous, "ProbeFailed", describe(t, timeout)));
    }

    private static String gitVersion(HttpResponse<String> response) {
        try {
            JsonNode node = KubernetesJson.SERIALIZATION.unmarshal(response.body(), JsonNode.class);
            String gitVersion = node.path("gitVersion").asText("");
            if (!gitVersion.isEmpty()) {
                return gitVersion;
            }
            String major = node.path("major").asText("");
            return major.isEmpty() ? null : "v" + major + "." + node.path("minor").asText("0");
        } catch (Exception e) {
            return null;
        }
    }

    private static MemberHealth success(MemberHealth previous, String version, Duration latency) {
        Instant since = previous != null && previous.reachable() ? previous.since() : Instant.now();
        return new MemberHealth(MemberHealth.State.REACHABLE, "ProbeSucceeded",
                "the member answers and accepts the credentials", version, latency, since);
    }

    private static MemberHealth failed(MemberHealth previous, String reason, String message) {
        Instant since = previous != null && previous.state() == MemberHealth.State.UNREACHABLE
                && previous.reason().equals(reason) ? previous.since() : Instant.now();
        return new MemberHealth(MemberHealth.State.UNREACHABLE, reason, message, null, null, since);
    }

    static String describe(Throwable t, Duration timeout) {
        while ((t instanceof CompletionException || t.getCause() instanceof TimeoutException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof TimeoutException) {
            return "no answer within " + timeout.toSeconds() + " s";
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }
}
