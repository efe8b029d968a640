package io.kstretch.certs;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What a certificate should say: its subject ({@code CN} and optional {@code O}; both may be absent when there are
 * subject alternative names), the names it is valid for, its validity, what it authenticates (TLS server, client or
 * both) and whether it is a CA. Validity is kept to whole seconds, as certificates store it.
 *
 * <p>A CA request has a common name and no usage (a CA certificate carries no extended key usage); any other request
 * has a usage.
 */
public record CertificateRequest(String commonName, String organization, SubjectAltNames subjectAltNames,
        Instant notBefore, Instant notAfter, Usage usage, boolean ca) {

    /** RFC 5280 upper bounds ub-common-name and ub-organization-name. */
    static final int MAX_NAME_LENGTH = 64;

    /** What a leaf certificate authenticates, i.e. its extended key usage. */
    public enum Usage {
        /** TLS server (id-kp-serverAuth). */
        SERVER,
        /** TLS client (id-kp-clientAuth). */
        CLIENT,
        /** Both: what a Kafka node needs, which accepts connections from and opens connections to its peers. */
        SERVER_AND_CLIENT;

        boolean server() {
            return this != CLIENT;
        }

        boolean client() {
            return this != SERVER;
        }
    }

    public CertificateRequest {
        checkName("common name", commonName);
        checkName("organization", organization);
        Objects.requireNonNull(subjectAltNames, "subjectAltNames (use SubjectAltNames.NONE)");
        notBefore = Objects.requireNonNull(notBefore, "notBefore").truncatedTo(ChronoUnit.SECONDS);
        notAfter = Objects.requireNonNull(notAfter, "notAfter").truncatedTo(ChronoUnit.SECONDS);
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " is not after notBefore " + notBefore);
        }
        if (ca) {
            if (commonName == null) {
                throw new IllegalArgumentException("a CA certificate needs a common name");
            }
            if (usage != null) {
                throw new IllegalArgumentException("a CA certificate has no usage (no extended key usage)");
            }
        } else {
            Objects.requireNonNull(usage, "usage");
            if (commonName == null && organization == null && subjectAltNames.isEmpty()) {
                throw new IllegalArgumentException(
                        "a certificate without a subject name needs subject alternative names (RFC 5280 4.1.2.6)");
            }
        }
    }

    /** A leaf (end-entity) certificate request; {@code commonName} may be null when there are names. */
    public static CertificateRequest leaf(String commonName, SubjectAltNames subjectAltNames, Instant notBefore,
            Instant notAfter, Usage usage) {
        return new CertificateRequest(commonName, null, subjectAltNames, notBefore, notAfter, usage, false);
    }

    /** A CA certificate request. */
    public static CertificateRequest ca(String commonName, Instant notBefore, Instant notAfter) {
        return new CertificateRequest(commonName, null, SubjectAltNames.NONE, notBefore, notAfter, null, true);
    }

    public CertificateRequest withOrganization(String organization) {
        return new CertificateRequest(commonName, organization, subjectAltNames, notBefore, notAfter, usage, ca);
    }

    /** No subject name at all: then the subject alternative name extension is critical (RFC 5280 4.2.1.6). */
    public boolean hasEmptySubject() {
        return commonName == null && organization == null;
    }

    private static void checkName(String what, String value) {
        if (value == null) {
            return;
        }
        if (value.isEmpty() || value.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(
                    "a " + what + " has 1 to " + MAX_NAME_LENGTH + " characters (RFC 5280): '" + value + "'");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a " + what + " has no control characters");
        }
    }
}
