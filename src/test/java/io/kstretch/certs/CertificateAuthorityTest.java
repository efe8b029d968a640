package io.kstretch.certs;

import static io.kstretch.certs.CertificateRequest.Usage.CLIENT;
import static io.kstretch.certs.CertificateRequest.Usage.SERVER;
import static io.kstretch.certs.CertificateRequest.Usage.SERVER_AND_CLIENT;
import static io.kstretch.certs.Fixtures.CA_FROM;
import static io.kstretch.certs.Fixtures.CA_UNTIL;
import static io.kstretch.certs.Fixtures.LEAF_FROM;
import static io.kstretch.certs.Fixtures.LEAF_UNTIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SignatureException;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Certificates read back through the JDK's CertificateFactory say what was asked for. */
class CertificateAuthorityTest {
    private static final String SKI = "2.5.29.14";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String SAN = "2.5.29.17";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String AKI = "2.5.29.35";
    private static final String EKU = "2.5.29.37";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private final CertificateAuthority ca = Fixtures.ca("kstretch test CA", 1);

    @Test
    void the_ca_is_a_self_signed_ca_that_signs_end_entities_only() throws Exception {
        X509Certificate cert = ca.certificate();

        assertThat(cert.getVersion()).isEqualTo(3);
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=kstretch test CA");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(cert.getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField().getFieldSize())
                .isEqualTo(256);
        assertThat(cert.getNotBefore().toInstant()).isEqualTo(CA_FROM);
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(CA_UNTIL); // 2055: a GeneralizedTime
        assertThat(cert.getBasicConstraints()).isEqualTo(0); // CA, pathLen 0
        assertThat(cert.getKeyUsage()).containsExactly(false, false, false, false, false, true, true, false, false);
        assertThat(cert.getExtendedKeyUsage()).isNull();
        assertThat(cert.getSubjectAlternativeNames()).isNull();
        assertThat(cert.getCriticalExtensionOIDs()).containsExactlyInAnyOrder(BASIC_CONSTRAINTS, KEY_USAGE);
        assertThat(cert.getNonCriticalExtensionOIDs()).containsExactlyInAnyOrder(SKI, AKI);
        assertThat(subjectKeyId(cert)).isEqualTo(keyIdOf((ECPublicKey) cert.getPublicKey()))
                .isEqualTo(authorityKeyId(cert));
        cert.verify(cert.getPublicKey());
        assertThat(cert.getSerialNumber().signum()).isPositive();
        assertThat(ca.keyAndCertificate().chain()).isEmpty();
    }

    @Test
    void a_leaf_says_what_was_requested() throws Exception {
        CertificateRequest request = new CertificateRequest("kafka-0", "kstretch",
                SubjectAltNames.of("kafka-0.kafka.east.svc", "127.0.0.1", "::1"), LEAF_FROM, LEAF_UNTIL,
                SERVER_AND_CLIENT, false);

        KeyAndCertificate issued = ca.issue(request);
        X509Certificate cert = issued.certificate();

        assertThat(cert.getVersion()).isEqualTo(3);
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=kafka-0,O=kstretch");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(cert.getNotBefore().toInstant()).isEqualTo(LEAF_FROM);
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(LEAF_UNTIL);
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getKeyUsage()).containsExactly(true, false, false, false, false, false, false, false, false);
        assertThat(cert.getExtendedKeyUsage()).containsExactly(SERVER_AUTH, CLIENT_AUTH);
        assertThat(cert.getSubjectAlternativeNames()).containsExactly(List.of(2, "kafka-0.kafka.east.svc"),
                List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
        assertThat(cert.getCriticalExtensionOIDs()).containsExactlyInAnyOrder(BASIC_CONSTRAINTS, KEY_USAGE);
        assertThat(cert.getNonCriticalExtensionOIDs()).containsExactlyInAnyOrder(EKU, SAN, SKI, AKI);
        assertThat(subjectKeyId(cert)).isEqualTo(keyIdOf((ECPublicKey) cert.getPublicKey()));
        assertThat(authorityKeyId(cert)).isEqualTo(subjectKeyId(ca.certificate()));
        assertThat(cert.getPublicKey().getEncoded()).isNotEqualTo(ca.certificate().getPublicKey().getEncoded());
        assertThat(CertificateChecks.keyMatches(issued.privateKey(), cert)).isTrue();
        assertThat(issued.chain()).isEmpty(); // the root is the peer's trust anchor, not sent
        cert.verify(ca.certificate().getPublicKey());
    }

    @Test
    void usage_picks_the_extended_key_usage() throws Exception {
        assertThat(ca.issue(Fixtures.leaf("s", SERVER, "s.svc")).certificate().getExtendedKeyUsage())
                .containsExactly(SERVER_AUTH);
        assertThat(ca.issue(Fixtures.leaf("c", CLIENT)).certificate().getExtendedKeyUsage())
                .containsExactly(CLIENT_AUTH);
        X509Certificate noNames = ca.issue(Fixtures.leaf("c", CLIENT)).certificate();
        assertThat(noNames.getSubjectAlternativeNames()).isNull();
        assertThat(noNames.getNonCriticalExtensionOIDs()).doesNotContain(SAN);
    }

