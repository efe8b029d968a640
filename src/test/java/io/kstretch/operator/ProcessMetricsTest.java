package io.kstretch.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class ProcessMetricsTest {

    @Test
    void readsThisProcessFromProc() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new ProcessMetrics().bindTo(registry);
        assertThat(registry.get("process.cpu").functionCounter().count()).isPositive();
        assertThat(registry.get("process.resident.memory").gauge().value()).isGreaterThan(16 * 1024 * 1024);
        assertThat(registry.get("process.virtual.memory").gauge().value())
                .isGreaterThan(registry.get("process.resident.memory").gauge().value());
        assertThat(registry.get("process.open.fds").gauge().value()).isGreaterThan(3);
        assertThat(registry.get("process.max.fds").gauge().value())
                .isGreaterThan(registry.get("process.open.fds").gauge().value());
        double start = registry.get("process.start.time").gauge().value();
        double jvmStart = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli() / 1000.0;
        assertThat(start).isCloseTo(jvmStart, org.assertj.core.data.Offset.offset(2.0));
    }
}
