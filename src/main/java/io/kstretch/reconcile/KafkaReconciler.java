package io.kstretch.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.kstretch.api.Conditions;
import io.kstretch.api.ControllerStatus;
import io.kstretch.api.KStretch;
import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.api.KafkaStatus;
import io.kstretch.api.MemberCluster;
import io.kstretch.api.NetworkingStatus;
import io.kstretch.api.Quorum;
import io.kstretch.members.MemberConnection;
import io.kstretch.members.MemberHealth;
import io.kstretch.members.MemberKey;
import io.kstretch.members.MemberRegistry;
import io.kstretch.members.MemberUsage;
import io.kstretch.render.NodeConfig;
import io.kstretch.render.NodeTls;
import io.kstretch.spi.Member;
import io.kstretch.spi.NetworkingProvider;
import io.kstretch.topology.Endpoints;
import io.kstretch.topology.MemberLossAnalysis;
import io.kstretch.topology.Topology;
import io.kstretch.validation.KafkaValidator;
import io.kstretch.validation.Problem;

/**
 * Reconciles a Kafka: one pipeline over its placements (validate, members, anchors, networking, configuration,
 * workloads, status), the same for one member or many. Unreachable members are skipped, never waited for; nothing
 * is deleted on the strength of a partial view; a pass that changes nothing writes nothing.
 */
