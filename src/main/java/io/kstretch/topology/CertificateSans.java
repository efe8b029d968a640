package io.kstretch.topology;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.NetworkingProvider;
import io.kstretch.spi.ProviderContext;

/**
 * The subject alternative names a node's certificate needs, from its provider ({@link
 * NetworkingProvider#certificateSans}, by default the hosts of its endpoints), split into DNS names and IP
 * addresses: an IP-based provider (nodeport, loadbalancer with IP ingress) needs IP SANs, since TLS clients check
 * an IP they connect to against iPAddress entries only. Pure; for the certificates step.
 *
 * @param dnsNames DNS names, lower case, sorted, without duplicates
 * @param ipAddresses IP addresses in their canonical text form, sorted, without duplicates
 */
public record CertificateSans(List<String> dnsNames, List<String> ipAddresses) {
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    /** The SANs the provider gives {@code node}. */
    public static CertificateSans of(NetworkingProvider provider, ProviderContext ctx, KafkaNode node) {
        return of(provider.certificateSans(ctx, node));
    }

    /** Sorts names into DNS names and IP addresses (blank entries are dropped). */
    public static CertificateSans of(List<String> sans) {
        TreeSet<String> dns = new TreeSet<>();
        TreeSet<String> ips = new TreeSet<>();
        for (String san : sans) {
            if (san == null || san.isBlank()) {
                continue;
            }
            String ip = ipAddress(san.trim());
            if (ip != null) {
                ips.add(ip);
            } else {
                String name = san.trim().toLowerCase(Locale.ROOT);
                dns.add(name.endsWith(".") ? name.substring(0, name.length() - 1) : name);
            }
        }
        return new CertificateSans(List.copyOf(dns), List.copyOf(ips));
    }

    /** The canonical form of {@code host} when it is an IPv4 or IPv6 literal, else null. Never looks a name up. */
    static String ipAddress(String host) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (IPV4.matcher(literal).matches()) {
            return literal;
        }
        if (literal.indexOf(':') >= 0 && IPV6_CHARS.matcher(literal).matches()) {
            try {
                // a string with a colon is parsed as an IPv6 literal, never resolved
                return InetAddress.getByName(literal).getHostAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }
}
