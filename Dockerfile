# The arroyo runner image: runs the YAML routes mounted at /routes (or the demo when none are).
#   docker build -t camel-arroyo .
#   docker run --rm --network host -v "$PWD/my-routes:/routes" camel-arroyo         # every /routes/*.yaml
#   docker run --rm camel-arroyo run                                                  # the bundled demo
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# the whole reactor (every module's pom is needed), without build output (.dockerignore)
COPY . .
RUN ./mvnw -B -q package -DskipTests -pl routes -am

FROM eclipse-temurin:17-jre
RUN useradd --system --home /opt/arroyo arroyo
COPY --from=build /src/routes/target/arroyo.jar /opt/arroyo/arroyo.jar
COPY docker-entrypoint.sh /opt/arroyo/docker-entrypoint.sh
WORKDIR /routes
USER arroyo
ENTRYPOINT ["/opt/arroyo/docker-entrypoint.sh"]
