package io.kstretch.operator;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.kstretch.render.LazyPropertyDeserializers;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapperCustomizer;

/**
 * The central Kubernetes client's JSON mapper (the one Quarkus builds) learns the model lazily too, as
 * {@link io.kstretch.render.KubernetesJson}'s does for the member clients: {@link LazyPropertyDeserializers}.
 */
@Singleton
public class CentralClientJson implements KubernetesClientObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new LazyPropertyDeserializers());
    }
}
