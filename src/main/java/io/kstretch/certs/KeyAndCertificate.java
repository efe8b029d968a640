package io.kstretch.certs;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A private key with its certificate and the chain of CA certificates that follows it (issuer first; empty when
 * the issuer is a root the peer trusts): what a TLS endpoint presents, and what a Kafka {@code PEM} keystore holds.
 * {@link #toString()} never shows the key.
 */
public record KeyAndCertificate(PrivateKey privateKey, X509Certificate certificate, List<X509Certificate> chain) {

    public KeyAndCertificate {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        chain = List.copyOf(chain);
    }

    public KeyAndCertificate(PrivateKey privateKey, X509Certificate certificate) {
        this(privateKey, certificate, List.of());
    }

    /** The certificate followed by its chain. */
    public List<X509Certificate> certificates() {
        List<X509Certificate> all = new ArrayList<>();
        all.add(certificate);
        all.addAll(chain);
        return List.copyOf(all);
    }

    public String privateKeyPem() {
        return Pem.encode(privateKey);
    }

    /** The certificate then its chain, in PEM. */
    public String certificatePem() {
        return Pem.encode(certificates());
    }

    /**
     * What Kafka's {@code ssl.keystore.type=PEM} reads from {@code ssl.keystore.location}: the unencrypted PKCS#8
     * private key followed by the certificate chain, leaf first.
     */
    public String keystorePem() {
        return privateKeyPem() + certificatePem();
    }

    /** Reads back a {@link #keystorePem()}: the one private key, then the certificates, leaf first. */
    public static KeyAndCertificate fromKeystorePem(String pem) {
        PrivateKey key = Pem.decodePrivateKey(pem);
        List<X509Certificate> certificates = Pem.decodeCertificates(pem);
        return new KeyAndCertificate(key, certificates.get(0), certificates.subList(1, certificates.size()));
    }

    @Override
    public String toString() {
        return "KeyAndCertificate[" + certificate.getSubjectX500Principal() + ", serial "
                + certificate.getSerialNumber().toString(16) + ", chain of " + chain.size() + ", key "
                + privateKey.getAlgorithm() + " (not shown)]";
    }
}
