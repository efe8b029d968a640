package io.kstretch.certs;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Security;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The certificate library run as a native executable (tools/native-probe/crypto-check.sh builds and runs it; the
 * operator's own executable does not reach io.kstretch.certs yet, so its tests cannot show this): EC P-256 keys
 * from the default provider, SHA256withECDSA, a CA and a leaf, PEM out and back in through the JDK's X.509
 * CertificateFactory, the chain verified, and the SecureRandom's algorithm and first bytes printed — two runs must
 * print different bytes (seeded at run time, not in the image builder). Exits 1 on any failure.
 */
public final class NativeCryptoCheck {
    private NativeCryptoCheck() {
    }

    public static void main(String[] args) {
        SecureRandom random = new SecureRandom();
        byte[] first = new byte[16];
        random.nextBytes(first);
        Instant now = Instant.now();
        CertificateAuthority ca = CertificateAuthority.generate("kstretch native check CA", now,
                now.plus(Duration.ofDays(1)), random);
        KeyAndCertificate leaf = ca.issue(CertificateRequest.leaf("kafka-0",
                SubjectAltNames.of("kafka-0.kafka.east.svc", "10.0.0.7"), now, now.plus(Duration.ofHours(1)),
                CertificateRequest.Usage.SERVER_AND_CLIENT));
        KeyAndCertificate back = KeyAndCertificate.fromKeystorePem(leaf.keystorePem());
        List<java.security.cert.X509Certificate> trust = Pem.decodeCertificates(Pem.encode(ca.certificate()));
        KeyPair extra = Keys.generate(random);
        check("leaf issued by the CA (signature verified)", CertificateChecks.issuedBy(back.certificate(), trust.get(0)));
        check("leaf key matches its certificate", Keys.matches(back.privateKey(), back.certificate().getPublicKey()));
        check("another key does not match", !Keys.matches(extra.getPrivate(), back.certificate().getPublicKey()));
        check("leaf covers its names", CertificateChecks.coversExactly(back.certificate(),
                SubjectAltNames.of("kafka-0.kafka.east.svc", "10.0.0.7")));
        check("leaf valid now", CertificateChecks.validAt(back.certificate(), now));
        check("signature algorithm", "SHA256withECDSA".equals(back.certificate().getSigAlgName()));
        System.out.println("providers: " + java.util.Arrays.stream(Security.getProviders()).map(p -> p.getName())
                .toList());
        System.out.println("SecureRandom " + random.getAlgorithm() + " first bytes " + HexFormat.of().formatHex(first));
        System.out.println("native crypto check: OK (" + ca.certificate().getSubjectX500Principal() + ", "
                + back.certificate().getSubjectX500Principal() + ")");
    }

    private static void check(String what, boolean ok) {
        System.out.println((ok ? "ok   " : "FAIL ") + what);
        if (!ok) {
            System.exit(1);
        }
    }
}
