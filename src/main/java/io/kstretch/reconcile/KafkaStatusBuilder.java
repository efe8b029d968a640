package io.kstretch.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Condition;
import io.kstretch.api.Conditions;
import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaStatus;
import io.kstretch.api.ListenerStatus;
import io.kstretch.render.KubernetesJson;
import io.kstretch.spi.Endpoint;
import io.kstretch.spi.KafkaNode;
import io.kstretch.topology.Endpoints;
import io.kstretch.topology.Topology;
import io.kstretch.validation.Problem;

/** Builds a Kafka's status from what a reconcile found. Pure; deterministic order everywhere. */
final class KafkaStatusBuilder {
    static final String MEMBERS_REACHABLE = "MembersReachable";
    static final String NETWORKING_READY = "NetworkingReady";
    static final String NODES_UP_TO_DATE = "NodesUpToDate";
    static final String NODE_POOLS_SCALED = "NodePoolsScaled";
    static final String QUORUM_UP_TO_DATE = "QuorumUpToDate";
    static final String SURVIVES_MEMBER_LOSS = "SurvivesMemberLoss";
    static final String RECONCILIATION_PAUSED = "ReconciliationPaused";

    private KafkaStatusBuilder() {
    }

    /** A copy of the current status (or a new one), to build the next from. */
    static KafkaStatus copy(Kafka kafka) {
        return kafka.getStatus() == null ? new KafkaStatus()
                : KubernetesJson.SERIALIZATION.clone(kafka.getStatus());
    }

    /** The input is invalid: Ready=False naming every problem; everything else kept as it was. */
    static KafkaStatus invalid(Kafka kafka, List<Problem> problems, Instant now) {
        String message = problems.stream().map(Problem::message).collect(Collectors.joining("; "));
        return conditions(kafka, copy(kafka), Conditions.of(Conditions.READY, false, problems.get(0).reason(),
                message), now);
    }

    /** Sets Ready of {@code status} to {@code ready} (ending a pause), keeping the other conditions. */
    static KafkaStatus conditions(Kafka kafka, KafkaStatus status, Condition ready, Instant now) {
        status.observedGeneration = kafka.getMetadata().getGeneration();
        return withCondition(status, ready, now, RECONCILIATION_PAUSED);
    }

    /** Paused: a ReconciliationPaused condition added, everything else kept as it was, generation included. */
    static KafkaStatus paused(Kafka kafka, Instant now) {
        return withCondition(copy(kafka), Conditions.of(RECONCILIATION_PAUSED, true, "AnnotationSet", "annotation "
                + io.kstretch.api.KStretch.PAUSE_ANNOTATION + " is set: nothing of this Kafka is written until it"
                + " is removed (deleting the Kafka still cleans up)"), now);
    }

    /**
     * {@code status} with {@code condition} set (replacing one of its type) and the conditions of {@code drop}
     * types removed, the others kept; each stamped with the status's observedGeneration.
     */
    private static KafkaStatus withCondition(KafkaStatus status, Condition condition, Instant now, String... drop) {
        List<String> replaced = new ArrayList<>(List.of(drop));
        replaced.add(condition.getType());
        List<Condition> next = new ArrayList<>(status.conditions == null ? List.of() : status.conditions);
        next.removeIf(c -> replaced.contains(c.getType()));
        next.add(condition);
        status.conditions = Conditions.merge(status.conditions, next, status.observedGeneration, now);
        return status;
    }

