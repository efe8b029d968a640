package io.kstretch.tls;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import io.kstretch.certs.CertificateAuthority;

/**
 * A certificate authority of a Kafka and where its renewal stands. A renewal goes through two phases so that no node
 * ever stops trusting a peer mid-roll: {@link Phase#TRUST_NEW} (every node trusts the old and the new CA, node
 * certificates still come from the old one), then {@link Phase#ISSUE_NEW} (node certificates are re-issued by the new
 * CA, both still trusted), then back to {@link Phase#STABLE} (the old CA is dropped). Each phase ends when every node
 * runs what it rendered.
 *
 * @param current the CA in force
 * @param previous the CA being replaced, while a renewal is under way; else null
 * @param phase where a renewal stands
 * @param generation increases with every renewal
 * @param userManaged whether the user supplies the CA (kstretch never creates or renews it)
 */
public record CaState(CertificateAuthority current, CertificateAuthority previous, Phase phase, int generation,
        boolean userManaged) {

    /** Where a CA renewal stands. */
    public enum Phase {
        STABLE, TRUST_NEW, ISSUE_NEW
    }

    /** The CA certificates nodes trust: the current one, and the previous one during a renewal. */
    public List<X509Certificate> trusted() {
        List<X509Certificate> trusted = new ArrayList<>();
        trusted.add(current.certificate());
        if (previous != null) {
            trusted.add(previous.certificate());
        }
        return trusted;
    }

    /** The CA new node certificates come from: still the old one while the new one is being trusted everywhere. */
    public CertificateAuthority issuing() {
        return phase == Phase.TRUST_NEW && previous != null ? previous : current;
    }
}
