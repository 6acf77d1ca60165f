package org.arroyo.camel.springboot;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * Turns {@code #name} or {@code #bean:name}, Camel's way of naming a bean in an option, into that bean of the Spring
 * context, for the options that take an object (a shared {@code ZContext}, a Lettuce {@code RedisClient}...).
 */
public final class BeanReferenceConverter implements GenericConverter {

    private final BeanFactory beanFactory;
    private final Set<ConvertiblePair> pairs = new LinkedHashSet<>();

    public BeanReferenceConverter(BeanFactory beanFactory, Class<?>... targetTypes) {
        this.beanFactory = beanFactory;
        for (Class<?> type : targetTypes) {
            pairs.add(new ConvertiblePair(String.class, type));
        }
    }

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return pairs;
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        if (source == null) {
            return null;
        }
        String reference = source.toString().trim();
        if (!reference.startsWith("#")) {
            throw new IllegalArgumentException("'" + reference + "' is not a bean reference: write #name or "
                    + "#bean:name of a " + targetType.getType().getName() + " bean");
        }
        String name = reference.startsWith("#bean:") ? reference.substring(6) : reference.substring(1);
        return beanFactory.getBean(name, targetType.getType());
    }
}
