package io.kstretch.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * A counting wrapper around a mock API server's dispatcher: while {@link #record recording}, every request that
 * {@code counted} accepts (e.g. the operator's, told apart by its bearer token) is logged with the time it arrived,
 * its Kubernetes verb, its path and, for a create, the body's object name and {@code kstretch.io/cluster} label. The
 * requests are counted where they arrive, not inside the operator. Off by default (then it only passes through).
 */
public final class RequestLog extends Dispatcher {
    /** One request as the API server saw it. {@code kafka} is the Kafka a created object belongs to, if known. */
    public record Entry(long nanos, String verb, String path, String kafka, int code) {
        /** True for create, update, patch and delete. */
        public boolean isWrite() {
            return switch (verb) {
                case "create", "update", "patch", "delete" -> true;
                default -> false;
            };
        }
    }

    private final Dispatcher delegate;
    private final Predicate<RecordedRequest> counted;
    private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();
    private volatile boolean recording;

    public RequestLog(Dispatcher delegate, Predicate<RecordedRequest> counted) {
        this.delegate = delegate;
        this.counted = counted;
    }

    /** A predicate for requests carrying {@code Authorization: Bearer <token>}. */
    public static Predicate<RecordedRequest> bearer(String token) {
        String expected = "Bearer " + token;
        return r -> expected.equals(r.getHeader("Authorization"));
    }

    /** Starts or stops recording. */
    public void record(boolean on) {
        recording = on;
    }

    /** Every entry recorded since the last call. */
    public List<Entry> drain() {
        List<Entry> out = new ArrayList<>();
        Entry e;
        while ((e = entries.poll()) != null) {
            out.add(e);
        }
        return out;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (!recording || !counted.test(request)) {
            return delegate.dispatch(request);
        }
        long now = System.nanoTime();
        String verb = verb(request.getMethod(), request.getPath());
        String kafka = null;
        if ("create".equals(verb) && request.getBody() != null) {
            kafka = kafkaOf(new String(request.getBody().getBytes(), StandardCharsets.UTF_8));
        }
        MockResponse response = delegate.dispatch(request);
        entries.add(new Entry(now, verb, request.getPath(), kafka, response == null ? 0 : response.code()));
        return response;
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    /**
     * The Kubernetes verb of an HTTP request: get, list, watch (a GET with {@code watch=true}), create, update,
     * patch, delete. A GET is a list when its path names a collection.
     */
    public static String verb(String method, String pathAndQuery) {
        String path = pathAndQuery;
        String query = "";
        int q = path.indexOf('?');
        if (q >= 0) {
            query = path.substring(q + 1);
            path = path.substring(0, q);
        }
        switch (method.toUpperCase(Locale.ROOT)) {
            case "POST":
                return "create";
            case "PUT":
                return "update";
            case "PATCH":
                return "patch";
            case "DELETE":
                return "delete";
            default:
                break;
        }
        if (query.contains("watch=true") || query.contains("watch=1")) {
            return "watch";
        }
        String[] s = path.replaceAll("^/+|/+$", "").split("/");
        // /api/v1/... or /apis/<group>/<version>/...; anything else (/version, /apis) is a get
        int rest;
        if (s.length >= 2 && s[0].equals("api")) {
            rest = 2;
        } else if (s.length >= 3 && s[0].equals("apis")) {
            rest = 3;
        } else {
            return "get";
        }
        int left = s.length - rest; // [namespaces, ns,] kind [, name [, subresource]]
        if (left >= 2 && s[rest].equals("namespaces") && left != 2) {
            left -= 2;
        }
        return left <= 1 ? "list" : "get";
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** The Kafka an object belongs to: its {@code kstretch.io/cluster} label, else the name an anchor has. */
    private static String kafkaOf(String body) {
        try {
            var metadata = JSON.readTree(body).path("metadata");
            String label = metadata.path("labels").path("kstretch.io/cluster").asText(null);
            if (label != null) {
                return label;
            }
            String name = metadata.path("name").asText("");
            return name.endsWith("-kstretch-anchor") ? name.substring(0, name.length() - "-kstretch-anchor".length())
                    : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}
