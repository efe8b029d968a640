package io.kstretch.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The networking provider and config hash a Kafka was first reconciled with. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NetworkingStatus {
    public String provider;
    public String configHash;

    public NetworkingStatus() {
    }

    public NetworkingStatus(String provider, String configHash) {
        this.provider = provider;
        this.configHash = configHash;
    }
}