    @Test
    void validity_bounds_round_trip_on_both_sides_of_2050() {
        Instant lastUtcTime = Instant.parse("2049-12-31T23:59:59Z");
        Instant firstGeneralized = Instant.parse("2050-01-01T00:00:00Z");
        X509Certificate before = ca.issue(CertificateRequest.leaf("a", SubjectAltNames.NONE,
                Instant.parse("2049-01-01T00:00:00Z"), lastUtcTime, CLIENT)).certificate();
        X509Certificate after = ca.issue(CertificateRequest.leaf("a", SubjectAltNames.NONE, lastUtcTime,
                firstGeneralized, CLIENT)).certificate();

        assertThat(before.getNotAfter().toInstant()).isEqualTo(lastUtcTime);
        assertThat(after.getNotBefore().toInstant()).isEqualTo(lastUtcTime);
        assertThat(after.getNotAfter().toInstant()).isEqualTo(firstGeneralized);
    }

    @Test
    void an_empty_subject_makes_the_subject_alt_names_critical() {
        X509Certificate cert = ca.issue(Fixtures.leaf(null, SERVER, "kafka-0.svc")).certificate();

        assertThat(cert.getSubjectX500Principal().getName()).isEmpty();
        assertThat(cert.getCriticalExtensionOIDs()).contains(SAN);
        assertThat(cert.getNonCriticalExtensionOIDs()).doesNotContain(SAN);
    }

    @Test
    void a_leaf_verifies_only_with_its_own_ca() throws Exception {
        CertificateAuthority other = Fixtures.ca("kstretch test CA", 2); // same name, other key
        X509Certificate cert = other.issue(Fixtures.leaf("kafka-0", SERVER_AND_CLIENT, "kafka-0.svc")).certificate();

        cert.verify(other.certificate().getPublicKey());
        assertThatThrownBy(() -> cert.verify(ca.certificate().getPublicKey())).isInstanceOf(SignatureException.class);
        assertThat(CertificateChecks.issuedBy(cert, ca.certificate())).isFalse();
        assertThat(CertificateChecks.issuedBy(cert, other.certificate())).isTrue();
    }

    @Test
    void issue_signs_the_given_public_key() {
        KeyPair keys = Keys.generate(Fixtures.random(7));
        X509Certificate cert = ca.issue(Fixtures.leaf("k", CLIENT), keys.getPublic());

        assertThat(cert.getPublicKey().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
        assertThat(CertificateChecks.keyMatches(keys.getPrivate(), cert)).isTrue();
    }

    @Test
    void serial_numbers_are_random_positive_and_at_most_16_bytes() {
        KeyPair keys = Keys.generate(Fixtures.random(8));
        Set<BigInteger> serials = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            BigInteger serial = ca.issue(Fixtures.leaf("k", CLIENT), keys.getPublic()).getSerialNumber();
            assertThat(serial.signum()).isPositive();
            assertThat(serial.bitLength()).isLessThanOrEqualTo(127);
            serials.add(serial);
        }
        assertThat(serials).hasSize(200);
        // with 127 random bits, 200 serials under 2^100 would mean the top bits are not random
        assertThat(serials.stream().filter(s -> s.bitLength() > 100).count()).isGreaterThan(190);
    }

    @Test
    void the_same_seed_makes_the_same_certificates() throws Exception {
        CertificateAuthority again = Fixtures.ca("kstretch test CA", 1);
        assertThat(again.certificate().getEncoded()).isEqualTo(ca.certificate().getEncoded());
        assertThat(again.issue(Fixtures.leaf("k", CLIENT)).keystorePem())
                .isEqualTo(ca.issue(Fixtures.leaf("k", CLIENT)).keystorePem());
        assertThat(Fixtures.ca("kstretch test CA", 3).certificate().getEncoded())
                .isNotEqualTo(ca.certificate().getEncoded());
    }

    @Test
    void refuses_what_it_must_not_sign() throws Exception {
        assertThatThrownBy(() -> ca.issue(CertificateRequest.ca("sub", LEAF_FROM, LEAF_UNTIL)))
                .hasMessageContaining("end-entity certificates only");
        assertThatThrownBy(() -> ca.issue(CertificateRequest.leaf("k", SubjectAltNames.NONE, LEAF_FROM,
                CA_UNTIL.plusSeconds(1), CLIENT))).hasMessageContaining("would outlive its CA");
        assertThatCode(() -> ca.issue(CertificateRequest.leaf("k", SubjectAltNames.NONE, LEAF_FROM, CA_UNTIL,
                CLIENT))).doesNotThrowAnyException();

        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        assertThatThrownBy(() -> ca.issue(Fixtures.leaf("k", CLIENT), rsa.generateKeyPair().getPublic()))
                .hasMessageContaining("EC secp256r1 keys only");
        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(new ECGenParameterSpec("secp384r1"));
        assertThatThrownBy(() -> ca.issue(Fixtures.leaf("k", CLIENT), p384.generateKeyPair().getPublic()))
                .hasMessageContaining("EC secp256r1 keys only");
        assertThatThrownBy(() -> CertificateAuthority.generate(Fixtures.leaf("k", CLIENT), Fixtures.random(1)))
                .hasMessageContaining("not a CA request");
    }

