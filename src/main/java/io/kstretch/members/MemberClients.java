package io.kstretch.members;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.kstretch.render.KubernetesJson;

/**
 * Builds the client of a member: from its kubeconfig (checked by {@link KubeconfigPolicy}), or from the operator's
 * own configuration for the central cluster. Every client counts its requests per verb in {@link MemberMetrics},
 * fails fast (short timeouts, few retries: an unreachable member is skipped, not waited for) and verifies TLS.
 * All of them share one serialization ({@link KubernetesJson}), so that Jackson learns the Kubernetes model once.
 */
@ApplicationScoped
public class MemberClients {
    @Inject
    KubernetesClient central;

    @Inject
    MemberMetrics metrics;

    public KubernetesClient forKubeconfig(MemberKey key, String kubeconfig) throws KubeconfigException {
        io.fabric8.kubernetes.api.model.Config checked = KubeconfigPolicy.check(kubeconfig);
        Config config;
        try {
            config = Config.fromKubeconfig(kubeconfig);
        } catch (RuntimeException e) {
            throw new KubeconfigException("KubeconfigInvalid", "the kubeconfig cannot be used: "
                    + KubeconfigPolicy.redact(e.getMessage(), checked));
        }
        config.setTrustCerts(false);
        config.setDisableHostnameVerification(false);
        return build(key, config);
    }

    public KubernetesClient forCentral(MemberKey key) {
        return build(key, new ConfigBuilder(central.getConfiguration()).build());
    }

    private KubernetesClient build(MemberKey key, Config config) {
        config.setNamespace(key.namespace());
        config.setConnectionTimeout(5_000);
        config.setRequestTimeout(30_000);
        config.setRequestRetryBackoffLimit(2);
        config.setRequestRetryBackoffInterval(200);
        config.setWatchReconnectInterval(1_000);
        config.setWatchReconnectLimit(-1);
        return new KubernetesClientBuilder()
                .withConfig(config)
                .withKubernetesSerialization(KubernetesJson.SERIALIZATION)
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("kstretch-requests",
                        new RequestCounter(key, metrics)))
                .build();
    }

    /** Counts every request a member's client sends, by verb. */
    private record RequestCounter(MemberKey key, MemberMetrics metrics) implements Interceptor {
        @Override
        public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            URI uri = request.uri();
            metrics.request(key, ApiVerb.of(request.method(), uri));
        }
    }
}
