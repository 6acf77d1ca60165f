package org.arroyo.camel.zmq;

import org.arroyo.camel.test.ComponentJar;
import org.junit.jupiter.api.Test;

/** The built jar holds only arroyo-zmq's classes and everything Camel's tooling expects of a component. */
class ComponentJarIT {

    @Test
    void theJarIsACamelComponent() throws Exception {
        ComponentJar.check("camel-arroyo-zmq", "arroyo-zmq", "org.arroyo.camel.zmq");
    }
}
