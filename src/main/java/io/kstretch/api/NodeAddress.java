package io.kstretch.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The address the nodeport provider advertises for a member: a Node address type, or a fixed host (a VIP). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeAddress {
    @JsonPropertyDescription("InternalIP (default), ExternalIP or Hostname.")
    public String type;

    @JsonPropertyDescription("Fixed host name or IP to advertise instead of a Node address.")
    public String host;
}
