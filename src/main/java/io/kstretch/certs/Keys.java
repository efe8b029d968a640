package io.kstretch.certs;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.List;

/**
 * The one key type of kstretch's certificates, EC P-256 (secp256r1) signing with SHA256withECDSA: small keys and
 * signatures, fast handshakes, supported by every TLS stack Kafka runs on. One constant, not a parameter, so that
 * no certificate is ever made with a key type nobody tested.
 */
public final class Keys {
    public static final String ALGORITHM = "EC";
    public static final String CURVE = "secp256r1";
    public static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    private static final byte[] PROBE = "kstretch key match probe".getBytes(StandardCharsets.US_ASCII);

    private Keys() {
    }

    /** A new key pair from the default provider, drawing its randomness from {@code random}. */
    public static KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(new ECGenParameterSpec(CURVE), random);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("this JDK cannot generate " + CURVE + " keys", e);
        }
    }

    /** Whether the private key belongs to the public key (it signs what the public key verifies). */
    public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        if (!(privateKey instanceof ECPrivateKey) || !ALGORITHM.equals(publicKey.getAlgorithm())) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            return verifier.verify(sign(privateKey, PROBE, new SecureRandom()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Refuses any public key other than an EC key on P-256, read from its SubjectPublicKeyInfo. */
    static void requireP256(PublicKey key) {
        if (!"X.509".equals(key.getFormat()) || key.getEncoded() == null) {
            throw new IllegalArgumentException("not an encodable public key: " + key.getAlgorithm());
        }
        List<DerReader.Element> algorithm;
        try {
            algorithm = DerReader.parse(key.getEncoded()).expect(Der.SEQUENCE).children().get(0)
                    .expect(Der.SEQUENCE).children();
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("malformed SubjectPublicKeyInfo", e);
        }
        boolean p256 = algorithm.size() == 2
                && Arrays.equals(DerReader.parse(Der.oid(Oids.EC_PUBLIC_KEY)).contents(), algorithm.get(0).contents())
                && Arrays.equals(DerReader.parse(Der.oid(Oids.SECP256R1)).contents(), algorithm.get(1).contents());
        if (!p256) {
            throw new IllegalArgumentException("kstretch certificates are for EC " + CURVE + " keys only, not "
                    + key.getAlgorithm() + " " + key);
        }
    }

    /** A SHA256withECDSA signature (DER ECDSA-Sig-Value, as X.509 wants it). */
    static byte[] sign(PrivateKey key, byte[] data, SecureRandom random) {
        try {
            Signature signature = Signature.getInstance(SIGNATURE_ALGORITHM);
            signature.initSign(key, random);
            signature.update(data);
            return signature.sign();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no " + SIGNATURE_ALGORITHM, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
    }
}
