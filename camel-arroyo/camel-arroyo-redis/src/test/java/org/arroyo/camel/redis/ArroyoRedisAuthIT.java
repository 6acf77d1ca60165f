package org.arroyo.camel.redis;

import org.arroyo.camel.test.redis.RedisServerExtension;
import java.time.Duration;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.arroyo.camel.message.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Credentials and addresses: a private redis-server that requires a password. */
class ArroyoRedisAuthIT extends CamelTestSupport {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension(false, "--requirepass", "s3cret");

    @Test
    void rightPasswordWorks() throws Exception {
        String stream = RedisTestSupport.unique("arroyo-auth");
        String uri = "arroyo-redis:" + stream + "?uri=redis://:s3cret@127.0.0.1:" + REDIS.port()
                     + "/1&mode=stream&startId=0&failIfUnreachable=true";
        MockEndpoint in = getMockEndpoint("mock:in");
        in.expectedBodiesReceived(Event.ofBytes("secret data".getBytes()));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).to("mock:in");
                from("direct:out").to("arroyo-redis:" + stream + "?port=" + REDIS.port()
                                      + "&host=127.0.0.1&database=1&password=RAW(s3cret)&mode=stream");
            }
        });
        template.sendBody("direct:out", "secret data");
        in.assertIsSatisfied(10_000);
    }

    @Test
    void wrongPasswordIsAClearErrorThatDoesNotLeakIt() {
        Exception e = assertThrows(Exception.class, () -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:x?host=127.0.0.1&port=" + REDIS.port()
                     + "&password=wrong-one&failIfUnreachable=true").to("mock:in");
            }
        }));
        String chain = ArroyoRedisConfigurationTest.chain(e);
        assertTrue(chain.contains("cannot connect to Redis at redis://127.0.0.1:" + REDIS.port() + "/0"), chain);
        assertTrue(chain.contains("WRONGPASS"), chain);
    }

    @Test
    void wrongHostIsAClearError() {
        Exception e = assertThrows(Exception.class, () -> assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:x").to("arroyo-redis:x?host=no-such-host.invalid&failIfUnreachable=true");
                    }
                })));
        String chain = ArroyoRedisConfigurationTest.chain(e);
        assertTrue(chain.contains("cannot connect to Redis at redis://no-such-host.invalid:6379/0"), chain);
        assertFalse(chain.contains("s3cret"), chain);
    }
}
