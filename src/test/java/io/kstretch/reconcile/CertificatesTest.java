package io.kstretch.reconcile;

import static io.kstretch.api.ProcessRole.BROKER;
import static io.kstretch.api.ProcessRole.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.kstretch.api.CertificateAuthoritySpec;
import io.kstretch.api.KStretch;
import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.api.MemberCluster;
import io.kstretch.certs.CertificateAuthority;
import io.kstretch.certs.CertificateChecks;
import io.kstretch.certs.KeyAndCertificate;
import io.kstretch.certs.Pem;
import io.kstretch.certs.SubjectAltNames;
import io.kstretch.testing.CapturedLog;
import io.kstretch.testing.Fixtures;
import io.kstretch.testing.OperatorTestSupport;
import io.kstretch.tls.CaSecretData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/** Certificate authorities and node certificates across members, and a CA renewal that never breaks trust. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class CertificatesTest extends OperatorTestSupport {
    static final List<String> MEMBERS = List.of("central", "east", "west");

    @Inject
    TimeSource time;

    @Inject
    KafkaEvents events;

    @AfterEach
    void resetClock() {
        time.reset();
    }

    @Test
    void everyNodeGetsACertificateForItsNamesAndNoMemberSeesACaKey() {
        String ns = "certs";
        env.createStretchedKafka(ns);
        Kafka kafka = awaitReady(ns, "my-cluster");
        Secret clusterCa = central.secrets().inNamespace(ns).withName("my-cluster-cluster-ca").get();
        assertThat(clusterCa.getMetadata().getOwnerReferences()).extracting(r -> r.getUid())
                .containsExactly(kafka.getMetadata().getUid());
        assertThat(clusterCa.getMetadata().getLabels()).containsEntry(KStretch.CA_LABEL, "cluster");
        X509Certificate ca = Pem.decodeCertificate(data(clusterCa).get(CaSecretData.CERT));
        assertThat(central.secrets().inNamespace(ns).withName("my-cluster-clients-ca").get()).isNotNull();
        assertThat(data(central.secrets().inNamespace(ns).withName("my-cluster-cluster-ca-cert").get()))
                .containsOnlyKeys("ca.crt");

        for (String member : MEMBERS) {
            KubernetesClient client = env.client(member);
            int id = pool(ns, member + "-pool").getStatus().nodeIdStart;
            Map<String, String> certs = data(client.secrets().inNamespace(ns).withName("my-cluster-" + member
                    + "-pool-certs").get());
            assertThat(certs).containsOnlyKeys("node-" + id + ".pem", "ca.crt", "clients-ca.crt");
            assertThat(Pem.decodeCertificates(certs.get("ca.crt"))).containsExactly(ca);
            KeyAndCertificate node = KeyAndCertificate.fromKeystorePem(certs.get("node-" + id + ".pem"));
            assertThat(CertificateChecks.issuedBy(node.certificate(), ca)).isTrue();
            assertThat(CertificateChecks.keyMatches(node.privateKey(), node.certificate())).isTrue();
            String pod = "my-cluster-" + member + "-pool-" + id;
            assertThat(CertificateChecks.coversExactly(node.certificate(), SubjectAltNames.of(
                    pod + "." + member + ".my-cluster-nodes." + ns + ".svc.clusterset.local",
                    pod + ".my-cluster-nodes." + ns + ".svc", pod + ".my-cluster-nodes." + ns + ".svc.cluster.local")))
                    .as("SANs of node %d", id).isTrue();
            assertThat(client.secrets().inNamespace(ns).list().getItems()).as("CA keys only in the central CA Secrets")
                    .filteredOn(s -> data(s).containsKey(CaSecretData.KEY))
                    .allSatisfy(s -> assertThat(member + "/" + s.getMetadata().getName()).isIn(
                            "central/my-cluster-cluster-ca", "central/my-cluster-clients-ca"));
            if (!member.equals("central")) {
                assertThat(data(client.secrets().inNamespace(ns).withName("my-cluster-cluster-ca-cert").get()))
                        .containsEntry("ca.crt", Pem.encode(ca));
            }
        }
        assertThat(condition(kafka, KafkaStatusBuilder.NODES_UP_TO_DATE).getStatus()).isEqualTo("True");
    }

    @Test
    void aCaRenewalTrustsBothCasEverywhereBeforeAnyNodeUsesTheNewOne() {
        String ns = "renewal";
        env.register(ns);
        Kafka spec = Fixtures.kafka(ns, "my-cluster", "mcs");
        spec.getSpec().clusterCa = new CertificateAuthoritySpec();
        spec.getSpec().clusterCa.validityDays = 40;
        spec.getSpec().clusterCa.renewalDays = 30;
        central.resource(spec).create();
        for (String member : MEMBERS) {
            central.resource(Fixtures.pool(ns, member + "-pool", "my-cluster", member, 1, CONTROLLER, BROKER))
                    .create();
        }
        awaitReady(ns, "my-cluster");
        X509Certificate oldCa = clusterCaCert(ns);
        Map<String, String> oldKeystores = keystores(ns);
        assertThat(oldKeystores).as("one keystore per node").hasSize(MEMBERS.size());

        // the CA comes due: first every node is told to trust both CAs, node certificates stay as they are
        time.advance(Duration.ofDays(15));
        events.source().propagateEvent(new ResourceID("my-cluster", ns));
        eventually(() -> assertThat(phase(ns)).isEqualTo("TrustNew"));
        X509Certificate newCa = clusterCaCert(ns);
        assertThat(newCa).isNotEqualTo(oldCa);
        eventually(() -> {
            for (String member : MEMBERS) {
                assertThat(trusted(ns, member)).containsExactlyInAnyOrder(oldCa, newCa);
            }
            assertThat(condition(kafka(ns, "my-cluster"), KafkaStatusBuilder.NODES_UP_TO_DATE).getReason())
                    .isEqualTo("RestartPending");
        });
        assertThat(keystores(ns)).as("no node certificate changes before every node trusts the new CA")
                .isEqualTo(oldKeystores);

        // every node restarts with the new trust: certificates are re-issued by the new CA, both still trusted
        restartAllNodes(ns);
        eventually(() -> assertThat(phase(ns)).isEqualTo("IssueNew"));
        eventually(() -> assertThat(keystores(ns)).hasSize(MEMBERS.size()).allSatisfy((file, pem) -> assertThat(
                CertificateChecks.issuedBy(KeyAndCertificate.fromKeystorePem(pem).certificate(), newCa)).as(file)
                .isTrue()));
        for (String member : MEMBERS) {
            assertThat(trusted(ns, member)).containsExactlyInAnyOrder(oldCa, newCa);
        }

        // every node restarts with its new certificate: the old CA is dropped
        restartAllNodes(ns);
        eventually(() -> assertThat(phase(ns)).isNull());
        eventually(() -> {
            for (String member : MEMBERS) {
                assertThat(trusted(ns, member)).containsExactly(newCa);
            }
        });
        restartAllNodes(ns);
        awaitCondition(ns, "my-cluster", KafkaStatusBuilder.NODES_UP_TO_DATE, "True");
    }

    @Test
    void aUserSuppliedCaIsUsedAndNeverReplaced() {
        String ns = "user-ca";
        env.register(ns);
        Instant now = Instant.now();
        CertificateAuthority userCa = CertificateAuthority.generate("users own CA", now.minusSeconds(60),
                now.plus(Duration.ofDays(400)), new SecureRandom());
        Kafka spec = Fixtures.kafka(ns, "my-cluster", "mcs");
        spec.getSpec().clusterCa = new CertificateAuthoritySpec();
        spec.getSpec().clusterCa.generateCertificateAuthority = false;
        central.resource(spec).create();
        for (String member : MEMBERS) {
            central.resource(Fixtures.pool(ns, member + "-pool", "my-cluster", member, 1, CONTROLLER, BROKER))
                    .create();
        }
        Kafka missing = awaitNotReady(ns, "my-cluster", "CertificateAuthorityMissing");
        assertThat(condition(missing, "Ready").getMessage()).contains("Secret my-cluster-cluster-ca");
        for (String member : MEMBERS) {
            assertThat(env.managedUids(member, ns)).as("nothing written to %s", member).isEmpty();
        }

        Secret secret = central.resource(new SecretBuilder().withNewMetadata().withName("my-cluster-cluster-ca")
                .withNamespace(ns).addToLabels(KStretch.CLUSTER_LABEL, "my-cluster")
                .addToLabels(KStretch.CA_LABEL, "cluster").endMetadata()
                .addToStringData(CaSecretData.CERT, Pem.encode(userCa.certificate()))
                .addToStringData(CaSecretData.KEY, Pem.encode(userCa.keyAndCertificate().privateKey())).build())
                .create();
        awaitReady(ns, "my-cluster");
        assertThat(keystores(ns)).hasSize(MEMBERS.size()).allSatisfy((file, pem) -> assertThat(CertificateChecks
                .issuedBy(KeyAndCertificate.fromKeystorePem(pem).certificate(), userCa.certificate())).as(file)
                .isTrue());
        assertThat(central.secrets().inNamespace(ns).withName("my-cluster-cluster-ca").get().getMetadata()
                .getResourceVersion()).as("the user's Secret is not written")
                .isEqualTo(secret.getMetadata().getResourceVersion());
    }

    /**
     * Over a Kafka's creation, a CA renewal and a member whose kubeconfig is broken in a way parsers like to quote:
     * no private key and no token appears in any log record (io.kstretch and JOSDK at DEBUG), nor in any status.
     */
    @Test
    void keysAndTokensNeverReachLogsOrStatus() {
        String ns = "no-leaks";
        String token = "Zm9yLXlvdXItZXllcy1vbmx5-token";
        String logged;
        try (CapturedLog log = new CapturedLog("io.kstretch", "io.javaoperatorsdk")) {
            env.createStretchedKafka(ns);
            awaitReady(ns, "my-cluster");
            central.resource(new SecretBuilder().withNewMetadata().withName("broken-kubeconfig").withNamespace(ns)
                    .endMetadata().addToStringData("kubeconfig", "apiVersion: v1\nusers:\n- name: u\n  user: "
                            + token + "\ncontexts: [{name: c, context: {user: u}}]\n").build()).create();
            central.resource(Fixtures.member(ns, "broken", "broken-kubeconfig")).create();
            eventually(() -> assertThat(memberCluster(ns, "broken").getStatus()).isNotNull()
                    .satisfies(st -> assertThat(st.conditions).anySatisfy(
                            c -> assertThat(c.getReason()).isEqualTo("KubeconfigInvalid"))));

            time.advance(Duration.ofDays(340)); // both CAs and every node certificate come due
            events.source().propagateEvent(new ResourceID("my-cluster", ns));
            eventually(() -> assertThat(phase(ns)).isEqualTo("TrustNew"));
            logged = log.text();
            assertThat(log.records()).as("the capture works").isPositive();
            assertThat(logged).contains("renewing the cluster CA");
        }

        List<String> secrets = new java.util.ArrayList<>(List.of(token, "test-token"));
        for (String member : MEMBERS) {
            for (Secret secret : env.client(member).secrets().inNamespace(ns).list().getItems()) {
                data(secret).values().stream().filter(v -> v.contains("PRIVATE KEY"))
                        .flatMap(pem -> pem.lines().filter(l -> !l.startsWith("-----") && l.length() >= 16))
                        .forEach(secrets::add);
            }
        }
        assertThat(secrets).as("keys of two CAs (and their renewals) and three nodes").hasSizeGreaterThan(10);
        StringBuilder statuses = new StringBuilder();
        central.resources(Kafka.class).inNamespace(ns).list().getItems()
                .forEach(k -> statuses.append(Serialization.asJson(k.getStatus())));
        central.resources(KafkaNodePool.class).inNamespace(ns).list().getItems()
                .forEach(p -> statuses.append(Serialization.asJson(p.getStatus())));
        central.resources(MemberCluster.class).inNamespace(ns).list().getItems()
                .forEach(m -> statuses.append(Serialization.asJson(m.getStatus())));
        assertThat(statuses).contains("KubeconfigInvalid");
        for (String secret : secrets) {
            assertThat(logged).as("the log").doesNotContain(secret);
            assertThat(statuses).as("statuses").doesNotContain(secret);
        }
    }

    private void restartAllNodes(String ns) {
        for (String member : MEMBERS) {
            env.client(member).pods().inNamespace(ns).withLabel(KStretch.CLUSTER_LABEL, "my-cluster").delete();
        }
    }

    private String phase(String ns) {
        var annotations = central.secrets().inNamespace(ns).withName("my-cluster-cluster-ca").get().getMetadata()
                .getAnnotations();
        return annotations == null ? null : annotations.get(CaSecretData.PHASE_ANNOTATION);
    }

    private X509Certificate clusterCaCert(String ns) {
        return Pem.decodeCertificate(data(central.secrets().inNamespace(ns).withName("my-cluster-cluster-ca").get())
                .get(CaSecretData.CERT));
    }

    private List<X509Certificate> trusted(String ns, String member) {
        return Pem.decodeCertificates(data(env.client(member).secrets().inNamespace(ns)
                .withName("my-cluster-" + member + "-pool-certs").get()).get("ca.crt"));
    }

    /** node id → keystore PEM, over all members. */
    private Map<String, String> keystores(String ns) {
        Map<String, String> keystores = new TreeMap<>();
        for (String member : MEMBERS) {
            data(env.client(member).secrets().inNamespace(ns).withName("my-cluster-" + member + "-pool-certs").get())
                    .forEach((k, v) -> {
                        if (k.startsWith("node-")) {
                            keystores.put(k, v);
                        }
                    });
        }
        return keystores;
    }

    private static Map<String, String> data(Secret secret) {
        return SecretText.of(secret);
    }
}
