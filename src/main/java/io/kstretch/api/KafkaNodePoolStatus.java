package io.kstretch.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;

/** Observed state of a node pool, written by the Kafka's reconcile. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaNodePoolStatus {
    public Long observedGeneration;
    /** The member the pool was first placed in; the pool may not move. */
    public String memberCluster;
    /** First node id, assigned once. */
    public Integer nodeIdStart;
    /** Node ids of the pool's nodes: nodeIdStart .. nodeIdStart + replicas - 1. */
    public List<Integer> nodeIds = new ArrayList<>();
    public Integer replicas;
    @StatusReplicas
    public Integer readyReplicas;
    public List<Condition> conditions = new ArrayList<>();
}
