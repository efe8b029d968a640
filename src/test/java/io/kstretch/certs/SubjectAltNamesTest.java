package io.kstretch.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectAltNamesTest {

    @Test
    void strings_are_ip_addresses_only_when_they_parse_strictly_as_one() {
        SubjectAltNames names = SubjectAltNames.of("kafka-0.kafka.east.svc", "10.0.0.1", "::1", "Kafka-1.EXAMPLE.com",
                "2001:DB8::1", "*.kafka.east.svc", "0:0:0:0:0:0:0:1", "10.0.0.1", "a1.b2");

        assertThat(names.dnsNames()).containsExactly("kafka-0.kafka.east.svc", "kafka-1.example.com",
                "*.kafka.east.svc", "a1.b2");
        assertThat(names.ipAddresses()).containsExactly("10.0.0.1", "::1", "2001:db8::1");
        assertThat(names.isEmpty()).isFalse();
        assertThat(SubjectAltNames.NONE.isEmpty()).isTrue();
    }

    @Test
    void equal_names_make_equal_sets_whatever_their_spelling_and_order() {
        assertThat(SubjectAltNames.of("A.example", "::1", "127.0.0.1"))
                .isEqualTo(SubjectAltNames.of("127.0.0.1", "0:0:0:0:0:0:0:1", "a.example", "a.example"));
        assertThat(SubjectAltNames.of("a.example", "::1").containsAll(SubjectAltNames.of("0::1"))).isTrue();
        assertThat(SubjectAltNames.of("a.example").containsAll(SubjectAltNames.of("b.example"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "10.0.0.01", "256.0.0.1", "1.2.3", "1.2.3.4.5", "1.2.3.-4", "1::2::3", "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7:8::", "fe80::1%eth0", "[::1]", "12345::", ":1", "1:", "::g", "::1.2.3.04",
            "1.2.3.4::", "under_score.svc", "-a.svc", "a-.svc", "a..b", "a.b.", ".a", "", "a.*.svc", "*", "é.svc",
            "with space.svc", "0x10.0.0.1.10" })
    void malformed_names_are_refused_not_guessed(String name) {
        assertThatThrownBy(() -> SubjectAltNames.of(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + name + "'");
    }

    @Test
    void long_names_are_refused() {
        String label63 = "a".repeat(63);
        assertThat(SubjectAltNames.of(label63 + ".svc").dnsNames()).hasSize(1);
        assertThatThrownBy(() -> SubjectAltNames.of("a" + label63 + ".svc")).hasMessageContaining("63");
        String name253 = String.join(".", label63, label63, label63, "a".repeat(61));
        assertThat(name253).hasSize(253);
        assertThat(SubjectAltNames.of(name253).dnsNames()).hasSize(1);
        assertThatThrownBy(() -> SubjectAltNames.of(name253 + "a")).hasMessageContaining("253");
    }

    @Test
    void the_canonical_constructor_keeps_dns_names_and_ip_addresses_apart() {
        assertThatThrownBy(() -> new SubjectAltNames(Set.of("10.0.0.1"), Set.of()))
                .hasMessageContaining("is an IP address, not a DNS name");
        assertThatThrownBy(() -> new SubjectAltNames(Set.of(), Set.of("localhost")))
                .hasMessageContaining("is not an IPv4 or IPv6 address");
        SubjectAltNames names = new SubjectAltNames(Set.of("LocalHost"), Set.of("::FFFF:127.0.0.1"));
        assertThat(names.dnsNames()).containsExactly("localhost");
        assertThat(names.ipAddresses()).containsExactly("127.0.0.1");
    }

    @ParameterizedTest
    @CsvSource({
            "0.0.0.0, 0.0.0.0",
            "255.255.255.255, 255.255.255.255",
            "::, ::",
            "::1, ::1",
            "1::, 1::",
            "0:0:0:0:0:0:0:1, ::1",
            "2001:0DB8:0000:0000:0000:0000:0002:0001, 2001:db8::2:1",
            // two equal runs of zeros: the first is shortened (RFC 5952 4.2.3)
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            // the longest run wins
            "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
            // a single zero group stays (RFC 5952 4.2.2)
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "::ffff:10.0.0.1, 10.0.0.1",
            "::10.0.0.1, ::a00:1",
            "fe80::1:2:3:4, fe80::1:2:3:4" })
    void ip_addresses_have_one_canonical_text(String text, String canonical) {
        assertThat(IpAddress.canonical(text)).isEqualTo(canonical);
        assertThat(IpAddress.canonical(canonical)).isEqualTo(canonical);
    }

    @Test
    void ip_addresses_parse_to_their_bytes() {
        assertThat(IpAddress.parse("192.168.1.2")).containsExactly(192 - 256, 168 - 256, 1, 2);
        assertThat(IpAddress.parse("::1")).hasSize(16).endsWith(0, 1);
        assertThat(IpAddress.parse("1:2:3:4:5:6:1.2.3.4")).containsExactly(0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 1, 2,
                3, 4);
        assertThat(IpAddress.parse("kafka")).isNull();
        assertThat(IpAddress.parse(null)).isNull();
    }
}
