package io.kstretch.certs;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Certificate serial numbers: 16 random bytes with the top bit cleared, i.e. a positive INTEGER of at most 16
 * content bytes (RFC 5280 4.1.2.2 allows 20) carrying 127 random bits, so two certificates of one CA never share one.
 */
final class SerialNumbers {
    static final int BYTES = 16;

    private SerialNumbers() {
    }

    static BigInteger next(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        BigInteger serial;
        do {
            random.nextBytes(bytes);
            bytes[0] &= 0x7F;
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0); // RFC 5280: positive, so never zero
        return serial;
    }
}
