package org.arroyo.camel.runner;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The top-level Dockerfile, built with buildah as users build it, from a local base (no registry:
 * {@code src/test/image/local-base.sh}) and the runner jar of this build ({@code RUNNER_JAR=prebuilt}); then the demo
 * runs in the image: it prints its summary, health is UP on the container's management port from a non-loopback
 * address, and the image's own HEALTHCHECK command says so inside the container.
 *
 * <p>Opt-in, as it needs root, buildah and debootstrap and takes minutes the first time (the base is kept):
 * {@code ./mvnw -B -pl routes -am verify -Darroyo.image.test=true -Dit.test=ContainerImageIT -Dtest=NONE
 * -Dsurefire.failIfNoSpecifiedTests=false}
 */
@EnabledIfSystemProperty(named = "arroyo.image.test", matches = "true")
class ContainerImageIT {

    static final String BASE = "localhost/arroyo-local-jre:17";
    static final int FRAMES = 600;

    private final String image = "localhost/camel-arroyo-it:" + ProcessHandle.current().pid();
    private final Path repository = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theImageRunsTheDemoAndReportsHealthOnItsManagementPort() throws Exception {
        assertTrue(Files.isRegularFile(Path.of("target/arroyo.jar")), "run after package: target/arroyo.jar");
        exec(Duration.ofMinutes(20), "sh", "src/test/image/local-base.sh", BASE);
        // buildah 1.28 keeps the stages' images and a working container of the alias stage: remove what it adds
        List<String> imagesBefore = lines("images", "-a", "-q", "--no-trunc");
        List<String> containersBefore = lines("containers", "-a", "-q", "--notruncate");
        Result build = buildah(Duration.ofMinutes(15), "bud", "--isolation", "chroot", "--format", "docker",
                "--build-arg", "JDK_IMAGE=" + BASE, "--build-arg", "JRE_IMAGE=" + BASE,
                "--build-arg", "RUNNER_JAR=prebuilt", "-f", repository.resolve("Dockerfile").toString(),
                "-t", image, repository.toString());
        String container = null;
        try {
            JsonObject config = imageConfig();
            assertEquals("arroyo", config.getString("User"));
            assertTrue(config.getMap("ExposedPorts").containsKey("9876/tcp"), config.toJson());
            assertTrue(config.getCollection("Env").contains("CAMEL_MANAGEMENT_HOST=0.0.0.0"), config.toJson());
            List<String> healthcheck = strings(config.getMap("Healthcheck").get("Test"));
            assertEquals("CMD", healthcheck.get(0), config.toJson());
            assertEquals("health", healthcheck.get(healthcheck.size() - 1), config.toJson());
            List<String> entrypoint = strings(config.get("Entrypoint"));

            container = buildah(Duration.ofMinutes(5), "from", image).output.strip();
            Path root = Path.of(buildah(Duration.ofMinutes(1), "mount", container).output.strip());
            assertEquals(-1L, Files.mismatch(Path.of("target/arroyo.jar"), root.resolve("opt/arroyo/arroyo.jar")),
                    "the image runs the jar of this build\n" + build.output);
            buildah(Duration.ofMinutes(1), "umount", container);
            int port = freePort();
            List<String> demo = new ArrayList<>(List.of("run", "--isolation", "chroot", container, "--"));
            demo.addAll(entrypoint);
            demo.addAll(List.of("run", "--frames", String.valueOf(FRAMES), "--rate", "20",
                    "--prop", "camel.management.port=" + port));
            Path demoLog = Files.createTempFile("arroyo-image-demo", ".log");
            Process demoRun = new ProcessBuilder(buildahCommand(demo)).redirectErrorStream(true)
                    .redirectOutput(demoLog.toFile()).start();
            try {
                // from outside the container's loopback: only a listener on every interface answers here
                String outside = "http://" + nonLoopbackAddress() + ":" + port + "/observe/health";
                await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500))
                        .until(() -> isUp(outside) || !demoRun.isAlive());
                assertTrue(isUp(outside), outside + " is not UP\n" + Files.readString(demoLog));
                System.out.println("health from the host at " + outside + ": UP");

                List<String> probe = new ArrayList<>(List.of("run", "--isolation", "chroot", container, "--"));
                probe.addAll(healthcheck.subList(1, healthcheck.size()));
                String inside = "http://127.0.0.1:" + port + "/observe/health";
                probe.add(inside);
                Result check = buildah(Duration.ofMinutes(1), probe.toArray(String[]::new));
                assertTrue(check.output.contains("arroyo health: UP (" + inside + ")"), check.output);

                assertTrue(demoRun.waitFor(3, TimeUnit.MINUTES), "the demo ends by itself");
            } finally {
                demoRun.destroyForcibly();
            }
            String output = Files.readString(demoLog, StandardCharsets.UTF_8);
            System.out.println(output);
            assertEquals(0, demoRun.exitValue(), output);
            assertTrue(output.contains(FRAMES + "/" + FRAMES + " frames reduced to curves"), output);
            assertTrue(output.contains("stop: {num_frames=" + FRAMES + ", frames_reduced=" + FRAMES + "}"), output);
            assertTrue(output.contains("arroyo demo: OK"), output);

