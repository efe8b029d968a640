package io.kstretch.render;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/**
 * {@code <kafka>-cluster-ca-cert}: the cluster CA certificates, published in every member (and the central cluster)
 * for clients, which must trust them to connect to a TLS listener. Public information: no key.
 */
public final class ClusterCaCertSecret {
    private ClusterCaCertSecret() {
    }

    public static Secret render(String kafka, String clusterTrust) {
        return new SecretBuilder()
                .withNewMetadata().withName(Names.clusterCaCert(kafka)).endMetadata()
                .withType("Opaque")
                .withData(PoolCertsSecret.base64(java.util.Map.of(NodeTls.CLUSTER_CA, clusterTrust)))
                .build();
    }
}
