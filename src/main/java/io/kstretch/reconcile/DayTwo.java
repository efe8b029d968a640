package io.kstretch.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Pod;
import io.kstretch.api.ControllerStatus;
import io.kstretch.api.KafkaStatus;
import io.kstretch.api.Quorum;
import io.kstretch.api.RestartStatus;
import io.kstretch.kafka.KafkaAdmin;
import io.kstretch.kafka.KafkaAdminException;
import io.kstretch.kafka.PartitionState;
import io.kstretch.kafka.QuorumState;
import io.kstretch.members.MemberConnection;
import io.kstretch.members.ResourceKind;
import io.kstretch.operations.QuorumChange;
import io.kstretch.operations.RestartSafety;
import io.kstretch.operations.RollOrder;
import io.kstretch.operations.ScaleDown;
import io.kstretch.render.NodeConfig;
import io.kstretch.spi.Endpoint;
import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.KafkaPort;
import io.kstretch.topology.Endpoints;
import io.kstretch.topology.PoolLayout;
import io.kstretch.topology.Ports;
import io.kstretch.topology.Topology;

/**
 * The day-2 step of a pass, after the data plane is written: at most one disruptive change per pass, each decided on
 * the live cluster's state read through the Admin API at that moment (never on a cached or partial view), in this
 * order: wait for the node restarted last; unregister brokers a scale-down removed; change the dynamic quorum's
 * voters (additions first); let a pool shrink once its leaving nodes hold nothing; restart the next node of a roll.
 * Only nodes in members reachable this pass are restarted.
 */
final class DayTwo {
    private static final Logger LOG = Logger.getLogger(DayTwo.class);
    static final String DEFAULT_FETCH_TIMEOUT_MS = "2000";

    /** What the pass should do next. */
    enum Outcome {
        /** nothing to do, or waiting for something that will send an event */
        IDLE,
        /** something is under way: look again soon */
        BUSY,
        /** waiting for something only the live cluster shows (replicas moved away, a broker fenced): look again */
        WAITING
    }

    private final Topology topology;
    private final Endpoints endpoints;
    private final Map<String, MemberConnection> reachable;
    private final Supplier<KafkaAdmin> adminClient;
    private final Instant now;
    private final Duration restartTimeout;
    private final PassResult pass;
    private final long fetchTimeoutMs;
    /** What this pass has read from the live cluster (each read at most once; a change ends the pass). */
    private KafkaAdmin admin;
    private QuorumState liveQuorum;
    private List<PartitionState> livePartitions;

    DayTwo(Topology topology, Endpoints endpoints, Map<String, MemberConnection> reachable, Supplier<KafkaAdmin> admin, Instant now,
            Duration restartTimeout, PassResult pass) {
        this.topology = topology;
        this.endpoints = endpoints;
        this.reachable = reachable;
        this.adminClient = admin;
        this.now = now;
        this.restartTimeout = restartTimeout;
        this.pass = pass;
        this.fetchTimeoutMs = Long.parseLong(NodeConfig.setting(topology,
                "controller.quorum.fetch.timeout.ms", DEFAULT_FETCH_TIMEOUT_MS));
    }

    /**
     * @param status the status being built (restart, removedBrokers and controllers are updated here)
     * @param manualRolls node ids whose pods ask for a restart
     */
    Outcome run(KafkaStatus status, Set<Integer> manualRolls) {
        try {
            if (status.restart != null && !restartDone(status)) {
                return Outcome.BUSY;
            }
            Outcome waiting = Outcome.IDLE;
            if (status.removedBrokers != null && !status.removedBrokers.isEmpty()) {
                unregister(status);
                if (status.removedBrokers != null) {
                    waiting = Outcome.WAITING;
                }
            }
            Outcome quorum = changeQuorum(status);
            if (quorum != null) {
                return quorum;
            }
            Outcome shrink = topology.leaving().isEmpty() ? Outcome.IDLE : scaleDown(status);
            if (shrink == Outcome.BUSY) {
                return Outcome.BUSY;
            }
            Outcome roll = roll(status, manualRolls);
            return roll != Outcome.IDLE ? roll : shrink != Outcome.IDLE ? shrink : waiting;
        } catch (KafkaAdminException e) {
            pass.dayTwoBlocked = "cannot read the cluster through the Admin API, so nothing is restarted, scaled"
                    + " down or changed in the quorum: " + e.getMessage();
            if (!topology.leaving().isEmpty()) {
                pass.scaleDownBlocked.add("node(s) " + topology.leaving() + " wait to be removed: "
                        + pass.dayTwoBlocked);
            }
            return Outcome.BUSY;
        }
    }

