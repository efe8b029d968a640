package io.kstretch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class KraftIdsTest {

    @Test
    void ids_are_kafka_uuid_strings() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String id = KraftIds.random();
            assertThat(id).hasSize(22).matches("[A-Za-z0-9_-]{22}").doesNotStartWith("-");
            byte[] bytes = Base64.getUrlDecoder().decode(id);
            assertThat(bytes).hasSize(16);
            // canonical: encoding the bytes again gives the same text (Kafka's Uuid.toString does exactly this)
            assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)).isEqualTo(id);
            assertThat(id).isNotIn("AAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAQ");
            seen.add(id);
        }
        assertThat(seen).hasSize(2000);
    }
}
