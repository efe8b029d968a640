package io.kstretch.topology;

import java.security.SecureRandom;
import java.util.Base64;

/** Random ids in Kafka's Uuid text form (URL-safe base64 of 16 bytes), for cluster and directory ids. */
public final class KraftIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private KraftIds() {
    }

    public static String random() {
        while (true) {
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            // Kafka reserves the all-zero and one-valued ids and avoids a leading '-' (it reads as a CLI flag)
            if (!id.startsWith("-") && !id.equals("AAAAAAAAAAAAAAAAAAAAAA") && !id.equals("AAAAAAAAAAAAAAAAAAAAAQ")) {
                return id;
            }
        }
    }
}
