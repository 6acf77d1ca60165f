package org.arroyo.camel.redis;

import org.arroyo.camel.test.redis.RedisServerExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS (rediss://) plus a password, against a redis-server with a TLS port and requirepass; certificates made by
 * openssl for the test. A client that does not speak TLS to that port gets a clear failure.
 */
class ArroyoRedisTlsIT extends CamelTestSupport {

    private static final Path CERTS = certificates();
    private static final int TLS_PORT = FreePorts.next();

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension(false,
            "--requirepass", "s3cret",
            "--tls-port", Integer.toString(TLS_PORT),
            "--tls-cert-file", CERTS.resolve("server.crt").toString(),
            "--tls-key-file", CERTS.resolve("server.key").toString(),
            "--tls-ca-cert-file", CERTS.resolve("ca.crt").toString(),
            "--tls-auth-clients", "no");

    @Test
    void streamsFlowOverTlsWithAPassword() throws Exception {
        String stream = RedisTestSupport.unique("arroyo-tls");
        // the test CA is not in the JDK's trust store: encryption is exercised, the peer check is switched off
        String redis = "uri=rediss://:s3cret@127.0.0.1:" + TLS_PORT + "?verifyPeer=NONE";
        MockEndpoint in = getMockEndpoint("mock:in");
        in.expectedBodiesReceived(Event.ofBytes("over tls".getBytes()));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:" + stream + "?mode=stream&startId=0&failIfUnreachable=true&" + redis)
                        .to("mock:in");
                from("direct:out").to("arroyo-redis:" + stream + "?mode=stream&failIfUnreachable=true&" + redis);
            }
        });
        template.sendBody("direct:out", "over tls");
        in.assertIsSatisfied(10_000);
    }

    @Test
    void aPlainClientOnTheTlsPortFailsClearly() {
        Exception e = assertThrows(Exception.class, () -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:x?mode=stream&failIfUnreachable=true&commandTimeout=3000&blockTimeout=500"
                     + "&uri=redis://:s3cret@127.0.0.1:" + TLS_PORT).to("mock:never");
            }
        }));
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        assertTrue(all.toString().contains("cannot connect to Redis at"), all.toString());
        assertTrue(!all.toString().contains("s3cret"), "the password must not leak: " + all);
    }

    private static Path certificates() {
        try {
            Path dir = Files.createTempDirectory("arroyo-redis-tls");
            String script = String.join(" && ",
                    "openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 2 -subj /CN=arroyo-ca",
                    "openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=127.0.0.1",
                    "printf 'subjectAltName=IP:127.0.0.1' > san.ext",
                    "openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt "
                    + "-days 2 -extfile san.ext");
            Process p = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("openssl failed: " + out);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
