package io.kstretch.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

class ApiVerbTest {

    private static String verb(String method, String uri) {
        return ApiVerb.of(method, URI.create("https://member.example:6443" + uri));
    }

    @Test
    void writes_map_to_their_verbs() {
        assertThat(verb("POST", "/api/v1/namespaces/kafka/configmaps")).isEqualTo("create");
        assertThat(verb("PUT", "/api/v1/namespaces/kafka/configmaps/c")).isEqualTo("update");
        assertThat(verb("PATCH", "/apis/apps/v1/namespaces/kafka/statefulsets/s")).isEqualTo("patch");
        assertThat(verb("DELETE", "/apis/apps/v1/namespaces/kafka/statefulsets/s")).isEqualTo("delete");
        assertThat(verb("PUT", "/api/v1/namespaces/kafka/services/s/status")).isEqualTo("update");
    }

    @Test
    void core_namespaced_reads() {
        assertThat(verb("GET", "/api/v1/namespaces/kafka/pods")).isEqualTo("list");
        assertThat(verb("GET", "/api/v1/namespaces/kafka/pods?labelSelector=a%3Db")).isEqualTo("list");
        assertThat(verb("GET", "/api/v1/namespaces/kafka/pods/p")).isEqualTo("get");
        assertThat(verb("GET", "/api/v1/namespaces/kafka/pods/p/log")).isEqualTo("get");
        assertThat(verb("GET", "/api/v1/namespaces/kafka/pods?watch=true&resourceVersion=5")).isEqualTo("watch");
        assertThat(verb("GET", "/api/v1/namespaces/kafka/pods?allowWatchBookmarks=true&watch=true"))
                .isEqualTo("watch");
    }

    @Test
    void group_namespaced_reads() {
        assertThat(verb("GET", "/apis/apps/v1/namespaces/kafka/statefulsets")).isEqualTo("list");
        assertThat(verb("GET", "/apis/apps/v1/namespaces/kafka/statefulsets/s")).isEqualTo("get");
        assertThat(verb("GET", "/apis/apps/v1/namespaces/kafka/statefulsets/s/status")).isEqualTo("get");
        assertThat(verb("GET", "/apis/multicluster.x-k8s.io/v1alpha1/namespaces/kafka/serviceexports?watch=true"))
                .isEqualTo("watch");
    }

    @Test
    void cluster_scoped_reads() {
        assertThat(verb("GET", "/api/v1/nodes")).isEqualTo("list");
        assertThat(verb("GET", "/api/v1/nodes/node-1")).isEqualTo("get");
        assertThat(verb("GET", "/api/v1/nodes?watch=true")).isEqualTo("watch");
        assertThat(verb("GET", "/api/v1/namespaces")).isEqualTo("list");
        assertThat(verb("GET", "/api/v1/namespaces/kafka")).isEqualTo("get");
        assertThat(verb("GET", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions")).isEqualTo("list");
        assertThat(verb("GET", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/serviceexports."
                + "multicluster.x-k8s.io")).isEqualTo("get");
    }

    @Test
    void non_resource_paths_are_gets() {
        assertThat(verb("GET", "/version")).isEqualTo("get");
        assertThat(verb("GET", "/version/")).isEqualTo("get");
        assertThat(verb("GET", "/healthz")).isEqualTo("get");
    }

    @Test
    void other_methods_are_lower_cased() {
        assertThat(verb("HEAD", "/version")).isEqualTo("head");
    }
}
