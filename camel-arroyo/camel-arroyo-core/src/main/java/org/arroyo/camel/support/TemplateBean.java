package org.arroyo.camel.support;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.service.ServiceSupport;

/**
 * A bean that sends to endpoints it is told about at run time (publisher sets, named sinks): it gets its Camel
 * context as a bean, makes one producer template on first use and stops it with the context.
 */
public abstract class TemplateBean extends ServiceSupport implements CamelContextAware {

    private CamelContext camelContext;
    private ProducerTemplate template;

    /** The template, made on first use. */
    protected synchronized ProducerTemplate template() {
        if (template == null) {
            if (camelContext == null) {
                throw new IllegalStateException(getClass().getSimpleName()
                                                + " needs a CamelContext: declare it as a bean");
            }
            template = camelContext.createProducerTemplate();
        }
        return template;
    }

    @Override
    protected void doStop() throws Exception {
        ProducerTemplate t;
        synchronized (this) {
            t = template;
            template = null;
        }
        if (t != null) {
            t.stop();
        }
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
