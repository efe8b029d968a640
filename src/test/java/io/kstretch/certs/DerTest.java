package io.kstretch.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** Golden encodings from X.690 and the X.509 / PKIX standards. */
class DerTest {

    private static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }

    @Test
    void integers_are_minimal_twos_complement() {
        assertThat(hex(Der.integer(0))).isEqualTo("02 01 00");
        assertThat(hex(Der.integer(127))).isEqualTo("02 01 7F");
        assertThat(hex(Der.integer(0x80))).isEqualTo("02 02 00 80");
        assertThat(hex(Der.integer(256))).isEqualTo("02 02 01 00");
        assertThat(hex(Der.integer(-128))).isEqualTo("02 01 80");
        assertThat(hex(Der.integer(-129))).isEqualTo("02 02 FF 7F");
        // a positive big integer whose top bit is set gets a leading 00, like a serial number could
        assertThat(hex(Der.integer(new BigInteger("FF00000000000000000000000000000001", 16))))
                .isEqualTo("02 12 00 FF 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01");
    }

    @Test
    void object_identifiers() {
        assertThat(hex(Der.oid("1.2.840.10045.2.1"))).isEqualTo("06 07 2A 86 48 CE 3D 02 01");
        assertThat(hex(Der.oid("1.2.840.10045.3.1.7"))).isEqualTo("06 08 2A 86 48 CE 3D 03 01 07");
        assertThat(hex(Der.oid("1.2.840.10045.4.3.2"))).isEqualTo("06 08 2A 86 48 CE 3D 04 03 02");
        assertThat(hex(Der.oid("2.5.29.17"))).isEqualTo("06 03 55 1D 11");
        assertThat(hex(Der.oid("1.3.6.1.5.5.7.3.1"))).isEqualTo("06 08 2B 06 01 05 05 07 03 01");
        // X.690 8.19.5's example: {2 999 3}
        assertThat(hex(Der.oid("2.999.3"))).isEqualTo("06 03 88 37 03");
        for (String bad : new String[] { "1", "1.40", "3.1", "1..2", "01.2", "1.2.", "1.a" }) {
            assertThatThrownBy(() -> Der.oid(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void lengths_switch_to_the_long_form_at_128() {
        assertThat(hex(Der.length(0))).isEqualTo("00");
        assertThat(hex(Der.length(127))).isEqualTo("7F");
        assertThat(hex(Der.length(128))).isEqualTo("81 80");
        assertThat(hex(Der.length(255))).isEqualTo("81 FF");
        assertThat(hex(Der.length(256))).isEqualTo("82 01 00");
        assertThat(hex(Der.length(65536))).isEqualTo("83 01 00 00");
        assertThat(hex(Der.octetString(new byte[200])).substring(0, 8)).isEqualTo("04 81 C8");
    }

    @Test
    void simple_types() {
        assertThat(hex(Der.bool(true))).isEqualTo("01 01 FF");
        assertThat(hex(Der.bool(false))).isEqualTo("01 01 00");
        assertThat(hex(Der.nul())).isEqualTo("05 00");
        assertThat(hex(Der.octetString(new byte[] { 1, 2 }))).isEqualTo("04 02 01 02");
        assertThat(hex(Der.bitString(new byte[] { 1, 2 }))).isEqualTo("03 03 00 01 02");
        assertThat(hex(Der.sequence())).isEqualTo("30 00");
        assertThat(hex(Der.utf8String("é"))).isEqualTo("0C 02 C3 A9");
        assertThat(hex(Der.printableString("Ab 1"))).isEqualTo("13 04 41 62 20 31");
        assertThat(hex(Der.ia5String("a.b"))).isEqualTo("16 03 61 2E 62");
        assertThatThrownBy(() -> Der.printableString("a_b")).hasMessageContaining("PrintableString");
        assertThatThrownBy(() -> Der.printableString("a@b")).hasMessageContaining("PrintableString");
        assertThatThrownBy(() -> Der.ia5String("é")).hasMessageContaining("IA5String");
    }

    @Test
    void named_bit_strings_drop_trailing_zero_bits() {
        // keyUsage digitalSignature (bit 0): one byte, 7 unused bits
        assertThat(hex(Der.namedBits(0))).isEqualTo("03 02 07 80");
        // keyCertSign (5) + cRLSign (6): 0000 0110, 1 unused bit
        assertThat(hex(Der.namedBits(5, 6))).isEqualTo("03 02 01 06");
        // decipherOnly (8) spills into a second byte
        assertThat(hex(Der.namedBits(8))).isEqualTo("03 03 07 00 80");
        assertThat(hex(Der.namedBits())).isEqualTo("03 01 00");
    }

    @Test
    void context_tags() {
        assertThat(hex(Der.explicit(0, Der.integer(2)))).isEqualTo("A0 03 02 01 02");
        assertThat(hex(Der.explicit(3, Der.sequence()))).isEqualTo("A3 02 30 00");
        // dNSName [2] IMPLICIT IA5String: primitive stays primitive
        assertThat(hex(Der.implicit(2, Der.ia5String("a")))).isEqualTo("82 01 61");
        // a constructed element stays constructed
        assertThat(hex(Der.implicit(0, Der.sequence()))).isEqualTo("A0 00");
        assertThatThrownBy(() -> Der.explicit(31, Der.nul())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void set_of_sorts_its_encodings() {
        assertThat(hex(Der.setOf(Der.integer(2), Der.integer(1)))).isEqualTo("31 06 02 01 01 02 01 02");
    }

    @Test
    void times_follow_rfc_5280_utc_through_2049_then_generalized() {
        assertThat(time("2049-12-31T23:59:59Z")).isEqualTo("UTCTime 491231235959Z");
        assertThat(time("2050-01-01T00:00:00Z")).isEqualTo("GeneralizedTime 20500101000000Z");
        assertThat(time("1950-01-01T00:00:00Z")).isEqualTo("UTCTime 500101000000Z");
        assertThat(time("1949-12-31T23:59:59Z")).isEqualTo("GeneralizedTime 19491231235959Z");
        assertThat(time("2030-03-04T05:06:07Z")).isEqualTo("UTCTime 300304050607Z");
        // fractions of a second are dropped, never rounded up
        assertThat(time("2030-01-01T00:00:00.999Z")).isEqualTo("UTCTime 300101000000Z");
        assertThat(hex(Der.time(Instant.parse("2049-12-31T23:59:59Z")))).startsWith("17 0D");
        assertThat(hex(Der.time(Instant.parse("2050-01-01T00:00:00Z")))).startsWith("18 0F");
        assertThatThrownBy(() -> Der.utcTime(Instant.parse("2050-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Der.generalizedTime(Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String time(String instant) {
        byte[] der = Der.time(Instant.parse(instant));
        DerReader.Element element = DerReader.parse(der);
        String kind = element.tag() == Der.UTC_TIME ? "UTCTime" : element.tag() == Der.GENERALIZED_TIME
                ? "GeneralizedTime" : "tag " + element.tag();
        return kind + " " + new String(element.contents(), StandardCharsets.US_ASCII);
    }

    @Test
    void reader_walks_what_the_writer_wrote_and_refuses_malformed_input() {
        byte[] der = Der.sequence(Der.integer(5), Der.explicit(1, Der.octetString(new byte[300])));
        DerReader.Element root = DerReader.parse(der).expect(Der.SEQUENCE);
        assertThat(root.children()).hasSize(2);
        assertThat(root.children().get(0).contents()).containsExactly(5);
        assertThat(root.children().get(1).children().get(0).expect(Der.OCTET_STRING).contents()).hasSize(300);

        assertThatThrownBy(() -> DerReader.parse(HexFormat.of().parseHex("020105FF")))
                .hasMessageContaining("trailing");
        assertThatThrownBy(() -> DerReader.parse(HexFormat.of().parseHex("0205050505")))
                .hasMessageContaining("longer than its input");
        assertThatThrownBy(() -> DerReader.parse(HexFormat.of().parseHex("3080")))
                .hasMessageContaining("length form");
        assertThatThrownBy(() -> DerReader.parse(Der.integer(1)).expect(Der.SEQUENCE))
                .hasMessageContaining("expected DER tag 0x30");
    }
}
