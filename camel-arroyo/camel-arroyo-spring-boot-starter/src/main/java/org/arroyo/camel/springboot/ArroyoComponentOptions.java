package org.arroyo.camel.springboot;

import java.util.Map;

/** The options a Spring Boot configuration class holds for one component, as Camel names them. */
public interface ArroyoComponentOptions {

    /** The options that were set (by Camel option name, in the order they must be applied); unset ones are absent. */
    Map<String, Object> options();
}