@ControllerConfiguration(name = KafkaReconciler.NAME, finalizerName = KStretch.KAFKA_FINALIZER,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
public class KafkaReconciler implements Reconciler<Kafka>, Cleaner<Kafka> {
    public static final String NAME = "kafka";
    private static final Logger LOG = Logger.getLogger(KafkaReconciler.class);
    static final Duration RETRY_UNREACHABLE = Duration.ofSeconds(30);
    static final Duration RETRY_CONNECTING = Duration.ofSeconds(1);
    static final Duration RETRY_PENDING = Duration.ofSeconds(5);
    static final Duration RETRY_ERROR = Duration.ofSeconds(10);
    static final Duration RETRY_DAY_TWO = Duration.ofSeconds(3);
    static final Duration RETRY_DAY_TWO_WAITING = Duration.ofSeconds(10);

    @Inject
    MemberRegistry registry;
    @Inject
    MemberUsage usage;
    @Inject
    Providers providers;
    @Inject
    KafkaEvents events;
    @Inject
    ReconcileMetrics metrics;
    @Inject
    KubernetesClient client;
    @Inject
    Randomness randomness;
    @Inject
    TimeSource time;
    @Inject
    LiveClusters liveClusters;
    @ConfigProperty(name = "kstretch.bootstrap.settle", defaultValue = "5s")
    Duration bootstrapSettle;
    @ConfigProperty(name = "kstretch.roll.restart-timeout", defaultValue = "5m")
    Duration restartTimeout;

    private InformerEventSource<KafkaNodePool, Kafka> pools;
    private InformerEventSource<MemberCluster, Kafka> memberClusters;
    private InformerEventSource<Secret, Kafka> caSecrets;

    @Override
    public List<EventSource<?, Kafka>> prepareEventSources(EventSourceContext<Kafka> context) {
        pools = new InformerEventSource<>(InformerEventSourceConfiguration.from(KafkaNodePool.class, Kafka.class)
                .withName("pools")
                .withSecondaryToPrimaryMapper(pool -> {
                    String kafka = pool.getMetadata().getLabels() == null ? null
                            : pool.getMetadata().getLabels().get(KStretch.CLUSTER_LABEL);
                    return kafka == null ? Set.of() : Set.of(new ResourceID(kafka, pool.getMetadata().getNamespace()));
                })
                .build(), context);
        memberClusters = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(MemberCluster.class, Kafka.class)
                .withName("memberclusters")
                .withSecondaryToPrimaryMapper(mc -> usage.kafkasUsing(MemberKey.of(mc)))
                .build(), context);
        caSecrets = new InformerEventSource<>(InformerEventSourceConfiguration.from(Secret.class, Kafka.class)
                .withName("ca-secrets")
                .withLabelSelector(KStretch.CA_LABEL)
                .withSecondaryToPrimaryMapper(secret -> {
                    String kafka = secret.getMetadata().getLabels() == null ? null
                            : secret.getMetadata().getLabels().get(KStretch.CLUSTER_LABEL);
                    return kafka == null ? Set.of()
                            : Set.of(new ResourceID(kafka, secret.getMetadata().getNamespace()));
                })
                .build(), context);
        return List.of(pools, memberClusters, caSecrets, events.source());
    }

    @Override
    public UpdateControl<Kafka> reconcile(Kafka kafka, Context<Kafka> context) {
        long start = System.nanoTime();
        PassResult pass = new PassResult();
        boolean success = false;
        try {
            UpdateControl<Kafka> control = pipeline(kafka, context, pass);
            success = true;
            return control;
        } finally {
            metrics.reconciled(kafka.getMetadata().getNamespace(), kafka.getMetadata().getName(),
                    Duration.ofNanos(System.nanoTime() - start), success, pass.writes);
        }
    }

    private UpdateControl<Kafka> pipeline(Kafka kafka, Context<Kafka> context, PassResult pass) {
        String namespace = kafka.getMetadata().getNamespace();
        String name = kafka.getMetadata().getName();
        List<KafkaNodePool> pools = poolsOf(kafka);
        Map<String, MemberCluster> members = memberClustersIn(namespace);
        usage.record(ResourceID.fromResource(kafka), membersReferenced(kafka, pools));

        // paused: nothing is written but a condition saying so
        if (paused(kafka)) {
            return status(context, kafka, KafkaStatusBuilder.paused(kafka, Instant.now()), null);
        }

        // 1. validate: bad input writes nothing anywhere
        List<Problem> problems = KafkaValidator.validate(kafka, pools, members, providers.names());
        if (!problems.isEmpty()) {
            return status(context, kafka, KafkaStatusBuilder.invalid(kafka, problems, Instant.now()), null);
        }

        // allocations are persisted before anything that depends on them is written; a new cluster's quorum is
        // only fixed once its pools have stopped arriving (they come one by one from kubectl apply)
        Duration settling = Allocations.settling(kafka, pools, bootstrapSettle, Instant.now());
        if (!settling.isZero()) {
            KafkaStatus waiting = KafkaStatusBuilder.copy(kafka);
            KafkaStatusBuilder.conditions(kafka, waiting, Conditions.of(Conditions.READY, false, "Initializing",
                    "waiting " + bootstrapSettle.toSeconds() + " s after the last node pool was created before fixing"
                            + " the initial controllers"), Instant.now());
            return status(context, kafka, waiting, settling);
        }
        Allocations allocations = Allocations.of(kafka, pools);
        // a pool asked to shrink keeps its nodes until the day-2 step has found them empty
        Topology topology = Topology.of(kafka, pools, allocations.nodeIds().firstIds(), spiMembers(members,
                namespace), keptReplicas(pools));
        if (allocations.isNew(kafka, pools)) {
            persistPoolAllocations(pools, allocations);
            KafkaStatus status = KafkaStatusBuilder.copy(kafka);
            boolean bootstrap = status.clusterId == null;
            status.clusterId = allocations.clusterId();
            status.nextNodeId = allocations.nodeIds().nextNodeId();
            if (bootstrap) {
                status.controllers = Allocations.controllers(kafka, topology);
            }
            LOG.infof("Kafka %s/%s: allocated cluster id %s and node ids %s", namespace, name, status.clusterId,
                    allocations.nodeIds().firstIds());
            return status(context, kafka, status, Duration.ofMillis(1));
        }

        // networking provider: config and prerequisites checked before any write
        NetworkingProvider provider = providers.get(kafka.getSpec().networking.provider).orElseThrow();
        Map<String, String> providerConfig = kafka.getSpec().networking.config == null ? Map.of()
                : kafka.getSpec().networking.config;
        boolean needsNodes = provider.needsNodes();
        if (needsNodes) {
            // the provider's prerequisite checks read the Nodes: list them in every reachable member first, so
            // that nothing is written anywhere before they have been checked
            List<String> listing = new ArrayList<>();
            for (Member m : topology.members()) {
                Optional<MemberConnection> connection = registry.connection(new MemberKey(namespace, m.name()));
                connection.ifPresent(MemberConnection::watchNodes);
                if (connection.isPresent() && connection.get().health().reachable()
                        && !connection.get().nodesSynced() && connection.get().nodeWatchFailure().isEmpty()) {
                    listing.add(m.name());
                }
            }
            if (!listing.isEmpty()) {
                KafkaStatus waiting = KafkaStatusBuilder.copy(kafka);
                KafkaStatusBuilder.conditions(kafka, waiting, Conditions.of(Conditions.READY, false,
                        "MembersConnecting", "listing the Nodes of member(s) " + String.join(", ", listing)),
                        Instant.now());
                return status(context, kafka, waiting, RETRY_CONNECTING);
            }
        }
        // what was last observed, also in members that cannot be reached now: their nodes' endpoints stay known
        KafkaProviderContext ctx = new KafkaProviderContext(topology, providerConfig,
                m -> new MemberView(registry.connection(new MemberKey(namespace, m.name())).orElse(null),
                        needsNodes));
        List<String> providerProblems = provider.validate(ctx);
        if (!providerProblems.isEmpty()) {
            return status(context, kafka, KafkaStatusBuilder.invalid(kafka, List.of(new Problem("NetworkingInvalid",
                    "spec.networking (provider " + kafka.getSpec().networking.provider + "): "
                            + String.join("; ", providerProblems))), Instant.now()), null);
        }

        // certificate authorities (central cluster only), once the input is known to be good: created once,
        // renewals started when due
        Certificates certificates = new Certificates(context, caSecrets, randomness.get(), time.now());
        Certificates.Cas cas;
        try {
            Optional<Certificates.Cas> ensured = certificates.ensure(kafka);
            if (ensured.isEmpty()) {
                return UpdateControl.<Kafka> noUpdate().rescheduleAfter(Duration.ofMillis(1));
            }
            cas = ensured.get();
        } catch (Certificates.CaProblem e) {
            return status(context, kafka, KafkaStatusBuilder.invalid(kafka, List.of(e.problem), Instant.now()), null);
        }

        // 2-3. members: reachable ones are worked on, the others skipped (and reported)
        Set<String> memberNames = new TreeSet<>();
        topology.members().forEach(m -> memberNames.add(m.name()));
        if (kafka.getStatus().members != null) {
            kafka.getStatus().members.forEach(m -> memberNames.add(m.name));
        }
        Map<String, MemberConnection> reachable = new TreeMap<>();
        for (String memberName : memberNames) {
            MemberKey key = new MemberKey(namespace, memberName);
            Optional<MemberConnection> connection = registry.connection(key);
            Optional<MemberHealth> health = registry.health(key);
            if (health.isEmpty() || health.get().state() == MemberHealth.State.UNKNOWN) {
                // not probed yet by this process (e.g. just after a restart): a state of the operator, not of the
                // member; bounded by the probe's timeout, after which the member is reachable or unreachable
                pass.connecting.add(memberName);
            } else if (connection.isEmpty() || !health.get().reachable()) {
                pass.unreachable.put(memberName, health.get().reason() + ": " + health.get().message());
            } else if (needsNodes && topology.placement(memberName) != null
                    && connection.get().nodeWatchFailure().isPresent()) {
                pass.error(memberName, new ApplyException("NodesNotReadable", "cannot list the Nodes of member "
                        + memberName + " (" + connection.get().nodeWatchFailure().get() + "); provider "
                        + kafka.getSpec().networking.provider + " reads them: apply"
                        + " k8s/member-rbac/nodes-clusterrole.yaml there"));
            } else if (!connection.get().isSynced(MemberRegistry.CORE_KINDS)
                    || needsNodes && topology.placement(memberName) != null && !connection.get().nodesSynced()) {
                pass.connecting.add(memberName);
            } else {
                reachable.put(memberName, connection.get());
            }
        }

        // once every bootstrap controller has started, no node may be formatted with --initial-controllers again:
        // recorded before anything is rendered from it
        if (kafka.getSpec().quorumOrDefault() == Quorum.DYNAMIC
                && !Boolean.TRUE.equals(kafka.getStatus().quorumBootstrapped)
                && NodeReadiness.bootstrapControllersStarted(topology, reachable,
                        Allocations.initialControllers(kafka))) {
            KafkaStatus bootstrapped = KafkaStatusBuilder.copy(kafka);
            bootstrapped.quorumBootstrapped = true;
            LOG.infof("Kafka %s/%s: every bootstrap controller has started; the quorum is bootstrapped", namespace,
                    name);
            return status(context, kafka, bootstrapped, Duration.ofMillis(1));
        }

        // 4-5. owners (anchors) and provider objects
        DataPlaneWriter writer = new DataPlaneWriter(kafka, topology, pass, reachable);
        writer.applyProviderObjects(provider, ctx);
        Endpoints endpoints = Endpoints.of(topology.nodes(), (node, port) -> provider.endpoint(ctx, node, port));
        pass.pendingEndpoints.addAll(endpoints.pending());
        if (pass.pendingEndpoints.isEmpty() && !endpoints.duplicates().isEmpty()) {
            return status(context, kafka, KafkaStatusBuilder.invalid(kafka, List.of(new Problem("NetworkingInvalid",
                    "provider " + kafka.getSpec().networking.provider + " gives nodes the same endpoint: "
                            + String.join("; ", endpoints.duplicates()))), Instant.now()), null);
        }

        // 6-8. configuration and workloads, then pruning, per reachable member
        if (pass.pendingEndpoints.isEmpty()) {
            List<ControllerStatus> initial = Allocations.initialControllers(kafka);
            NodeTls tls = certificates.nodeTls(topology, cas, node -> DesiredObjects.certificateNames(provider, ctx,
                    node), reachable);
            writer.applyDataPlane(placement -> DesiredObjects.dataPlane(topology, placement, endpoints,
                    kafka.getStatus().clusterId, initial, tls, provider, ctx));
            certificates.publish(kafka, cas);
        }
        // members that hold nothing of this Kafka any more: remove what is left there
        Set<String> emptied = writer.removeLeftovers(memberNames, members);

        // nodes running what was rendered for them; a CA renewal moves on only once all do
        List<String> outdated = pass.pendingEndpoints.isEmpty()
                ? NodeReadiness.outdated(topology, reachable, writer.renderedNodeHashes())
                : List.of();
        pass.outdatedNodes.addAll(outdated);
        if (pass.complete() && outdated.isEmpty() && NodeReadiness.allReady(topology, reachable)
                && certificates.advance(kafka, cas)) {
            return UpdateControl.<Kafka> noUpdate().rescheduleAfter(Duration.ofMillis(1));
        }

        // 9. day-2: restarts, scale-downs and quorum changes, decided on the live cluster
        KafkaStatus status = KafkaStatusBuilder.copy(kafka);
        DayTwo.Outcome dayTwo = DayTwo.Outcome.IDLE;
        if (pass.pendingEndpoints.isEmpty() && pass.connecting.isEmpty() && pass.errors.isEmpty()) {
            pass.writes += ManualRolls.propagate(client, this.pools, topology, reachable);
            dayTwo = new DayTwo(topology, endpoints, reachable, liveClusters.admin(ResourceID.fromResource(kafka),
                    topology, endpoints, cas.cluster(), time.now()), time.now(), restartTimeout, pass)
                    .run(status, ManualRolls.requested(topology, reachable));
        }
        pass.memberLoss = memberLoss(topology);
        pass.bootstrapping = kafka.getSpec().quorumOrDefault() == Quorum.DYNAMIC
                && !Boolean.TRUE.equals(kafka.getStatus().quorumBootstrapped);

        // 10. status. While this process is still connecting to a member the Kafka already uses (just after a
        // restart, or a MemberCluster's first probe), the status it has is what was last known, and writing
        // "connecting" would only be undone a moment later: nothing is written until every member is known.
        if (!pass.connecting.isEmpty() && kafka.getStatus().members != null && !kafka.getStatus().members.isEmpty()) {
            return UpdateControl.<Kafka> noUpdate().rescheduleAfter(RETRY_CONNECTING);
        }
        for (String memberName : memberNames) {
            if (!emptied.contains(memberName)) {
                pass.members.put(memberName, NodeReadiness.memberStatus(topology, memberName, reachable.get(memberName),
                        pass));
            }
        }
        status.members = new ArrayList<>(pass.members.values());
        status.memberNames = String.join(",", pass.members.keySet());
        if (kafka.getSpec().quorumOrDefault() != Quorum.DYNAMIC
                || !Boolean.TRUE.equals(kafka.getStatus().quorumBootstrapped)) {
            status.controllers = Allocations.controllers(kafka, topology);
        } // else: the voters, as the day-2 step found and changed them
        if (pass.pendingEndpoints.isEmpty()) {
            status.listeners = KafkaStatusBuilder.listeners(topology, endpoints);
            if (status.networking == null) {
                status.networking = new NetworkingStatus(kafka.getSpec().networking.provider,
                        KafkaValidator.configHash(kafka.getSpec().networking.config));
            }
        }
        KafkaStatusBuilder.conditions(kafka, status, pass, kafka.getSpec().networking.provider, Instant.now());
        writePoolStatuses(topology, reachable, pass);
        memberLossEvent(kafka, status);
        Duration retry = retryAfter(pass);
        Duration dayTwoRetry = dayTwo == DayTwo.Outcome.BUSY ? RETRY_DAY_TWO
                : dayTwo == DayTwo.Outcome.WAITING ? RETRY_DAY_TWO_WAITING : null;
        if (dayTwoRetry != null && (retry == null || retry.compareTo(dayTwoRetry) > 0)) {
            retry = dayTwoRetry;
        }
        return status(context, kafka, status, retry);
    }

    @Override
    public DeleteControl cleanup(Kafka kafka, Context<Kafka> context) {
        liveClusters.forget(ResourceID.fromResource(kafka));
        return new KafkaCleanup(registry, usage, metrics).cleanup(kafka, context, poolsOf(kafka),
                memberClustersIn(kafka.getMetadata().getNamespace()));
    }

    @Override
    public ErrorStatusUpdateControl<Kafka> updateErrorStatus(Kafka kafka, Context<Kafka> context, Exception e) {
        if (StatusWrites.isConflict(e)) {
            LOG.debugf("Kafka %s/%s changed while being reconciled; retrying", kafka.getMetadata().getNamespace(),
                    kafka.getMetadata().getName());
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        LOG.warnf(e, "Kafka %s/%s: reconcile failed", kafka.getMetadata().getNamespace(), kafka.getMetadata().getName());
        KafkaStatus status = KafkaStatusBuilder.invalid(kafka, List.of(new Problem("ReconcileError",
                e.getClass().getSimpleName() + ": " + e.getMessage())), Instant.now());
        try {
            StatusWrites.write(context, kafka, kafka.getStatus(), status, kafka::setStatus);
        } catch (RuntimeException writeFailed) {
            LOG.debugf("Kafka %s/%s: could not record the error in status: %s", kafka.getMetadata().getNamespace(),
                    kafka.getMetadata().getName(), writeFailed.getMessage());
        }
        return ErrorStatusUpdateControl.noStatusUpdate();
    }

    /**
     * The Kafka's pools, from the informer cache, in name order. Each is read again by id: unlike {@code list},
     * {@code get} also sees this operator's own recent status writes (the node ids it just assigned), which the
     * informer may not have delivered yet.
     */
    List<KafkaNodePool> poolsOf(Kafka kafka) {
        return pools.list(kafka.getMetadata().getNamespace(), p -> p.getMetadata().getLabels() != null
                && kafka.getMetadata().getName().equals(p.getMetadata().getLabels().get(KStretch.CLUSTER_LABEL)))
                .map(p -> pools.get(ResourceID.fromResource(p)).orElse(p))
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .toList();
    }

    private Map<String, MemberCluster> memberClustersIn(String namespace) {
        Map<String, MemberCluster> byName = new TreeMap<>();
        // a MemberCluster being deleted is still used until its finalizer lets it go
        memberClusters.list(namespace).forEach(m -> byName.put(m.getMetadata().getName(), m));
        return byName;
    }

    private static Set<String> membersReferenced(Kafka kafka, List<KafkaNodePool> pools) {
        Set<String> names = new TreeSet<>();
        pools.forEach(p -> {
            if (p.getSpec() != null && p.getSpec().memberCluster != null) {
                names.add(p.getSpec().memberCluster);
            }
        });
        if (kafka.getStatus() != null && kafka.getStatus().members != null) {
            kafka.getStatus().members.forEach(m -> names.add(m.name));
        }
        return names;
    }

    /** The members as providers see them, by name. */
    public static Map<String, Member> spiMembers(Map<String, MemberCluster> members, String namespace) {
        Map<String, Member> byName = new LinkedHashMap<>();
        members.forEach((name, mc) -> byName.put(name, spiMember(mc, namespace)));
        return byName;
    }

    /** A MemberCluster as providers see it (nodeAddress type InternalIP unless set). */
    public static Member spiMember(MemberCluster mc, String namespace) {
        var address = mc.getSpec() == null ? null : mc.getSpec().nodeAddress;
        return new Member(mc.getMetadata().getName(), namespace, mc.isCentral(), mc.rack(), mc.mcsClusterId(),
                address == null || address.type == null ? "InternalIP" : address.type,
                address == null ? null : address.host);
    }

    private void persistPoolAllocations(List<KafkaNodePool> pools, Allocations allocations) {
        for (KafkaNodePool pool : pools) {
            Integer first = allocations.nodeIds().firstIds().get(pool.getMetadata().getName());
            var ps = pool.getStatus();
            if (ps != null && first.equals(ps.nodeIdStart) && pool.getSpec().memberCluster.equals(ps.memberCluster)) {
                continue;
            }
            PoolStatuses.write(client, this.pools, pool, s -> {
                s.nodeIdStart = first;
                s.memberCluster = pool.getSpec().memberCluster;
            });
        }
    }

    private void writePoolStatuses(Topology topology, Map<String, MemberConnection> reachable, PassResult pass) {
        for (var layout : topology.pools()) {
            MemberConnection connection = reachable.get(layout.member().name());
            PoolStatuses.write(client, pools, layout.pool(), s -> {
                PoolStatuses.observe(s, layout, connection, pass.unreachable.get(layout.member().name()));
                if (pass.released.contains(layout.name())) {
                    PoolStatuses.shrink(s, layout.pool().getSpec().replicas);
                }
            });
        }
    }

    /**
     * Replicas a shrinking pool keeps for now: what it runs (its status) while that is more than it asks for. The
     * day-2 step lets it go (by writing the smaller number to the pool's status) once the nodes hold nothing.
     */
    static Map<String, Integer> keptReplicas(List<KafkaNodePool> pools) {
        Map<String, Integer> kept = new TreeMap<>();
        for (KafkaNodePool pool : pools) {
            var ps = pool.getStatus();
            if (ps != null && ps.replicas != null && ps.replicas > pool.getSpec().replicas
                    && pool.getSpec().memberCluster.equals(ps.memberCluster)) {
                kept.put(pool.getMetadata().getName(), ps.replicas);
            }
        }
        return kept;
    }

    private static boolean paused(Kafka kafka) {
        var annotations = kafka.getMetadata().getAnnotations();
        return annotations != null && "true".equalsIgnoreCase(annotations.get(KStretch.PAUSE_ANNOTATION));
    }

    /** Whether losing any one member would be survived, for the layout the pools ask for. */
    private static MemberLossAnalysis memberLoss(Topology topology) {
        int rf = Integer.parseInt(NodeConfig.setting(topology, "default.replication.factor", "1"));
        int minIsr = Integer.parseInt(NodeConfig.setting(topology, "min.insync.replicas", "1"));
        return MemberLossAnalysis.of(topology, rf, minIsr);
    }

    /** A Kubernetes Event when SurvivesMemberLoss changes: a Warning when it becomes False. */
    private void memberLossEvent(Kafka kafka, KafkaStatus next) {
        var before = Conditions.find(kafka.getStatus().conditions, KafkaStatusBuilder.SURVIVES_MEMBER_LOSS);
        var after = Conditions.find(next.conditions, KafkaStatusBuilder.SURVIVES_MEMBER_LOSS);
        if (after.isEmpty() || before.map(c -> c.getStatus().equals(after.get().getStatus())).orElse(
                Conditions.TRUE.equals(after.get().getStatus()))) {
            return;
        }
        boolean survives = Conditions.TRUE.equals(after.get().getStatus());
        KubernetesEvents.record(client, kafka, survives ? "Normal" : "Warning", after.get().getReason(),
                after.get().getMessage(), time.now());
    }

    private static Duration retryAfter(PassResult pass) {
        if (!pass.connecting.isEmpty()) {
            return RETRY_CONNECTING;
        }
        if (!pass.pendingEndpoints.isEmpty()) {
            return RETRY_PENDING;
        }
        if (!pass.errors.isEmpty()) {
            return RETRY_ERROR;
        }
        if (!pass.unreachable.isEmpty()) {
            return RETRY_UNREACHABLE;
        }
        return null;
    }

    /** Writes {@code status} only when it differs from the current one; reschedules when asked to. */
    private static UpdateControl<Kafka> status(Context<Kafka> context, Kafka kafka, KafkaStatus status,
            Duration retry) {
        StatusWrites.write(context, kafka, kafka.getStatus(), status, kafka::setStatus);
        UpdateControl<Kafka> control = UpdateControl.noUpdate();
        return retry == null ? control : control.rescheduleAfter(retry);
    }

}
