package io.kstretch.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Min;

/** How often and how patiently a member is probed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProbeSpec {
    @Min(1)
    @JsonPropertyDescription("Seconds between probes; default 30.")
    public Integer periodSeconds;

    @Min(1)
    @JsonPropertyDescription("Seconds before a probe counts as failed; default 5.")
    public Integer timeoutSeconds;

    public int period() {
        return periodSeconds == null ? 30 : Math.max(1, periodSeconds);
    }

    public int timeout() {
        return timeoutSeconds == null ? 5 : Math.max(1, timeoutSeconds);
    }
}
