package io.kstretch.tls;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

import io.kstretch.certs.CertificateChecks;
import io.kstretch.certs.CertificateRequest;
import io.kstretch.certs.KeyAndCertificate;
import io.kstretch.certs.SubjectAltNames;

/**
 * Whether a node keeps its certificate or gets a new one (a new key too), and the new one. A node keeps its
 * certificate while it is issued by the CA that should have issued it, names exactly the node's current names and
 * addresses, and is not due for renewal; while a new CA is only being trusted, nothing is re-issued except for a node
 * that has none or whose names changed. Pure: time and randomness are given.
 */
public final class NodeCertificates {
    private NodeCertificates() {
    }

    /**
     * @param keystorePem what the node's Secret holds (key then certificate chain, PEM), or null
     * @param reason why a certificate was issued, or null when the existing one was kept
     */
    public record Decision(String keystorePem, String reason) {
        public boolean issued() {
            return reason != null;
        }
    }

    public static Decision decide(CaState ca, String existingPem, String commonName, SubjectAltNames names,
            Instant now, Duration validity, Duration renewBefore, SecureRandom random) {
        KeyAndCertificate existing = read(existingPem);
        String reason = reason(ca, existing, names, now, renewBefore);
        if (reason == null) {
            return new Decision(existingPem, null);
        }
        KeyAndCertificate issued = CaLifecycle.issue(ca, commonName, names, CertificateRequest.Usage.SERVER_AND_CLIENT,
                now, validity);
        return new Decision(issued.keystorePem(), reason);
    }

    /** Why the node needs a new certificate, or null if it may keep {@code existing}. */
    static String reason(CaState ca, KeyAndCertificate existing, SubjectAltNames names, Instant now,
            Duration renewBefore) {
        if (existing == null) {
            return "no certificate yet";
        }
        if (!CertificateChecks.keyMatches(existing.privateKey(), existing.certificate())) {
            return "the key does not match the certificate";
        }
        if (!CertificateChecks.coversExactly(existing.certificate(), names)) {
            return "the node's names or addresses changed";
        }
        return switch (ca.phase()) {
            case TRUST_NEW -> ca.trusted().stream().anyMatch(t -> CertificateChecks.issuedBy(existing.certificate(), t))
                    && CertificateChecks.validAt(existing.certificate(), now) ? null : "not issued by a trusted CA";
            case ISSUE_NEW -> CertificateChecks.issuedBy(existing.certificate(), ca.current().certificate()) ? null
                    : "the cluster CA was renewed";
            case STABLE -> !CertificateChecks.issuedBy(existing.certificate(), ca.current().certificate())
                    ? "not issued by the cluster CA"
                    : CertificateChecks.dueForRenewal(existing.certificate(), now, renewBefore) ? "due for renewal"
                            : null;
        };
    }

    private static KeyAndCertificate read(String pem) {
        if (pem == null || pem.isBlank()) {
            return null;
        }
        try {
            return KeyAndCertificate.fromKeystorePem(pem);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
