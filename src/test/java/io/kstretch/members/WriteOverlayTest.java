package io.kstretch.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.informers.cache.Store;

class WriteOverlayTest {
    private static final ResourceKind CONFIG_MAPS = ResourceKind.of(ConfigMap.class);
    private static final ResourceKind SERVICES = ResourceKind.of(Service.class);

    private final WriteOverlay overlay = new WriteOverlay();

    private static ConfigMap cm(String name, String resourceVersion, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("kafka")
                .withResourceVersion(resourceVersion).endMetadata().addToData("v", value).build();
    }

    /** An informer store holding {@code objects}, keyed namespace/name as fabric8's cache keys them. */
    private static <T extends HasMetadata> Store<T> store(List<T> objects) {
        Map<String, T> byKey = new LinkedHashMap<>();
        objects.forEach(o -> byKey.put(o.getMetadata().getNamespace() + "/" + o.getMetadata().getName(), o));
        return new Store<>() {
            @Override
            public List<T> list() {
                return new ArrayList<>(byKey.values());
            }

            @Override
            public List<String> listKeys() {
                return new ArrayList<>(byKey.keySet());
            }

            @Override
            public T get(T object) {
                return byKey.get(getKey(object));
            }

            @Override
            public T getByKey(String key) {
                return byKey.get(key);
            }

            @Override
            public String getKey(T object) {
                return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
            }
        };
    }

    @Test
    void nothing_written_reads_what_the_informer_has() {
        ConfigMap observed = cm("a", "5", "x");

        assertThat(overlay.read(CONFIG_MAPS, "a", observed)).isSameAs(observed);
        assertThat(overlay.read(CONFIG_MAPS, "a", null)).isNull();
    }

    @Test
    void written_object_is_read_until_the_informer_catches_up() {
        ConfigMap written = cm("a", "10", "new");
        overlay.written(CONFIG_MAPS, written);

        assertThat(overlay.read(CONFIG_MAPS, "a", null)).isSameAs(written);
        assertThat(overlay.read(CONFIG_MAPS, "a", cm("a", "9", "old"))).isSameAs(written);

        ConfigMap same = cm("a", "10", "new");
        assertThat(overlay.read(CONFIG_MAPS, "a", same)).isSameAs(same);
        ConfigMap newer = cm("a", "11", "newer");
        assertThat(overlay.read(CONFIG_MAPS, "a", newer)).isSameAs(newer);
    }

    @Test
    void resource_versions_compare_as_numbers_not_text() {
        ConfigMap written = cm("a", "9", "new");
        overlay.written(CONFIG_MAPS, written);

        ConfigMap observed = cm("a", "10", "newer");
        assertThat(overlay.read(CONFIG_MAPS, "a", observed)).isSameAs(observed);
    }

    @Test
    void an_older_event_keeps_the_written_state_a_current_one_drops_it() {
        ConfigMap written = cm("a", "10", "new");
        overlay.written(CONFIG_MAPS, written);

        overlay.observed(CONFIG_MAPS, cm("a", "9", "old"), false);
        assertThat(overlay.read(CONFIG_MAPS, "a", cm("a", "9", "old"))).isSameAs(written);

        overlay.observed(CONFIG_MAPS, cm("a", "10", "new"), false);
        // the entry is gone: whatever the informer holds is the truth again, even an older object
        ConfigMap stale = cm("a", "9", "old");
        assertThat(overlay.read(CONFIG_MAPS, "a", stale)).isSameAs(stale);
    }

