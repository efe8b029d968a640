package io.kstretch.certs;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The names a certificate is valid for: DNS names and IP addresses (v4 and v6), validated strictly and normalised
 * (DNS names in lower case, IP addresses in one canonical text: {@code 0:0:0:0:0:0:0:1} becomes {@code ::1}), so
 * that two sets of the same names are equal. Order is kept (it is the order in the certificate); duplicates go.
 */
public record SubjectAltNames(Set<String> dnsNames, Set<String> ipAddresses) {

    public static final SubjectAltNames NONE = new SubjectAltNames(Set.of(), Set.of());

    public SubjectAltNames {
        Set<String> dns = new LinkedHashSet<>();
        for (String name : Objects.requireNonNull(dnsNames, "dnsNames")) {
            if (IpAddress.isIpAddress(name)) {
                throw new IllegalArgumentException("'" + name + "' is an IP address, not a DNS name");
            }
            String problem = DnsName.problem(name);
            if (problem != null) {
                throw new IllegalArgumentException("invalid DNS name '" + name + "': " + problem);
            }
            dns.add(DnsName.normalize(name));
        }
        Set<String> ips = new LinkedHashSet<>();
        for (String address : Objects.requireNonNull(ipAddresses, "ipAddresses")) {
            String canonical = IpAddress.canonical(address);
            if (canonical == null) {
                throw new IllegalArgumentException("'" + address + "' is not an IPv4 or IPv6 address");
            }
            ips.add(canonical);
        }
        dnsNames = Collections.unmodifiableSet(dns);
        ipAddresses = Collections.unmodifiableSet(ips);
    }

    /**
     * Names of either kind: a string that parses as an IP address literal (strictly, see the class comment) is an
     * IP address, anything else must be a valid DNS name; a string with a colon is always taken for IPv6.
     */
    public static SubjectAltNames of(Collection<String> names) {
        Set<String> dns = new LinkedHashSet<>();
        Set<String> ips = new LinkedHashSet<>();
        for (String name : names) {
            Objects.requireNonNull(name, "a subject alternative name is null");
            if (name.indexOf(':') >= 0 || IpAddress.isIpAddress(name)) {
                ips.add(name);
            } else {
                dns.add(name);
            }
        }
        return new SubjectAltNames(dns, ips);
    }

    /**
     * Null when {@code host} can be a node's address in a certificate: an IP address literal or a DNS name (no
     * wildcard), by the same strict rules as {@link #of}; else why not.
     */
    public static String hostProblem(String host) {
        if (host == null || IpAddress.isIpAddress(host)) {
            return host == null ? "a host must not be empty" : null;
        }
        if (host.indexOf(':') >= 0) {
            return "'" + host + "' is not an IPv6 address";
        }
        if (host.contains("*")) {
            return "a host has no wildcard";
        }
        return DnsName.problem(host);
    }

    public static SubjectAltNames of(String... names) {
        return of(Arrays.asList(names));
    }

    public boolean isEmpty() {
        return dnsNames.isEmpty() && ipAddresses.isEmpty();
    }

    /** Whether every name of {@code other} is here too. */
    public boolean containsAll(SubjectAltNames other) {
        return dnsNames.containsAll(other.dnsNames) && ipAddresses.containsAll(other.ipAddresses);
    }
}
