package io.kstretch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kstretch.api.MemberCluster;
import io.kstretch.members.KubeconfigPolicy;
import io.kstretch.testing.CentralApiServer;
import io.kstretch.testing.MemberApiServer;

class MemberSetupTest {
    private final CentralApiServer central = new CentralApiServer();
    private final MemberApiServer member = new MemberApiServer("east");
    private final ScheduledExecutorService tokenController = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void close() {
        tokenController.shutdownNow();
        member.close();
        central.close();
    }

    /**
     * Test stand-in for the member's token controller, which fills service-account-token Secrets: here with a
     * fixed token and the member API server's CA.
     */
    void runTokenController(String token) {
        tokenController.scheduleWithFixedDelay(() -> {
            try {
                Secret s = member.client().secrets().inNamespace(MemberSetup.OPERATOR_NAMESPACE)
                        .withName(MemberSetup.TOKEN_SECRET).get();
                if (s != null && (s.getData() == null || s.getData().get("token") == null)) {
                    member.client().resource(new SecretBuilder(s)
                            .addToData("token", Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)))
                            .addToData("ca.crt", member.caData()).build()).update();
                }
            } catch (RuntimeException e) {
                // retry
            }
        }, 50, 50, TimeUnit.MILLISECONDS);
    }

    @Test
    void connectsAMemberThroughATokenKubeconfigWithoutPrintingTheToken() throws Exception {
        central.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata().withName("kafka").endMetadata().build()).create();
        runTokenController("s3cr3t-t0ken");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String server = member.kubeconfig().lines().filter(l -> l.contains("server:")).findFirst().orElseThrow()
                .replaceAll(".*server: ", "").trim();

        new MemberSetup(member.client(), central.client(), new PrintStream(out, true, StandardCharsets.UTF_8))
                .run("kafka", "east", server, Duration.ofSeconds(10));

        Role role = member.client().rbac().roles().inNamespace("kafka").withName("kstretch-operator").get();
        assertThat(role).as("the Role is in the Kafka's namespace of the member").isNotNull();
        assertThat(role.getRules()).anySatisfy(r -> assertThat(r.getResources()).contains("statefulsets"));
        assertThat(member.client().rbac().roleBindings().inNamespace("kafka").withName("kstretch-operator").get()
                .getSubjects()).singleElement().satisfies(s -> assertThat(s.getNamespace() + "/" + s.getName())
                        .isEqualTo("kstretch-system/kstretch-operator"));
        assertThat(member.client().rbac().clusterRoles().withName("kstretch-operator-nodes").get()).isNotNull();

        Secret secret = central.client().secrets().inNamespace("kafka").withName("east-kubeconfig").get();
        String kubeconfig = secret.getStringData() != null ? secret.getStringData().get("kubeconfig")
                : new String(Base64.getDecoder().decode(secret.getData().get("kubeconfig")), StandardCharsets.UTF_8);
        KubeconfigPolicy.check(kubeconfig);
        assertThat(kubeconfig).contains("token: s3cr3t-t0ken").contains("certificate-authority-data: " + member.caData());
        try (KubernetesClient viaKubeconfig = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig))
                .build()) {
            assertThat(viaKubeconfig.getKubernetesVersion()).as("the kubeconfig reaches the member over TLS")
                    .isNotNull();
        }
        MemberCluster mc = central.client().resources(MemberCluster.class).inNamespace("kafka").withName("east").get();
        assertThat(mc.getSpec().kubeconfigSecret.name).isEqualTo("east-kubeconfig");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("created MemberCluster kafka/east")
                .doesNotContain("s3cr3t-t0ken");
    }

    @Test
    void theRbacItAppliesIsTheShippedOneMovedToTheNamespace() {
        List<HasMetadata> objects = MemberSetup.memberRbac("team-a");
        assertThat(objects).extracting(o -> o.getKind() + " " + o.getMetadata().getName()).containsExactly(
                "Namespace kstretch-system", "ServiceAccount kstretch-operator", "Secret kstretch-operator-token",
                "Role kstretch-operator", "RoleBinding kstretch-operator", "ClusterRole kstretch-operator-nodes",
                "ClusterRoleBinding kstretch-operator-nodes");
        assertThat(objects).filteredOn(o -> o.getKind().startsWith("Role"))
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("team-a"));
    }

    @Test
    void optionsAreChecked() {
        assertThat(MemberSetup.parse(new String[] { "--member-context", "east" })).isNull();
        assertThat(MemberSetup.parse(new String[] { "--member-context", "east", "--central-context", "c",
                "--namespace", "kafka" })).containsEntry("name", "east");
    }
}
