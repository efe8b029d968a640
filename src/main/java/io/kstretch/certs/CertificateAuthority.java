package io.kstretch.certs;

import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A certificate authority: a CA key and certificate that issue the end-entity certificates of Kafka nodes and
 * clients. Either {@link #generate generated} (self-signed) or rebuilt {@link #of from} a key and certificate kept
 * elsewhere (a Secret). The random source it is given makes its serial numbers, keys and signatures.
 */
public final class CertificateAuthority {
    private final KeyAndCertificate keyAndCertificate;
    private final SecureRandom random;

    private CertificateAuthority(KeyAndCertificate keyAndCertificate, SecureRandom random) {
        this.keyAndCertificate = keyAndCertificate;
        this.random = random;
    }

    /**
     * A new self-signed CA with a new key: basicConstraints CA:TRUE pathLen 0 (issues end entities only) and
     * keyUsage keyCertSign + cRLSign, both critical; subject and authority key identifiers.
     */
    public static CertificateAuthority generate(String commonName, Instant notBefore, Instant notAfter,
            SecureRandom random) {
        return generate(CertificateRequest.ca(commonName, notBefore, notAfter), random);
    }

    /** As {@link #generate(String, Instant, Instant, SecureRandom)}, for a CA request. */
    public static CertificateAuthority generate(CertificateRequest request, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        if (!request.ca()) {
            throw new IllegalArgumentException("not a CA request: " + request);
        }
        KeyPair keys = Keys.generate(random);
        byte[] keyId = KeyIdentifier.of(keys.getPublic());
        X509Certificate certificate = CertificateBuilder.build(request, keys.getPublic(),
                CertificateBuilder.name(request), keyId, keys.getPrivate(), SerialNumbers.next(random), random);
        return new CertificateAuthority(new KeyAndCertificate(keys.getPrivate(), certificate), random);
    }

    /**
     * A CA from its key and certificate (and the chain above it, when it is not a root), e.g. as read back from a
     * Secret. Refuses a certificate that is not a CA's, a key that is not EC P-256 or not the certificate's.
     */
    public static CertificateAuthority of(KeyAndCertificate keyAndCertificate, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        X509Certificate certificate = keyAndCertificate.certificate();
        if (certificate.getBasicConstraints() < 0) {
            throw new IllegalArgumentException("not a CA certificate (basicConstraints CA:FALSE or absent): "
                    + certificate.getSubjectX500Principal());
        }
        boolean[] keyUsage = certificate.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= Extensions.KEY_CERT_SIGN || !keyUsage[Extensions.KEY_CERT_SIGN])) {
            throw new IllegalArgumentException("CA certificate without keyCertSign: "
                    + certificate.getSubjectX500Principal());
        }
        Keys.requireP256(certificate.getPublicKey());
        if (!Keys.matches(keyAndCertificate.privateKey(), certificate.getPublicKey())) {
            throw new IllegalArgumentException("the private key is not the key of CA certificate "
                    + certificate.getSubjectX500Principal());
        }
        return new CertificateAuthority(keyAndCertificate, random);
    }

    public X509Certificate certificate() {
        return keyAndCertificate.certificate();
    }

    /** The CA's key, certificate and chain: what to keep (in a Secret) to rebuild it with {@link #of}. */
    public KeyAndCertificate keyAndCertificate() {
        return keyAndCertificate;
    }

    /**
     * Issues an end-entity certificate for {@code subjectKey} (an EC P-256 public key): basicConstraints CA:FALSE
     * and keyUsage digitalSignature (both critical), extKeyUsage per {@link CertificateRequest.Usage}, the subject
     * alternative names (critical only when the subject is empty), key identifiers, a random serial number.
     * It may not outlive this CA.
     */
    public X509Certificate issue(CertificateRequest request, PublicKey subjectKey) {
        if (request.ca()) {
            throw new IllegalArgumentException("a CA issues end-entity certificates only here; make a CA with generate");
        }
        X509Certificate ca = certificate();
        if (request.notAfter().isAfter(ca.getNotAfter().toInstant())) {
            throw new IllegalArgumentException("a certificate valid until " + request.notAfter()
                    + " would outlive its CA " + ca.getSubjectX500Principal() + ", valid until "
                    + ca.getNotAfter().toInstant());
        }
        return CertificateBuilder.build(request, subjectKey, ca.getSubjectX500Principal().getEncoded(),
                KeyIdentifier.of(ca), keyAndCertificate.privateKey(), SerialNumbers.next(random), random);
    }

    /**
     * A new key pair and its certificate, with the chain a TLS peer needs to reach this CA: nothing for a root
     * (the peer has it as its trust anchor, RFC 8446 4.4.2), else this CA and the chain above it.
     */
    public KeyAndCertificate issue(CertificateRequest request) {
        KeyPair keys = Keys.generate(random);
        return new KeyAndCertificate(keys.getPrivate(), issue(request, keys.getPublic()), chainForIssued());
    }

    private List<X509Certificate> chainForIssued() {
        X509Certificate ca = certificate();
        if (ca.getSubjectX500Principal().equals(ca.getIssuerX500Principal())
                && CertificateChecks.issuedBy(ca, ca)) {
            return List.of();
        }
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(ca);
        chain.addAll(keyAndCertificate.chain());
        return chain;
    }

    @Override
    public String toString() {
        return "CertificateAuthority[" + certificate().getSubjectX500Principal() + ", valid until "
                + certificate().getNotAfter().toInstant() + "]";
    }
}
