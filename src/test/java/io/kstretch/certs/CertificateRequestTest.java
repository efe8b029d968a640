package io.kstretch.certs;

import static io.kstretch.certs.CertificateRequest.Usage.CLIENT;
import static io.kstretch.certs.Fixtures.LEAF_FROM;
import static io.kstretch.certs.Fixtures.LEAF_UNTIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class CertificateRequestTest {

    @Test
    void validity_is_kept_to_whole_seconds() {
        CertificateRequest request = CertificateRequest.leaf("k", SubjectAltNames.NONE,
                Instant.parse("2030-01-01T00:00:00.750Z"), Instant.parse("2030-02-01T00:00:00.250Z"), CLIENT);
        assertThat(request.notBefore()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(request.notAfter()).isEqualTo(Instant.parse("2030-02-01T00:00:00Z"));
        assertThatThrownBy(() -> CertificateRequest.leaf("k", SubjectAltNames.NONE,
                Instant.parse("2030-01-01T00:00:00.1Z"), Instant.parse("2030-01-01T00:00:00.9Z"), CLIENT))
                .hasMessageContaining("is not after notBefore");
        assertThatThrownBy(() -> CertificateRequest.leaf("k", SubjectAltNames.NONE, LEAF_UNTIL, LEAF_FROM, CLIENT))
                .hasMessageContaining("is not after notBefore");
    }

    @Test
    void names_within_rfc_5280_bounds() {
        assertThat(CertificateRequest.leaf("a".repeat(64), SubjectAltNames.NONE, LEAF_FROM, LEAF_UNTIL, CLIENT)
                .commonName()).hasSize(64);
        assertThatThrownBy(() -> CertificateRequest.leaf("a".repeat(65), SubjectAltNames.NONE, LEAF_FROM,
                LEAF_UNTIL, CLIENT)).hasMessageContaining("1 to 64 characters");
        assertThatThrownBy(() -> CertificateRequest.leaf("", SubjectAltNames.NONE, LEAF_FROM, LEAF_UNTIL, CLIENT))
                .hasMessageContaining("1 to 64 characters");
        assertThatThrownBy(() -> CertificateRequest.leaf("a\nb", SubjectAltNames.NONE, LEAF_FROM, LEAF_UNTIL,
                CLIENT)).hasMessageContaining("control characters");
        assertThatThrownBy(() -> Fixtures.leaf("k", CLIENT).withOrganization("o".repeat(65)))
                .hasMessageContaining("organization");
    }

    @Test
    void a_subjectless_certificate_needs_names() {
        assertThatThrownBy(() -> CertificateRequest.leaf(null, SubjectAltNames.NONE, LEAF_FROM, LEAF_UNTIL, CLIENT))
                .hasMessageContaining("needs subject alternative names");
        CertificateRequest named = Fixtures.leaf(null, CLIENT, "a.svc");
        assertThat(named.hasEmptySubject()).isTrue();
        assertThat(named.withOrganization("kstretch").hasEmptySubject()).isFalse();
    }

    @Test
    void a_ca_has_a_name_and_no_usage_and_a_leaf_has_a_usage() {
        assertThat(CertificateRequest.ca("ca", LEAF_FROM, LEAF_UNTIL).usage()).isNull();
        assertThatThrownBy(() -> new CertificateRequest(null, "o", SubjectAltNames.NONE, LEAF_FROM, LEAF_UNTIL,
                null, true)).hasMessageContaining("needs a common name");
        assertThatThrownBy(() -> new CertificateRequest("ca", null, SubjectAltNames.NONE, LEAF_FROM, LEAF_UNTIL,
                CLIENT, true)).hasMessageContaining("has no usage");
        assertThatThrownBy(() -> CertificateRequest.leaf("k", SubjectAltNames.NONE, LEAF_FROM, LEAF_UNTIL, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("usage");
    }
}
