package io.kstretch.certs;

import static io.kstretch.certs.CertificateRequest.Usage.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class PemTest {
    private static final CertificateAuthority CA = Fixtures.ca("kstretch test CA", 1);
    private static final KeyAndCertificate NODE = CA.issue(Fixtures.leaf("kafka-0", CLIENT, "kafka-0.svc"));

    @Test
    void a_private_key_is_pkcs8_pem_in_64_character_lines() {
        String pem = Pem.encode(NODE.privateKey());

        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("\n-----END PRIVATE KEY-----\n");
        List<String> body = bodyLines(pem);
        assertThat(body).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(64));
        assertThat(body.subList(0, body.size() - 1)).allSatisfy(line -> assertThat(line).hasSize(64));
        assertThat(Base64.getDecoder().decode(String.join("", body))).isEqualTo(NODE.privateKey().getEncoded());

        PrivateKey decoded = Pem.decodePrivateKey(pem);
        assertThat(decoded.getEncoded()).isEqualTo(NODE.privateKey().getEncoded());
        assertThat(decoded.getAlgorithm()).isEqualTo("EC");
        assertThat(CertificateChecks.keyMatches(decoded, NODE.certificate())).isTrue();
    }

    @Test
    void certificates_round_trip_in_order() throws Exception {
        List<X509Certificate> certificates = List.of(NODE.certificate(), CA.certificate(),
                Fixtures.ca("another CA", 2).certificate());
        String pem = Pem.encode(certificates);

        assertThat(pem.split("-----BEGIN CERTIFICATE-----\n", -1)).hasSize(4);
        assertThat(bodyLines(pem)).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(64));
        assertThat(Pem.decodeCertificates(pem)).containsExactlyElementsOf(certificates);
        assertThat(Pem.decodeCertificate(Pem.encode(CA.certificate())).getEncoded())
                .isEqualTo(CA.certificate().getEncoded());
        assertThatThrownBy(() -> Pem.decodeCertificate(pem)).hasMessageContaining("holds 3 certificates");
    }

    @Test
    void a_keystore_is_the_key_then_the_chain() {
        String keystore = NODE.keystorePem();

        assertThat(keystore).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(keystore).isEqualTo(Pem.encode(NODE.privateKey()) + Pem.encode(NODE.certificate()));
        assertThat(Pem.decodeCertificates(keystore)).containsExactly(NODE.certificate());
        assertThat(Pem.decodePrivateKey(keystore).getEncoded()).isEqualTo(NODE.privateKey().getEncoded());
        assertThat(KeyAndCertificate.fromKeystorePem(keystore)).isEqualTo(NODE);
    }

    @Test
    void text_around_blocks_and_crlf_line_ends_are_fine() {
        String pem = "subject=CN=kafka-0\r\n" + Pem.encode(NODE.certificate()).replace("\n", "\r\n")
                + "trailing words\n\n  " + Pem.encode(CA.certificate()).replace("\n", "\n  ");
        assertThat(Pem.decodeCertificates(pem)).containsExactly(NODE.certificate(), CA.certificate());
    }

    @Test
    void garbage_is_refused_with_a_message_that_says_what_is_wrong() throws Exception {
        String cert = Pem.encode(NODE.certificate());
        String key = Pem.encode(NODE.privateKey());

        assertThatThrownBy(() -> Pem.decodePrivateKey("hello")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no '-----BEGIN PRIVATE KEY-----' block in PEM text");
        assertThatThrownBy(() -> Pem.decodeCertificates("")).hasMessage(
                "no '-----BEGIN CERTIFICATE-----' block in PEM text");
        assertThatThrownBy(() -> Pem.decodeCertificates(null)).hasMessage("PEM text is null");
        assertThatThrownBy(() -> Pem.decodeCertificates(cert.replace("-----END CERTIFICATE-----\n", "")))
                .hasMessage("PEM 'CERTIFICATE' block of line 1 has no END line");
        assertThatThrownBy(() -> Pem.decodeCertificates(cert.replace("END CERTIFICATE", "END PRIVATE KEY")))
                .hasMessageContaining("'PRIVATE KEY' END line closes a 'CERTIFICATE' block");
        assertThatThrownBy(() -> Pem.decodeCertificates(withBodyChar(cert, '!')))
                .hasMessageContaining("PEM 'CERTIFICATE' block of line 1 is not valid base64");
        assertThatThrownBy(() -> Pem.decodeCertificates(Pem.block("CERTIFICATE", new byte[] { 1, 2, 3 })))
                .hasMessageContaining("PEM 'CERTIFICATE' at line 1 is not an X.509 certificate");
        assertThatThrownBy(() -> Pem.decodeCertificates("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----"))
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> Pem.decodeCertificates(cert + cert.substring(0, 80)))
                .hasMessageContaining("has no END line");
        assertThatThrownBy(() -> Pem.decodeCertificates("-----END CERTIFICATE-----\n"))
                .hasMessageContaining("END line without a BEGIN line");
        assertThatThrownBy(() -> Pem.decodeCertificates(cert.replace("-----END CERTIFICATE-----", cert)))
                .hasMessageContaining("BEGIN line inside the 'CERTIFICATE' block");
        assertThatThrownBy(() -> Pem.decodePrivateKey(key.replaceFirst("-----\n", "-----\nProc-Type: 4,ENCRYPTED\n")))
                .hasMessageContaining("has headers");
        assertThatThrownBy(() -> Pem.decodePrivateKey(key + key)).hasMessageContaining("holds 2 private keys");
    }

    @Test
    void keys_of_other_formats_are_refused_with_a_hint() throws Exception {
        String sec1 = Pem.block("EC PRIVATE KEY", new byte[] { 0x30, 0x00 });
        assertThatThrownBy(() -> Pem.decodePrivateKey(sec1))
                .hasMessageContaining("'EC PRIVATE KEY' block, not an unencrypted PKCS#8 'PRIVATE KEY'")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        String encrypted = Pem.block("ENCRYPTED PRIVATE KEY", new byte[] { 0x30, 0x00 });
        assertThatThrownBy(() -> Pem.decodePrivateKey(encrypted))
                .hasMessageContaining("'ENCRYPTED PRIVATE KEY' block");

        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String rsaKey = Pem.encode(rsa.generateKeyPair().getPrivate());
        assertThatThrownBy(() -> Pem.decodePrivateKey(rsaKey))
                .hasMessageStartingWith("PEM 'PRIVATE KEY' is not a PKCS#8 EC private key");
        String certAsKey = Pem.block("PRIVATE KEY", NODE.certificate().getEncoded());
        assertThatThrownBy(() -> Pem.decodePrivateKey(certAsKey))
                .hasMessageStartingWith("PEM 'PRIVATE KEY' is not a PKCS#8 EC private key");
    }

    private static List<String> bodyLines(String pem) {
        return Arrays.stream(pem.split("\n")).filter(line -> !line.startsWith("-----")).toList();
    }

    /** The PEM with one base64 character of its body replaced. */
    private static String withBodyChar(String pem, char c) {
        int at = pem.indexOf('\n') + 10;
        return pem.substring(0, at) + c + pem.substring(at + 1);
    }
}
