package io.kstretch.reconcile;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.kstretch.api.CertificateAuthoritySpec;
import io.kstretch.api.KStretch;
import io.kstretch.api.Kafka;
import io.kstretch.certs.Pem;
import io.kstretch.certs.SubjectAltNames;
import io.kstretch.members.MemberConnection;
import io.kstretch.members.ResourceKind;
import io.kstretch.render.ClusterCaCertSecret;
import io.kstretch.render.Names;
import io.kstretch.render.NodeTls;
import io.kstretch.render.PoolCertsSecret;
import io.kstretch.spi.KafkaNode;
import io.kstretch.tls.CaLifecycle;
import io.kstretch.tls.CaSecretData;
import io.kstretch.tls.CaState;
import io.kstretch.tls.NodeCertificates;
import io.kstretch.topology.Topology;
import io.kstretch.validation.Problem;

/**
 * The certificates step of a Kafka's reconcile. Its two CAs (cluster: nodes' certificates; clients: what clients
 * present on {@code authentication: tls} listeners) live in Secrets of the central cluster only, owned by the Kafka:
 * created once, renewed in phases ({@link CaState}), or supplied by the user. Each node keeps its certificate while it
 * is valid for the node's current names; otherwise it gets a new key and certificate. Node keys are written only to
 * the node's own pool Secret in its member.
 */
final class Certificates {
    private static final Logger LOG = Logger.getLogger(Certificates.class);

    /** The Kafka's CAs. */
    record Cas(CaState cluster, CaState clients) {
    }

    /** A CA Secret the user must supply is missing or unusable. */
    static final class CaProblem extends Exception {
        final Problem problem;

        CaProblem(Problem problem) {
            super(problem.message());
            this.problem = problem;
        }
    }

    private final Context<Kafka> context;
    private final InformerEventSource<Secret, Kafka> secrets;
    private final SecureRandom random;
    private final Instant now;

    Certificates(Context<Kafka> context, InformerEventSource<Secret, Kafka> secrets, SecureRandom random,
            Instant now) {
        this.context = context;
        this.secrets = secrets;
        this.random = random;
        this.now = now;
    }

    /**
     * The CAs, created (and written) when they do not exist yet, and a due renewal started.
     *
     * @return empty when a CA was just created or renewed: the reconcile ends and the next one uses it
     */
    Optional<Cas> ensure(Kafka kafka) throws CaProblem {
        String name = kafka.getMetadata().getName();
        var spec = kafka.getSpec();
        CaState cluster = ensure(kafka, Names.clusterCa(name), "cluster", spec.clusterCaOrDefault(),
                "spec.clusterCa", name + " cluster CA");
        CaState clients = ensure(kafka, Names.clientsCa(name), "clients", spec.clientsCaOrDefault(),
                "spec.clientsCa", name + " clients CA");
        if (cluster == null || clients == null) {
            return Optional.empty();
        }
        return Optional.of(new Cas(cluster, clients));
    }

    /** The CA in {@code secretName}; null when it was created or a renewal started (written, not yet seen). */
    private CaState ensure(Kafka kafka, String secretName, String kind, CertificateAuthoritySpec spec, String field,
            String commonName) throws CaProblem {
        Secret secret = secrets.get(new ResourceID(secretName, kafka.getMetadata().getNamespace())).orElse(null);
        if (secret == null && !spec.generated()) {
            throw new CaProblem(new Problem("CertificateAuthorityMissing", field + ".generateCertificateAuthority is"
                    + " false, but Secret " + secretName + " does not exist (or lacks the labels "
                    + KStretch.CLUSTER_LABEL + "=" + kafka.getMetadata().getName() + " and " + KStretch.CA_LABEL
                    + "=" + kind + "); create it with ca.crt and ca.key (PEM, the key PKCS#8)"));
        }
        if (secret == null) {
            CaState created = CaLifecycle.create(commonName, now, spec.validity(), random);
            write(kafka, secretName, kind, created, null);
            LOG.infof("Kafka %s/%s: created the %s CA (valid until %s)", kafka.getMetadata().getNamespace(),
                    kafka.getMetadata().getName(), kind, created.current().certificate().getNotAfter().toInstant());
            return null;
        }
        CaState state;
        try {
            state = CaSecretData.read(SecretText.of(secret), secret.getMetadata().getAnnotations(), !spec.generated(), random);
        } catch (IllegalArgumentException e) {
            throw new CaProblem(new Problem("CertificateAuthorityInvalid", "Secret " + secretName + " (" + field
                    + "): " + e.getMessage()));
        }
        Optional<CaState> renewed = CaLifecycle.next(state, false, commonName, now, spec.validity(), spec.renewal(),
                random);
        if (renewed.isPresent()) {
            write(kafka, secretName, kind, renewed.get(), secret);
            LOG.infof("Kafka %s/%s: renewing the %s CA: every node now trusts the old and the new one",
                    kafka.getMetadata().getNamespace(), kafka.getMetadata().getName(), kind);
            return null;
        }
        return state;
    }

