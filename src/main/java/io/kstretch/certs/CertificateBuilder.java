package io.kstretch.certs;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes and signs one X.509 v3 certificate (RFC 5280 4.1) for a {@link CertificateRequest}, then reads it back
 * through the JDK's CertificateFactory, so that what leaves here is what every verifier will see.
 */
final class CertificateBuilder {
    private static final int VERSION_3 = 2;

    private CertificateBuilder() {
    }

    /**
     * @param issuerName the issuer's subject Name, encoded (its exact bytes, so that name chaining compares equal)
     * @param authorityKeyId the issuer's subject key identifier
     */
    static X509Certificate build(CertificateRequest request, PublicKey subjectKey, byte[] issuerName,
            byte[] authorityKeyId, PrivateKey issuerKey, BigInteger serial, SecureRandom random) {
        Keys.requireP256(subjectKey);
        byte[] signatureAlgorithm = Der.sequence(Der.oid(Oids.ECDSA_WITH_SHA256)); // RFC 5758: no parameters
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(VERSION_3)),
                Der.integer(serial),
                signatureAlgorithm,
                issuerName,
                Der.sequence(Der.time(request.notBefore()), Der.time(request.notAfter())),
                name(request),
                subjectKey.getEncoded(),
                Der.explicit(3, Der.sequence(extensions(request, subjectKey, authorityKeyId))));
        byte[] certificate = Der.sequence(tbs, signatureAlgorithm, Der.bitString(Keys.sign(issuerKey, tbs, random)));
        return parse(certificate);
    }

    /** The subject Name: {@code O} then {@code CN} (most significant first), UTF8String; empty when neither. */
    static byte[] name(CertificateRequest request) {
        List<byte[]> rdns = new ArrayList<>();
        if (request.organization() != null) {
            rdns.add(rdn(Oids.ORGANIZATION, request.organization()));
        }
        if (request.commonName() != null) {
            rdns.add(rdn(Oids.COMMON_NAME, request.commonName()));
        }
        return Der.sequence(rdns);
    }

    private static byte[] rdn(String type, String value) {
        return Der.setOf(Der.sequence(Der.oid(type), Der.utf8String(value)));
    }

    private static List<byte[]> extensions(CertificateRequest request, PublicKey subjectKey, byte[] authorityKeyId) {
        List<byte[]> extensions = new ArrayList<>();
        if (request.ca()) {
            // pathLen 0: this CA signs end entities only, never another CA
            extensions.add(Extensions.basicConstraints(true, 0));
            extensions.add(Extensions.keyUsage(Extensions.KEY_CERT_SIGN, Extensions.CRL_SIGN));
        } else {
            extensions.add(Extensions.basicConstraints(false, 0));
            // digitalSignature only: (EC)DHE key exchange signs; keyEncipherment is for RSA key transport and must
            // not be set for EC keys (RFC 8813)
            extensions.add(Extensions.keyUsage(Extensions.DIGITAL_SIGNATURE));
            extensions.add(Extensions.extendedKeyUsage(request.usage()));
        }
        if (!request.subjectAltNames().isEmpty()) {
            extensions.add(Extensions.subjectAltName(request.subjectAltNames(), request.hasEmptySubject()));
        }
        extensions.add(Extensions.subjectKeyIdentifier(KeyIdentifier.of(subjectKey)));
        extensions.add(Extensions.authorityKeyIdentifier(authorityKeyId));
        return extensions;
    }

    private static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK refuses a certificate kstretch wrote: " + e.getMessage(), e);
        }
    }
}
