package io.kstretch.certs;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The DER (ITU-T X.690) encodings kstretch needs to write X.509 certificates: each method returns one complete
 * encoded element (tag, length, contents). Only low tag numbers (0-30) and definite lengths exist in DER as used here.
 */
final class Der {
    static final int BOOLEAN = 0x01;
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OBJECT_IDENTIFIER = 0x06;
    static final int UTF8_STRING = 0x0C;
    static final int PRINTABLE_STRING = 0x13;
    static final int IA5_STRING = 0x16;
    static final int UTC_TIME = 0x17;
    static final int GENERALIZED_TIME = 0x18;
    static final int SEQUENCE = 0x30;
    static final int SET = 0x31;

    private static final int CONSTRUCTED = 0x20;
    private static final int CONTEXT = 0x80;

    /** RFC 5280 4.1.2.5: UTCTime for dates through 2049, GeneralizedTime from 2050 (and before 1950). */
    private static final int FIRST_GENERALIZED_YEAR = 2050;
    private static final int FIRST_UTC_YEAR = 1950;

    private Der() {
    }

    /** One element: the tag byte, the definite length, the contents. */
    static byte[] tlv(int tag, byte[] contents) {
        if (tag < 0 || tag > 0xFF || (tag & 0x1F) == 0x1F) {
            throw new IllegalArgumentException("only single-byte tags are supported: " + tag);
        }
        byte[] length = length(contents.length);
        byte[] out = new byte[1 + length.length + contents.length];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        System.arraycopy(contents, 0, out, 1 + length.length, contents.length);
        return out;
    }

