package io.kstretch.tls;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.kstretch.certs.CertificateAuthority;
import io.kstretch.certs.CertificateChecks;
import io.kstretch.certs.CertificateRequest;
import io.kstretch.certs.KeyAndCertificate;
import io.kstretch.certs.SubjectAltNames;

/** Creating and renewing a Kafka's CAs (see {@link CaState} for the phases). Pure: time and randomness are given. */
public final class CaLifecycle {
    /** Certificates are valid from a little before they are made, so small clock differences do not matter. */
    public static final Duration BACKDATE = Duration.ofMinutes(5);

    private CaLifecycle() {
    }

    public static CaState create(String commonName, Instant now, Duration validity, SecureRandom random) {
        return new CaState(authority(commonName, now, validity, random), null, CaState.Phase.STABLE, 1, false);
    }

    /**
     * The next state, or empty when nothing changes: a renewal starts when the CA is due; a phase ends when every node
     * runs what was rendered for it ({@code nodesRunRendered}). A user-managed CA is never replaced here, but a
     * renewal the user started (new CA in ca.crt/ca.key, old one in previous.crt/previous.key) is carried through.
     */
    public static Optional<CaState> next(CaState state, boolean nodesRunRendered, String commonName, Instant now,
            Duration validity, Duration renewBefore, SecureRandom random) {
        return switch (state.phase()) {
            case STABLE -> !state.userManaged()
                    && CertificateChecks.dueForRenewal(state.current().certificate(), now, renewBefore)
                    ? Optional.of(new CaState(authority(commonName, now, validity, random), state.current(),
                            CaState.Phase.TRUST_NEW, state.generation() + 1, false))
                    : Optional.empty();
            case TRUST_NEW -> nodesRunRendered
                    ? Optional.of(new CaState(state.current(), state.previous(), CaState.Phase.ISSUE_NEW,
                            state.generation(), state.userManaged()))
                    : Optional.empty();
            case ISSUE_NEW -> nodesRunRendered
                    ? Optional.of(new CaState(state.current(), null, CaState.Phase.STABLE, state.generation(),
                            state.userManaged()))
                    : Optional.empty();
        };
    }

    /**
     * An end-entity certificate (with a new key) from the CA that issues now ({@link CaState#issuing()}): valid from
     * {@link #BACKDATE} ago for {@code validity}, but never past the issuer's own expiry; organization kstretch.
     */
    public static KeyAndCertificate issue(CaState ca, String commonName, SubjectAltNames names,
            CertificateRequest.Usage usage, Instant now, Duration validity) {
        CertificateAuthority issuer = ca.issuing();
        Instant notAfter = now.plus(validity);
        Instant issuerEnd = issuer.certificate().getNotAfter().toInstant();
        return issuer.issue(CertificateRequest.leaf(commonName, names, now.minus(BACKDATE),
                notAfter.isAfter(issuerEnd) ? issuerEnd : notAfter, usage).withOrganization("kstretch"));
    }

    private static CertificateAuthority authority(String commonName, Instant now, Duration validity,
            SecureRandom random) {
        return CertificateAuthority.generate(commonName, now.minus(BACKDATE), now.plus(validity), random);
    }
}
