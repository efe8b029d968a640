package io.kstretch.members;

import java.util.Objects;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.Context;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.kstretch.render.KubernetesJson;

/**
 * What kstretch accepts in a member kubeconfig. The kubeconfig comes from a Secret anyone with write access to the
 * namespace may edit, so it must not make the operator run commands, read its own files (its service account
 * token) or skip TLS verification: only inline credentials (token, client certificate, basic auth) and inline CA
 * data are accepted, and the TLS certificate of an {@code https} server is always verified.
 */
public final class KubeconfigPolicy {
    private KubeconfigPolicy() {
    }

    /** Parses and checks {@code text}; returns the parsed kubeconfig. */
    public static Config check(String text) throws KubeconfigException {
        Config config;
        try {
            config = KubernetesJson.SERIALIZATION.unmarshal(text, Config.class);
        } catch (RuntimeException e) {
            throw new KubeconfigException("KubeconfigInvalid", parseProblem(e));
        }
        if (config == null || config.getContexts() == null || config.getContexts().isEmpty()) {
            throw new KubeconfigException("KubeconfigInvalid", "the kubeconfig has no contexts");
        }
        String current = config.getCurrentContext();
        NamedContext named = config.getContexts().stream()
                .filter(c -> current == null || current.isEmpty() || Objects.equals(c.getName(), current))
                .findFirst()
                .orElseThrow(() -> new KubeconfigException("KubeconfigInvalid",
                        "current-context " + current + " is not one of the kubeconfig's contexts"));
        Context context = named.getContext();
        if (context == null) {
            throw new KubeconfigException("KubeconfigInvalid", "context " + named.getName() + " is empty");
        }
        Cluster cluster = config.getClusters() == null ? null : config.getClusters().stream()
                .filter(c -> Objects.equals(c.getName(), context.getCluster())).map(NamedCluster::getCluster)
                .findFirst().orElse(null);
        if (cluster == null || cluster.getServer() == null || cluster.getServer().isBlank()) {
            throw new KubeconfigException("KubeconfigInvalid",
                    "context " + named.getName() + " names no cluster with a server URL");
        }
        if (Boolean.TRUE.equals(cluster.getInsecureSkipTlsVerify())) {
            throw new KubeconfigException("KubeconfigInsecure", "the kubeconfig sets insecure-skip-tls-verify;"
                    + " kstretch always verifies the member's TLS certificate: put its CA in certificate-authority-data");
        }
        if (cluster.getCertificateAuthority() != null) {
            throw new KubeconfigException("KubeconfigInvalid", "certificate-authority names a file, which the"
                    + " operator cannot read: use certificate-authority-data (base64 PEM) instead");
        }
        AuthInfo user = config.getUsers() == null ? null : config.getUsers().stream()
                .filter(u -> Objects.equals(u.getName(), context.getUser())).map(NamedAuthInfo::getUser)
                .findFirst().orElse(null);
        if (user == null) {
            throw new KubeconfigException("KubeconfigInvalid", "context " + named.getName() + " names no user");
        }
        if (user.getExec() != null) {
            throw new KubeconfigException("KubeconfigUnsupported", "the user runs an exec credential plugin ("
                    + user.getExec().getCommand() + "); kstretch never runs commands from a kubeconfig: use a"
                    + " service account token (see docs/members.md)");
        }
        if (user.getAuthProvider() != null) {
            throw new KubeconfigException("KubeconfigUnsupported", "auth-provider plugins are not supported: use a"
                    + " service account token (see docs/members.md)");
        }
        if (user.getTokenFile() != null || user.getClientCertificate() != null || user.getClientKey() != null) {
            throw new KubeconfigException("KubeconfigInvalid", "the user refers to files (tokenFile,"
                    + " client-certificate or client-key), which the operator must not read: inline them as token,"
                    + " client-certificate-data and client-key-data");
        }
        boolean credentials = notBlank(user.getToken()) || notBlank(user.getClientCertificateData())
                || notBlank(user.getUsername());
        if (!credentials) {
            throw new KubeconfigException("KubeconfigInvalid",
                    "the user has no credentials: give a token or client-certificate-data/client-key-data");
        }
        return config;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    /**
     * Where unparseable text goes wrong, by position only: YAML and mapping errors quote the input, and the input
     * holds credentials, while this message ends up in status and logs.
     */
    static String parseProblem(Throwable e) {
        String problem = "the kubeconfig is not a valid kubeconfig YAML document";
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException yaml
                    && yaml.getProblemMark().isPresent()) {
                var mark = yaml.getProblemMark().get();
                return problem + " (at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
            }
            if (t instanceof com.fasterxml.jackson.databind.JsonMappingException mapping
                    && !mapping.getPath().isEmpty()) {
                return problem + " (at " + path(mapping.getPath()) + ")";
            }
        }
        return problem;
    }

    /** A mapping error's path, e.g. {@code users[0].user}: names of the model's fields, never values. */
    private static String path(java.util.List<com.fasterxml.jackson.databind.JsonMappingException.Reference> refs) {
        StringBuilder path = new StringBuilder();
        for (var ref : refs) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".")
                        .append(ref.getFieldName().matches("[A-Za-z0-9_-]{1,64}") ? ref.getFieldName() : "?");
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * {@code message} without any credential of {@code config} in it (tokens, passwords, client keys and
     * certificates), for errors from libraries that may quote what they were given.
     */
    public static String redact(String message, Config config) {
        String redacted = String.valueOf(message);
        if (config.getUsers() == null) {
            return redacted;
        }
        for (NamedAuthInfo named : config.getUsers()) {
            AuthInfo user = named.getUser();
            if (user == null) {
                continue;
            }
            for (String secret : new String[] { user.getToken(), user.getPassword(), user.getClientKeyData(),
                    user.getClientCertificateData() }) {
                if (secret != null && secret.strip().length() >= 4) {
                    redacted = redacted.replace(secret.strip(), "<redacted>");
                }
            }
        }
        return redacted;
    }
}
