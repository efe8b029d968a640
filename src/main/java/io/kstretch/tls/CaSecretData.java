package io.kstretch.tls;

import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeMap;

import io.kstretch.certs.CertificateAuthority;
import io.kstretch.certs.KeyAndCertificate;
import io.kstretch.certs.Pem;

/**
 * How a {@link CaState} is kept in a Secret of the central cluster: {@code ca.crt} and {@code ca.key} (PEM, the key
 * PKCS#8), {@code previous.crt} and {@code previous.key} during a renewal, and the generation and phase as
 * annotations. A user-supplied CA has only {@code ca.crt} and {@code ca.key} (and {@code previous.crt}/{@code .key}
 * while the user renews it).
 */
public final class CaSecretData {
    public static final String CERT = "ca.crt";
    public static final String KEY = "ca.key";
    public static final String PREVIOUS_CERT = "previous.crt";
    public static final String PREVIOUS_KEY = "previous.key";
    public static final String GENERATION_ANNOTATION = "kstretch.io/ca-generation";
    public static final String PHASE_ANNOTATION = "kstretch.io/ca-renewal-phase";

    private CaSecretData() {
    }

    /**
     * Reads a CA from decoded Secret data.
     *
     * @throws IllegalArgumentException naming what is missing or unreadable
     */
    public static CaState read(Map<String, String> data, Map<String, String> annotations, boolean userManaged,
            SecureRandom random) {
        CertificateAuthority current = authority(data, CERT, KEY, random);
        CertificateAuthority previous = data.containsKey(PREVIOUS_CERT)
                ? authority(data, PREVIOUS_CERT, PREVIOUS_KEY, random)
                : null;
        CaState.Phase phase = CaState.Phase.STABLE;
        String phaseText = annotations == null ? null : annotations.get(PHASE_ANNOTATION);
        if (previous != null) {
            phase = "IssueNew".equals(phaseText) ? CaState.Phase.ISSUE_NEW : CaState.Phase.TRUST_NEW;
        }
        int generation = 1;
        if (annotations != null && annotations.get(GENERATION_ANNOTATION) != null) {
            try {
                generation = Integer.parseInt(annotations.get(GENERATION_ANNOTATION));
            } catch (NumberFormatException e) {
                generation = 1;
            }
        }
        return new CaState(current, previous, phase, generation, userManaged);
    }

    /** Secret data (not base64-encoded) for {@code state}. */
    public static Map<String, String> data(CaState state) {
        Map<String, String> data = new TreeMap<>();
        data.put(CERT, Pem.encode(state.current().certificate()));
        data.put(KEY, Pem.encode(state.current().keyAndCertificate().privateKey()));
        if (state.previous() != null) {
            data.put(PREVIOUS_CERT, Pem.encode(state.previous().certificate()));
            data.put(PREVIOUS_KEY, Pem.encode(state.previous().keyAndCertificate().privateKey()));
        }
        return data;
    }

    /** Annotations for {@code state}. */
    public static Map<String, String> annotations(CaState state) {
        Map<String, String> annotations = new TreeMap<>();
        annotations.put(GENERATION_ANNOTATION, String.valueOf(state.generation()));
        if (state.phase() != CaState.Phase.STABLE) {
            annotations.put(PHASE_ANNOTATION, state.phase() == CaState.Phase.ISSUE_NEW ? "IssueNew" : "TrustNew");
        }
        return annotations;
    }

    private static CertificateAuthority authority(Map<String, String> data, String certKey, String keyKey,
            SecureRandom random) {
        String cert = data.get(certKey);
        String key = data.get(keyKey);
        if (cert == null || key == null) {
            throw new IllegalArgumentException("needs both " + certKey + " and " + keyKey);
        }
        try {
            return CertificateAuthority.of(new KeyAndCertificate(Pem.decodePrivateKey(key), Pem.decodeCertificate(cert)),
                    random);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(certKey + "/" + keyKey + " is not a usable CA: " + e.getMessage(), e);
        }
    }
}
