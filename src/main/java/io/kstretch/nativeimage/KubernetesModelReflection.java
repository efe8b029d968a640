package io.kstretch.nativeimage;

import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.graalvm.nativeimage.hosted.Feature;
import org.graalvm.nativeimage.hosted.RuntimeReflection;

/**
 * Registers the fabric8 Kubernetes model for Jackson in the native executable, at image build time, without its
 * builders.
 *
 * <p>Quarkus' kubernetes-client extension registers every model class of the Jandex index, once reachable, with all
 * its methods: {@code edit()} and {@code toBuilder()} among them, so each reachable model class also made its
 * builder and fluent reachable, and theirs every nested one. The model jars are kept out of the index
 * ({@code quarkus.class-loading.removed-resources} in {@code application.properties}) and this feature registers
 * the model instead, on the same condition (a class once the analysis finds it reachable; its fields' and
 * accessors' types are reached through it and registered in turn) and with the same members, less the methods
 * that return a builder or a fluent. Jackson reads and writes the model through constructors, fields and
 * accessors only. It also registers what the model's Jackson annotations name (serializers, deserializers,
 * subtypes), which Quarkus' Jackson extension found in the index before.
 *
 * <p>Named by {@code --features} in {@code quarkus.native.additional-build-args}; never loaded on the JVM.
 */
public final class KubernetesModelReflection implements Feature {

    private static final String MODEL_JAR = "kubernetes-model-";
    private static final String MODEL_PACKAGE = "io/fabric8/kubernetes/";

    @Override
    public String getDescription() {
        return "Registers the fabric8 Kubernetes model for reflection, without its builders (kstretch)";
    }

    @Override
    public void beforeAnalysis(BeforeAnalysisAccess access) {
        for (Path jar : access.getApplicationClassPath()) {
            if (jar.getFileName().toString().contains(MODEL_JAR) && Files.isRegularFile(jar)) {
                for (String name : modelClassNames(jar)) {
                    Class<?> type = access.findClassByName(name);
                    if (type != null) {
                        access.registerReachabilityHandler(a -> register(type), type);
                    }
                }
            }
        }
    }

    private static void register(Class<?> type) {
        RuntimeReflection.register(type);
        RuntimeReflection.registerAllDeclaredConstructors(type);
        RuntimeReflection.registerAllDeclaredMethods(type);
        RuntimeReflection.registerAllDeclaredFields(type);
        RuntimeReflection.registerAllDeclaredClasses(type);
        RuntimeReflection.register(type.getDeclaredFields());
        RuntimeReflection.register(invocable(type).toArray(Executable[]::new));
        for (Class<?> helper : jacksonHelpers(type)) {
            RuntimeReflection.register(helper);
            RuntimeReflection.register(helper.getDeclaredConstructors());
        }
    }

    /** The classes of a model jar, less sundrio's builders and fluents. */
    static List<String> modelClassNames(Path jar) {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String entry = entries.nextElement().getName();
                if (entry.startsWith(MODEL_PACKAGE) && entry.endsWith(".class") && !isBuilder(entry)) {
                    names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + jar, e);
        }
        return names;
    }

    private static boolean isBuilder(String name) {
        String simple = name.substring(name.lastIndexOf(name.contains("/") ? '/' : '.') + 1);
        return simple.contains("Builder") || simple.contains("Fluent");
    }

    /** The constructors and methods registered for invocation: all declared ones but those returning a builder. */
    static List<Executable> invocable(Class<?> type) {
        List<Executable> members = new ArrayList<>(List.of(type.getDeclaredConstructors()));
        for (Method method : type.getDeclaredMethods()) {
            String returned = method.getReturnType().getName();
            if (!(returned.startsWith("io.fabric8.") && isBuilder(returned))) {
                members.add(method);
            }
        }
        return members;
    }

    /**
     * The serializers, deserializers and subtypes that Jackson annotations on the class, its fields and its methods
     * name: Jackson instantiates them by reflection.
     */
    static Set<Class<?>> jacksonHelpers(Class<?> type) {
        Set<Class<?>> helpers = new LinkedHashSet<>();
        List<AnnotatedElement> elements = new ArrayList<>(List.of(type));
        elements.addAll(List.of(type.getDeclaredFields()));
        elements.addAll(List.of(type.getDeclaredMethods()));
        for (AnnotatedElement element : elements) {
            JsonDeserialize deserialize = element.getAnnotation(JsonDeserialize.class);
            if (deserialize != null) {
                add(helpers, deserialize.using(), deserialize.contentUsing(), deserialize.keyUsing(), deserialize.as(),
                        deserialize.contentAs(), deserialize.keyAs(), deserialize.builder(), deserialize.converter(),
                        deserialize.contentConverter());
            }
            JsonSerialize serialize = element.getAnnotation(JsonSerialize.class);
            if (serialize != null) {
                add(helpers, serialize.using(), serialize.contentUsing(), serialize.keyUsing(), serialize.nullsUsing(),
                        serialize.as(), serialize.contentAs(), serialize.keyAs(), serialize.converter(),
                        serialize.contentConverter());
            }
            JsonSubTypes subTypes = element.getAnnotation(JsonSubTypes.class);
            if (subTypes != null) {
                for (JsonSubTypes.Type subType : subTypes.value()) {
                    add(helpers, subType.value());
                }
            }
        }
        return helpers;
    }

    /** Adds the classes an annotation names, less its "none" markers (Jackson's own classes, void, interfaces). */
    private static void add(Set<Class<?>> helpers, Class<?>... classes) {
        for (Class<?> c : classes) {
            if (c != Void.class && c != void.class && !c.isInterface()
                    && !c.getName().startsWith("com.fasterxml.jackson.databind.")) {
                helpers.add(c);
            }
        }
    }
}
