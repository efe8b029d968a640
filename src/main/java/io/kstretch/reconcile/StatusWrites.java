package io.kstretch.reconcile;

import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.kstretch.render.Hashing;

/**
 * Writes a primary resource's status: only when it changed, replacing the whole status ({@code PUT .../status})
 * with the resourceVersion the reconcile saw (a write based on a stale copy fails with a conflict and is retried),
 * through JOSDK so that the next reconcile sees the result. Not a patch: an RFC 6902 patch computed against a stale
 * copy can duplicate list items, and the test API server merges lists in JSON merge patches.
 */
final class StatusWrites {
    private StatusWrites() {
    }

    /** @return whether anything was written */
    static <P extends HasMetadata, S> boolean write(Context<P> context, P resource, S current, S next,
            Consumer<S> setter) {
        if (same(current, next)) {
            return false;
        }
        setter.accept(next);
        context.resourceOperations().updatePrimaryStatus(resource);
        return true;
    }

    /** Whether {@code e} comes from an optimistic-locking conflict (HTTP 409): retry, nothing to report. */
    static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.fabric8.kubernetes.client.KubernetesClientException k && k.getCode() == 409) {
                return true;
            }
        }
        return false;
    }

    static boolean same(Object a, Object b) {
        return Hashing.of(a == null ? java.util.Map.of() : a).equals(Hashing.of(b == null ? java.util.Map.of() : b));
    }
}
