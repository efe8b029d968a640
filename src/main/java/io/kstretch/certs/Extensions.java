package io.kstretch.certs;

import java.util.ArrayList;
import java.util.List;

/** The X.509 v3 extensions kstretch writes (RFC 5280 4.2.1), each as its DER Extension. */
final class Extensions {
    /** KeyUsage bit numbers (RFC 5280 4.2.1.3). */
    static final int DIGITAL_SIGNATURE = 0;
    static final int KEY_CERT_SIGN = 5;
    static final int CRL_SIGN = 6;

    private Extensions() {
    }

    /** {@code Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }}. */
    static byte[] extension(String oid, boolean critical, byte[] value) {
        // DER leaves out a value equal to its DEFAULT, so a non-critical extension has no BOOLEAN at all
        return critical ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    /** cA TRUE with pathLenConstraint, or the empty SEQUENCE (cA DEFAULT FALSE) of an end entity. */
    static byte[] basicConstraints(boolean ca, int pathLength) {
        byte[] value = ca ? Der.sequence(Der.bool(true), Der.integer(pathLength)) : Der.sequence();
        return extension(Oids.BASIC_CONSTRAINTS, true, value);
    }

    static byte[] keyUsage(int... bits) {
        return extension(Oids.KEY_USAGE, true, Der.namedBits(bits));
    }

    static byte[] extendedKeyUsage(CertificateRequest.Usage usage) {
        List<byte[]> purposes = new ArrayList<>();
        if (usage.server()) {
            purposes.add(Der.oid(Oids.SERVER_AUTH));
        }
        if (usage.client()) {
            purposes.add(Der.oid(Oids.CLIENT_AUTH));
        }
        return extension(Oids.EXT_KEY_USAGE, false, Der.sequence(purposes));
    }

    /** dNSName [2] IA5String and iPAddress [7] OCTET STRING (4 or 16 bytes) entries, in that order. */
    static byte[] subjectAltName(SubjectAltNames names, boolean critical) {
        List<byte[]> entries = new ArrayList<>();
        for (String dns : names.dnsNames()) {
            entries.add(Der.implicit(2, Der.ia5String(dns)));
        }
        for (String ip : names.ipAddresses()) {
            entries.add(Der.implicit(7, Der.octetString(IpAddress.parse(ip))));
        }
        return extension(Oids.SUBJECT_ALT_NAME, critical, Der.sequence(entries));
    }

    static byte[] subjectKeyIdentifier(byte[] keyIdentifier) {
        return extension(Oids.SUBJECT_KEY_IDENTIFIER, false, Der.octetString(keyIdentifier));
    }

    /** keyIdentifier [0] IMPLICIT OCTET STRING only (no issuer name and serial, which would pin one CA cert). */
    static byte[] authorityKeyIdentifier(byte[] keyIdentifier) {
        return extension(Oids.AUTHORITY_KEY_IDENTIFIER, false,
                Der.sequence(Der.implicit(0, Der.octetString(keyIdentifier))));
    }
}
