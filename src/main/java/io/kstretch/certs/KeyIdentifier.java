package io.kstretch.certs;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * Key identifiers for the subject and authority key identifier extensions: RFC 5280 4.2.1.2 method (1), the SHA-1
 * of the subjectPublicKey BIT STRING (not a security function here, just a stable name for a key; the same value
 * OpenSSL's {@code subjectKeyIdentifier=hash} computes).
 */
final class KeyIdentifier {
    private KeyIdentifier() {
    }

    static byte[] of(PublicKey key) {
        byte[] bits = DerReader.parse(key.getEncoded()).expect(Der.SEQUENCE).children().get(1)
                .expect(Der.BIT_STRING).contents();
        try {
            // skip the unused-bits byte (always 0 for a key)
            return MessageDigest.getInstance("SHA-1").digest(Arrays.copyOfRange(bits, 1, bits.length));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-1", e);
        }
    }

    /** The certificate's own subject key identifier, or one computed from its key when it has none. */
    static byte[] of(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Oids.SUBJECT_KEY_IDENTIFIER);
        if (extension == null) {
            return of(certificate.getPublicKey());
        }
        // getExtensionValue gives the extnValue OCTET STRING, which holds the KeyIdentifier OCTET STRING
        byte[] extnValue = DerReader.parse(extension).expect(Der.OCTET_STRING).contents();
        return DerReader.parse(extnValue).expect(Der.OCTET_STRING).contents();
    }
}
