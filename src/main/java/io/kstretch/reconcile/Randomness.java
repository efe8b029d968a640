package io.kstretch.reconcile;

import java.security.SecureRandom;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The operator's source of randomness for keys, certificates and ids: one {@link SecureRandom}, made when the
 * application starts (never at build time, so a native image does not carry a fixed seed).
 */
@ApplicationScoped
public class Randomness {
    private final SecureRandom random = new SecureRandom();

    public SecureRandom get() {
        return random;
    }
}
