package io.kstretch.members;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * Per-member metrics: reachability, probe latency, and API requests by verb (counted by an interceptor on the
 * member's client, so they cover informers and writes alike).
 */
@ApplicationScoped
public class MemberMetrics {
    static final String REACHABLE = "kstretch.member.reachable";
    static final String PROBE_LATENCY = "kstretch.member.probe.latency";
    static final String PROBES = "kstretch.member.probe";
    static final String API_REQUESTS = "kstretch.member.api.requests";

    @Inject
    MeterRegistry registry;

    public void register(MemberKey key, Supplier<MemberHealth> health) {
        Gauge.builder(REACHABLE, () -> health.get().reachable() ? 1 : 0).tags(tags(key))
                .description("1 when the member answered its last probe").register(registry);
        Gauge.builder(PROBE_LATENCY, () -> {
            Duration latency = health.get().latency();
            return latency == null ? Double.NaN : latency.toNanos() / 1e9;
        }).tags(tags(key)).baseUnit("seconds").description("Duration of the member's last probe").register(registry);
    }

    public void probed(MemberKey key, Duration duration, boolean success) {
        Timer.builder(PROBES).tags(tags(key).and("result", success ? "success" : "failure"))
                .description("Member probes (GET /version and an authorized read)").register(registry)
                .record(duration);
    }

    public void request(MemberKey key, String verb) {
        registry.counter(API_REQUESTS, tags(key).and("verb", verb)).increment();
    }

    public void remove(MemberKey key) {
        for (Meter meter : registry.getMeters()) {
            String name = meter.getId().getName();
            if (name.startsWith("kstretch.member.") && key.name().equals(meter.getId().getTag("member"))
                    && key.namespace().equals(meter.getId().getTag("namespace"))) {
                registry.remove(meter);
            }
        }
    }

    private static Tags tags(MemberKey key) {
        return Tags.of("namespace", key.namespace(), "member", key.name());
    }
}
