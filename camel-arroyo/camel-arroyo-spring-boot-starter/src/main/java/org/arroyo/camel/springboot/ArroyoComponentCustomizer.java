package org.arroyo.camel.springboot;

import java.util.Map;

import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.springframework.context.ApplicationContext;

/**
 * Applies the {@code camel.component.<scheme>.*} options of Spring Boot to a component when Camel creates it, through
 * the component's generated configurer only (no reflection), and fails on an option the configurer does not know
 * rather than ignoring it.
 */
public final class ArroyoComponentCustomizer implements ComponentCustomizer {

    private final ApplicationContext applicationContext;
    private final String scheme;
    private final Class<? extends Component> componentType;
    private final ArroyoComponentOptions options;

    public ArroyoComponentCustomizer(ApplicationContext applicationContext, String scheme,
            Class<? extends Component> componentType, ArroyoComponentOptions options) {
        this.applicationContext = applicationContext;
        this.scheme = scheme;
        this.componentType = componentType;
        this.options = options;
    }

    @Override
    public boolean isEnabled(String name, Component target) {
        return componentType.isInstance(target) && HierarchicalPropertiesEvaluator.evaluate(applicationContext,
                "camel.component.customizer", "camel.component." + scheme + ".customizer");
    }

    @Override
    public void configure(String name, Component target) {
        Map<String, Object> values = options.options();
        if (values.isEmpty()) {
            return;
        }
        // a component resolves its generated configurer when it is initialised
        ServiceHelper.initService(target);
        PropertyConfigurer configurer = target.getComponentPropertyConfigurer();
        if (configurer == null) {
            throw new IllegalStateException("Cannot apply camel.component." + scheme + ".* to component " + name
                    + ": it has no generated configurer (META-INF/services/org/apache/camel/configurer/" + scheme
                    + "-component)");
        }
        PropertyBindingSupport.build()
                .withCamelContext(target.getCamelContext())
                .withTarget(target)
                .withProperties(values)
                .withConfigurer(configurer)
                .withReflection(false)
                .withIgnoreCase(true)
                .withMandatory(true)
                .withRemoveParameters(false)
                .bind();
    }
}
