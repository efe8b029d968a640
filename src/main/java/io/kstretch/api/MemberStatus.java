package io.kstretch.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How one member cluster of a Kafka is doing. {@code readyNodes} is absent while the member cannot be read. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MemberStatus {
    public String name;
    public Boolean reachable;
    public Integer nodes;
    public Integer readyNodes;
}
