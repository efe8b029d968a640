package io.kstretch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.kstretch.certs.CertificateAuthority;
import io.kstretch.certs.CertificateChecks;
import io.kstretch.certs.KeyAndCertificate;
import io.kstretch.certs.Pem;

/**
 * {@code bin/kstretch-client-cert}, the documented way to issue a client certificate from a Kafka's clients CA: what
 * it writes (a client-only certificate from that CA, a PEM keystore Kafka reads, client settings), reading the CAs
 * from the central cluster through kubectl (a fake one here, which serves the Secrets' data) and its errors.
 * Skipped without openssl. (The e2e TlsTest connects to real Kafka with its output.)
 */
class ClientCertScriptTest {
    private static final Path SCRIPT = Path.of("bin", "kstretch-client-cert").toAbsolutePath();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CertificateAuthority CLIENTS_CA = CertificateAuthority.generate("clients CA",
            Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(400)), RANDOM);
    private static final CertificateAuthority CLUSTER_CA = CertificateAuthority.generate("cluster CA",
            Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(400)), RANDOM);

    @TempDir
    Path dir;

    @BeforeAll
    static void openssl() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "no openssl");
    }

    @Test
    void issuesAClientCertificateFromTheClientsCaFiles() throws Exception {
        Path caCert = write("clients-ca.crt", CLIENTS_CA.keyAndCertificate().certificatePem());
        Path caKey = write("clients-ca.key", CLIENTS_CA.keyAndCertificate().privateKeyPem());
        Path clusterCa = write("ca.crt", CLUSTER_CA.keyAndCertificate().certificatePem());
        Path out = dir.resolve("out");

        Result r = run(List.of(), "--clients-ca-cert", caCert.toString(), "--clients-ca-key", caKey.toString(),
                "--cluster-ca-cert", clusterCa.toString(), "--name", "alice", "--days", "30", "--out", out.toString());

        assertThat(r.exit).as(r.output).isZero();
        assertThat(r.output).contains("principal User:CN=alice");
        assertIssued(out, "alice", 30);
    }

    @Test
    void readsTheCasFromTheCentralClusterWithKubectl() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path calls = dir.resolve("kubectl-calls");
        // a kubectl that answers `get secret <name> -o jsonpath={.data.<key>}` from files named <name>.<key>
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        put(secrets, "my-cluster-clients-ca", "ca.crt", CLIENTS_CA.keyAndCertificate().certificatePem());
        put(secrets, "my-cluster-clients-ca", "ca.key", CLIENTS_CA.keyAndCertificate().privateKeyPem());
        put(secrets, "my-cluster-cluster-ca-cert", "ca.crt", CLUSTER_CA.keyAndCertificate().certificatePem());
        Path kubectl = bin.resolve("kubectl");
        Files.writeString(kubectl, """
                #!/bin/sh
                echo "$*" >> %s
                for last; do :; done
                key=$(echo "$last" | sed -e 's/^jsonpath={.data.//' -e 's/}$//' -e 's/\\\\//g')
                for a; do case "$prev" in secret) name=$a ;; esac; prev=$a; done
                cat "%s/$name.$key" 2>/dev/null || true
                """.formatted(calls, secrets));
        Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path out = dir.resolve("out");

        Result r = run(List.of(bin.toString()), "--context", "central", "--namespace", "kafka", "--kafka",
                "my-cluster", "--name", "bob", "--out", out.toString());

        assertThat(r.exit).as(r.output).isZero();
        assertIssued(out, "bob", 365);
        assertThat(Files.readAllLines(calls)).containsExactly(
                "--context central -n kafka get secret my-cluster-clients-ca -o jsonpath={.data.ca\\.crt}",
                "--context central -n kafka get secret my-cluster-clients-ca -o jsonpath={.data.ca\\.key}",
                "--context central -n kafka get secret my-cluster-cluster-ca-cert -o jsonpath={.data.ca\\.crt}");

        // a Secret without the key: the error names it, and no key or certificate is written
        Files.delete(secrets.resolve("my-cluster-clients-ca.ca.key"));
        Path empty = dir.resolve("empty");
        Result missing = run(List.of(bin.toString()), "--context", "central", "--namespace", "kafka", "--kafka",
                "my-cluster", "--name", "carol", "--out", empty.toString());
        assertThat(missing.exit).isNotZero();
        assertThat(missing.output).contains("Secret kafka/my-cluster-clients-ca has no ca.key");
        assertThat(empty.resolve("carol.key")).doesNotExist();
    }

    @Test
    void refusesANameThatIsNotASimpleCommonName() throws Exception {
        Result r = run(List.of(), "--clients-ca-cert", "x", "--clients-ca-key", "y", "--name", "alice,O=admins");
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.output).contains("--name 'alice,O=admins': use letters, digits, '.', '_' and '-' only");

        Result noName = run(List.of(), "--clients-ca-cert", "x", "--clients-ca-key", "y");
        assertThat(noName.output).contains("--name (the certificate's common name");
        Result days = run(List.of(), "--name", "a", "--days", "1y");
        assertThat(days.output).contains("--days '1y' is not a number of days");
    }

    private void assertIssued(Path out, String name, int days) throws IOException {
        KeyAndCertificate keystore = KeyAndCertificate.fromKeystorePem(Files.readString(out.resolve(name + ".pem")));
        X509Certificate cert = keystore.certificate();
        assertThat(CertificateChecks.issuedBy(cert, CLIENTS_CA.certificate())).isTrue();
        assertThat(CertificateChecks.keyMatches(keystore.privateKey(), cert)).isTrue();
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=" + name);
        assertThat(cert.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        try {
            assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2"); // clientAuth only
        } catch (java.security.cert.CertificateParsingException e) {
            throw new AssertionError(e);
        }
        assertThat(Duration.between(Instant.now(), cert.getNotAfter().toInstant()).toDays())
                .isBetween((long) days - 1, (long) days);
        assertThat(Files.readString(out.resolve("cluster-ca.crt")))
                .isEqualTo(CLUSTER_CA.keyAndCertificate().certificatePem());
        assertThat(Files.getPosixFilePermissions(out.resolve(name + ".key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        Properties props = new Properties();
        props.load(new StringReader(Files.readString(out.resolve(name + ".properties"))));
        assertThat(props).containsEntry("security.protocol", "SSL").containsEntry("ssl.keystore.type", "PEM")
                .containsEntry("ssl.keystore.location", out.toAbsolutePath().resolve(name + ".pem").toString())
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.location", out.toAbsolutePath().resolve("cluster-ca.crt").toString());
        assertThat(Pem.decodeCertificates(Files.readString(out.resolve(name + ".crt")))).hasSize(1);
    }

    private Path write(String file, String text) throws IOException {
        return Files.writeString(dir.resolve(file), text);
    }

    private static void put(Path secrets, String secret, String key, String value) throws IOException {
        Files.writeString(secrets.resolve(secret + "." + key),
                Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
    }

    private record Result(int exit, String output) {
    }

    private Result run(List<String> pathPrefix, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        pb.environment().put("PATH", pathPrefix.isEmpty() ? path : String.join(":", pathPrefix) + ":" + path);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), output);
    }
}
