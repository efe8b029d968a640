package io.kstretch.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the KRaft controller quorum is configured. */
public enum Quorum {
    /** KIP-853: controller.quorum.bootstrap.servers, storage formatted with --initial-controllers. */
    @JsonProperty("dynamic")
    DYNAMIC,
    /** controller.quorum.voters. */
    @JsonProperty("static")
    STATIC
}
