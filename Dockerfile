# Build with the Maven wrapper, run on a JRE as a non-root user.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
# Dependencies in a layer of their own, before the sources: a source change rebuilds without downloading again.
RUN ./mvnw -B -q -Pslim dependency:go-offline
COPY db db
COPY src src
# The slim profile leaves the embedded PostgreSQL binaries out of the jar (compose always gives the gateway a
# server). The jar is then split into Spring Boot's layers, least often changed first, so a new build of the
# gateway changes only the last, small layer of the image.
RUN ./mvnw -B -q -Pslim package -DskipTests \
    && java -Djarmode=tools -jar target/migma-gateway-*-slim.jar extract --layers --launcher --destination /layers

FROM eclipse-temurin:17-jre
RUN groupadd --system gateway && useradd --system --gid gateway --no-create-home gateway
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER gateway
EXPOSE 8080
# bash's /dev/tcp keeps the image free of curl. Health answers 200 while the gateway can serve and 503 when it
# cannot (database down); the body lists components, so the status line is what is checked.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT:-8080} && printf "GET /actuator/health HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && head -n 1 <&3 | grep -q " 200"'
# Exec form: the JVM is PID 1 and gets SIGTERM itself, so in-flight requests finish before it exits. PDFBox keeps
# its font cache in the user's home by default; this user has none, so the cache goes to /tmp.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-Dpdfbox.fontcache=/tmp", \
    "org.springframework.boot.loader.launch.JarLauncher"]
