package io.kstretch.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.kstretch.anchors.OrphanAnchorSweeper;
import io.kstretch.api.Conditions;
import io.kstretch.api.KStretch;
import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.api.MemberCluster;
import io.kstretch.api.MemberClusterStatus;
import io.kstretch.api.ProbeSpec;
import io.kstretch.members.KubeconfigException;
import io.kstretch.members.KubeconfigPolicy;
import io.kstretch.members.MemberClients;
import io.kstretch.members.MemberHealth;
import io.kstretch.members.MemberKey;
import io.kstretch.members.MemberListener;
import io.kstretch.members.MemberRegistry;
import io.kstretch.render.Hashing;

/**
 * Keeps each MemberCluster connected: builds its client from the kubeconfig Secret (re-read every probe period, so
 * a changed or deleted Secret takes effect without a restart), reports reachability and version in status (written
 * only when they change), sweeps GC anchors of deleted Kafkas when the member is reachable, and holds the
 * MemberCluster while node pools or a Kafka's data plane still use it.
 */
@ControllerConfiguration(name = MemberClusterReconciler.NAME, finalizerName = KStretch.MEMBER_FINALIZER)
public class MemberClusterReconciler implements Reconciler<MemberCluster>, Cleaner<MemberCluster>, MemberListener {
    public static final String NAME = "membercluster";
    static final String REACHABLE = "Reachable";
    static final String IN_USE = "InUse";
    private static final Logger LOG = Logger.getLogger(MemberClusterReconciler.class);
    static final Duration RETRY_IN_USE = Duration.ofSeconds(10);

    @Inject
    MemberRegistry registry;
    @Inject
    MemberClients clients;
    @Inject
    KubernetesClient central;
    @Inject
    OrphanAnchorSweeper sweeper;

    private final SimpleInboundEventSource<MemberCluster> healthEvents =
            new SimpleInboundEventSource<>("kstretch-member-health");
    private InformerEventSource<KafkaNodePool, MemberCluster> pools;
    private InformerEventSource<Kafka, MemberCluster> kafkas;

    @PostConstruct
    void listen() {
        registry.addListener(this);
    }

    @Override
    public void healthChanged(MemberKey member, MemberHealth health) {
        healthEvents.propagateEvent(new ResourceID(member.name(), member.namespace()));
    }

    @Override
    public List<EventSource<?, MemberCluster>> prepareEventSources(EventSourceContext<MemberCluster> context) {
        pools = new InformerEventSource<>(InformerEventSourceConfiguration.from(KafkaNodePool.class,
                MemberCluster.class)
                .withName("pools")
                .withSecondaryToPrimaryMapper(p -> p.getSpec() == null || p.getSpec().memberCluster == null ? Set.of()
                        : Set.of(new ResourceID(p.getSpec().memberCluster, p.getMetadata().getNamespace())))
                .build(), context);
        kafkas = new InformerEventSource<>(InformerEventSourceConfiguration.from(Kafka.class, MemberCluster.class)
                .withName("kafkas")
                .withSecondaryToPrimaryMapper(k -> {
                    Set<ResourceID> ids = new java.util.HashSet<>();
                    if (k.getStatus() != null && k.getStatus().members != null) {
                        k.getStatus().members.forEach(m -> ids.add(new ResourceID(m.name,
                                k.getMetadata().getNamespace())));
                    }
                    return ids;
                })
                .build(), context);
        return List.of(healthEvents, pools, kafkas);
    }

    @Override
    public UpdateControl<MemberCluster> reconcile(MemberCluster mc, Context<MemberCluster> context) {
        MemberKey key = MemberKey.of(mc);
        ProbeSpec probe = mc.getSpec() == null || mc.getSpec().probe == null ? new ProbeSpec() : mc.getSpec().probe;
        Duration period = Duration.ofSeconds(probe.period());
        Duration timeout = Duration.ofSeconds(probe.timeout());
        if (mc.isCentral()) {
            registry.ensure(key, "central", period, timeout, () -> clients.forCentral(key));
        } else {
            try {
                String kubeconfig = kubeconfig(mc);
                KubeconfigPolicy.check(kubeconfig);
                registry.ensure(key, Hashing.sha256(kubeconfig), period, timeout, () -> {
                    try {
                        return clients.forKubeconfig(key, kubeconfig);
                    } catch (KubeconfigException e) {
                        throw new IllegalStateException(e);
                    }
                });
            } catch (KubeconfigException e) {
                registry.unusable(key, MemberHealth.unreachable(e.reason(), e.getMessage()));
            }
        }
        MemberHealth health = registry.health(key).orElse(MemberHealth.unknown());
        if (health.reachable()) {
            registry.connection(key).filter(c -> c.isSynced(MemberRegistry.CORE_KINDS)).ifPresent(c -> {
                try {
                    sweeper.sweep(c, anchor -> kafkas.list(key.namespace()).anyMatch(k -> k.getMetadata().getUid()
                            .equals(anchor.getMetadata().getLabels().get(KStretch.KAFKA_UID_LABEL))));
                } catch (KubernetesClientException e) {
                    LOG.debugf("member %s: anchor sweep failed: %s", key, e.getMessage());
                }
            });
        }
        // not probed yet by this process (just after a restart): the status keeps what was last known until the
        // first probe answers (or times out), rather than flipping to Unknown and back
        boolean known = mc.getStatus() != null
                && Conditions.find(mc.getStatus().conditions, REACHABLE).isPresent();
        if (health.state() != MemberHealth.State.UNKNOWN || !known) {
            StatusWrites.write(context, mc, mc.getStatus(), status(mc, health, null), mc::setStatus);
        }
        // re-read the kubeconfig Secret every period: a rotated credential takes effect without a restart
        return UpdateControl.<MemberCluster> noUpdate().rescheduleAfter(period);
    }