    /**
     * Moves CA renewals on once every node runs what was rendered for the current phase.
     *
     * @return whether a CA Secret was written (the reconcile then ends)
     */
    boolean advance(Kafka kafka, Cas cas) {
        boolean written = false;
        String name = kafka.getMetadata().getName();
        var spec = kafka.getSpec();
        for (var ca : List.of(Map.entry("cluster", cas.cluster()), Map.entry("clients", cas.clients()))) {
            CertificateAuthoritySpec caSpec = "cluster".equals(ca.getKey()) ? spec.clusterCaOrDefault()
                    : spec.clientsCaOrDefault();
            Optional<CaState> next = CaLifecycle.next(ca.getValue(), true, name + " " + ca.getKey() + " CA", now,
                    caSpec.validity(), caSpec.renewal(), random);
            if (next.isPresent() && next.get().phase() != CaState.Phase.TRUST_NEW) {
                String secretName = "cluster".equals(ca.getKey()) ? Names.clusterCa(name) : Names.clientsCa(name);
                Secret current = secrets.get(new ResourceID(secretName, kafka.getMetadata().getNamespace()))
                        .orElseThrow();
                write(kafka, secretName, ca.getKey(), next.get(), current);
                LOG.infof("Kafka %s/%s: %s CA renewal moves on to %s", kafka.getMetadata().getNamespace(), name,
                        ca.getKey(), next.get().phase());
                written = true;
            }
        }
        return written;
    }

    /**
     * Each node's keystore (kept or newly issued) and the trust bundles. Nodes in members that cannot be read get
     * none here; their member is not written this pass.
     */
    NodeTls nodeTls(Topology topology, Cas cas, Function<KafkaNode, SubjectAltNames> names,
            Map<String, MemberConnection> reachable) {
        var spec = topology.kafka().getSpec().clusterCaOrDefault();
        Map<Integer, String> keystores = new TreeMap<>();
        Map<String, Map<String, String>> existing = new HashMap<>();
        for (KafkaNode node : topology.nodes()) {
            MemberConnection member = reachable.get(node.member().name());
            if (member == null) {
                continue;
            }
            String secretName = Names.certsSecret(topology.kafkaName(), node.pool());
            Map<String, String> data = existing.computeIfAbsent(node.member().name() + "/" + secretName,
                    k -> member.<Secret> get(ResourceKind.of(Secret.class), secretName).map(SecretText::of)
                            .orElse(Map.of()));
            NodeCertificates.Decision decision = NodeCertificates.decide(cas.cluster(),
                    data.get(NodeTls.keystore(node.id())), node.podName(), names.apply(node), now, spec.validity(),
                    spec.renewal(), random);
            if (decision.issued()) {
                LOG.infof("Kafka %s/%s: new certificate for node %d (%s)", topology.namespace(),
                        topology.kafkaName(), node.id(), decision.reason());
            }
            keystores.put(node.id(), decision.keystorePem());
        }
        return new NodeTls(keystores, Pem.encode(cas.cluster().trusted()), Pem.encode(cas.clients().trusted()));
    }

    /** Publishes the cluster CA certificates for clients of the central cluster. */
    void publish(Kafka kafka, Cas cas) {
        Secret desired = ClusterCaCertSecret.render(kafka.getMetadata().getName(), Pem.encode(cas.cluster().trusted()));
        desired.getMetadata().setNamespace(kafka.getMetadata().getNamespace());
        desired.getMetadata().setLabels(caLabels(kafka, "cert"));
        desired.getMetadata().setOwnerReferences(List.of(DataPlaneWriter.kafkaOwner(kafka)));
        Secret current = secrets.get(new ResourceID(desired.getMetadata().getName(),
                kafka.getMetadata().getNamespace())).orElse(null);
        if (current == null) {
            context.resourceOperations().create(desired, secrets);
        } else if (!desired.getData().equals(current.getData())) {
            desired.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
            context.resourceOperations().update(desired, secrets);
        }
    }

    private void write(Kafka kafka, String secretName, String kind, CaState state, Secret current) {
        if (state.userManaged() && current != null) {
            // a user's CA: only the renewal bookkeeping changes (phase annotation, dropping previous.*)
            Secret updated = new SecretBuilder(current).editMetadata().addToAnnotations(CaSecretData.annotations(state))
                    .endMetadata().build();
            if (state.phase() == CaState.Phase.STABLE) {
                updated.getMetadata().getAnnotations().remove(CaSecretData.PHASE_ANNOTATION);
                updated.getData().remove(CaSecretData.PREVIOUS_CERT);
                updated.getData().remove(CaSecretData.PREVIOUS_KEY);
            }
            context.resourceOperations().update(updated, secrets);
            return;
        }
        Secret secret = new SecretBuilder()
                .withNewMetadata()
                .withName(secretName)
                .withNamespace(kafka.getMetadata().getNamespace())
                .withLabels(caLabels(kafka, kind))
                .withAnnotations(CaSecretData.annotations(state))
                .withOwnerReferences(DataPlaneWriter.kafkaOwner(kafka))
                .endMetadata()
                .withType("Opaque")
                .withData(PoolCertsSecret.base64(CaSecretData.data(state)))
                .build();
        if (current == null) {
            context.resourceOperations().create(secret, secrets);
        } else {
            secret.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
            context.resourceOperations().update(secret, secrets);
        }
    }

    private static Map<String, String> caLabels(Kafka kafka, String kind) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(KStretch.MANAGED_BY_LABEL, KStretch.MANAGED_BY);
        labels.put(KStretch.CLUSTER_LABEL, kafka.getMetadata().getName());
        labels.put(KStretch.CA_LABEL, kind);
        return labels;
    }
}
