package io.kstretch.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;

/** A client listener served by every broker. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Listener {
    @Required
    @JsonPropertyDescription("Lower-case letters and digits, at most 11 characters; not controller or replication.")
    public String name;

    @Required
    @JsonPropertyDescription("Container port, 1024-65535; 9090 and 9091 are reserved.")
    public Integer port;

    @JsonPropertyDescription("Serve clients over TLS.")
    public Boolean tls;

    @JsonPropertyDescription("Client authentication: none (default) or tls (client certificates signed by the clients CA).")
    public String authentication;

    public Listener() {
    }

    public Listener(String name, int port, boolean tls) {
        this.name = name;
        this.port = port;
        this.tls = tls;
    }

    /** Whether clients connect over TLS ({@code tls: true}). */
    public boolean tlsEnabled() {
        return Boolean.TRUE.equals(tls);
    }
}
