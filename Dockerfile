# The arroyo runner image: runs the YAML routes mounted at /routes (or the demo when none are).
#   docker build -t camel-arroyo .                                         # builds the runner from source
#   docker build --build-arg RUNNER_JAR=prebuilt -t camel-arroyo .         # takes routes/target/arroyo.jar
#   docker run --rm --network host -v "$PWD/my-routes:/routes" camel-arroyo         # every /routes/*.yaml
#   docker run --rm -p 9876:9876 camel-arroyo run --rate 20                         # the bundled demo
# Health and metrics: http://HOST:9876/observe/health and /observe/metrics (HEALTHCHECK: `arroyo health`).

# The base images, replaceable by a mirror's or a local one (the image test builds from a local base).
ARG JDK_IMAGE=eclipse-temurin:17-jdk
ARG JRE_IMAGE=eclipse-temurin:17-jre

FROM ${JDK_IMAGE} AS build
# Where the runner jar comes from: "source" builds it here with Maven; "prebuilt" takes the routes/target/arroyo.jar
# that `./mvnw -B package -DskipTests -pl routes -am` left in the build context. (One stage that chooses: builders
# that build every stage, or that skip stages before expanding arguments, would trip over two.)
ARG RUNNER_JAR=source
WORKDIR /src
# the whole reactor (every module's pom is needed), without build output but that jar (.dockerignore)
COPY . .
RUN case "$RUNNER_JAR" in \
      source) ./mvnw -B -q package -DskipTests -pl routes -am ;; \
      prebuilt) test -f routes/target/arroyo.jar \
          || { echo "RUNNER_JAR=prebuilt: no routes/target/arroyo.jar; build it first" >&2; exit 1; } ;; \
      *) echo "RUNNER_JAR must be source or prebuilt, not '$RUNNER_JAR'" >&2; exit 1 ;; \
    esac

FROM ${JRE_IMAGE}
RUN useradd --system --home /opt/arroyo arroyo
COPY --from=build /src/routes/target/arroyo.jar /opt/arroyo/arroyo.jar
COPY docker-entrypoint.sh /opt/arroyo/docker-entrypoint.sh
# A container's loopback is unreachable for probes and scrapers: serve health and metrics on every interface
# (the runner's default is 127.0.0.1), the demo included. Change the port with --prop camel.management.port=N.
ENV CAMEL_MANAGEMENT_HOST=0.0.0.0 \
    CAMEL_MANAGEMENT_ENABLED=true
EXPOSE 9876
HEALTHCHECK --interval=30s --timeout=15s --start-period=60s --retries=3 \
    CMD ["java", "-XX:TieredStopAtLevel=1", "-Xmx64m", "-jar", "/opt/arroyo/arroyo.jar", "health"]
WORKDIR /routes
USER arroyo
ENTRYPOINT ["/opt/arroyo/docker-entrypoint.sh"]
