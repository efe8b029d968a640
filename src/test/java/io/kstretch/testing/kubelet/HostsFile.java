package io.kstretch.testing.kubelet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test stand-in for cluster DNS: one hosts file, handed to every JVM with {@code -Djdk.net.hosts.file}, that maps
 * the exact host names the operator rendered (MCS clusterset names, per-node Service names) to the addresses of the
 * pods behind them. It always maps localhost and this machine's name to 127.0.0.1, so a JVM that reads only this
 * file still finds itself.
 */
public final class HostsFile {
    private final Path file;
    private final Map<String, String> entries = new TreeMap<>();

    public HostsFile(Path file) {
        this.file = file.toAbsolutePath();
        entries.put("localhost", "127.0.0.1");
        String self = System.getenv("HOSTNAME");
        if (self == null) {
            try {
                self = Files.readString(Path.of("/etc/hostname")).trim();
            } catch (IOException e) {
                self = null;
            }
        }
        if (self != null && !self.isBlank()) {
            entries.put(self, "127.0.0.1");
        }
        write();
    }

    public Path path() {
        return file;
    }

    /** Maps {@code host} to {@code address}; rewrites the file when that changes anything. */
    public synchronized void put(String host, String address) {
        if (!address.equals(entries.put(host, address))) {
            write();
        }
    }

    public synchronized String address(String host) {
        return entries.get(host);
    }

    private synchronized void write() {
        StringBuilder text = new StringBuilder("# written by the kstretch test harness (stand-in for cluster DNS)\n");
        entries.forEach((host, address) -> text.append(address).append(' ').append(host).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
