package io.kstretch.plugins.loadbalancer;

import java.util.regex.Pattern;

/** Syntax checks for the provider's settings: qualified names (annotation keys, classes) and CIDRs. */
final class Names {
    private static final Pattern PREFIX = Pattern
            .compile("(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern NAME = Pattern.compile("(?=.{1,63}$)[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern
            .compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:]*");

    private Names() {
    }

    /** {@code [prefix/]name} as Kubernetes label and annotation keys are. */
    static boolean isQualifiedName(String value) {
        int slash = value.indexOf('/');
        if (slash < 0) {
            return NAME.matcher(value).matches();
        }
        return PREFIX.matcher(value.substring(0, slash)).matches() && NAME.matcher(value.substring(slash + 1))
                .matches();
    }

    /** An IPv4 or IPv6 CIDR such as {@code 10.0.0.0/8}. */
    static boolean isCidr(String value) {
        int slash = value.indexOf('/');
        if (slash < 0 || slash == value.length() - 1) {
            return false;
        }
        String address = value.substring(0, slash);
        String bits = value.substring(slash + 1);
        if (!bits.chars().allMatch(Character::isDigit) || bits.length() > 3) {
            return false;
        }
        int prefix = Integer.parseInt(bits);
        if (IPV4.matcher(address).matches()) {
            return prefix <= 32;
        }
        return IPV6.matcher(address).matches() && prefix <= 128;
    }
}
