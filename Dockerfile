# Build with the Maven wrapper, run on a JRE as a non-root user.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY db db
COPY src src
RUN ./mvnw -B -q package -DskipTests && cp target/migma-gateway-*.jar /gateway.jar

FROM eclipse-temurin:17-jre
RUN groupadd --system gateway && useradd --system --gid gateway --no-create-home gateway
WORKDIR /app
COPY --from=build /gateway.jar /app/gateway.jar
USER gateway
EXPOSE 8080
# bash's /dev/tcp keeps the image free of curl. Health answers 200 while the gateway can serve and 503 when it
# cannot (database down); the body lists components, so the status line is what is checked.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT:-8080} && printf "GET /actuator/health HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && head -n 1 <&3 | grep -q " 200"'
# Exec form: the JVM is PID 1 and gets SIGTERM itself, so in-flight requests finish before it exits. PDFBox keeps
# its font cache in the user's home by default; this user has none, so the cache goes to /tmp.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-Dpdfbox.fontcache=/tmp", "-jar", "/app/gateway.jar"]
