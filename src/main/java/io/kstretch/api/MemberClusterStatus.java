package io.kstretch.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.fabric8.kubernetes.api.model.Condition;

/** Reachability and version of a member; changes only when one of them does (latency is in metrics). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MemberClusterStatus {
    public Long observedGeneration;
    public String kubernetesVersion;
    public List<Condition> conditions = new ArrayList<>();
}
