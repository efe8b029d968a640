package io.kstretch.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;

/** A key of a Secret in the same namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretKeyReference {
    @Required
    public String name;

    @JsonPropertyDescription("Key in the Secret; default kubeconfig.")
    public String key;

    public SecretKeyReference() {
    }

    public SecretKeyReference(String name, String key) {
        this.name = name;
        this.key = key;
    }

    public String keyOrDefault() {
        return key == null || key.isBlank() ? "kubeconfig" : key;
    }
}