    /** Sets the conditions of {@code status} from a pass over the members. */
    static KafkaStatus conditions(Kafka kafka, KafkaStatus status, PassResult pass, String provider, Instant now) {
        List<Condition> next = new ArrayList<>();
        next.add(ready(pass));
        if (pass.unreachable.isEmpty()) {
            next.add(Conditions.of(MEMBERS_REACHABLE, true, "AllMembersReachable", "every member answers"));
        } else {
            next.add(Conditions.of(MEMBERS_REACHABLE, false, "MembersUnreachable", pass.unreachable.entrySet()
                    .stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; "))));
        }
        if (pass.pendingEndpoints.isEmpty()) {
            next.add(Conditions.of(NETWORKING_READY, true, "EndpointsKnown",
                    "provider " + provider + " gives an endpoint for every port of every node"));
        } else {
            next.add(Conditions.of(NETWORKING_READY, false, "EndpointsPending",
                    "waiting for provider " + provider + ": " + String.join("; ", pass.pendingEndpoints)));
        }
        next.add(nodesUpToDate(pass));
        if (pass.scaleDownBlocked.isEmpty()) {
            next.add(Conditions.of(NODE_POOLS_SCALED, true, "Scaled", "every pool runs the nodes it asks for"
                    + (pass.released.isEmpty() ? "" : " (shrinking: " + String.join(", ", pass.released) + ")")));
        } else {
            next.add(Conditions.of(NODE_POOLS_SCALED, false, "ScaleDownBlocked", String.join("; ",
                    pass.scaleDownBlocked)));
        }
        if (kafka.getSpec().quorumOrDefault() == io.kstretch.api.Quorum.DYNAMIC) {
            next.add(pass.quorumChanging == null
                    ? Conditions.of(QUORUM_UP_TO_DATE, true, "VotersAsAsked",
                            "the quorum's voters are the controllers the node pools ask for")
                    : Conditions.of(QUORUM_UP_TO_DATE, false, "QuorumChanging", pass.quorumChanging));
        }
        if (pass.memberLoss != null) {
            next.add(pass.memberLoss.survives()
                    ? Conditions.of(SURVIVES_MEMBER_LOSS, true, "Survives", "losing any one member keeps a"
                            + " controller majority and min.insync.replicas for the default replication factor")
                    : Conditions.of(SURVIVES_MEMBER_LOSS, false, "MemberLossNotSurvived",
                            String.join("; ", pass.memberLoss.problems())));
        }
        status.conditions = Conditions.merge(status.conditions, next, kafka.getMetadata().getGeneration(), now);
        status.observedGeneration = kafka.getMetadata().getGeneration();
        return status;
    }

    private static Condition nodesUpToDate(PassResult pass) {
        if (pass.rollStuck != null) {
            return Conditions.of(NODES_UP_TO_DATE, false, "RollStuck", pass.rollStuck);
        }
        if (pass.outdatedNodes.isEmpty() && pass.rolling == null) {
            return Conditions.of(NODES_UP_TO_DATE, true, "UpToDate",
                    "every node runs its current configuration and certificates");
        }
        String outdated = pass.outdatedNodes.isEmpty() ? ""
                : "node(s) " + String.join(", ", pass.outdatedNodes) + " run an older configuration or certificates; ";
        if (pass.dayTwoBlocked != null) {
            return Conditions.of(NODES_UP_TO_DATE, false, "RestartPending", outdated + pass.dayTwoBlocked);
        }
        if (pass.rolling != null) {
            return Conditions.of(NODES_UP_TO_DATE, false, "RollingRestart", outdated + pass.rolling);
        }
        return Conditions.of(NODES_UP_TO_DATE, false, "RestartPending", outdated
                + "they are restarted one at a time when it is safe");
    }

    private static Condition ready(PassResult pass) {
        if (!pass.errors.isEmpty()) {
            return Conditions.of(Conditions.READY, false, pass.errorReason, pass.errors.entrySet().stream()
                    .map(e -> "member " + e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; ")));
        }
        if (!pass.pendingEndpoints.isEmpty()) {
            return Conditions.of(Conditions.READY, false, "NetworkingPending",
                    "node configuration waits until the networking provider knows every endpoint; see "
                            + NETWORKING_READY);
        }
        if (!pass.unreachable.isEmpty()) {
            return Conditions.of(Conditions.READY, false, "MembersUnreachable", "member(s) "
                    + String.join(", ", pass.unreachable.keySet()) + " cannot be reached; their nodes are left as"
                    + " they are and every other member is kept up to date");
        }
        if (!pass.connecting.isEmpty()) {
            return Conditions.of(Conditions.READY, false, "MembersConnecting",
                    "connecting to member(s) " + String.join(", ", pass.connecting));
        }
        if (pass.readyNodes < pass.nodes) {
            return Conditions.of(Conditions.READY, false, "NodesNotReady",
                    pass.readyNodes + " of " + pass.nodes + " nodes ready");
        }
        if (pass.bootstrapping) {
            // the nodes just became ready: the next pass records the quorum as bootstrapped (and renders every
            // node's format arguments without --initial-controllers) before Ready is reported
            return Conditions.of(Conditions.READY, false, "QuorumBootstrapping",
                    "every node is ready; recording that the quorum has bootstrapped");
        }
        return Conditions.of(Conditions.READY, true, "Ready", "all " + pass.nodes + " nodes in "
                + pass.members.size() + " member(s) are ready");
    }

    /** Per client listener, every broker's endpoint, ordered to cover every member early. */
    static List<ListenerStatus> listeners(Topology topology, Endpoints endpoints) {
        List<ListenerStatus> listeners = new ArrayList<>();
        if (topology.kafka().getSpec().listeners == null) {
            return listeners;
        }
        Map<String, List<KafkaNode>> byMember = new TreeMap<>();
        topology.brokers().forEach(b -> byMember.computeIfAbsent(b.member().name(), k -> new ArrayList<>()).add(b));
        List<KafkaNode> interleaved = new ArrayList<>();
        for (int i = 0; interleaved.size() < topology.brokers().size(); i++) {
            for (List<KafkaNode> nodes : byMember.values()) {
                if (i < nodes.size()) {
                    interleaved.add(nodes.get(i));
                }
            }
        }
        for (var listener : topology.kafka().getSpec().listeners) {
            List<String> servers = new ArrayList<>();
            for (KafkaNode broker : interleaved) {
                Endpoint endpoint = endpoints.get(broker, listener.name);
                servers.add(endpoint.hostPort());
            }
            listeners.add(new ListenerStatus(listener.name, String.join(",", servers)));
        }
        return listeners;
    }
}
