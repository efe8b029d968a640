package io.kstretch.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.kstretch.certs.CertificateChecks;
import io.kstretch.certs.KeyAndCertificate;
import io.kstretch.certs.SubjectAltNames;

/** CA renewal phases and the node-certificate decisions behind them. */
class TlsLifecycleTest {
    static final Duration YEAR = Duration.ofDays(365);
    static final Duration MONTH = Duration.ofDays(30);
    final SecureRandom random = new SecureRandom(new byte[] { 1, 2, 3 });
    final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    final SubjectAltNames names = SubjectAltNames.of("k-pool-0.east.k-nodes.ns.svc.clusterset.local", "10.0.0.7");

    CaState ca() {
        return CaLifecycle.create("cluster CA", t0, YEAR, random);
    }

    NodeCertificates.Decision decide(CaState ca, String existing, SubjectAltNames sans, Instant now) {
        return NodeCertificates.decide(ca, existing, "k-pool-0", sans, now, YEAR, MONTH, random);
    }

    @Test
    void aNewNodeGetsACertificateWithItsNamesAndKeepsItAfterwards() {
        CaState ca = ca();
        NodeCertificates.Decision first = decide(ca, null, names, t0);
        assertThat(first.reason()).isEqualTo("no certificate yet");
        KeyAndCertificate kc = KeyAndCertificate.fromKeystorePem(first.keystorePem());
        assertThat(CertificateChecks.coversExactly(kc.certificate(), names)).isTrue();
        assertThat(CertificateChecks.issuedBy(kc.certificate(), ca.current().certificate())).isTrue();

        NodeCertificates.Decision again = decide(ca, first.keystorePem(), names, t0.plus(Duration.ofDays(100)));
        assertThat(again.issued()).isFalse();
        assertThat(again.keystorePem()).isEqualTo(first.keystorePem());
    }

    @Test
    void changedNamesADueCertificateAndAnUnreadableOneAreReissued() {
        CaState ca = ca();
        String pem = decide(ca, null, names, t0).keystorePem();
        assertThat(decide(ca, pem, SubjectAltNames.of("other.example.com"), t0).reason())
                .isEqualTo("the node's names or addresses changed");
        assertThat(decide(ca, pem, names, t0.plus(YEAR).minus(Duration.ofDays(10))).reason())
                .isEqualTo("due for renewal");
        assertThat(decide(ca, "garbage", names, t0).reason()).isEqualTo("no certificate yet");
        assertThat(decide(ca(), pem, names, t0).reason()).as("a certificate of another CA")
                .isEqualTo("not issued by the cluster CA");
    }

    @Test
    void aCaRenewalTrustsBothThenIssuesFromTheNewOneThenDropsTheOld() {
        CaState stable = ca();
        String node = decide(stable, null, names, t0).keystorePem();
        Instant due = t0.plus(YEAR).minus(Duration.ofDays(20));
        assertThat(CaLifecycle.next(stable, true, "cluster CA", t0.plus(Duration.ofDays(100)), YEAR, MONTH, random))
                .as("not due yet").isEmpty();

        CaState trustNew = CaLifecycle.next(stable, true, "cluster CA", due, YEAR, MONTH, random).orElseThrow();
        assertThat(trustNew.phase()).isEqualTo(CaState.Phase.TRUST_NEW);
        assertThat(trustNew.generation()).isEqualTo(2);
        assertThat(trustNew.trusted()).containsExactly(trustNew.current().certificate(),
                stable.current().certificate());
        assertThat(trustNew.issuing()).isSameAs(stable.current());
        assertThat(decide(trustNew, node, names, due).issued())
                .as("while the new CA is only being trusted, node certificates stay").isFalse();
        assertThat(CaLifecycle.next(trustNew, false, "cluster CA", due, YEAR, MONTH, random))
                .as("not before every node runs the new trust").isEmpty();

        CaState issueNew = CaLifecycle.next(trustNew, true, "cluster CA", due, YEAR, MONTH, random).orElseThrow();
        assertThat(issueNew.phase()).isEqualTo(CaState.Phase.ISSUE_NEW);
        assertThat(issueNew.trusted()).hasSize(2);
        NodeCertificates.Decision reissued = decide(issueNew, node, names, due);
        assertThat(reissued.reason()).isEqualTo("the cluster CA was renewed");
        assertThat(CertificateChecks.issuedBy(KeyAndCertificate.fromKeystorePem(reissued.keystorePem()).certificate(),
                issueNew.current().certificate())).isTrue();

        CaState done = CaLifecycle.next(issueNew, true, "cluster CA", due, YEAR, MONTH, random).orElseThrow();
        assertThat(done.phase()).isEqualTo(CaState.Phase.STABLE);
        assertThat(done.trusted()).containsExactly(issueNew.current().certificate());
        assertThat(decide(done, reissued.keystorePem(), names, due).issued()).isFalse();
    }

    @Test
    void aNodeCertificateNeverOutlivesItsCa() {
        CaState ca = ca();
        Instant late = t0.plus(Duration.ofDays(300));
        KeyAndCertificate kc = KeyAndCertificate.fromKeystorePem(decide(ca, null, names, late).keystorePem());
        assertThat(kc.certificate().getNotAfter()).isEqualTo(ca.current().certificate().getNotAfter());
    }

    @Test
    void caStateSurvivesTheSecretRoundTrip() {
        CaState stable = ca();
        CaState trustNew = CaLifecycle.next(stable, true, "c", t0.plus(Duration.ofDays(340)), YEAR, MONTH, random)
                .orElseThrow();
        for (CaState state : new CaState[] { stable, trustNew,
                CaLifecycle.next(trustNew, true, "c", t0, YEAR, MONTH, random).orElseThrow() }) {
            CaState read = CaSecretData.read(CaSecretData.data(state), CaSecretData.annotations(state), false, random);
            assertThat(read.phase()).isEqualTo(state.phase());
            assertThat(read.generation()).isEqualTo(state.generation());
            assertThat(read.trusted()).isEqualTo(state.trusted());
        }
    }

    @Test
    void aUserCaIsNeverReplacedButItsRenewalIsCarriedThrough() {
        CaState user = new CaState(ca().current(), null, CaState.Phase.STABLE, 1, true);
        assertThat(CaLifecycle.next(user, true, "c", t0.plus(YEAR), YEAR, MONTH, random)).isEmpty();
        CaState renewing = new CaState(ca().current(), user.current(), CaState.Phase.TRUST_NEW, 1, true);
        assertThat(CaLifecycle.next(renewing, true, "c", t0, YEAR, MONTH, random)).hasValueSatisfying(
                s -> assertThat(s.phase()).isEqualTo(CaState.Phase.ISSUE_NEW));
    }

    @Test
    void anIncompleteCaSecretIsRefusedWithWhatIsMissing() {
        assertThatThrownBy(() -> CaSecretData.read(Map.of(CaSecretData.CERT, "x"), Map.of(), true, random))
                .hasMessage("needs both ca.crt and ca.key");
    }
}
