package io.kstretch.render;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.CreatorProperty;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * A Jackson module that builds the deserializer of a bean property's type when a value of that property is first
 * read, instead of when the bean's own deserializer is built. Jackson otherwise learns, the first time it reads a
 * StatefulSet, every type the Kubernetes model can nest in one (some thirty volume sources, ephemeral containers,
 * ...), and keeps all of it: that was the largest part of the operator's live heap (docs/performance.md,
 * "Footprint"). With this module it learns the types that occur in what it reads. What is read is the same: a
 * property's deserializer is the one Jackson would have built, found through the same context when it is needed.
 * <p>
 * Properties of scalar types, of types with a deserializer of their own (annotations) and creator parameters are
 * left as Jackson makes them; so are collections and maps of scalars.
 */
public final class LazyPropertyDeserializers extends SimpleModule {
    private static final long serialVersionUID = 1L;

    public LazyPropertyDeserializers() {
        super("kstretch-lazy-property-deserializers");
        setDeserializerModifier(new Modifier());
    }

    /** Whether a property of this type gains from a deferred deserializer (a bean, or a container of beans). */
    static boolean deferrable(JavaType type) {
        if (type.isContainerType()) {
            return type.getContentType() != null && deferrable(type.getContentType());
        }
        if (type.isPrimitive() || type.isEnumType() || type.isReferenceType() || type.isJavaLangObject()
                || type.isArrayType()) {
            return false;
        }
        String name = type.getRawClass().getName();
        return !name.startsWith("java.") && !name.startsWith("com.fasterxml.");
    }

    private static final class Modifier extends BeanDeserializerModifier {
        private static final long serialVersionUID = 1L;

        @Override
        public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription bean,
                BeanDeserializerBuilder builder) {
            List<SettableBeanProperty> properties = new ArrayList<>();
            builder.getProperties().forEachRemaining(properties::add);
            for (SettableBeanProperty property : properties) {
                if (!(property instanceof CreatorProperty) && !property.hasValueDeserializer()
                        && deferrable(property.getType())) {
                    builder.addOrReplaceProperty(property.withValueDeserializer(new Deferred(property.getType(), null)),
                            true);
                }
            }
            return builder;
        }
    }

    /** Stands in for a property's deserializer until the property is first read. */
    static final class Deferred extends JsonDeserializer<Object> implements ContextualDeserializer {
        private final JavaType type;
        private final BeanProperty property;
        private volatile JsonDeserializer<Object> target;

        Deferred(JavaType type, BeanProperty property) {
            this.type = type;
            this.property = property;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty forProperty) {
            // called while the bean's deserializer is resolved: remember the property, build nothing yet
            return forProperty == property ? this : new Deferred(type, forProperty);
        }

        private JsonDeserializer<Object> target(DeserializationContext context) throws JsonMappingException {
            JsonDeserializer<Object> found = target;
            if (found == null) {
                found = context.findContextualValueDeserializer(type, property);
                target = found;
            }
            return found;
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return target(context).deserialize(parser, context);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context, Object into) throws IOException {
            return target(context).deserialize(parser, context, into);
        }

        @Override
        public Object deserializeWithType(JsonParser parser, DeserializationContext context,
                TypeDeserializer typeDeserializer) throws IOException {
            return target(context).deserializeWithType(parser, context, typeDeserializer);
        }

        @Override
        public Object getEmptyValue(DeserializationContext context) throws JsonMappingException {
            return target(context).getEmptyValue(context);
        }
    }
}
