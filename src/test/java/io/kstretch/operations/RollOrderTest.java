package io.kstretch.operations;

import static io.kstretch.operations.Clusters.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.kstretch.spi.KafkaNode;

class RollOrderTest {

    @Test
    void controllersBeforeBrokersAndTheActiveControllerLastOfThem() {
        List<KafkaNode> nodes = List.of(broker(10), controller(2), combined(5), controller(1), broker(3),
                combined(4));
        List<Integer> order = RollOrder.order(nodes, 1, n -> true).stream().map(KafkaNode::id).toList();
        assertThat(order).containsExactly(2, 4, 5, 1, 3, 10);
    }

    @Test
    void nodesThatAreNotReadyGoFirst() {
        List<KafkaNode> nodes = List.of(controller(1), controller(2), broker(3));
        List<Integer> order = RollOrder.order(nodes, 2, n -> n.id() != 3).stream().map(KafkaNode::id).toList();
        assertThat(order).containsExactly(3, 1, 2);
    }

    @Test
    void anUnknownActiveControllerKeepsIdOrder() {
        List<KafkaNode> nodes = List.of(combined(3), combined(1), combined(2));
        assertThat(RollOrder.order(nodes, -1, n -> true).stream().map(KafkaNode::id).toList())
                .containsExactly(1, 2, 3);
    }
}
