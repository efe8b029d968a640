package io.kstretch.certs;

import java.util.Locale;

/**
 * DNS names as a certificate's dNSName may hold them (RFC 5280 4.2.1.6, RFC 1123 host names): ASCII labels of
 * letters, digits and inner hyphens, 1-63 characters each, at most 253 in all, no trailing dot; the first label may
 * be {@code *}. The last label may not be all digits (RFC 1123 2.1), so {@code 10.0.0.01} is neither a DNS name nor
 * (strictly) an IP address, and is refused instead of being taken for one or the other.
 */
final class DnsName {
    private static final int MAX_LENGTH = 253;
    private static final int MAX_LABEL = 63;

    private DnsName() {
    }

    /** Null when {@code name} is a valid DNS name, else why it is not. */
    static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "a DNS name must not be empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "a DNS name has at most " + MAX_LENGTH + " characters";
        }
        String[] labels = name.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            String label = labels[i];
            if (label.isEmpty()) {
                return "a DNS name has no empty labels (nor a leading or trailing dot)";
            }
            if (i == 0 && label.equals("*") && labels.length > 1) {
                continue;
            }
            if (label.length() > MAX_LABEL) {
                return "a DNS label has at most " + MAX_LABEL + " characters";
            }
            for (int j = 0; j < label.length(); j++) {
                char c = label.charAt(j);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                if (!ok) {
                    return "a DNS label holds only ASCII letters, digits and hyphens, not '" + c + "'";
                }
            }
            if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
                return "a DNS label neither starts nor ends with a hyphen";
            }
        }
        if (labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "the last label of a DNS name is not all digits (is it a malformed IP address?)";
        }
        return null;
    }

    /** DNS names compare without regard to case (RFC 4343): the lower-case form. */
    static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
