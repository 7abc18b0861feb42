package io.newsflow.testinfra;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;

/**
 * The one switch between the two ways tests get a real Kafka broker and a real Elasticsearch.
 *
 * <p>With a Docker engine, Testcontainers runs the same images as production; without one (CI
 * here has none), Kafka runs in-JVM as a KRaft broker and Elasticsearch runs as a child process
 * from the distribution that Maven unpacked. Either way the tests talk to real servers over the
 * network. Each JVM starts at most one of each, lazily, and stops them when it exits, so test
 * classes share them without inheriting from a common base class.
 *
 * <p>The choice is made once per JVM: system property {@code newsflow.test.infra} =
 * {@code docker}, {@code embedded} or {@code auto} (default: Docker when it answers).
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

    private static KafkaServer kafka;
    private static SearchServer elasticsearch;

    private TestInfrastructure() {
    }

    /** Bootstrap servers of the shared broker, starting it on first use. */
    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            kafka = useDocker() ? new ContainerKafka() : new EmbeddedKafka();
            register(kafka);
        }
        return kafka.bootstrapServers();
    }

    /** Base URL ({@code http://host:port}) of the shared Elasticsearch, starting it on first use. */
    public static synchronized String elasticsearchUrl() {
        if (elasticsearch == null) {
            elasticsearch = useDocker() ? new ContainerElasticsearch() : new ElasticsearchProcess();
            register(elasticsearch);
        }
        return elasticsearch.url();
    }

    /** Points Spring Kafka at the shared broker. */
    public static void registerKafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
    }

    private static void register(AutoCloseable server) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                log.warn("Could not stop {}", server, e);
            }
        }, "stop-" + server.getClass().getSimpleName()));
    }

    private static Boolean docker;

    private static synchronized boolean useDocker() {
        if (docker == null) {
            String mode = System.getProperty("newsflow.test.infra", "auto").toLowerCase(Locale.ROOT);
            docker = switch (mode) {
                case "docker" -> true;
                case "embedded" -> false;
                case "auto" -> dockerMightRun() && DockerClientFactory.instance().isDockerAvailable();
                default -> throw new IllegalArgumentException(
                        "newsflow.test.infra must be docker, embedded or auto, not " + mode);
            };
            log.info("Test infrastructure: {}", docker ? "Docker (Testcontainers)"
                    : "embedded KRaft broker and Elasticsearch process");
        }
        return docker;
    }

    /**
     * Cheap first look, so machines without Docker (CI here) skip Testcontainers' probe and its
     * error-level log lines: no socket and no {@code DOCKER_HOST} means no Docker.
     */
    private static boolean dockerMightRun() {
        return System.getenv("DOCKER_HOST") != null
                || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
                || java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("user.home"), ".docker"))
                || System.getenv("TESTCONTAINERS_HOST_OVERRIDE") != null;
    }

    /** A running Kafka broker. */
    interface KafkaServer extends AutoCloseable {
        String bootstrapServers();
    }

    /** A running Elasticsearch node. */
    interface SearchServer extends AutoCloseable {
        String url();
    }
}
