package io.kstretch.topology;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random ids in Kafka's Uuid text form (URL-safe base64 of 16 bytes), for cluster and directory ids.
 *
 * <p>
 * No static {@code SecureRandom}: in the native executable Quarkus initialises application classes at build time,
 * so a static instance would be created — and seeded — once, in the builder, and every binary would start from that
 * state (the native build refuses it). A new instance per id is seeded at run time; ids are made a few times in a
 * Kafka's life.
 */
public final class KraftIds {

    private KraftIds() {
    }

    public static String random() {
        SecureRandom random = new SecureRandom();
        while (true) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            // Kafka reserves the all-zero and one-valued ids and avoids a leading '-' (it reads as a CLI flag)
            if (!id.startsWith("-") && !id.equals("AAAAAAAAAAAAAAAAAAAAAA") && !id.equals("AAAAAAAAAAAAAAAAAAAAAQ")) {
                return id;
            }
        }
    }
}
