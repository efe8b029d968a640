package io.kstretch.members;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.Store;

/**
 * What this operator wrote to a member and its informers have not shown yet (a created or updated object, or a
 * deletion). A read prefers the written state until the informer reports the same or a newer resourceVersion, so
 * a reconcile right after a write neither writes again nor trips over a stale cache. Entries expire after a minute
 * in case an event is never delivered.
 */
final class WriteOverlay {
    private static final Duration TTL = Duration.ofMinutes(1);

    /** {@code deletedUid}: for a deletion, the uid of the object deleted (null when unknown). */
    private record Entry(HasMetadata object, long resourceVersion, Instant at, String deletedUid) {
        boolean deleted() {
            return object == null;
        }
    }

    private record Key(ResourceKind kind, String name) {
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    void written(ResourceKind kind, HasMetadata object) {
        entries.put(new Key(kind, object.getMetadata().getName()),
                new Entry(object, version(object), Instant.now(), null));
    }

    void deleted(ResourceKind kind, String name, String uid) {
        entries.put(new Key(kind, name), new Entry(null, Long.MAX_VALUE, Instant.now(), uid));
    }

    void forget(ResourceKind kind, String name) {
        entries.remove(new Key(kind, name));
    }

    /** The informer saw {@code object}: drop what we wrote if the informer has caught up with it. */
    void observed(ResourceKind kind, HasMetadata object, boolean deleted) {
        Key key = new Key(kind, object.getMetadata().getName());
        entries.computeIfPresent(key, (k, entry) -> {
            if (deleted) {
                return null;
            }
            if (entry.deleted()) {
                // an update event of the object we deleted (its delete event will follow), or a new object of the
                // same name (a pod its StatefulSet made again), whose delete event may have come before we noted it
                return entry.deletedUid() != null && !entry.deletedUid().equals(object.getMetadata().getUid())
                        ? null : entry;
            }
            return version(object) >= entry.resourceVersion ? null : entry;
        });
    }

    /** The current state: what we wrote, unless the informer's {@code observed} is as new or newer. */
    HasMetadata read(ResourceKind kind, String name, HasMetadata observed) {
        Key key = new Key(kind, name);
        Entry entry = entries.get(key);
        if (entry == null) {
            return observed;
        }
        if (entry.at.plus(TTL).isBefore(Instant.now())) {
            entries.remove(key, entry);
            return observed;
        }
        if (entry.deleted()) {
            return null;
        }
        return observed != null && version(observed) >= entry.resourceVersion ? observed : entry.object;
    }

    /** Objects we created that the informer does not list yet. */
    List<HasMetadata> unobserved(ResourceKind kind, Store<? extends HasMetadata> store) {
        List<HasMetadata> result = new ArrayList<>();
        entries.forEach((key, entry) -> {
            if (key.kind.equals(kind) && !entry.deleted() && entry.at.plus(TTL).isAfter(Instant.now())
                    && store.getByKey(entry.object.getMetadata().getNamespace() + "/" + key.name) == null) {
                result.add(entry.object);
            }
        });
        return result;
    }

    /** resourceVersion as a number; Kubernetes' are etcd revisions. Unparsable ones count as oldest. */
    private static long version(HasMetadata object) {
        try {
            return Long.parseLong(object.getMetadata().getResourceVersion());
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