    @Test
    void a_ca_read_back_from_pem_issues_certificates_that_chain_to_it() throws Exception {
        KeyAndCertificate stored = KeyAndCertificate.fromKeystorePem(ca.keyAndCertificate().keystorePem());
        CertificateAuthority reloaded = CertificateAuthority.of(stored, Fixtures.random(9));

        X509Certificate cert = reloaded.issue(Fixtures.leaf("k", CLIENT)).certificate();
        cert.verify(ca.certificate().getPublicKey());
        assertThat(authorityKeyId(cert)).isEqualTo(subjectKeyId(ca.certificate()));
    }

    @Test
    void of_refuses_a_leaf_or_someone_elses_key() {
        KeyAndCertificate leaf = ca.issue(Fixtures.leaf("k", CLIENT));
        assertThatThrownBy(() -> CertificateAuthority.of(leaf, Fixtures.random(1)))
                .hasMessageContaining("not a CA certificate");
        KeyAndCertificate wrongKey = new KeyAndCertificate(leaf.privateKey(), ca.certificate());
        assertThatThrownBy(() -> CertificateAuthority.of(wrongKey, Fixtures.random(1)))
                .hasMessageContaining("is not the key of CA certificate");
    }

    @Test
    void an_intermediate_ca_puts_itself_and_its_chain_after_the_leaf() {
        // an intermediate signed by the root (built directly: the public API only makes roots)
        KeyPair intermediateKeys = Keys.generate(Fixtures.random(10));
        X509Certificate intermediateCert = CertificateBuilder.build(
                CertificateRequest.ca("kstretch intermediate", CA_FROM, CA_UNTIL), intermediateKeys.getPublic(),
                ca.certificate().getSubjectX500Principal().getEncoded(), KeyIdentifier.of(ca.certificate()),
                ca.keyAndCertificate().privateKey(), BigInteger.TEN, Fixtures.random(11));
        CertificateAuthority intermediate = CertificateAuthority.of(new KeyAndCertificate(
                intermediateKeys.getPrivate(), intermediateCert, List.of(ca.certificate())), Fixtures.random(12));

        KeyAndCertificate leaf = intermediate.issue(Fixtures.leaf("k", CLIENT));

        assertThat(leaf.chain()).containsExactly(intermediateCert, ca.certificate());
        assertThat(leaf.certificates()).containsExactly(leaf.certificate(), intermediateCert, ca.certificate());
        assertThat(Pem.decodeCertificates(leaf.keystorePem())).containsExactly(leaf.certificate(),
                intermediateCert, ca.certificate());
        assertThat(CertificateChecks.issuedBy(leaf.certificate(), intermediateCert)).isTrue();
    }

    @Test
    void to_string_never_shows_the_private_key() {
        KeyAndCertificate issued = ca.issue(Fixtures.leaf("kafka-0", CLIENT));
        String keyBase64 = Base64.getEncoder().encodeToString(issued.privateKey().getEncoded());
        String scalar = ((ECPrivateKey) issued.privateKey()).getS().toString();

        assertThat(issued.toString()).contains("CN=kafka-0").doesNotContain(keyBase64).doesNotContain(scalar);
        assertThat(ca.toString()).contains("CN=kstretch test CA").doesNotContain(scalar);
    }

    /** RFC 5280 4.2.1.2 method 1, computed here from the curve point rather than the encoded key. */
    static byte[] keyIdOf(ECPublicKey key) throws Exception {
        byte[] point = new byte[65];
        point[0] = 0x04; // uncompressed
        copyUnsigned(key.getW().getAffineX(), point, 1);
        copyUnsigned(key.getW().getAffineY(), point, 33);
        return MessageDigest.getInstance("SHA-1").digest(point);
    }

    private static void copyUnsigned(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 32 ? bytes.length - 32 : 0;
        System.arraycopy(bytes, start, out, offset + 32 - (bytes.length - start), bytes.length - start);
    }

    static byte[] subjectKeyId(X509Certificate cert) {
        byte[] extnValue = DerReader.parse(cert.getExtensionValue(SKI)).expect(Der.OCTET_STRING).contents();
        return DerReader.parse(extnValue).expect(Der.OCTET_STRING).contents();
    }

    static byte[] authorityKeyId(X509Certificate cert) {
        byte[] extnValue = DerReader.parse(cert.getExtensionValue(AKI)).expect(Der.OCTET_STRING).contents();
        List<DerReader.Element> fields = DerReader.parse(extnValue).expect(Der.SEQUENCE).children();
        assertThat(fields).hasSize(1);
        return fields.get(0).expect(0x80).contents(); // keyIdentifier [0] IMPLICIT OCTET STRING
    }
}
