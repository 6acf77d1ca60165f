package org.arroyo.camel.routes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * routes/file-watcher-redis.yaml against the Redis on 127.0.0.1:6379: files and directories created in the watched
 * directory arrive as arroyopy's JSON notices on the channel (a unique one per run).
 */
class FileWatcherRedisIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void createdFilesAndDirectoriesArePublishedAsJsonNotices() throws Exception {
        String channel = "sas_file_watcher-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> notices = new CopyOnWriteArrayList<>();
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
             YamlRoutes watcher = new YamlRoutes("file-watcher-redis.yaml", Map.of("arroyo.watch.dir", dir.toString(),
                     "arroyo.watch.channel", channel, "arroyo.redis.host", "127.0.0.1"))) {
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String ch, String message) {
                    notices.add(message);
                }
            });
            sub.sync().subscribe(channel);

            // the watch is registered asynchronously: probe until a notice comes back
            int[] probes = {0};
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
                Files.writeString(dir.resolve("probe-" + probes[0]++ + ".txt"), "p");
                return !notices.isEmpty();
            });
            Path file = Files.writeString(dir.resolve("run-0001.tif"), "frame");
            Path sub1 = Files.createDirectory(dir.resolve("scan 2"));

            String fileNotice = "{\"file_path\": \"" + file.toAbsolutePath() + "\", \"is_directory\": false}";
            String dirNotice = "{\"file_path\": \"" + sub1.toAbsolutePath() + "\", \"is_directory\": true}";
            await().atMost(WAIT).until(() -> notices.contains(fileNotice) && notices.contains(dirNotice));
            assertEquals(1, notices.stream().filter(fileNotice::equals).count(), "one notice per creation");
            assertEquals(0, notices.stream().filter(n -> !n.startsWith("{\"file_path\": \"" + dir.toAbsolutePath()))
                    .count(), "every notice names a path in the watched directory: " + notices);
        } finally {
            client.shutdown();
        }
    }
}
