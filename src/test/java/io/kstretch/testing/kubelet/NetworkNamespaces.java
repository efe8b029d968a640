package io.kstretch.testing.kubelet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opt-in test pod network in Linux network namespaces (needs root; for benchmarks, not the e2e suite): one
 * namespace per member ({@code <prefix><member>}), joined to a bridge in the root namespace ({@code <prefix>br})
 * by a veth pair ({@code <prefix>v<block>} ↔ {@code eth0}). A member with block {@code b} has node address
 * {@code <subnet>.b.1/16} and its pods {@code <subnet>.b.10}, {@code .11}, ... (added as {@code /32}s on its eth0);
 * the root namespace is {@code <subnet>.255.254}. Traffic within a member stays on its loopback interface; traffic
 * between members (and from the root namespace) crosses the bridge, where an added round-trip time
 * ({@link #delay}) is applied on each member's ingress by the NFQUEUE daemon {@code bench/delayq} (the kernel has no
 * netem). Everything with the prefix is removed on {@link #close()} and by {@link #removeAll} (idempotent: run it
 * before creating, after a crashed run).
 */
public final class NetworkNamespaces implements AutoCloseable {
    /** The prefix of every namespace and link the benchmarks make ({@code ksd-}: kstretch data plane). */
    public static final String PREFIX = "ksd-";
    /** The benchmarks' /16 (distinct from the loopback blocks of the e2e suite and from this host's networks). */
    public static final String SUBNET = "10.231";
    private static final Pattern RTT = Pattern.compile("= ([0-9.]+)/([0-9.]+)/([0-9.]+)/");

    private final String prefix;
    private final String subnet;
    private final Map<String, Integer> blocks = new LinkedHashMap<>();
    private final Map<String, Process> delays = new LinkedHashMap<>();
    private Path delayq;

    /** Namespaces with {@link #PREFIX} in {@link #SUBNET}; nothing is made before {@link #create}. */
    public NetworkNamespaces() {
        this(PREFIX, SUBNET);
    }

    NetworkNamespaces(String prefix, String subnet) {
        this.prefix = prefix;
        this.subnet = subnet;
    }

    /** The namespace of {@code member}. */
    public String namespace(String member) {
        return prefix + member;
    }

    /** The bridge in the root namespace. */
    public String bridge() {
        return prefix + "br";
    }

    /** The root-namespace end of the member's veth pair. */
    public String link(String member) {
        return prefix + "v" + block(member);
    }

    /** The member's node address (on its eth0). */
    public String nodeAddress(String member) {
        return subnet + "." + block(member) + ".1";
    }

    /** Address {@code host} (10-254) of the member's block. */
    public String address(String member, int host) {
        return subnet + "." + block(member) + "." + host;
    }

    /** The commands that make the bridge (once) and the member's namespace, veth pair and node address. */
    List<List<String>> createCommands(String member, int block) {
        blocks.put(member, block);
        String ns = namespace(member);
        List<List<String>> c = new ArrayList<>();
        if (blocks.size() == 1) {
            c.add(List.of("ip", "link", "add", bridge(), "type", "bridge"));
            c.add(List.of("ip", "addr", "add", subnet + ".255.254/16", "dev", bridge()));
            c.add(List.of("ip", "link", "set", bridge(), "up"));
        }
        c.add(List.of("ip", "netns", "add", ns));
        c.add(List.of("ip", "link", "add", link(member), "type", "veth", "peer", "name", "eth0", "netns", ns));
        c.add(List.of("ip", "link", "set", link(member), "master", bridge(), "up"));
        c.add(List.of("ip", "-n", ns, "addr", "add", nodeAddress(member) + "/16", "dev", "eth0"));
        c.add(List.of("ip", "-n", ns, "link", "set", "eth0", "up"));
        c.add(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
        return c;
    }

    /** Makes the member's namespace (and the bridge, for the first member). */
    public synchronized void create(String member, int block) {
        if (block < 1 || block > 254) {
            throw new IllegalArgumentException("block " + block + " outside 1-254");
        }
        createCommands(member, block).forEach(NetworkNamespaces::run);
    }

    /** Adds a pod address to the member's eth0. */
    public void addAddress(String member, String address) {
        run(List.of("ip", "-n", namespace(member), "addr", "add", address + "/32", "dev", "eth0"));
    }

    /** {@code command} run inside the member's namespace. */
    public List<String> exec(String member, List<String> command) {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", namespace(member)));
        c.addAll(command);
        return c;
    }

    /**
     * Sets the added round-trip time between members to {@code rtt} (0 removes it): each member holds every packet
     * arriving on its eth0 for rtt/2, so a round trip between two members, which enters two namespaces, takes rtt
     * more; one between the root namespace and a member takes rtt/2 more.
     */
    public synchronized void delay(Duration rtt) {
        if (delayq == null) {
            delayq = buildDelayq();
        }
        delays.values().forEach(NetworkNamespaces::stop);
        delays.clear();
        for (String member : blocks.keySet()) {
            String ns = namespace(member);
            // flush first: idempotent whatever ran before
            run(List.of("ip", "netns", "exec", ns, "iptables", "-F", "INPUT"));
            if (rtt.isZero()) {
                continue;
            }
            long us = rtt.toNanos() / 2000;
            try {
                Process p = new ProcessBuilder(exec(member, List.of(delayq.toString(), "0", String.valueOf(us))))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                delays.put(member, p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            run(List.of("ip", "netns", "exec", ns, "iptables", "-A", "INPUT", "-i", "eth0", "-j", "NFQUEUE",
                    "--queue-num", "0", "--queue-bypass"));
        }
    }

    /** The round-trip time from {@code member}'s namespace to {@code address}, in ms (median of {@code ping -U}). */
    public double rttMillis(String member, String address, int count) {
        String out = output(exec(member, List.of("ping", "-U", "-q", "-n", "-c", String.valueOf(count), "-i",
                "0.2", address)));
        return parseAverageRtt(out);
    }

    /** The average of ping's summary line ({@code rtt min/avg/max/mdev = a/b/c/d ms}). */
    static double parseAverageRtt(String pingOutput) {
        Matcher m = RTT.matcher(pingOutput);
        if (!m.find()) {
            throw new IllegalStateException("no RTT in ping output: " + pingOutput);
        }
        return Double.parseDouble(m.group(2));
    }

    /** Cuts the member off: its veth link goes down (processes keep running, nothing reaches them). */
    public void cut(String member) {
        run(List.of("ip", "link", "set", link(member), "down"));
    }

    /** Undoes {@link #cut}. */
    public void heal(String member) {
        run(List.of("ip", "link", "set", link(member), "up"));
    }

    /** Stops the delay daemons and removes every namespace and link with this prefix. */
    @Override
    public synchronized void close() {
        delays.values().forEach(NetworkNamespaces::stop);
        delays.clear();
        removeAll(prefix);
        blocks.clear();
    }

    /**
     * Removes every namespace and link named {@code prefix}*, with whatever runs in those namespaces' delay
     * daemons (their iptables rules go with the namespaces). Nothing to remove is not an error.
     */
    public static void removeAll(String prefix) {
        for (String line : output(List.of("ip", "netns", "list")).split("\n")) {
            String ns = line.split(" ")[0].trim();
            if (ns.startsWith(prefix)) {
                // processes left in it (a crashed run's delay daemons) would keep it alive
                for (String pid : output(List.of("ip", "netns", "pids", ns)).split("\\s+")) {
                    if (!pid.isBlank()) {
                        ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
                runQuietly(List.of("ip", "netns", "del", ns));
            }
        }
        for (String line : output(List.of("ip", "-o", "link", "show")).split("\n")) {
            String[] parts = line.split(":\\s+");
            if (parts.length > 1) {
                String name = parts[1].split("@")[0].trim();
                if (name.startsWith(prefix)) {
                    runQuietly(List.of("ip", "link", "del", name));
                }
            }
        }
    }

    private int block(String member) {
        Integer block = blocks.get(member);
        if (block == null) {
            throw new IllegalStateException("member " + member + " has no namespace");
        }
        return block;
    }

    /** Builds {@code bench/delayq} with its script (which installs what it needs when missing). */
    private static Path buildDelayq() {
        String out = output(List.of("sh", "bench/delayq/build.sh", Path.of("target", "delayq").toAbsolutePath()
                .toString())).trim();
        if (out.startsWith("!exit")) {
            throw new IllegalStateException("bench/delayq/build.sh failed: " + out);
        }
        return Path.of(out.substring(out.lastIndexOf('\n') + 1).trim());
    }

    private static void stop(Process p) {
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run(List<String> command) {
        String out = output(command);
        if (out.startsWith("!exit")) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static void runQuietly(List<String> command) {
        output(command);
    }

    /** The command's output; starts with "!exit N" when it failed. */
    private static String output(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] bytes = p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return "!exit timeout " + new String(bytes, StandardCharsets.UTF_8);
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            return p.exitValue() == 0 ? text : "!exit " + p.exitValue() + " " + text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