            // and the health check fails once nothing serves: it is not a check that always passes
            List<String> after = new ArrayList<>(List.of("run", "--isolation", "chroot", container, "--"));
            after.addAll(healthcheck.subList(1, healthcheck.size()));
            after.add("http://127.0.0.1:" + port + "/observe/health");
            assertEquals(1, run(Duration.ofMinutes(1), buildahCommand(after)).exit);
        } finally {
            removeAddedSince(containersBefore, imagesBefore);
        }
    }

    /** Removes the containers and images that are there now but were not before (the base image stays). */
    private void removeAddedSince(List<String> containersBefore, List<String> imagesBefore) throws Exception {
        for (String container : lines("containers", "-a", "-q", "--notruncate")) {
            if (!containersBefore.contains(container)) {
                buildah(Duration.ofMinutes(2), "rm", container);
            }
        }
        List<String> added = new ArrayList<>(lines("images", "-a", "-q", "--no-trunc"));
        added.removeAll(imagesBefore);
        if (!added.isEmpty()) {
            List<String> rmi = new ArrayList<>(List.of("rmi", "--force"));
            rmi.addAll(added);
            buildah(Duration.ofMinutes(2), rmi.toArray(String[]::new));
        }
    }

    private List<String> lines(String... args) throws Exception {
        return buildah(Duration.ofMinutes(1), args).output.lines().map(String::strip).filter(l -> !l.isEmpty())
                .toList();
    }

    private JsonObject imageConfig() throws Exception {
        String json = buildah(Duration.ofMinutes(1), "inspect", "--type", "image", image).output;
        JsonObject inspect = (JsonObject) Jsoner.deserialize(json);
        JsonObject docker = inspect.getMap("Docker");
        assertNotNull(docker, "docker format (HEALTHCHECK is no OCI field): " + json);
        return docker.getMap("config");
    }

    private static boolean isUp(String url) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().replace(" ", "").contains("\"status\":\"UP\"");
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<String> strings(Object jsonArray) {
        assertTrue(jsonArray instanceof JsonArray, String.valueOf(jsonArray));
        List<String> strings = new ArrayList<>();
        ((JsonArray) jsonArray).forEach(o -> strings.add((String) o));
        return strings;
    }

    private static String nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address.getHostAddress();
                    }
                }
            }
        }
        return fail("no non-loopback IPv4 address to reach the container's management port from");
    }

    /** A port free on every interface: the container shares the host's network and binds 0.0.0.0. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Result buildah(Duration timeout, String... args) throws Exception {
        Result result = run(timeout, buildahCommand(List.of(args)));
        assertEquals(0, result.exit, "buildah " + String.join(" ", args) + "\n" + result.output);
        return result;
    }

    private static List<String> buildahCommand(List<String> args) {
        List<String> command = new ArrayList<>(List.of("buildah", "--storage-driver", "vfs"));
        command.addAll(args);
        return command;
    }

    private static void exec(Duration timeout, String... command) throws Exception {
        Result result = run(timeout, List.of(command));
        System.out.print(result.output);
        assertEquals(0, result.exit, String.join(" ", command) + "\n" + result.output);
    }

    /** Runs a command to its end (killed after the timeout), its output in a file so a full pipe never stalls it. */
    private static Result run(Duration timeout, List<String> command) throws Exception {
        Path log = Files.createTempFile("arroyo-image", ".log");
        long t0 = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                fail(String.join(" ", command) + " still running after " + timeout + "\n" + Files.readString(log));
            }
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        System.out.printf("%s: exit %d in %.1f s%n", String.join(" ", command), process.exitValue(),
                (System.nanoTime() - t0) / 1e9);
        return new Result(process.exitValue(), output);
    }

    private record Result(int exit, String output) {
    }
}
