package io.kstretch.certs;

/** The object identifiers that appear in kstretch's keys and certificates. */
final class Oids {
    /** id-ecPublicKey (RFC 5480). */
    static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
    /** secp256r1 a.k.a. prime256v1 / NIST P-256 (RFC 5480). */
    static final String SECP256R1 = "1.2.840.10045.3.1.7";
    /** ecdsa-with-SHA256 (RFC 5758): its AlgorithmIdentifier has no parameters. */
    static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

    static final String COMMON_NAME = "2.5.4.3";
    static final String ORGANIZATION = "2.5.4.10";

    static final String SUBJECT_KEY_IDENTIFIER = "2.5.29.14";
    static final String KEY_USAGE = "2.5.29.15";
    static final String SUBJECT_ALT_NAME = "2.5.29.17";
    static final String BASIC_CONSTRAINTS = "2.5.29.19";
    static final String AUTHORITY_KEY_IDENTIFIER = "2.5.29.35";
    static final String EXT_KEY_USAGE = "2.5.29.37";

    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private Oids() {
    }
}
