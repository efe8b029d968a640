package io.kstretch.certs;

import static io.kstretch.certs.CertificateRequest.Usage.CLIENT;
import static io.kstretch.certs.CertificateRequest.Usage.SERVER;
import static io.kstretch.certs.CertificateRequest.Usage.SERVER_AND_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second opinion: OpenSSL parses, verifies and accepts what kstretch writes. Skipped without openssl. */
class OpensslCrossCheckTest {
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");
    /** 2030-06-01T12:00:00Z: verification happens at this time, not at the clock's. */
    private static final String AT = Long.toString(Fixtures.NOW.getEpochSecond());

    private static final CertificateAuthority CA = Fixtures.ca("kstretch test CA", 1);
    private static final CertificateAuthority OTHER_CA = Fixtures.ca("kstretch test CA", 2);

    @TempDir
    Path dir;

    @BeforeAll
    static void openssl() {
        Assumptions.assumeTrue(Files.isExecutable(OPENSSL), "no " + OPENSSL);
    }

    @Test
    void openssl_reads_every_field() throws Exception {
        KeyAndCertificate node = CA.issue(new CertificateRequest("kafka-0", "kstretch",
                SubjectAltNames.of("kafka-0.kafka.east.svc", "127.0.0.1", "::1"), Fixtures.LEAF_FROM,
                Instant.parse("2051-01-01T00:00:00Z"), SERVER_AND_CLIENT, false));
        Path leaf = write("leaf.pem", node.certificatePem());

        String text = ok("x509", "-in", leaf.toString(), "-noout", "-text");
        assertThat(text).contains("Version: 3 (0x2)", "Signature Algorithm: ecdsa-with-SHA256",
                "Issuer: CN = kstretch test CA", "Subject: O = kstretch, CN = kafka-0",
                "Not Before: May  1 00:00:00 2030 GMT", "Not After : Jan  1 00:00:00 2051 GMT",
                "ASN1 OID: prime256v1",
                "X509v3 Basic Constraints: critical\n                CA:FALSE",
                "X509v3 Key Usage: critical\n                Digital Signature\n",
                "TLS Web Server Authentication, TLS Web Client Authentication",
                "DNS:kafka-0.kafka.east.svc, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1",
                "X509v3 Subject Key Identifier: \n                " + colons(KeyIdentifier.of(node.certificate())),
                "X509v3 Authority Key Identifier: \n                " + colons(KeyIdentifier.of(CA.certificate())));
        assertThat(text).doesNotContain("Key Encipherment");

        String asn1 = ok("asn1parse", "-in", leaf.toString());
        assertThat(asn1).contains("UTCTIME           :300501000000Z", "GENERALIZEDTIME   :20510101000000Z");

        String caText = ok("x509", "-in", write("ca.pem", Pem.encode(CA.certificate())).toString(), "-noout",
                "-text");
        assertThat(caText).contains("X509v3 Basic Constraints: critical\n                CA:TRUE, pathlen:0",
                "X509v3 Key Usage: critical\n                Certificate Sign, CRL Sign\n",
                "Not After : Jan  1 00:00:00 2055 GMT");
    }

    @Test
    void openssl_verifies_leaves_against_their_ca_only_and_for_their_purpose() throws Exception {
        Path ca = write("ca.pem", Pem.encode(CA.certificate()));
        Path otherCa = write("other-ca.pem", Pem.encode(OTHER_CA.certificate()));
        Path both = write("both.pem", CA.issue(Fixtures.leaf("kafka-0", SERVER_AND_CLIENT, "kafka-0.svc"))
                .certificatePem());
        Path server = write("server.pem", CA.issue(Fixtures.leaf("s", SERVER, "s.svc")).certificatePem());
        Path client = write("client.pem", CA.issue(Fixtures.leaf("c", CLIENT)).certificatePem());

        assertThat(verify(ca, both, "sslserver")).isEqualTo(both + ": OK\n");
        assertThat(verify(ca, both, "sslclient")).isEqualTo(both + ": OK\n");
        assertThat(verify(ca, server, "sslserver")).isEqualTo(server + ": OK\n");
        assertThat(verify(ca, client, "sslclient")).isEqualTo(client + ": OK\n");
        assertThat(verify(ca, ca, "any")).isEqualTo(ca + ": OK\n");

        assertThat(verify(ca, server, "sslclient")).contains("unsuitable certificate purpose");
        assertThat(verify(ca, client, "sslserver")).contains("unsuitable certificate purpose");
        assertThat(verify(otherCa, both, "sslserver")).contains("unable to get local issuer certificate")
                .doesNotContain(": OK");
        // outside the validity the same certificate fails
        assertThat(run("verify", "-x509_strict", "-attime", Long.toString(Fixtures.LEAF_UNTIL.getEpochSecond() + 1),
                "-CAfile", ca.toString(), both.toString()).output).contains("certificate has expired");
    }

    @Test
    void openssl_accepts_the_subjectless_certificate_with_its_critical_names() throws Exception {
        Path ca = write("ca.pem", Pem.encode(CA.certificate()));
        Path leaf = write("leaf.pem", CA.issue(Fixtures.leaf(null, SERVER, "kafka-0.svc")).certificatePem());

        assertThat(ok("x509", "-in", leaf.toString(), "-noout", "-text"))
                .contains("X509v3 Subject Alternative Name: critical\n                DNS:kafka-0.svc");
        assertThat(verify(ca, leaf, "sslserver")).isEqualTo(leaf + ": OK\n");
    }

    @Test
    void openssl_reads_the_pkcs8_key_and_finds_it_matches_the_certificate() throws Exception {
        KeyAndCertificate node = CA.issue(Fixtures.leaf("kafka-0", SERVER_AND_CLIENT, "kafka-0.svc"));
        Path key = write("key.pem", node.privateKeyPem());
        Path keystore = write("keystore.pem", node.keystorePem());
        Path leaf = write("leaf.pem", node.certificatePem());

        ok("pkey", "-in", key.toString(), "-noout");
        assertThat(ok("pkey", "-in", key.toString(), "-noout", "-text")).contains("ASN1 OID: prime256v1");
        String publicFromKey = ok("pkey", "-in", keystore.toString(), "-pubout");
        String publicFromCert = ok("x509", "-in", leaf.toString(), "-noout", "-pubkey");
        assertThat(publicFromKey).startsWith("-----BEGIN PUBLIC KEY-----").isEqualTo(publicFromCert);
        // and OpenSSL's own PKCS#8 key reads back here
        String opensslKey = ok("pkey", "-in", key.toString());
        assertThat(CertificateChecks.keyMatches(Pem.decodePrivateKey(opensslKey), node.certificate())).isTrue();
    }

    private String verify(Path ca, Path leaf, String purpose) throws Exception {
        return run("verify", "-x509_strict", "-purpose", purpose, "-attime", AT, "-CAfile", ca.toString(),
                leaf.toString()).output;
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static String colons(byte[] bytes) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(bytes);
    }

    private record Result(int exit, String output) {
    }

    private static String ok(String... args) throws Exception {
        Result result = run(args);
        assertThat(result.exit).as("openssl %s: %s", String.join(" ", args), result.output).isZero();
        return result.output;
    }

    private static Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(OPENSSL.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("openssl " + String.join(" ", args) + " did not finish");
        }
        return new Result(process.exitValue(), output);
    }
}
