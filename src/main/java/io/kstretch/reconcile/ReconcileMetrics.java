package io.kstretch.reconcile;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/** Reconciliations per Kafka: count and duration by result (success, failure), and writes to members. */
@ApplicationScoped
public class ReconcileMetrics {
    static final String RECONCILE = "kstretch.kafka.reconcile";
    static final String WRITES = "kstretch.kafka.writes";

    @Inject
    MeterRegistry registry;

    public void reconciled(String namespace, String kafka, Duration duration, boolean success, int writes) {
        Timer.builder(RECONCILE).tags(Tags.of("namespace", namespace, "kafka", kafka, "result",
                success ? "success" : "failure")).description("Reconciliations of a Kafka").register(registry)
                .record(duration);
        registry.counter(WRITES, "namespace", namespace, "kafka", kafka).increment(writes);
    }

    public void forget(String namespace, String kafka) {
        for (Meter meter : registry.getMeters()) {
            if (meter.getId().getName().startsWith("kstretch.kafka.")
                    && kafka.equals(meter.getId().getTag("kafka"))
                    && namespace.equals(meter.getId().getTag("namespace"))) {
                registry.remove(meter);
            }
        }
    }
}
