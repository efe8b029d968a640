package io.kstretch.members;

import java.net.URI;

/** The Kubernetes verb of an HTTP request to an API server (get, list, watch, create, update, patch, delete). */
public final class ApiVerb {
    private ApiVerb() {
    }

    public static String of(String method, URI uri) {
        return switch (method) {
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            case "GET" -> get(uri);
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String get(URI uri) {
        String query = uri.getRawQuery();
        if (query != null && query.contains("watch=true")) {
            return "watch";
        }
        // /api/v1/namespaces/ns/kind[/name[/sub]] or /apis/g/v/namespaces/ns/kind[/name[/sub]]
        String[] parts = uri.getPath().replaceAll("^/+|/+$", "").split("/");
        if (!parts[0].equals("api") && !parts[0].equals("apis")) {
            return "get"; // /version, /healthz, ...
        }
        int base = parts.length > 0 && parts[0].equals("api") ? 2 : 3;
        int afterBase = parts.length - base;
        // .../namespaces/ns alone is a get of the Namespace itself, not a namespaced list
        if (afterBase >= 3 && parts[base].equals("namespaces")) {
            return parts.length - base - 2 <= 1 ? "list" : "get";
        }
        return afterBase <= 1 ? "list" : "get";
    }
}
