package org.arroyo.camel.redis;

import org.arroyo.camel.test.ComponentJar;
import org.junit.jupiter.api.Test;

/** The built jar holds only arroyo-redis's classes and everything Camel's tooling expects of a component. */
class ComponentJarIT {

    @Test
    void theJarIsACamelComponent() throws Exception {
        ComponentJar.check("camel-arroyo-redis", "arroyo-redis", "org.arroyo.camel.redis");
    }
}
