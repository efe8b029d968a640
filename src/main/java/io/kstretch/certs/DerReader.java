package io.kstretch.certs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Just enough DER reading to look inside what the JDK hands back encoded (a public key's SubjectPublicKeyInfo, an
 * extension's value): one element at a time, definite lengths only.
 */
final class DerReader {
    private DerReader() {
    }

    /** One decoded element: its tag byte and its contents. */
    record Element(int tag, byte[] contents) {
        /** The elements inside a constructed element (a SEQUENCE, a SET, an explicit tag). */
        List<Element> children() {
            if ((tag & 0x20) == 0) {
                throw new IllegalArgumentException("DER element with tag " + tag + " is not constructed");
            }
            List<Element> children = new ArrayList<>();
            int offset = 0;
            while (offset < contents.length) {
                int[] end = new int[1];
                children.add(read(contents, offset, end));
                offset = end[0];
            }
            return children;
        }

        Element expect(int expectedTag) {
            if (tag != expectedTag) {
                throw new IllegalArgumentException(
                        String.format("expected DER tag 0x%02X, found 0x%02X", expectedTag, tag));
            }
            return this;
        }
    }

    /** Decodes exactly one element that spans all of {@code der}. */
    static Element parse(byte[] der) {
        int[] end = new int[1];
        Element element = read(der, 0, end);
        if (end[0] != der.length) {
            throw new IllegalArgumentException("trailing bytes after a DER element");
        }
        return element;
    }

    private static Element read(byte[] der, int offset, int[] end) {
        if (offset + 2 > der.length) {
            throw new IllegalArgumentException("truncated DER element");
        }
        int tag = der[offset] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            throw new IllegalArgumentException("multi-byte DER tags are not supported");
        }
        int first = der[offset + 1] & 0xFF;
        int position = offset + 2;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int bytes = first & 0x7F;
            if (bytes == 0 || bytes > 4) {
                throw new IllegalArgumentException("unsupported DER length form");
            }
            if (position + bytes > der.length) {
                throw new IllegalArgumentException("truncated DER length");
            }
            length = 0;
            for (int i = 0; i < bytes; i++) {
                length = (length << 8) | (der[position + i] & 0xFF);
            }
            position += bytes;
        }
        if (length > der.length - position) {
            throw new IllegalArgumentException("DER element longer than its input");
        }
        end[0] = position + (int) length;
        return new Element(tag, Arrays.copyOfRange(der, position, end[0]));
    }
}
