package io.kstretch.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.kstretch.api.KStretch;

class AnchorTest {

    @Test
    void anchor_is_protected_by_a_finalizer_and_names_its_kafka() {
        ConfigMap anchor = Anchor.render("my-cluster", "kafka", "0f1e-uid", "east", Names.anchor("my-cluster", 1));

        assertThat(anchor.getMetadata().getName()).isEqualTo("my-cluster-kstretch-anchor");
        assertThat(anchor.getMetadata().getNamespace()).isEqualTo("kafka");
        assertThat(anchor.getMetadata().getFinalizers()).containsExactly("kstretch.io/anchor-protection");
        assertThat(anchor.getMetadata().getLabels())
                .containsEntry("kstretch.io/kafka-namespace", "kafka")
                .containsEntry("kstretch.io/cluster", "my-cluster")
                .containsEntry("kstretch.io/kafka-uid", "0f1e-uid")
                .containsEntry("kstretch.io/member", "east")
                .containsEntry(KStretch.ANCHOR_LABEL, "true")
                .containsEntry("app.kubernetes.io/managed-by", "kstretch");
        assertThat(anchor.getData()).containsEntry("kafka", "kafka/my-cluster").containsEntry("uid", "0f1e-uid");
    }

    @Test
    void replacement_anchors_count_up() {
        assertThat(Names.anchor("k", 0)).isEqualTo("k-kstretch-anchor");
        assertThat(Names.anchor("k", 2)).isEqualTo("k-kstretch-anchor-2");
        assertThat(Anchor.render("k", "ns", "u", "m", Names.anchor("k", 3)).getMetadata().getName())
                .isEqualTo("k-kstretch-anchor-3");
    }
}
