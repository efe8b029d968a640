package io.kstretch.certs;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * PEM text (RFC 7468) of keys and certificates, as Kafka's {@code PEM} keystores and truststores read it: an
 * unencrypted PKCS#8 {@code PRIVATE KEY} and {@code CERTIFICATE}s, base64 in lines of 64 characters, {@code \n}
 * line ends. Decoding ignores text outside the blocks and refuses anything malformed with a message saying what.
 */
public final class Pem {
    static final String PRIVATE_KEY = "PRIVATE KEY";
    static final String CERTIFICATE = "CERTIFICATE";

    private static final int LINE = 64;
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private Pem() {
    }

    /** A {@code PRIVATE KEY} block: the key's unencrypted PKCS#8 encoding. */
    public static String encode(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat()) || key.getEncoded() == null) {
            throw new IllegalArgumentException("the key has no PKCS#8 encoding (format " + key.getFormat() + ")");
        }
        return block(PRIVATE_KEY, key.getEncoded());
    }

    /** A {@code CERTIFICATE} block. */
    public static String encode(X509Certificate certificate) {
        try {
            return block(CERTIFICATE, certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode certificate: " + e.getMessage(), e);
        }
    }

    /** {@code CERTIFICATE} blocks one after the other, in order (a chain, a truststore). */
    public static String encode(List<X509Certificate> certificates) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            out.append(encode(certificate));
        }
        return out.toString();
    }

    static String block(String label, byte[] der) {
        String base64 = Base64.getEncoder().encodeToString(der);
        StringBuilder out = new StringBuilder(base64.length() + base64.length() / LINE + 64);
        out.append(BEGIN).append(label).append(DASHES).append('\n');
        for (int i = 0; i < base64.length(); i += LINE) {
            out.append(base64, i, Math.min(base64.length(), i + LINE)).append('\n');
        }
        out.append(END).append(label).append(DASHES).append('\n');
        return out.toString();
    }

    /** The one unencrypted PKCS#8 EC {@code PRIVATE KEY} in {@code pem} (which may hold certificates too). */
    public static PrivateKey decodePrivateKey(String pem) {
        List<Block> keys = new ArrayList<>();
        List<String> otherKeys = new ArrayList<>();
        for (Block block : blocks(pem)) {
            if (block.label().equals(PRIVATE_KEY)) {
                keys.add(block);
            } else if (block.label().endsWith(PRIVATE_KEY)) {
                otherKeys.add(block.label());
            }
        }
        if (keys.isEmpty()) {
            if (!otherKeys.isEmpty()) {
                throw new IllegalArgumentException("PEM holds a '" + otherKeys.get(0) + "' block, not an unencrypted "
                        + "PKCS#8 'PRIVATE KEY' (convert with: openssl pkcs8 -topk8 -nocrypt)");
            }
            throw new IllegalArgumentException("no '" + BEGIN + PRIVATE_KEY + DASHES + "' block in PEM text");
        }
        if (keys.size() > 1) {
            throw new IllegalArgumentException("PEM text holds " + keys.size() + " private keys, expected one");
        }
        try {
            return KeyFactory.getInstance(Keys.ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(keys.get(0).der()));
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("PEM 'PRIVATE KEY' is not a PKCS#8 EC private key: " + e.getMessage(),
                    e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no EC key factory", e);
        }
    }

    /** Every {@code CERTIFICATE} in {@code pem}, in order; other blocks (a private key) are skipped. */
    public static List<X509Certificate> decodeCertificates(String pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("this JDK has no X.509 certificate factory", e);
        }
        for (Block block : blocks(pem)) {
            if (!block.label().equals(CERTIFICATE)) {
                continue;
            }
            ByteArrayInputStream in = new ByteArrayInputStream(block.der());
            try {
                certificates.add((X509Certificate) factory.generateCertificate(in));
            } catch (CertificateException e) {
                throw new IllegalArgumentException("PEM 'CERTIFICATE' at line " + block.line()
                        + " is not an X.509 certificate: " + e.getMessage(), e);
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException(
                        "PEM 'CERTIFICATE' at line " + block.line() + " has bytes after the certificate");
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no '" + BEGIN + CERTIFICATE + DASHES + "' block in PEM text");
        }
        return List.copyOf(certificates);
    }

    /** The one {@code CERTIFICATE} in {@code pem}. */
    public static X509Certificate decodeCertificate(String pem) {
        List<X509Certificate> certificates = decodeCertificates(pem);
        if (certificates.size() != 1) {
            throw new IllegalArgumentException("PEM text holds " + certificates.size() + " certificates, expected one");
        }
        return certificates.get(0);
    }

    /** One PEM block: its label, its decoded contents, the line (from 1) of its BEGIN line. */
    record Block(String label, byte[] der, int line) {
    }

    /** The blocks of a PEM text, strictly: matching BEGIN/END labels, base64 only, no RFC 1421 headers. */
    static List<Block> blocks(String pem) {
        if (pem == null) {
            throw new IllegalArgumentException("PEM text is null");
        }
        List<Block> blocks = new ArrayList<>();
        String[] lines = pem.split("\\R", -1);
        String label = null;
        int beginLine = 0;
        StringBuilder base64 = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (label == null) {
                if (line.startsWith(BEGIN)) {
                    label = label(line, BEGIN, i + 1);
                    beginLine = i + 1;
                    base64.setLength(0);
                } else if (line.startsWith(END)) {
                    throw new IllegalArgumentException("PEM line " + (i + 1) + ": END line without a BEGIN line");
                }
                continue;
            }
            if (line.startsWith(END)) {
                String endLabel = label(line, END, i + 1);
                if (!endLabel.equals(label)) {
                    throw new IllegalArgumentException("PEM line " + (i + 1) + ": '" + endLabel
                            + "' END line closes a '" + label + "' block");
                }
                blocks.add(new Block(label, decodeBase64(base64.toString(), label, beginLine), beginLine));
                label = null;
            } else if (line.startsWith(BEGIN)) {
                throw new IllegalArgumentException("PEM line " + (i + 1) + ": BEGIN line inside the '" + label
                        + "' block of line " + beginLine);
            } else if (line.indexOf(':') >= 0) {
                throw new IllegalArgumentException("PEM '" + label + "' block of line " + beginLine
                        + " has headers (legacy encrypted PEM?), which are not supported");
            } else {
                base64.append(line);
            }
        }
        if (label != null) {
            throw new IllegalArgumentException(
                    "PEM '" + label + "' block of line " + beginLine + " has no END line");
        }
        return blocks;
    }

    private static String label(String line, String prefix, int lineNumber) {
        if (!line.endsWith(DASHES) || line.length() < prefix.length() + DASHES.length()) {
            throw new IllegalArgumentException("PEM line " + lineNumber + ": malformed boundary line '" + line + "'");
        }
        return line.substring(prefix.length(), line.length() - DASHES.length());
    }

    private static byte[] decodeBase64(String base64, String label, int line) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "PEM '" + label + "' block of line " + line + " is not valid base64: " + e.getMessage(), e);
        }
        if (der.length == 0) {
            throw new IllegalArgumentException("PEM '" + label + "' block of line " + line + " is empty");
        }
        return der;
    }
}
