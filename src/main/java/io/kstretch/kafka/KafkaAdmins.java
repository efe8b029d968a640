package io.kstretch.kafka;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * The operator's Admin clients, one per Kafka, kept between reconciles and replaced when anything of its
 * {@link AdminTarget} changes (endpoints, trusted CAs, or the operator's own certificate when it is renewed); closed
 * when the Kafka is deleted and at shutdown.
 */
@ApplicationScoped
public class KafkaAdmins {
    private static final Logger LOG = Logger.getLogger(KafkaAdmins.class);

    private record Entry(AdminTarget target, KafkaAdmin admin) {
    }

    private final Map<ResourceID, Entry> admins = new ConcurrentHashMap<>();

    /** The Admin client for {@code kafka} at {@code target} (created on first use). */
    public KafkaAdmin get(ResourceID kafka, AdminTarget target) {
        Entry entry = admins.compute(kafka, (id, current) -> {
            if (current != null && current.target().equals(target)) {
                return current;
            }
            if (current != null) {
                current.admin().close();
            }
            LOG.debugf("Kafka %s: Admin client for %s", id, target);
            try {
                return new Entry(target, new ApacheKafkaAdmin(target));
            } catch (RuntimeException e) {
                throw new KafkaAdminException("cannot create an Admin client for " + target + ": " + e.getMessage(),
                        e);
            }
        });
        return entry.admin();
    }

    /** Closes the Kafka's Admin client, if any. */
    public void close(ResourceID kafka) {
        Entry entry = admins.remove(kafka);
        if (entry != null) {
            entry.admin().close();
        }
    }

    @PreDestroy
    void closeAll() {
        admins.keySet().forEach(this::close);
    }
}
