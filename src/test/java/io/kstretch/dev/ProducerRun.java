package io.kstretch.dev;

import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One producer measurement of {@link LatencyBench}, run as its own JVM inside a member's network namespace (a
 * client in that member): 1 KB records with acks=all,
 * <ol>
 * <li>as fast as the producer goes for THROUGHPUT seconds: records/s and MB/s acknowledged after the first 2 s, and
 * the p99 latency of those records (send() to acknowledgement; at saturation that is mostly waiting in the
 * producer's buffer);</li>
 * <li>then at a fixed RATE records/s for PROBE seconds: p50 and p99 latency, i.e. what one write costs when the
 * cluster is not saturated.</li>
 * </ol>
 * Prints one line {@code RESULT key=value ...}.
 *
 * <pre>
 *   ProducerRun BOOTSTRAP TOPIC THROUGHPUT_SECONDS PROBE_SECONDS RATE [producer.key=value ...]
 * </pre>
 */
public final class ProducerRun {
    private static final int RECORD = 1024;
    /** Latency histogram: 0.1 ms buckets up to 120 s. */
    private static final int BUCKETS = 1_200_000;

    private ProducerRun() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        long throughputNanos = (long) (Double.parseDouble(args[2]) * 1e9);
        long probeNanos = (long) (Double.parseDouble(args[3]) * 1e9);
        int rate = Integer.parseInt(args[4]);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        for (int i = 5; i < args.length; i++) {
            props.put(args[i].substring(0, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
        }
        byte[] value = new byte[RECORD];
        new Random(42).nextBytes(value);
        StringBuilder out = new StringBuilder("RESULT");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.partitionsFor(topic); // metadata first
            // 1. saturated
            AtomicLongArray histogram = new AtomicLongArray(BUCKETS);
            AtomicLong acked = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            long start = System.nanoTime();
            long from = start + 2_000_000_000L;
            long until = start + throughputNanos;
            while (System.nanoTime() < until) {
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, value), (md, e) -> {
                    long now = System.nanoTime();
                    if (e != null) {
                        errors.incrementAndGet();
                    } else if (now >= from && now < until) {
                        acked.incrementAndGet();
                        histogram.incrementAndGet(bucket(now - sent));
                    }
                });
            }
            producer.flush();
            double seconds = (until - from) / 1e9;
            out.append(String.format(" records_per_s=%.1f mb_per_s=%.3f saturated_p99_ms=%.1f errors=%d",
                    acked.get() / seconds, acked.get() * RECORD / seconds / 1e6, percentile(histogram, 0.99),
                    errors.get()));

            // 2. fixed rate
            AtomicLongArray probe = new AtomicLongArray(BUCKETS);
            AtomicLong probeErrors = new AtomicLong();
            long probeStart = System.nanoTime();
            long probeFrom = probeStart + 1_000_000_000L;
            long interval = 1_000_000_000L / rate;
            long n = 0;
            while (true) {
                long due = probeStart + n * interval;
                if (due >= probeStart + probeNanos) {
                    break;
                }
                long now;
                while ((now = System.nanoTime()) < due) {
                    if (due - now > 200_000) {
                        Thread.sleep(0, 100_000);
                    }
                }
                long sent = System.nanoTime();
                boolean counted = sent >= probeFrom;
                producer.send(new ProducerRecord<>(topic, value), (md, e) -> {
                    if (e != null) {
                        probeErrors.incrementAndGet();
                    } else if (counted) {
                        probe.incrementAndGet(bucket(System.nanoTime() - sent));
                    }
                });
                n++;
            }
            producer.flush();
            out.append(String.format(" probe_rate=%d probe_p50_ms=%.1f probe_p99_ms=%.1f probe_errors=%d", rate,
                    percentile(probe, 0.50), percentile(probe, 0.99), probeErrors.get()));
        }
        System.out.println(out);
    }

    private static int bucket(long nanos) {
        return (int) Math.min(BUCKETS - 1, nanos / 100_000);
    }

    private static double percentile(AtomicLongArray histogram, double p) {
        long total = 0;
        for (int i = 0; i < histogram.length(); i++) {
            total += histogram.get(i);
        }
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(p * total);
        long seen = 0;
        for (int i = 0; i < histogram.length(); i++) {
            seen += histogram.get(i);
            if (seen >= rank) {
                return (i + 1) / 10.0;
            }
        }
        return Double.NaN;
    }
}
