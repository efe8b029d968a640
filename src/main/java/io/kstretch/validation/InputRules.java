package io.kstretch.validation;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.kstretch.api.JvmOptions;
import io.kstretch.api.KafkaSpec;
import io.kstretch.api.MemberCluster;
import io.kstretch.api.Storage;
import io.kstretch.certs.SubjectAltNames;

/**
 * Checks for input that ends up somewhere it could do harm: in an object name or a label value (length, charset), a
 * Kafka property (no line breaks, so nothing can be injected as a second property), a shell word of the start
 * script (heap sizes), or an image reference. Each problem names the field and the rule.
 */
final class InputRules {
    /** A label value kstretch derives from a name: a DNS-1123 label (at most 63, no dots). */
    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern RACK = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]{0,6}[kKmMgG]?");
    private static final Pattern IMAGE = Pattern.compile("[a-z0-9][a-z0-9._\\-/:@]{0,254}");
    private static final List<String> ADDRESS_TYPES = List.of("InternalIP", "ExternalIP", "Hostname");

    private InputRules() {
    }

    static void image(KafkaSpec spec, List<Problem> problems) {
        if (spec.image != null && !spec.image.isBlank() && !IMAGE.matcher(spec.image).matches()) {
            problems.add(new Problem("InvalidImage", "spec.image '" + printable(spec.image) + "' is not an image"
                    + " reference (lower-case registry/name[:tag][@digest], no spaces)"));
        }
    }

    /** Values of spec.config and of the provider config are single lines without control characters. */
    static void singleLines(String field, Map<String, String> values, String reason, List<Problem> problems) {
        if (values == null) {
            return;
        }
        new java.util.TreeMap<>(values).forEach((key, value) -> {
            if (value != null && value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                problems.add(new Problem(reason, field + "." + printable(key) + " must be a single line without"
                        + " control characters"));
            }
        });
    }

    /** A MemberCluster a pool places nodes in: its name becomes a label value, its rack a Kafka property. */
    static void member(MemberCluster member, String where, List<Problem> problems) {
        String name = member.getMetadata().getName();
        if (!DNS_1123_LABEL.matcher(name).matches()) {
            problems.add(new Problem("InvalidMemberCluster", where + "MemberCluster '" + name + "' can host no nodes:"
                    + " its name becomes a label value and must be a DNS label (at most 63 lower-case letters,"
                    + " digits and '-', no dots); create one with a shorter name"));
        }
        var spec = member.getSpec();
        if (spec == null) {
            return;
        }
        if (spec.rack != null && !RACK.matcher(spec.rack).matches()) {
            problems.add(new Problem("InvalidMemberCluster", "MemberCluster " + name + ": spec.rack '"
                    + printable(spec.rack) + "' must be 1-63 letters, digits, '-', '_' or '.' (it becomes broker.rack)"));
        }
        if (spec.mcsClusterId != null && !DNS_1123_LABEL.matcher(spec.mcsClusterId).matches()) {
            problems.add(new Problem("InvalidMemberCluster", "MemberCluster " + name + ": spec.mcsClusterId '"
                    + printable(spec.mcsClusterId) + "' must be a DNS label (it is part of the nodes' DNS names)"));
        }
        if (spec.nodeAddress != null) {
            if (spec.nodeAddress.type != null && !ADDRESS_TYPES.contains(spec.nodeAddress.type)) {
                problems.add(new Problem("InvalidMemberCluster", "MemberCluster " + name + ": spec.nodeAddress.type '"
                        + printable(spec.nodeAddress.type) + "' must be one of " + ADDRESS_TYPES));
            }
            if (spec.nodeAddress.host != null && !isHost(spec.nodeAddress.host)) {
                problems.add(new Problem("InvalidMemberCluster", "MemberCluster " + name + ": spec.nodeAddress.host '"
                        + printable(spec.nodeAddress.host) + "' must be a DNS name or an IP address"));
            }
        }
    }

    /** Heap sizes end up as words of the start script's java command line: digits and a unit only. */
    static void jvmOptions(JvmOptions jvm, String where, List<Problem> problems) {
        if (jvm == null) {
            return;
        }
        for (var e : new String[][] { { "xmx", jvm.xmx }, { "xms", jvm.xms } }) {
            if (e[1] != null && !HEAP.matcher(e[1]).matches()) {
                problems.add(new Problem("InvalidJvmOptions", where + "spec.jvmOptions." + e[0] + " '"
                        + printable(e[1]) + "' must be a size such as 512m or 2g"));
            }
        }
    }

    static void storageClass(Storage storage, String where, List<Problem> problems) {
        if (storage != null && storage.storageClass != null && (storage.storageClass.length() > 253
                || !DNS_SUBDOMAIN.matcher(storage.storageClass).matches())) {
            problems.add(new Problem("InvalidStorage", where + "spec.storage.class '" + printable(storage.storageClass)
                    + "' is not a StorageClass name"));
        }
    }

    /**
     * A DNS name or an IPv4/IPv6 literal, by the rules of certificate names: the host is advertised and goes into
     * the nodes' certificates, so what passes here must be accepted there.
     */
    static boolean isHost(String host) {
        return SubjectAltNames.hostProblem(host) == null;
    }

    /** The text with line breaks and other control characters shown escaped, for messages. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.chars().limit(120).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.append((char) c);
            }
        });
        return s.length() > 120 ? out + "..." : out.toString();
    }
}
