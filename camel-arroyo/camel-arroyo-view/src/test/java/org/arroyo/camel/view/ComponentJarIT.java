package org.arroyo.camel.view;

import org.arroyo.camel.test.ComponentJar;
import org.junit.jupiter.api.Test;

/** The built jar holds only arroyo-view's classes and everything Camel's tooling expects of a component. */
class ComponentJarIT {

    @Test
    void theJarIsACamelComponent() throws Exception {
        ComponentJar.checkProducerOnly("camel-arroyo-view", "arroyo-view", "org.arroyo.camel.view");
    }
}
