package io.kstretch.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class PropertiesTextTest {

    /** How Kafka reads server.properties: Properties.load(InputStream), i.e. ISO-8859-1. */
    static Map<String, String> load(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
        return map;
    }

    /** The property lines of a text (no comments, no blank lines). */
    static List<String> propertyLines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                lines.add(line);
            }
        }
        return lines;
    }

    @Test
    void tricky_values_round_trip_exactly() {
        Map<String, String> in = new LinkedHashMap<>();
        in.put("empty", "");
        in.put("leading.space", " value");
        in.put("two.leading.spaces", "  value");
        in.put("only.spaces", "   ");
        in.put("trailing.space", "value  ");
        in.put("leading.tab", "\tvalue");
        in.put("inner.tab", "a\tb");
        in.put("separators", "a=b:c d");
        in.put("starts.with.equals", "=value");
        in.put("starts.with.colon", ":value");
        in.put("hash", "#not a comment");
        in.put("bang", "!not a comment");
        in.put("inner.hash.bang", "a#b!c");
        in.put("backslashes", "C:\\dir\\file\\");
        in.put("literal.unicode.escape", "\\u0041 stays six characters");
        in.put("newline", "line1\nline2");
        in.put("crlf", "line1\r\nline2\r");
        in.put("formfeed", "a\fb");
        in.put("control", "a\u0001b\u007fc");
        in.put("umlaut", "\u00fcber");
        in.put("euro", "5 \u20ac");
        in.put("emoji", "\ud83d\ude00");
        in.put("jaas", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"a\" password=\"b=c\";");

        String text = PropertiesText.write(null, in);

        assertThat(load(text)).isEqualTo(in);
    }

    @Test
    void tricky_keys_round_trip_exactly() {
        Map<String, String> in = new LinkedHashMap<>();
        in.put("", "empty key");
        in.put("a=b", "1");
        in.put("c:d", "2");
        in.put("#hash", "3");
        in.put("!bang", "4");
        in.put(" leading", "5");
        in.put("inner space", "6");
        in.put("trailing ", "7");
        in.put("tab\tkey", "8");
        in.put("new\nline", "9");
        in.put("back\\slash", "10");
        in.put("\u00fc", "11");
        in.put("\u20ac", "12");
        in.put("a.b=c:d#e!f g", "13");

        assertThat(load(PropertiesText.write(null, in))).isEqualTo(in);
    }

    @Test
    void output_is_plain_ascii_one_line_per_property() {
        Map<String, String> in = new LinkedHashMap<>();
        in.put("k\u00fc", "v\u20ac\nnext\rline");
        in.put("plain", "value");

        String text = PropertiesText.write(null, in);

        assertThat(text.chars()).allMatch(c -> c == '\n' || c >= 0x20 && c <= 0x7e);
        assertThat(text).endsWith("\n");
        assertThat(propertyLines(text)).hasSize(2);
        // the same bytes whether the ConfigMap is read as UTF-8 or Kafka reads it as ISO-8859-1
        assertThat(text.getBytes(StandardCharsets.UTF_8)).isEqualTo(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void plain_values_are_written_readably() {
        Map<String, String> in = new LinkedHashMap<>();
        in.put("listeners", "PLAIN://:9092,CONTROLLER://:9090");
        in.put("log.dirs", "/var/lib/kafka/data/kafka-log0");

        assertThat(PropertiesText.write(null, in)).isEqualTo(
                "listeners=PLAIN://:9092,CONTROLLER://:9090\nlog.dirs=/var/lib/kafka/data/kafka-log0\n");
    }

    @Test
    void order_of_the_map_is_kept() {
        Map<String, String> in = new LinkedHashMap<>();
        in.put("zeta", "1");
        in.put("alpha", "2");
        in.put("mu", "3");
        in.put("beta", "4");

        List<String> keys = propertyLines(PropertiesText.write("header", in)).stream()
                .map(line -> line.substring(0, line.indexOf('='))).toList();

        assertThat(keys).containsExactly("zeta", "alpha", "mu", "beta");
    }

    @Test
    void header_lines_become_comments() {
        Map<String, String> in = new LinkedHashMap<>();
        in.put("a", "1");

        String text = PropertiesText.write("first line\nsecond = line: not a property\n!third", in);

        assertThat(text.split("\n")).containsExactly("# first line", "# second = line: not a property",
                "# !third", "a=1");
        assertThat(load(text)).isEqualTo(Map.of("a", "1"));
    }

    @Test
    void header_with_carriage_returns_adds_no_properties() {
        Map<String, String> in = new LinkedHashMap<>();
        in.put("a", "1");

        // a lone CR ends a line for Properties.load: what follows it must still be a comment
        String text = PropertiesText.write("one\rtwo=2\r\nthree=3", in);

        assertThat(load(text)).isEqualTo(Map.of("a", "1"));
    }

    @Test
    void header_ending_in_backslash_does_not_swallow_the_first_property() {
        Map<String, String> in = new LinkedHashMap<>();
        in.put("a", "1");

        assertThat(load(PropertiesText.write("path C:\\", in))).isEqualTo(Map.of("a", "1"));
    }

    @Test
    void no_header_no_comment() {
        assertThat(PropertiesText.write(null, Map.of("a", "1"))).isEqualTo("a=1\n");
        assertThat(PropertiesText.write(null, Map.of())).isEmpty();
    }
}
