package io.kstretch.render;

import java.util.Map;

/**
 * Writes a Java properties file deterministically (no timestamp, given order), escaped so that
 * {@link java.util.Properties#load(java.io.InputStream)} (how Kafka reads server.properties) gives back exactly the
 * keys and values: backslashes, separators, line breaks and non-ASCII characters are escaped.
 */
public final class PropertiesText {
    private PropertiesText() {
    }

    public static String write(String header, Map<String, String> properties) {
        StringBuilder out = new StringBuilder();
        if (header != null) {
            // any line break: Properties.load also ends a line at a lone '\r', which would turn the rest into a property
            for (String line : header.split("\r\n|\r|\n")) {
                out.append("# ").append(line).append('\n');
            }
        }
        properties.forEach((k, v) -> {
            escape(out, k, true);
            out.append('=');
            escape(out, v, false);
            out.append('\n');
        });
        return out.toString();
    }

    private static void escape(StringBuilder out, String s, boolean key) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
                case '=', ':', '#', '!' -> out.append(key || i == 0 ? "\\" + c : String.valueOf(c));
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