    @Test
    void deletion_hides_the_object_until_the_delete_event() {
        overlay.deleted(CONFIG_MAPS, "a", null);
        ConfigMap stillCached = cm("a", "12", "x");

        assertThat(overlay.read(CONFIG_MAPS, "a", stillCached)).isNull();
        // an update event of the object being deleted (e.g. deletionTimestamp set) does not bring it back
        overlay.observed(CONFIG_MAPS, cm("a", "13", "x"), false);
        assertThat(overlay.read(CONFIG_MAPS, "a", cm("a", "13", "x"))).isNull();

        overlay.observed(CONFIG_MAPS, cm("a", "13", "x"), true);
        assertThat(overlay.read(CONFIG_MAPS, "a", null)).isNull();
        ConfigMap recreated = cm("a", "20", "again");
        assertThat(overlay.read(CONFIG_MAPS, "a", recreated)).isSameAs(recreated);
    }

    @Test
    void an_object_made_again_under_the_same_name_ends_the_deletion() {
        // a pod deleted to restart it, whose delete event arrived before the deletion was noted, made again by
        // its StatefulSet: the new one (another uid) is seen at once, not a minute later
        overlay.deleted(CONFIG_MAPS, "a", "uid-1");
        ConfigMap old = cm("a", "12", "x");
        old.getMetadata().setUid("uid-1");
        overlay.observed(CONFIG_MAPS, old, false);
        assertThat(overlay.read(CONFIG_MAPS, "a", old)).as("an update of the deleted one").isNull();
        ConfigMap again = cm("a", "14", "y");
        again.getMetadata().setUid("uid-2");
        overlay.observed(CONFIG_MAPS, again, false);
        assertThat(overlay.read(CONFIG_MAPS, "a", again)).isSameAs(again);
    }

    @Test
    void kinds_and_names_are_kept_apart() {
        ConfigMap written = cm("a", "10", "new");
        overlay.written(CONFIG_MAPS, written);
        overlay.deleted(SERVICES, "b", null);

        Service svc = new ServiceBuilder().withNewMetadata().withName("a").withNamespace("kafka")
                .withResourceVersion("1").endMetadata().build();
        assertThat(overlay.read(SERVICES, "a", svc)).isSameAs(svc);
        ConfigMap other = cm("b", "1", "x");
        assertThat(overlay.read(CONFIG_MAPS, "b", other)).isSameAs(other);
        assertThat(overlay.read(SERVICES, "b", null)).isNull();
    }

    @Test
    void forget_drops_the_entry() {
        overlay.written(CONFIG_MAPS, cm("a", "10", "new"));
        overlay.forget(CONFIG_MAPS, "a");

        ConfigMap observed = cm("a", "9", "old");
        assertThat(overlay.read(CONFIG_MAPS, "a", observed)).isSameAs(observed);
    }

    @Test
    void unobserved_lists_created_objects_the_store_lacks() {
        ConfigMap created = cm("created", "10", "x");
        ConfigMap known = cm("known", "11", "y");
        overlay.written(CONFIG_MAPS, created);
        overlay.written(CONFIG_MAPS, known);
        overlay.deleted(CONFIG_MAPS, "deleted", null);
        overlay.written(SERVICES, new ServiceBuilder().withNewMetadata().withName("svc").withNamespace("kafka")
                .withResourceVersion("3").endMetadata().build());

        List<HasMetadata> unobserved = overlay.unobserved(CONFIG_MAPS, store(List.of(cm("known", "11", "y"))));

        assertThat(unobserved).containsExactly(created);
        assertThat(overlay.unobserved(CONFIG_MAPS, store(List.of(cm("known", "11", "y"), cm("created", "10", "x")))))
                .isEmpty();
    }

    @Test
    void unparsable_resource_version_counts_as_oldest() {
        ConfigMap written = cm("a", "10", "new");
        overlay.written(CONFIG_MAPS, written);
        assertThat(overlay.read(CONFIG_MAPS, "a", cm("a", "garbage", "?"))).isSameAs(written);

        ConfigMap noVersion = cm("b", null, "new");
        overlay.written(CONFIG_MAPS, noVersion);
        ConfigMap observed = cm("b", "1", "server");
        assertThat(overlay.read(CONFIG_MAPS, "b", observed)).isSameAs(observed);
    }
}