    @Override
    public ErrorStatusUpdateControl<MemberCluster> updateErrorStatus(MemberCluster mc, Context<MemberCluster> context,
            Exception e) {
        if (StatusWrites.isConflict(e)) {
            LOG.debugf("MemberCluster %s changed while being reconciled; retrying", MemberKey.of(mc));
        } else {
            LOG.warnf(e, "MemberCluster %s: reconcile failed", MemberKey.of(mc));
        }
        return ErrorStatusUpdateControl.noStatusUpdate();
    }

    @Override
    public DeleteControl cleanup(MemberCluster mc, Context<MemberCluster> context) {
        MemberKey key = MemberKey.of(mc);
        List<String> users = users(mc);
        if (!users.isEmpty()) {
            Condition inUse = Conditions.of(IN_USE, true, "StillUsed", "cannot be deleted while it is used: "
                    + String.join("; ", users) + ". Delete or move those node pools first; the MemberCluster goes"
                    + " once the Kafka's objects there are gone");
            StatusWrites.write(context, mc, mc.getStatus(),
                    status(mc, registry.health(key).orElse(MemberHealth.unknown()), inUse), mc::setStatus);
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(RETRY_IN_USE);
        }
        LOG.infof("member %s: MemberCluster deleted, disconnecting", key);
        registry.remove(key);
        return DeleteControl.defaultDelete();
    }

    /** Who still needs this member: node pools naming it, and Kafkas with objects there. */
    private List<String> users(MemberCluster mc) {
        String namespace = mc.getMetadata().getNamespace();
        String name = mc.getMetadata().getName();
        Set<String> poolNames = new TreeSet<>();
        pools.list(namespace, p -> p.getSpec() != null && name.equals(p.getSpec().memberCluster))
                .forEach(p -> poolNames.add(p.getMetadata().getName()));
        Set<String> kafkaNames = new TreeSet<>();
        kafkas.list(namespace, k -> k.getStatus() != null && k.getStatus().members != null
                && k.getStatus().members.stream().anyMatch(m -> name.equals(m.name)))
                .forEach(k -> kafkaNames.add(k.getMetadata().getName()));
        List<String> users = new ArrayList<>();
        if (!poolNames.isEmpty()) {
            users.add("KafkaNodePool " + String.join(", ", poolNames) + " place nodes here");
        }
        if (!kafkaNames.isEmpty()) {
            users.add("Kafka " + String.join(", ", kafkaNames) + " still have objects here");
        }
        return users;
    }

    private String kubeconfig(MemberCluster mc) throws KubeconfigException {
        var ref = mc.getSpec().kubeconfigSecret;
        if (ref.name == null || ref.name.isBlank()) {
            throw new KubeconfigException("KubeconfigSecretMissing", "spec.kubeconfigSecret.name is empty");
        }
        Secret secret;
        try {
            secret = central.secrets().inNamespace(mc.getMetadata().getNamespace()).withName(ref.name).get();
        } catch (KubernetesClientException e) {
            throw new KubeconfigException("KubeconfigSecretUnreadable", "cannot read Secret " + ref.name + ": HTTP "
                    + e.getCode());
        }
        if (secret == null) {
            throw new KubeconfigException("KubeconfigSecretMissing", "Secret " + ref.name + " (spec.kubeconfigSecret)"
                    + " does not exist in namespace " + mc.getMetadata().getNamespace() + "; create it with the"
                    + " member's kubeconfig under key " + ref.keyOrDefault());
        }
        String key = ref.keyOrDefault();
        String kubeconfig = SecretText.of(secret).get(key);
        if (kubeconfig != null) {
            return kubeconfig;
        }
        throw new KubeconfigException("KubeconfigSecretMissing", "Secret " + ref.name + " has no key " + key
                + " (spec.kubeconfigSecret.key)");
    }

    private static MemberClusterStatus status(MemberCluster mc, MemberHealth health, Condition extra) {
        MemberClusterStatus status = new MemberClusterStatus();
        MemberClusterStatus before = mc.getStatus();
        status.observedGeneration = mc.getMetadata().getGeneration();
        status.kubernetesVersion = health.reachable() ? health.kubernetesVersion()
                : before == null ? null : before.kubernetesVersion;
        String state = switch (health.state()) {
            case REACHABLE -> Conditions.TRUE;
            case UNREACHABLE -> Conditions.FALSE;
            case UNKNOWN -> Conditions.UNKNOWN;
        };
        List<Condition> next = new ArrayList<>();
        next.add(Conditions.of(REACHABLE, state, health.reason(), health.message()));
        if (extra != null) {
            next.add(extra);
        }
        status.conditions = Conditions.merge(before == null ? null : before.conditions, next,
                mc.getMetadata().getGeneration(), Instant.now());
        return status;
    }
}
