package io.kstretch.render;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The one JSON serialization of Kubernetes objects that kstretch uses for what it reads from and writes to members:
 * the member clients, hashing and copying objects. Jackson introspects each model class once per serialization and
 * keeps what it learnt; that is the larger part of the operator's live heap, so it is learnt once, not once per
 * member client and once more for copies, and it learns only the types that occur in what it reads
 * ({@link LazyPropertyDeserializers}). (The central client keeps the one Quarkus configures, with the same module.)
 */
public final class KubernetesJson {
    /** Shared by every member client, {@link Hashing} and the copies the reconcilers make. */
    public static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization(
            new ObjectMapper().registerModule(new LazyPropertyDeserializers()), true);

    private KubernetesJson() {
    }
}
