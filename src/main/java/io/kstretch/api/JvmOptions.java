package io.kstretch.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** JVM heap settings of a node; without them the heap is a share of the container memory limit. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class JvmOptions {
    @JsonPropertyDescription("-Xmx, e.g. 2g.")
    public String xmx;
    @JsonPropertyDescription("-Xms, e.g. 2g.")
    public String xms;
}
