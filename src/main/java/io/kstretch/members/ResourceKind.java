package io.kstretch.members;

import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * A namespaced kind kstretch reads or writes in members: a fabric8 model class, or an apiVersion/kind read as
 * {@link GenericKubernetesResource} (provider kinds such as ServiceExport).
 */
public record ResourceKind(String apiVersion, String kind, Class<? extends HasMetadata> type) {

    public static ResourceKind of(Class<? extends HasMetadata> type) {
        return new ResourceKind(HasMetadata.getApiVersion(type), HasMetadata.getKind(type), type);
    }

    public static ResourceKind generic(String apiVersion, String kind) {
        return new ResourceKind(apiVersion, kind, GenericKubernetesResource.class);
    }

    /** The kind of an object: by class for model classes, by apiVersion/kind for generic objects. */
    public static ResourceKind of(HasMetadata object) {
        if (object instanceof GenericKubernetesResource) {
            return generic(object.getApiVersion(), object.getKind());
        }
        return of(object.getClass());
    }

    public boolean isGeneric() {
        return type == GenericKubernetesResource.class;
    }

    public ResourceDefinitionContext definition() {
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(Pluralize.toPlural(kind.toLowerCase(java.util.Locale.ROOT))).withNamespaced(true).build();
    }

    @Override
    public String toString() {
        return kind + "." + apiVersion;
    }
}
