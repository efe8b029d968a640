package io.kstretch.operator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The standard Prometheus process metrics, read from Linux's {@code /proc/self}, so that they mean the same whether
 * the operator runs on a JVM or as a native executable: {@code process_cpu_seconds_total},
 * {@code process_resident_memory_bytes}, {@code process_virtual_memory_bytes}, {@code process_open_fds},
 * {@code process_max_fds} and {@code process_start_time_seconds} (the names a Go controller-runtime operator
 * exposes, too).
 *
 * <p>
 * Micrometer's JVM and system binders are switched off ({@code quarkus.micrometer.binder.jvm/system=false}): read
 * through the platform MXBeans, several of their meters are silently different in a native executable (the process
 * CPU load reads 0, there are no GC notifications and no class loading). A meter whose file cannot be read (not
 * Linux) reports NaN.
 */
@Singleton
public class ProcessMetrics implements MeterBinder {
    /** Linux reports CPU times in clock ticks of USER_HZ, which is 100 on every architecture it exposes to user space. */
    private static final double USER_HZ = 100;
    private static final Path PROC = Path.of("/proc");

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("process.cpu", this, p -> p.cpuSeconds()).baseUnit("seconds")
                .description("Total user and system CPU time spent in seconds").register(registry);
        Gauge.builder("process.resident.memory", this, p -> p.statusKib("VmRSS:") * 1024).baseUnit("bytes")
                .description("Resident memory size in bytes").register(registry);
        Gauge.builder("process.virtual.memory", this, p -> p.statusKib("VmSize:") * 1024).baseUnit("bytes")
                .description("Virtual memory size in bytes").register(registry);
        Gauge.builder("process.open.fds", this, ProcessMetrics::openFds)
                .description("Number of open file descriptors").register(registry);
        Gauge.builder("process.max.fds", this, ProcessMetrics::maxFds)
                .description("Maximum number of open file descriptors").register(registry);
        double start = startTimeSeconds();
        Gauge.builder("process.start.time", this, p -> start).baseUnit("seconds")
                .description("Start time of the process since the Unix epoch in seconds").register(registry);
    }

    /** utime + stime from /proc/self/stat, in seconds. */
    double cpuSeconds() {
        String[] fields = statFields();
        if (fields == null) {
            return Double.NaN;
        }
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / USER_HZ;
    }

    double statusKib(String key) {
        String status = read(PROC.resolve("self/status"));
        if (status != null) {
            for (String line : status.split("\n")) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).replace("kB", "").trim());
                }
            }
        }
        return Double.NaN;
    }

    double openFds() {
        int count = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC.resolve("self/fd"))) {
            for (Path ignored : fds) {
                count++;
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return count - 1; // the directory stream's own descriptor
    }

    double maxFds() {
        String limits = read(PROC.resolve("self/limits"));
        if (limits != null) {
            for (String line : limits.split("\n")) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return "unlimited".equals(soft) ? Double.POSITIVE_INFINITY : Double.parseDouble(soft);
                }
            }
        }
        return Double.NaN;
    }

    /** Boot time (/proc/stat btime) plus the process's start time in ticks after boot (/proc/self/stat). */
    double startTimeSeconds() {
        String[] fields = statFields();
        String stat = read(PROC.resolve("stat"));
        if (fields == null || stat == null) {
            return Double.NaN;
        }
        for (String line : stat.split("\n")) {
            if (line.startsWith("btime ")) {
                return Long.parseLong(line.substring(6).trim()) + Long.parseLong(fields[19]) / USER_HZ;
            }
        }
        return Double.NaN;
    }

    /** The fields of /proc/self/stat after the command name, so that index 0 is field 3 (state). */
    private static String[] statFields() {
        String stat = read(PROC.resolve("self/stat"));
        if (stat == null) {
            return null;
        }
        // the command name is in parentheses and may itself contain spaces or parentheses
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
