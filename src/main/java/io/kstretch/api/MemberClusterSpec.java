package io.kstretch.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How to reach a member cluster and what its nodes are told about it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MemberClusterSpec {
    @JsonPropertyDescription("Secret (same namespace) holding a kubeconfig for the member; absent = the central cluster itself.")
    public SecretKeyReference kubeconfigSecret;

    @JsonPropertyDescription("MCS cluster id of the member; default metadata.name.")
    public String mcsClusterId;

    @JsonPropertyDescription("broker.rack of nodes placed here; default metadata.name.")
    public String rack;

    @JsonPropertyDescription("Which node address the nodeport provider advertises.")
    public NodeAddress nodeAddress;

    @JsonPropertyDescription("Connectivity probe (GET /version).")
    public ProbeSpec probe;
}
