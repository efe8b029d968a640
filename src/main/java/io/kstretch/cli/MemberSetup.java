package io.kstretch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kstretch.api.MemberCluster;
import io.kstretch.api.MemberClusterSpec;
import io.kstretch.api.ProbeSpec;
import io.kstretch.api.SecretKeyReference;
import io.kstretch.members.KubeconfigException;
import io.kstretch.members.KubeconfigPolicy;
import io.kstretch.render.KubernetesJson;

/**
 * {@code bin/kstretch-member}: connects a member cluster to kstretch, from two kubectl contexts. In the member it
 * applies k8s/member-rbac (the operator's ServiceAccount with a token, the Role in the Kafka's namespace, the
 * read-only Nodes ClusterRole); it builds a kubeconfig from that token and the member's CA; in the central cluster it
 * writes the kubeconfig Secret and the MemberCluster. Re-running it updates everything in place (e.g. after the
 * token was revoked). The token is never printed.
 */
public final class MemberSetup {
    static final String OPERATOR_NAMESPACE = "kstretch-system";
    static final String TOKEN_SECRET = "kstretch-operator-token";
    private static final String RBAC = "/io/kstretch/cli/member-rbac/";

    private final KubernetesClient member;
    private final KubernetesClient central;
    private final PrintStream out;

    MemberSetup(KubernetesClient member, KubernetesClient central, PrintStream out) {
        this.member = member;
        this.central = central;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        if (options == null) {
            System.err.println(usage());
            System.exit(64);
        }
        Path kubeconfig = Path.of(options.getOrDefault("kubeconfig", System.getenv().getOrDefault("KUBECONFIG",
                System.getProperty("user.home") + "/.kube/config")));
        try (KubernetesClient member = client(kubeconfig, options.get("member-context"));
                KubernetesClient central = client(kubeconfig, options.get("central-context"))) {
            String server = options.getOrDefault("server", member.getConfiguration().getMasterUrl());
            new MemberSetup(member, central, System.out).run(options.get("namespace"), options.get("name"), server,
                    Duration.ofSeconds(60));
        } catch (KubeconfigException e) {
            System.err.println("kstretch-member: the kubeconfig built for the member is not usable: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * @param namespace the Kafka's namespace (in the central cluster and, by namespace sameness, in the member)
     * @param name the MemberCluster's name
     * @param server the member's API server URL as the central cluster's pods reach it
     */
    void run(String namespace, String name, String server, Duration tokenTimeout) throws KubeconfigException {
        for (HasMetadata object : memberRbac(namespace)) {
            member.resource(object).createOr(r -> r.update());
            out.printf("member: applied %s %s%n", object.getKind(), qualified(object));
        }
        Secret token = awaitToken(tokenTimeout);
        String ca = token.getData().get("ca.crt");
        String text = kubeconfig(name, server, ca, new String(Base64.getDecoder().decode(token.getData().get("token")),
                StandardCharsets.UTF_8), namespace);
        KubeconfigPolicy.check(text);

        Secret secret = new SecretBuilder().withMetadata(new ObjectMetaBuilder().withName(name + "-kubeconfig")
                .withNamespace(namespace).addToLabels("app.kubernetes.io/part-of", "kstretch").build())
                .addToStringData("kubeconfig", text).build();
        central.resource(secret).createOr(r -> r.update());
        out.printf("central: wrote Secret %s/%s-kubeconfig (a token-based kubeconfig for %s)%n", namespace, name,
                server);
        MemberCluster mc = new MemberCluster();
        mc.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        mc.setSpec(new MemberClusterSpec());
        mc.getSpec().kubeconfigSecret = new SecretKeyReference(name + "-kubeconfig", "kubeconfig");
        mc.getSpec().probe = new ProbeSpec();
        MemberCluster existing = central.resources(MemberCluster.class).inNamespace(namespace).withName(name).get();
        if (existing == null) {
            central.resource(mc).create();
            out.printf("central: created MemberCluster %s/%s%n", namespace, name);
        } else {
            out.printf("central: MemberCluster %s/%s exists; its kubeconfig Secret was refreshed%n", namespace, name);
        }
    }

    /** k8s/member-rbac as shipped, with the Role and its binding moved to {@code namespace}. */
    static List<HasMetadata> memberRbac(String namespace) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String file : List.of("operator-identity.yaml", "role.yaml", "nodes-clusterrole.yaml")) {
            try (InputStream in = MemberSetup.class.getResourceAsStream(RBAC + file)) {
                if (in == null) {
                    throw new IllegalStateException(file + " missing from the application");
                }
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                for (String document : text.split("(?m)^---\\s*$")) {
                    if (document.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
                        continue;
                    }
                    HasMetadata object = KubernetesJson.SERIALIZATION.unmarshal(document);
                    if (object instanceof Role || object instanceof RoleBinding) {
                        object.getMetadata().setNamespace(namespace);
                    }
                    objects.add(object);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return objects;
    }

    private Secret awaitToken(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Secret s = member.secrets().inNamespace(OPERATOR_NAMESPACE).withName(TOKEN_SECRET).get();
            if (s != null && s.getData() != null && s.getData().get("token") != null && s.getData().get("ca.crt") != null) {
                return s;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("the member's token controller did not fill Secret " + OPERATOR_NAMESPACE
                + "/" + TOKEN_SECRET + " within " + timeout.toSeconds() + " s");
    }

    static String kubeconfig(String name, String server, String caData, String token, String namespace) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                    certificate-authority-data: %3$s
                contexts:
                - name: %1$s
                  context: {cluster: %1$s, user: kstretch-operator, namespace: %4$s}
                current-context: %1$s
                users:
                - name: kstretch-operator
                  user:
                    token: %5$s
                """.formatted(name, server, caData, namespace, token);
    }

    private static KubernetesClient client(Path kubeconfig, String context) {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(context, kubeconfig.toFile())).build();
    }

    private static String qualified(HasMetadata o) {
        return o.getMetadata().getNamespace() == null ? o.getMetadata().getName()
                : o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                return null;
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        if (args.length % 2 != 0 || !options.keySet().containsAll(List.of("member-context", "central-context",
                "namespace"))) {
            return null;
        }
        options.putIfAbsent("name", options.get("member-context"));
        return options;
    }

    static String usage() {
        return """
                usage: kstretch-member --member-context <ctx> --central-context <ctx> --namespace <ns>
                                       [--name <member name>] [--server <member API URL>] [--kubeconfig <file>]
                Connects the cluster of --member-context to kstretch in the cluster of --central-context: applies
                k8s/member-rbac there (Role in <ns>), builds a token-based kubeconfig, and writes Secret
                <name>-kubeconfig and MemberCluster <name> in <ns> of the central cluster. --server defaults to the
                member context's server, which must be reachable from the central cluster's pods.""";
    }
}
