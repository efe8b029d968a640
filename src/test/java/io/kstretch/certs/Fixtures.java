package io.kstretch.certs;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;

/** Fixed instants and seeded randomness, so that certificate tests are repeatable and never read the clock. */
final class Fixtures {
    static final Instant CA_FROM = Instant.parse("2030-01-01T00:00:00Z");
    /** After 2049: the CA's notAfter is a GeneralizedTime. */
    static final Instant CA_UNTIL = Instant.parse("2055-01-01T00:00:00Z");
    static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
    static final Instant LEAF_FROM = Instant.parse("2030-05-01T00:00:00Z");
    static final Instant LEAF_UNTIL = Instant.parse("2030-08-01T00:00:00Z");

    private Fixtures() {
    }

    /** A SecureRandom whose output depends only on the seed (SHA1PRNG seeded before first use). */
    static SecureRandom random(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static CertificateAuthority ca(String commonName, long seed) {
        return CertificateAuthority.generate(commonName, CA_FROM, CA_UNTIL, random(seed));
    }

    static CertificateRequest leaf(String commonName, CertificateRequest.Usage usage, String... names) {
        return CertificateRequest.leaf(commonName, SubjectAltNames.of(names), LEAF_FROM, LEAF_UNTIL, usage);
    }
}
