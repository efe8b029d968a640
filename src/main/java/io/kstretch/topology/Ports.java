package io.kstretch.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.kstretch.api.Listener;
import io.kstretch.spi.KafkaPort;

/** The ports a Kafka node serves, by role: controller, replication, then the client listeners in spec order. */
public final class Ports {
    public static final int CONTROLLER_PORT = 9090;
    public static final int REPLICATION_PORT = 9091;

    private Ports() {
    }

    public static List<KafkaPort> of(boolean controller, boolean broker, List<Listener> listeners) {
        List<KafkaPort> ports = new ArrayList<>();
        if (controller) {
            ports.add(new KafkaPort(KafkaPort.CONTROLLER, CONTROLLER_PORT));
        }
        if (broker) {
            ports.add(new KafkaPort(KafkaPort.REPLICATION, REPLICATION_PORT));
            if (listeners != null) {
                for (Listener l : listeners) {
                    ports.add(new KafkaPort(l.name, l.port));
                }
            }
        }
        return List.copyOf(ports);
    }

    /** The Kafka listener name of a port: its name in upper case (CONTROLLER, REPLICATION, PLAIN, ...). */
    public static String listenerName(String portName) {
        return portName.toUpperCase(Locale.ROOT);
    }
}
