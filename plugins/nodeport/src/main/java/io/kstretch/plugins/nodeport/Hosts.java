package io.kstretch.plugins.nodeport;

import java.util.regex.Pattern;

/** Whether a string can be advertised as a host: a DNS name, or an IPv4 or IPv6 address. */
final class Hosts {
    private static final Pattern DNS_NAME = Pattern
            .compile("(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*");
    private static final Pattern IPV4 = Pattern
            .compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private Hosts() {
    }

    static boolean isHost(String host) {
        return DNS_NAME.matcher(host).matches() || IPV4.matcher(host).matches()
                || IPV6.matcher(host).matches() && host.length() <= 45;
    }
}