    /** Whether the node restarted last is back; records a stuck restart. */
    private boolean restartDone(KafkaStatus status) {
        RestartStatus restart = status.restart;
        KafkaNode node = topology.nodes().stream().filter(n -> n.id() == restart.nodeId).findFirst().orElse(null);
        if (node == null) {
            status.restart = null; // the node is gone (scaled away)
            return true;
        }
        MemberConnection connection = reachable.get(node.member().name());
        Optional<Pod> pod = connection == null ? Optional.empty()
                : connection.get(ResourceKind.of(Pod.class), node.podName());
        if (pod.isPresent() && !pod.get().getMetadata().getUid().equals(restart.podUid)
                && NodeReadiness.podReady(connection, node)) {
            LOG.infof("Kafka %s/%s: node %d is back after its restart", topology.namespace(), topology.kafkaName(),
                    node.id());
            status.restart = null;
            return true;
        }
        Instant started = Instant.parse(restart.startedAt);
        if (now.isAfter(started.plus(restartTimeout))) {
            pass.rollStuck = "node " + node.id() + " (pod " + node.podName() + " in member " + node.member().name()
                    + ") was restarted at " + restart.startedAt + " (" + restart.reason + ") and is not ready after "
                    + restartTimeout.toMinutes() + " min; the roll stops until it is (see the pod's log)";
        } else {
            pass.rolling = "restarted node " + node.id() + " (" + restart.reason + "); waiting for it to be ready";
        }
        return false;
    }

    private void unregister(KafkaStatus status) {
        Map<Integer, Boolean> brokers = admin().brokers();
        List<Integer> left = new ArrayList<>();
        for (int id : status.removedBrokers) {
            Boolean fenced = brokers.get(id);
            if (fenced == null) {
                continue;
            }
            if (fenced) {
                LOG.infof("Kafka %s/%s: unregistering removed broker %d", topology.namespace(), topology.kafkaName(),
                        id);
                admin().unregisterBroker(id);
            } else {
                left.add(id); // still running: its pod is going
            }
        }
        status.removedBrokers = left.isEmpty() ? null : left;
    }

    /** Brings a dynamic quorum's voters to the controllers asked for; null when there is nothing to do. */
    private Outcome changeQuorum(KafkaStatus status) {
        if (topology.kafka().getSpec().quorumOrDefault() != Quorum.DYNAMIC
                || !Boolean.TRUE.equals(status.quorumBootstrapped)) {
            return null;
        }
        Set<Integer> desired = new TreeSet<>();
        topology.desiredControllers().forEach(n -> desired.add(n.id()));
        Set<Integer> known = new TreeSet<>();
        status.controllers.forEach(c -> known.add(c.id));
        if (desired.equals(known)) {
            return null;
        }
        QuorumState quorum = quorum();
        QuorumChange change = QuorumChange.next(desired, quorum, fetchTimeoutMs);
        switch (change.kind()) {
            case ADD -> {
                KafkaNode node = node(change.nodeId());
                Endpoint endpoint = endpoints.get(node, KafkaPort.CONTROLLER);
                LOG.infof("Kafka %s/%s: adding controller %d (directory %s) to the quorum", topology.namespace(),
                        topology.kafkaName(), node.id(), change.directoryId());
                admin().addVoter(node.id(), change.directoryId(), Ports.listenerName(KafkaPort.CONTROLLER),
                        endpoint.host(), endpoint.port());
                status.controllers = voters(quorum, change, true);
                pass.quorumChanging = "added controller " + node.id() + " to the quorum";
                return Outcome.BUSY;
            }
            case REMOVE -> {
                LOG.infof("Kafka %s/%s: removing controller %d from the quorum", topology.namespace(),
                        topology.kafkaName(), change.nodeId());
                admin().removeVoter(change.nodeId(), change.directoryId());
                status.controllers = voters(quorum, change, false);
                pass.quorumChanging = "removed controller " + change.nodeId() + " from the quorum";
                return Outcome.BUSY;
            }
            case WAIT -> {
                status.controllers = voters(quorum, null, false);
                pass.quorumChanging = change.reason();
                return Outcome.BUSY;
            }
            default -> {
                status.controllers = voters(quorum, null, false);
                return null;
            }
        }
    }

    /** The voters for status, as the quorum reports them, with {@code change} applied. */
    private List<ControllerStatus> voters(QuorumState quorum, QuorumChange change, boolean add) {
        Map<Integer, ControllerStatus> voters = new java.util.TreeMap<>();
        quorum.voters().forEach(v -> voters.put(v.id(), new ControllerStatus(v.id(), v.directoryId(), member(v.id()))));
        if (change != null && add) {
            voters.put(change.nodeId(), new ControllerStatus(change.nodeId(), change.directoryId(),
                    member(change.nodeId())));
        } else if (change != null) {
            voters.remove(change.nodeId());
        }
        return new ArrayList<>(voters.values());
    }

    private String member(int id) {
        return topology.nodes().stream().filter(n -> n.id() == id).map(n -> n.member().name()).findFirst()
                .orElse(null);
    }

    private KafkaNode node(int id) {
        return topology.nodes().stream().filter(n -> n.id() == id).findFirst().orElseThrow();
    }

