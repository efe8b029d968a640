package io.kstretch.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A KRaft process role ({@code process.roles}). */
public enum ProcessRole {
    @JsonProperty("controller")
    CONTROLLER,
    @JsonProperty("broker")
    BROKER;

    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
