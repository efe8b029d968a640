package io.kstretch.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Config;

class KubeconfigPolicyTest {
    private static final String CA = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUMKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=";

    /** A kubeconfig whose cluster and user entries are the given YAML blocks (indented under cluster:/user:). */
    private static String kubeconfig(String cluster, String user) {
        return """
                apiVersion: v1
                kind: Config
                current-context: east
                clusters:
                - name: east-cluster
                  cluster:
                %s
                contexts:
                - name: other
                  context:
                    cluster: nowhere
                    user: nobody
                - name: east
                  context:
                    cluster: east-cluster
                    user: east-user
                    namespace: kafka
                users:
                - name: east-user
                  user:
                %s
                """.formatted(indent(cluster), indent(user));
    }

    private static String indent(String block) {
        return block.strip().lines().map(l -> "    " + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private static String cluster() {
        return "server: https://east.example:6443\ncertificate-authority-data: " + CA;
    }

    private static KubeconfigException rejected(String text) {
        KubeconfigException e = catchThrowableOfType(KubeconfigException.class, () -> KubeconfigPolicy.check(text));
        assertThat(e).as("rejected").isNotNull();
        return e;
    }

    @Test
    void token_kubeconfig_is_accepted() throws Exception {
        Config config = KubeconfigPolicy.check(kubeconfig(cluster(), "token: abc.def.ghi"));

        assertThat(config.getCurrentContext()).isEqualTo("east");
        assertThat(config.getClusters().get(0).getCluster().getServer()).isEqualTo("https://east.example:6443");
        assertThat(config.getUsers().get(0).getUser().getToken()).isEqualTo("abc.def.ghi");
    }

    @Test
    void client_certificate_kubeconfig_is_accepted() throws Exception {
        Config config = KubeconfigPolicy.check(kubeconfig(cluster(),
                "client-certificate-data: " + CA + "\nclient-key-data: " + CA));

        assertThat(config.getUsers().get(0).getUser().getClientCertificateData()).isEqualTo(CA);
    }

    @Test
    void first_context_is_used_without_current_context() throws Exception {
        String text = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster: {server: "https://c.example"}
                contexts:
                - name: ctx
                  context: {cluster: c, user: u}
                users:
                - name: u
                  user: {token: t}
                """;
        assertThat(KubeconfigPolicy.check(text).getContexts()).hasSize(1);
    }

    @Test
    void insecure_skip_tls_verify_is_rejected() {
        KubeconfigException e = rejected(kubeconfig("server: https://east.example:6443\ninsecure-skip-tls-verify: true",
                "token: abc"));

        assertThat(e.reason()).isEqualTo("KubeconfigInsecure");
        assertThat(e.getMessage()).contains("insecure-skip-tls-verify");
    }

    @Test
    void exec_credential_plugin_is_rejected() {
        KubeconfigException e = rejected(kubeconfig(cluster(), """
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: /bin/steal-secrets
                  args: ["--now"]
                """));

        assertThat(e.reason()).isEqualTo("KubeconfigUnsupported");
        assertThat(e.getMessage()).contains("exec").contains("/bin/steal-secrets");
    }

    @Test
    void auth_provider_is_rejected() {
        KubeconfigException e = rejected(kubeconfig(cluster(), """
                auth-provider:
                  name: gcp
                  config: {cmd-path: /usr/bin/gcloud}
                """));

        assertThat(e.reason()).isEqualTo("KubeconfigUnsupported");
        assertThat(e.getMessage()).contains("auth-provider");
    }

    @Test
    void token_file_is_rejected() {
        KubeconfigException e = rejected(kubeconfig(cluster(),
                "tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token"));

        assertThat(e.reason()).isEqualTo("KubeconfigInvalid");
        assertThat(e.getMessage()).contains("tokenFile");
    }

    @Test
    void client_certificate_and_key_files_are_rejected() {
        assertThat(rejected(kubeconfig(cluster(), "client-certificate: /etc/client.crt\nclient-key-data: " + CA))
                .reason()).isEqualTo("KubeconfigInvalid");
        assertThat(rejected(kubeconfig(cluster(), "client-certificate-data: " + CA + "\nclient-key: /etc/k.key"))
                .reason()).isEqualTo("KubeconfigInvalid");
    }

    @Test
    void certificate_authority_file_is_rejected() {
        KubeconfigException e = rejected(kubeconfig(
                "server: https://east.example:6443\ncertificate-authority: /etc/ssl/ca.crt", "token: abc"));

        assertThat(e.reason()).isEqualTo("KubeconfigInvalid");
        assertThat(e.getMessage()).contains("certificate-authority");
    }

    @Test
    void missing_contexts_are_rejected() {
        KubeconfigException e = rejected("apiVersion: v1\nkind: Config\nclusters: []\nusers: []\n");

        assertThat(e.reason()).isEqualTo("KubeconfigInvalid");
        assertThat(e.getMessage()).contains("no contexts");
    }

    @Test
    void unknown_current_context_is_rejected() {
        KubeconfigException e = rejected(kubeconfig(cluster(), "token: abc").replace("current-context: east",
                "current-context: west"));

        assertThat(e.reason()).isEqualTo("KubeconfigInvalid");
        assertThat(e.getMessage()).contains("west");
    }

    @Test
    void context_without_a_known_cluster_is_rejected() {
        KubeconfigException e = rejected(kubeconfig(cluster(), "token: abc").replace("- name: east-cluster",
                "- name: renamed"));

        assertThat(e.reason()).isEqualTo("KubeconfigInvalid");
        assertThat(e.getMessage()).contains("context east").contains("cluster");
    }

    @Test
    void cluster_without_server_is_rejected() {
        KubeconfigException e = rejected(kubeconfig("certificate-authority-data: " + CA, "token: abc"));

        assertThat(e.reason()).isEqualTo("KubeconfigInvalid");
        assertThat(e.getMessage()).contains("server");
    }

    @Test
    void context_without_a_known_user_is_rejected() {
        KubeconfigException e = rejected(kubeconfig(cluster(), "token: abc").replace("- name: east-user",
                "- name: someone-else"));

        assertThat(e.reason()).isEqualTo("KubeconfigInvalid");
        assertThat(e.getMessage()).contains("names no user");
    }

    @Test
    void user_without_credentials_is_rejected() {
        KubeconfigException e = rejected(kubeconfig(cluster(), "{}"));

        assertThat(e.reason()).isEqualTo("KubeconfigInvalid");
        assertThat(e.getMessage()).contains("no credentials");

        assertThat(rejected(kubeconfig(cluster(), "token: \"  \"")).getMessage()).contains("no credentials");
    }

    @Test
    void invalid_yaml_is_rejected() {
        KubeconfigException e = rejected("apiVersion: v1\nclusters: [unclosed\n  - : :\n");

        assertThat(e.reason()).isEqualTo("KubeconfigInvalid");
        assertThat(e.getMessage()).isEqualTo("the kubeconfig is not a valid kubeconfig YAML document (at line 3, column 5)");
    }

    @Test
    void empty_text_is_rejected() {
        assertThat(rejected("").reason()).isEqualTo("KubeconfigInvalid");
    }

    /** Whatever is wrong with a kubeconfig, the message (which goes to status and logs) never quotes its secrets. */
    @Test
    void messages_never_quote_the_kubeconfig() {
        String secret = "s3cr3t-T0KEN-value";
        java.util.List<String> broken = java.util.List.of(
                kubeconfig(cluster(), "token: " + secret + "\n  nested: [unclosed"),
                kubeconfig(cluster(), "token: [" + secret + "]"),
                kubeconfig(cluster(), "token: {x: " + secret + "}"),
                "apiVersion: v1\nusers: " + secret + "\n",
                "apiVersion: v1\nusers:\n- name: u\n  user: " + secret + "\ncontexts: [{name: c, context: {user: u}}]\n",
                "apiVersion: v1\nclusters: " + secret + "\n",
                "apiVersion: v1\ncurrent-context: [" + secret + "]\n",
                "token: " + secret + "\n\t- tab: " + secret + "\n",
                "apiVersion: v1\nkind: Config\n\"" + secret + "\n",
                kubeconfig(cluster(), "client-key-data: [" + secret + "]\nclient-certificate-data: " + secret));
        for (String text : broken) {
            KubeconfigException e = rejected(text);
            assertThat(e.getMessage()).as(text).doesNotContain(secret).doesNotContain("T0KEN")
                    .startsWith("the kubeconfig is not a valid kubeconfig YAML document");
        }
        assertThat(rejected(broken.get(4)).getMessage()).endsWith("(at users[0].user)");
        assertThat(rejected(broken.get(0)).getMessage()).endsWith("(at line 23, column 13)");
    }

    @Test
    void redact_removes_every_credential_of_the_kubeconfig() throws Exception {
        Config config = KubeconfigPolicy.check(kubeconfig(cluster(),
                "token: tok-123456\nusername: admin\npassword: pw-98765\nclient-key-data: S0VZREFUQQ=="));
        assertThat(KubeconfigPolicy.redact("bad tok-123456 and pw-98765, key S0VZREFUQQ== at https://east.example",
                config)).isEqualTo("bad <redacted> and <redacted>, key <redacted> at https://east.example");
    }
}