    /** Lets pools whose leaving nodes hold nothing any more shrink (their status then says spec.replicas). */
    private Outcome scaleDown(KafkaStatus status) {
        List<String> blocked = new ArrayList<>();
        for (PoolLayout pool : topology.pools()) {
            Set<Integer> removed = new TreeSet<>();
            pool.nodes().stream().filter(n -> topology.leaving().contains(n.id())).forEach(n -> removed.add(n.id()));
            if (removed.isEmpty()) {
                continue;
            }
            boolean voters = pool.controller() && topology.kafka().getSpec().quorumOrDefault() == Quorum.DYNAMIC;
            List<String> why = ScaleDown.whyNot(pool.name(), removed, voters ? quorum() : null,
                    pool.broker() ? partitions() : null);
            if (!why.isEmpty()) {
                blocked.addAll(why);
                continue;
            }
            LOG.infof("Kafka %s/%s: pool %s shrinks to %d; nodes %s hold nothing any more", topology.namespace(),
                    topology.kafkaName(), pool.name(), pool.pool().getSpec().replicas, removed);
            pass.released.add(pool.name());
            if (pool.broker()) {
                List<Integer> unregister = new ArrayList<>(status.removedBrokers == null ? List.of()
                        : status.removedBrokers);
                unregister.addAll(removed);
                status.removedBrokers = unregister;
            }
        }
        pass.scaleDownBlocked.addAll(blocked);
        return !pass.released.isEmpty() ? Outcome.BUSY : blocked.isEmpty() ? Outcome.IDLE : Outcome.WAITING;
    }

    /** Restarts the next node that needs it, if that is safe now. */
    private Outcome roll(KafkaStatus status, Set<Integer> manualRolls) {
        Map<Integer, String> reasons = new LinkedHashMap<>();
        pass.outdatedNodes.forEach(id -> reasons.put(Integer.parseInt(id), "configuration changed"));
        manualRolls.forEach(id -> reasons.putIfAbsent(id, "manual roll requested"));
        List<KafkaNode> candidates = topology.nodes().stream()
                .filter(n -> reasons.containsKey(n.id()) && reachable.containsKey(n.member().name())
                        && pod(n).isPresent())
                .toList();
        if (candidates.isEmpty()) {
            return Outcome.IDLE;
        }
        // every other node in the members written this pass must be ready first
        List<KafkaNode> notReady = topology.nodes().stream()
                .filter(n -> reachable.containsKey(n.member().name()) && !ready(n)).toList();
        List<KafkaNode> ordered = RollOrder.order(candidates, quorum().leaderId(), this::ready);
        KafkaNode next = ordered.get(0);
        List<KafkaNode> othersNotReady = notReady.stream().filter(n -> n.id() != next.id()).toList();
        if (!othersNotReady.isEmpty()) {
            pass.rolling = "waiting for node(s) " + ids(othersNotReady) + " to be ready before restarting node "
                    + next.id();
            return Outcome.BUSY;
        }
        List<String> why = RestartSafety.whyNot(next, quorum(), next.broker() ? partitions() : List.of(),
                fetchTimeoutMs);
        if (!why.isEmpty()) {
            pass.rolling = "node " + next.id() + " needs a restart (" + reasons.get(next.id()) + ") but waits: "
                    + String.join("; ", why);
            return Outcome.BUSY;
        }
        Pod pod = pod(next).orElseThrow();
        LOG.infof("Kafka %s/%s: restarting node %d (%s), pod %s in member %s", topology.namespace(),
                topology.kafkaName(), next.id(), reasons.get(next.id()), next.podName(), next.member().name());
        status.restart = new RestartStatus(next.id(), next.member().name(), next.podName(),
                pod.getMetadata().getUid(), reasons.get(next.id()), now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .toString());
        reachable.get(next.member().name()).delete(pod);
        pass.writes++;
        pass.rolling = "restarted node " + next.id() + " (" + reasons.get(next.id()) + "); "
                + (candidates.size() - 1) + " more to go";
        return Outcome.BUSY;
    }

    private KafkaAdmin admin() {
        if (admin == null) {
            admin = adminClient.get();
        }
        return admin;
    }

    private QuorumState quorum() {
        if (liveQuorum == null) {
            liveQuorum = admin().quorum();
        }
        return liveQuorum;
    }

    private List<PartitionState> partitions() {
        if (livePartitions == null) {
            livePartitions = admin().partitions();
        }
        return livePartitions;
    }

    private Optional<Pod> pod(KafkaNode node) {
        MemberConnection connection = reachable.get(node.member().name());
        return connection == null ? Optional.empty() : connection.get(ResourceKind.of(Pod.class), node.podName());
    }

    private boolean ready(KafkaNode node) {
        MemberConnection connection = reachable.get(node.member().name());
        return connection != null && NodeReadiness.podReady(connection, node);
    }

    private static String ids(List<KafkaNode> nodes) {
        return String.join(", ", nodes.stream().map(n -> String.valueOf(n.id())).toList());
    }
}
