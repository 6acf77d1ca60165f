package org.arroyo.camel.pva;

import org.arroyo.camel.test.ComponentJar;
import org.junit.jupiter.api.Test;

/** The built jar holds only arroyo-pva's classes and everything Camel's tooling expects of a component. */
class ComponentJarIT {

    @Test
    void theJarIsACamelComponent() throws Exception {
        // no codec option: pvAccess carries structures, read and written as NTNDArray / NTScalar
        ComponentJar.check("camel-arroyo-pva", "arroyo-pva", "org.arroyo.camel.pva", false);
    }
}
