# One image recipe for the three Newsflow services; SERVICE picks which (ingest-service,
# enrich-service or publish-service).
#
# The image packages the jar built on the host, so build it first, from the repository root:
#   ./mvnw -B package -DskipTests
#   docker build -f docker/service.Dockerfile --build-arg SERVICE=ingest-service -t newsflow/ingest-service .
#   (or: docker compose build)
#
# Configuration comes from the environment (see docker-compose.yml and the README), e.g.
# KAFKA_BOOTSTRAP_SERVERS,
# PORT (8080 here), NEWSFLOW_TOPIC_REPLICAS (default 3; 1 for a single broker).
# Readiness: GET /actuator/health/readiness (curl is in the base image).
# Extra JVM options: JAVA_TOOL_OPTIONS. The heap defaults to 75% of the container's memory limit.

# Split the Spring Boot jar into layers, so that a code change rebuilds only the small top layer.
FROM eclipse-temurin:17-jre AS layers
ARG SERVICE
WORKDIR /build
COPY ${SERVICE}/target/${SERVICE}-exec.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:17-jre
RUN groupadd --system newsflow \
 && useradd --system --gid newsflow --home-dir /app --no-create-home --shell /usr/sbin/nologin newsflow
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
USER newsflow
ENV PORT=8080
EXPOSE 8080
# 4 MB G1 regions: page-sized buffers are not "humongous" (fewer, shorter GC pauses)
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:G1HeapRegionSize=4m", "-XX:+ExitOnOutOfMemoryError", "org.springframework.boot.loader.launch.JarLauncher"]
