package io.kstretch.certs;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The decisions behind renewing a certificate, each a pure function of the certificate and what is wanted: is it
 * valid at {@code now}, is it due for renewal, does it name the right hosts, was it issued by this CA, does the key
 * belong to it. A certificate is valid from notBefore through notAfter, both included (RFC 5280 4.1.2.5).
 */
public final class CertificateChecks {
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private CertificateChecks() {
    }

    /** Before its notBefore. */
    public static boolean notYetValid(X509Certificate certificate, Instant now) {
        return now.isBefore(certificate.getNotBefore().toInstant());
    }

    /** After its notAfter. */
    public static boolean expired(X509Certificate certificate, Instant now) {
        return now.isAfter(certificate.getNotAfter().toInstant());
    }

    public static boolean validAt(X509Certificate certificate, Instant now) {
        return !notYetValid(certificate, now) && !expired(certificate, now);
    }

    /**
     * Whether to renew now: {@code now} is at or past {@code renewBefore} ahead of notAfter (so an expired
     * certificate is always due); with a zero {@code renewBefore}, from notAfter on.
     */
    public static boolean dueForRenewal(X509Certificate certificate, Instant now, Duration renewBefore) {
        if (renewBefore.isNegative()) {
            throw new IllegalArgumentException("renewBefore is negative: " + renewBefore);
        }
        return !now.isBefore(certificate.getNotAfter().toInstant().minus(renewBefore));
    }

    /**
     * Whether the certificate's DNS and IP subject alternative names are exactly {@code names}: DNS names compared
     * without case, IP addresses as addresses ({@code ::1} is {@code 0:0:0:0:0:0:0:1}). Other kinds of names in
     * the certificate (URIs, emails) make it not exact. A wildcard name is compared as text, never matched.
     */
    public static boolean coversExactly(X509Certificate certificate, SubjectAltNames names) {
        Set<String> have = subjectAltNames(certificate);
        return have != null && have.equals(keys(names));
    }

    /** Whether the certificate names at least all of {@code names} (it may name more). */
    public static boolean coversAtLeast(X509Certificate certificate, SubjectAltNames names) {
        Set<String> have = subjectAltNames(certificate);
        return have != null && have.containsAll(keys(names));
    }

    /**
     * Whether {@code ca} issued {@code certificate}: the certificate's issuer is the CA's subject and its signature
     * verifies with the CA's public key.
     */
    public static boolean issuedBy(X509Certificate certificate, X509Certificate ca) {
        if (!certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Whether {@code key} is the private key of the certificate's public key. */
    public static boolean keyMatches(PrivateKey key, X509Certificate certificate) {
        return Keys.matches(key, certificate.getPublicKey());
    }

    /** The certificate's names as "dns:name" / "ip:address" keys, normalised; null when unreadable. */
    private static Set<String> subjectAltNames(X509Certificate certificate) {
        Collection<List<?>> entries;
        try {
            entries = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return null;
        }
        Set<String> keys = new LinkedHashSet<>();
        if (entries == null) {
            return keys;
        }
        for (List<?> entry : entries) {
            int type = (Integer) entry.get(0);
            Object value = entry.get(1);
            if (type == DNS_NAME && value instanceof String dns) {
                keys.add("dns:" + DnsName.normalize(dns));
            } else if (type == IP_ADDRESS && value instanceof String ip) {
                String canonical = IpAddress.canonical(ip);
                keys.add("ip:" + (canonical == null ? ip : canonical));
            } else {
                keys.add("other:" + type + ":" + Objects.toString(value));
            }
        }
        return keys;
    }

    private static Set<String> keys(SubjectAltNames names) {
        Set<String> keys = new LinkedHashSet<>();
        names.dnsNames().forEach(name -> keys.add("dns:" + name));
        names.ipAddresses().forEach(address -> keys.add("ip:" + address));
        return keys;
    }
}