    /** X.690 8.1.3: short form below 128, else 0x80 + number of length bytes, then the length big-endian. */
    static byte[] length(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length");
        }
        if (length < 0x80) {
            return new byte[] { (byte) length };
        }
        int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
        byte[] out = new byte[1 + bytes];
        out[0] = (byte) (0x80 | bytes);
        for (int i = 0; i < bytes; i++) {
            out[bytes - i] = (byte) (length >>> (8 * i));
        }
        return out;
    }

    static byte[] sequence(byte[]... elements) {
        return tlv(SEQUENCE, concat(Arrays.asList(elements)));
    }

    static byte[] sequence(List<byte[]> elements) {
        return tlv(SEQUENCE, concat(elements));
    }

    /** A SET OF: X.690 11.6 wants the encodings in ascending order (shorter one first when one is a prefix). */
    static byte[] setOf(byte[]... elements) {
        List<byte[]> sorted = new ArrayList<>(Arrays.asList(elements));
        sorted.sort(Arrays::compareUnsigned);
        return tlv(SET, concat(sorted));
    }

    static byte[] integer(BigInteger value) {
        // toByteArray is the minimal two's complement form X.690 8.3 asks for (a leading 00 only when needed)
        return tlv(INTEGER, value.toByteArray());
    }

    static byte[] integer(long value) {
        return integer(BigInteger.valueOf(value));
    }

    static byte[] bool(boolean value) {
        return tlv(BOOLEAN, new byte[] { value ? (byte) 0xFF : 0x00 });
    }

    static byte[] nul() {
        return tlv(NULL, new byte[0]);
    }

    /** An OBJECT IDENTIFIER from its dotted form, e.g. {@code 1.2.840.10045.2.1}. */
    static byte[] oid(String dotted) {
        String[] parts = dotted.split("\\.", -1);
        if (parts.length < 2) {
            throw new IllegalArgumentException("an OID has at least two arcs: " + dotted);
        }
        long[] arcs = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty() || !parts[i].chars().allMatch(c -> c >= '0' && c <= '9')
                    || (parts[i].length() > 1 && parts[i].charAt(0) == '0') || parts[i].length() > 18) {
                throw new IllegalArgumentException("not a dotted OID: " + dotted);
            }
            arcs[i] = Long.parseLong(parts[i]);
        }
        if (arcs[0] > 2 || (arcs[0] < 2 && arcs[1] > 39)) {
            throw new IllegalArgumentException("invalid first arcs in OID: " + dotted);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        base128(out, arcs[0] * 40 + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            base128(out, arcs[i]);
        }
        return tlv(OBJECT_IDENTIFIER, out.toByteArray());
    }

    private static void base128(ByteArrayOutputStream out, long value) {
        int groups = Math.max(1, (Long.SIZE - Long.numberOfLeadingZeros(value) + 6) / 7);
        for (int i = groups - 1; i >= 0; i--) {
            int septet = (int) ((value >>> (7 * i)) & 0x7F);
            out.write(i == 0 ? septet : septet | 0x80);
        }
    }

    static byte[] utf8String(String value) {
        return tlv(UTF8_STRING, value.getBytes(StandardCharsets.UTF_8));
    }

    /** PrintableString (X.680 41.4): letters, digits, space and {@code '()+,-./:=?}. */
    static byte[] printableString(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || " '()+,-./:=?".indexOf(c) >= 0;
            if (!ok) {
                throw new IllegalArgumentException("not a PrintableString character: '" + c + "' in " + value);
            }
        }
        return tlv(PRINTABLE_STRING, value.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] ia5String(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 0x7F) {
                throw new IllegalArgumentException("not an IA5String (ASCII): " + value);
            }
        }
        return tlv(IA5_STRING, value.getBytes(StandardCharsets.US_ASCII));
    }

    /** A certificate validity time as RFC 5280 4.1.2.5 wants it; fractions of a second are dropped. */
    static byte[] time(Instant instant) {
        int year = utc(instant).getYear();
        return year >= FIRST_UTC_YEAR && year < FIRST_GENERALIZED_YEAR ? utcTime(instant) : generalizedTime(instant);
    }

    /** UTCTime {@code YYMMDDHHMMSSZ}, for 1950 through 2049 (RFC 5280 reads YY below 50 as 20YY). */
    static byte[] utcTime(Instant instant) {
        LocalDateTime t = utc(instant);
        if (t.getYear() < FIRST_UTC_YEAR || t.getYear() >= FIRST_GENERALIZED_YEAR) {
            throw new IllegalArgumentException("UTCTime covers 1950 through 2049 only: " + instant);
        }
        return tlv(UTC_TIME, ascii(String.format("%02d%02d%02d%02d%02d%02dZ", t.getYear() % 100, t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond())));
    }

    /** GeneralizedTime {@code YYYYMMDDHHMMSSZ} (no fraction, as RFC 5280 requires). */
    static byte[] generalizedTime(Instant instant) {
        LocalDateTime t = utc(instant);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            throw new IllegalArgumentException("GeneralizedTime covers years 0000 through 9999 only: " + instant);
        }
        return tlv(GENERALIZED_TIME, ascii(String.format("%04d%02d%02d%02d%02d%02dZ", t.getYear(),
                t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond())));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    }

    /** A BIT STRING of whole bytes (no unused bits), e.g. a public key or a signature. */
    static byte[] bitString(byte[] bytes) {
        byte[] contents = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, contents, 1, bytes.length);
        return tlv(BIT_STRING, contents);
    }

    /**
     * A named-bit BIT STRING (X.690 11.2.2): bit 0 is the most significant bit of the first byte, and trailing zero
     * bits are dropped, so the result is as short as possible; no bits set gives {@code 03 01 00}.
     */
    static byte[] namedBits(int... bits) {
        int highest = -1;
        for (int bit : bits) {
            if (bit < 0) {
                throw new IllegalArgumentException("negative bit number " + bit);
            }
            highest = Math.max(highest, bit);
        }
        byte[] value = new byte[(highest + 8) / 8];
        for (int bit : bits) {
            value[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        int unused = value.length == 0 ? 0 : 7 - (highest % 8);
        byte[] contents = new byte[value.length + 1];
        contents[0] = (byte) unused;
        System.arraycopy(value, 0, contents, 1, value.length);
        return tlv(BIT_STRING, contents);
    }

    static byte[] octetString(byte[] bytes) {
        return tlv(OCTET_STRING, bytes);
    }

    /** {@code [n] EXPLICIT}: a constructed context-specific element around the whole encoded element. */
    static byte[] explicit(int tagNumber, byte[] element) {
        return tlv(CONTEXT | CONSTRUCTED | checkTagNumber(tagNumber), element);
    }

    /** {@code [n] IMPLICIT}: the element with its tag replaced by a context-specific one (constructed bit kept). */
    static byte[] implicit(int tagNumber, byte[] element) {
        byte[] out = element.clone();
        out[0] = (byte) (CONTEXT | (element[0] & CONSTRUCTED) | checkTagNumber(tagNumber));
        return out;
    }

    private static int checkTagNumber(int tagNumber) {
        if (tagNumber < 0 || tagNumber > 30) {
            throw new IllegalArgumentException("only tag numbers 0-30 are supported: " + tagNumber);
        }
        return tagNumber;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
