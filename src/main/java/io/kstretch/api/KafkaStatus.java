package io.kstretch.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.fabric8.kubernetes.api.model.Condition;

/** Observed state of a Kafka, written by the operator only when it changes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaStatus {
    public Long observedGeneration;
    /** The KRaft cluster id, generated once. */
    public String clusterId;
    /** Provider and config hash, locked at the first successful reconcile. */
    public NetworkingStatus networking;
    /** Lowest node id no pool of this Kafka has ever been given; new pools start at or above it. */
    public Integer nextNodeId;
    /** Members that hold nodes or objects of this Kafka, in name order. */
    public List<MemberStatus> members = new ArrayList<>();
    /** Comma-separated member names, for the printer column. */
    public String memberNames;
    /**
     * Dynamic quorum: true once every bootstrap controller has started; from then on no node's storage is formatted
     * with --initial-controllers again (a controller that lost its disk rejoins as a new voter, never as its old self).
     */
    public Boolean quorumBootstrapped;
    /** The controllers, with the KRaft directory ids of the bootstrap controllers (dynamic quorum). */
    public List<ControllerStatus> controllers = new ArrayList<>();
    /** The node restarted last by a roll, until it is back (rolling restarts go one node at a time). */
    public RestartStatus restart;
    /** Brokers removed by a scale-down, unregistered from the cluster once they have stopped. */
    public List<Integer> removedBrokers;
    /** Bootstrap servers per client listener, covering brokers in every member. */
    public List<ListenerStatus> listeners = new ArrayList<>();
    public List<Condition> conditions = new ArrayList<>();
}
