package io.kstretch.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The rules of {@code plugins/} (docs/providers.md): each provider {@code plugins/<name>/} is package
 * {@code io.kstretch.plugins.<name>}, uses nothing of kstretch but {@code io.kstretch.spi} (and its test kit
 * {@code io.kstretch.spi.contract}) and its own package, has one {@code @Identifier("<name>")} bean, and its two
 * source roots are registered in pom.xml.
 */
class PluginLayoutTest {
    private static final Path PROJECT = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    private static final Path PLUGINS = PROJECT.resolve("plugins");
    private static final Pattern KSTRETCH_REFERENCE = Pattern.compile("\\bio\\.kstretch((?:\\.[A-Za-z_][A-Za-z0-9_]*)+)");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+);");

    static List<String> pluginNames() throws IOException {
        try (Stream<Path> dirs = Files.list(PLUGINS)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** Every reference to io.kstretch.* in a plugin's file that is neither the SPI nor the plugin's own package. */
    static List<String> forbiddenReferences(String plugin, Path file) throws IOException {
        String own = ".plugins." + plugin;
        List<String> forbidden = new ArrayList<>();
        String source = Files.readString(file);
        Matcher m = KSTRETCH_REFERENCE.matcher(source);
        while (m.find()) {
            String rest = m.group(1);
            boolean allowed = rest.equals(".spi") || rest.startsWith(".spi.") || rest.equals(own)
                    || rest.startsWith(own + ".");
            if (!allowed) {
                int line = source.substring(0, m.start()).split("\n", -1).length;
                forbidden.add(PROJECT.relativize(file) + ":" + line + ": io.kstretch" + rest);
            }
        }
        return forbidden;
    }

    @Test
    void thereAreTheBuiltInProviders() throws IOException {
        assertThat(pluginNames()).contains("cilium", "istio", "loadbalancer", "mcs", "nodeport");
    }

    @Test
    void pluginsUseOnlyTheSpiAndTheirOwnPackage() throws IOException {
        List<String> forbidden = new ArrayList<>();
        for (String plugin : pluginNames()) {
            for (Path file : javaFiles(PLUGINS.resolve(plugin))) {
                forbidden.addAll(forbiddenReferences(plugin, file));
            }
        }
        assertThat(forbidden).as("plugins may use io.kstretch.spi and their own package only").isEmpty();
    }

    @Test
    void theRuleCatchesImportsAndQualifiedNames(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("X.java");
        Files.writeString(file, """
                package io.kstretch.plugins.demo;
                import io.kstretch.spi.NetworkingProvider;
                import io.kstretch.spi.contract.SimulatedMembers;
                import io.kstretch.plugins.demo.inner.Helper;
                import io.kstretch.render.Labels;
                import static io.kstretch.api.KStretch.GROUP;
                class X { Object o = io.kstretch.plugins.mcs.McsNetworkingProvider.NAME; Object spiLike = io.kstretch.spine; }
                """);
        assertThat(forbiddenReferences("demo", file)).extracting(s -> s.substring(s.indexOf(": ") + 2))
                .containsExactly("io.kstretch.render.Labels", "io.kstretch.api.KStretch.GROUP",
                        "io.kstretch.plugins.mcs.McsNetworkingProvider.NAME", "io.kstretch.spine");
    }

    @Test
    void eachPluginIsItsOwnPackageWithOneIdentifiedProviderAndRegisteredSources() throws IOException {
        String pom = Files.readString(PROJECT.resolve("pom.xml"));
        for (String plugin : pluginNames()) {
            Path root = PLUGINS.resolve(plugin);
            assertThat(pom).as("pom.xml registers plugins/%s sources", plugin)
                    .contains("<source>plugins/" + plugin + "/src/main/java</source>")
                    .contains("<source>plugins/" + plugin + "/src/test/java</source>");
            TreeSet<String> identifiers = new TreeSet<>();
            for (Path file : javaFiles(root)) {
                String source = Files.readString(file);
                Matcher pkg = PACKAGE.matcher(source);
                assertThat(pkg.find()).as("package of %s", file).isTrue();
                assertThat(pkg.group(1)).as("package of %s", PROJECT.relativize(file))
                        .isEqualTo("io.kstretch.plugins." + plugin);
                Matcher id = Pattern.compile("@Identifier\\(([A-Za-z]+)\\.NAME\\)|@Identifier\\(\"([^\"]+)\"\\)")
                        .matcher(source);
                if (id.find() && file.startsWith(root.resolve("src/main"))) {
                    identifiers.add(id.group(2) != null ? id.group(2) : nameConstant(source));
                }
            }
            assertThat(identifiers).as("@Identifier of plugins/%s", plugin).containsExactly(plugin);
        }
    }

    private static String nameConstant(String source) {
        Matcher m = Pattern.compile("static final String NAME = \"([^\"]+)\"").matcher(source);
        return m.find() ? m.group(1) : "?";
    }
}
