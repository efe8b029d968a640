package io.kstretch.certs;

import static io.kstretch.certs.CertificateRequest.Usage.SERVER_AND_CLIENT;
import static io.kstretch.certs.Fixtures.LEAF_FROM;
import static io.kstretch.certs.Fixtures.LEAF_UNTIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class CertificateChecksTest {
    private static final CertificateAuthority CA = Fixtures.ca("kstretch test CA", 1);
    private static final KeyAndCertificate NODE = CA.issue(
            Fixtures.leaf("kafka-0", SERVER_AND_CLIENT, "kafka-0.kafka.east.svc", "127.0.0.1", "::1"));

    @Test
    void validity_includes_both_bounds() {
        var cert = NODE.certificate();
        assertThat(CertificateChecks.notYetValid(cert, LEAF_FROM.minusSeconds(1))).isTrue();
        assertThat(CertificateChecks.notYetValid(cert, LEAF_FROM)).isFalse();
        assertThat(CertificateChecks.validAt(cert, LEAF_FROM.minusSeconds(1))).isFalse();
        assertThat(CertificateChecks.validAt(cert, LEAF_FROM)).isTrue();
        assertThat(CertificateChecks.validAt(cert, LEAF_UNTIL)).isTrue();
        assertThat(CertificateChecks.expired(cert, LEAF_UNTIL)).isFalse();
        assertThat(CertificateChecks.expired(cert, LEAF_UNTIL.plusMillis(1))).isTrue();
        assertThat(CertificateChecks.validAt(cert, LEAF_UNTIL.plusSeconds(1))).isFalse();
        assertThat(CertificateChecks.expired(cert, LEAF_FROM.minusSeconds(1))).isFalse();
    }

    @Test
    void due_for_renewal_from_renew_before_ahead_of_expiry() {
        var cert = NODE.certificate();
        Duration renewBefore = Duration.ofDays(30);
        Instant threshold = LEAF_UNTIL.minus(renewBefore);

        assertThat(CertificateChecks.dueForRenewal(cert, threshold.minusSeconds(1), renewBefore)).isFalse();
        assertThat(CertificateChecks.dueForRenewal(cert, threshold, renewBefore)).isTrue();
        assertThat(CertificateChecks.dueForRenewal(cert, LEAF_UNTIL.plus(Duration.ofDays(365)), renewBefore))
                .isTrue();
        assertThat(CertificateChecks.dueForRenewal(cert, LEAF_UNTIL.minusSeconds(1), Duration.ZERO)).isFalse();
        assertThat(CertificateChecks.dueForRenewal(cert, LEAF_UNTIL, Duration.ZERO)).isTrue();
        // a renewBefore longer than the whole lifetime: always due
        assertThat(CertificateChecks.dueForRenewal(cert, LEAF_FROM, Duration.ofDays(400))).isTrue();
        assertThatThrownBy(() -> CertificateChecks.dueForRenewal(cert, LEAF_FROM, Duration.ofSeconds(-1)))
                .hasMessageContaining("negative");
    }

    @Test
    void covers_compares_names_as_names_and_addresses_as_addresses() {
        var cert = NODE.certificate();

        assertThat(CertificateChecks.coversExactly(cert,
                SubjectAltNames.of("0:0:0:0:0:0:0:1", "KAFKA-0.kafka.east.svc", "127.0.0.1"))).isTrue();
        assertThat(CertificateChecks.coversExactly(cert,
                SubjectAltNames.of("::0001", "kafka-0.kafka.east.svc", "127.0.0.1"))).isTrue();
        // one fewer: not exact, but covered
        SubjectAltNames fewer = SubjectAltNames.of("kafka-0.kafka.east.svc", "::1");
        assertThat(CertificateChecks.coversExactly(cert, fewer)).isFalse();
        assertThat(CertificateChecks.coversAtLeast(cert, fewer)).isTrue();
        // one more: neither
        SubjectAltNames more = SubjectAltNames.of("kafka-0.kafka.east.svc", "127.0.0.1", "::1", "10.0.0.1");
        assertThat(CertificateChecks.coversExactly(cert, more)).isFalse();
        assertThat(CertificateChecks.coversAtLeast(cert, more)).isFalse();
        // the same text as another kind is another name
        assertThat(CertificateChecks.coversAtLeast(cert, SubjectAltNames.of("::2"))).isFalse();
        assertThat(CertificateChecks.coversAtLeast(cert, SubjectAltNames.of("127.0.0.2"))).isFalse();
        assertThat(CertificateChecks.coversAtLeast(cert, SubjectAltNames.NONE)).isTrue();
    }

    @Test
    void a_certificate_without_names_covers_exactly_none() {
        var cert = CA.issue(Fixtures.leaf("client", SERVER_AND_CLIENT)).certificate();
        assertThat(CertificateChecks.coversExactly(cert, SubjectAltNames.NONE)).isTrue();
        assertThat(CertificateChecks.coversAtLeast(cert, SubjectAltNames.of("a.svc"))).isFalse();
    }

    @Test
    void issued_by_needs_both_the_name_and_the_signature() {
        var cert = NODE.certificate();
        CertificateAuthority sameName = Fixtures.ca("kstretch test CA", 2);
        CertificateAuthority sameKeyOtherName = CertificateAuthority.of(
                new KeyAndCertificate(CA.keyAndCertificate().privateKey(), Fixtures.ca("other", 1).certificate()),
                Fixtures.random(3));

        assertThat(CertificateChecks.issuedBy(cert, CA.certificate())).isTrue();
        assertThat(CertificateChecks.issuedBy(CA.certificate(), CA.certificate())).isTrue();
        assertThat(CertificateChecks.issuedBy(cert, sameName.certificate())).isFalse();
        // seed 1 makes the same key under another name: the signature verifies but the issuer differs
        assertThat(sameKeyOtherName.certificate().getPublicKey()).isEqualTo(CA.certificate().getPublicKey());
        assertThat(CertificateChecks.issuedBy(cert, sameKeyOtherName.certificate())).isFalse();
        assertThat(CertificateChecks.issuedBy(CA.certificate(), cert)).isFalse();
    }

    @Test
    void key_matches_only_its_own_certificate() {
        KeyAndCertificate other = CA.issue(Fixtures.leaf("other", SERVER_AND_CLIENT));
        assertThat(CertificateChecks.keyMatches(NODE.privateKey(), NODE.certificate())).isTrue();
        assertThat(CertificateChecks.keyMatches(other.privateKey(), NODE.certificate())).isFalse();
        assertThat(CertificateChecks.keyMatches(CA.keyAndCertificate().privateKey(), CA.certificate())).isTrue();
    }
}
