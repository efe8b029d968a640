package io.kstretch.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;

/** The networking provider a Kafka uses across members, and its provider-specific settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Networking {
    @Required
    @JsonPropertyDescription("Provider name: nodeport, loadbalancer, mcs, cilium, istio, or one compiled in by the user.")
    public String provider;

    @JsonPropertyDescription("Provider-specific settings, validated by the provider.")
    public Map<String, String> config;
}
