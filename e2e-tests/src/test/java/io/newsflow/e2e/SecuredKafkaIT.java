package io.newsflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.newsflow.contracts.Topics;
import io.newsflow.testinfra.KafkaProcess;
import io.newsflow.testinfra.TestInfrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.AclCommand;
import org.apache.kafka.tools.BrokerApiVersionsCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The compose stack's secured Kafka (docker/kafka, docker-compose.yml), proven on a real broker
 * with the real services. What compose runs is run here, as far as it can be without Docker:
 * <ul>
 * <li>docker/kafka/start.sh, with the kafka service's environment from docker-compose.yml (its
 * {@code ${...}} filled from a test .env), renders the configuration and chooses the SCRAM users;
 * its two Kafka commands only record their arguments here. The broker then runs from exactly that
 * configuration, formatted with exactly those {@code --add-scram} arguments; only its addresses
 * and data folder move to 127.0.0.1, free ports and a temporary folder.</li>
 * <li>docker/kafka/setup-acls.sh, with kafka-setup's entrypoint and environment, reads
 * docker/kafka/acls.txt; each kafka-acls.sh call it makes is run by Kafka's own
 * {@code AclCommand} (what kafka-acls.sh runs) in this JVM, against the broker's INTERNAL
 * listener, logged in with the admin.properties the script wrote.</li>
 * <li>The three services run as deployed (no profile), each with the {@code SPRING_KAFKA_*}
 * lines of its compose service: its own SCRAM user and nothing more than the ACLs grant.</li>
 * </ul>
 * Not run: Docker itself (images, volumes, healthcheck scheduling, depends_on ordering).
 *
 * <p>The tests run in order: the services' own requests must never have been refused (the broker
 * logs each denial), so the deliberate refusals come after.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredKafkaIT {

    private static final Path ROOT = Path.of(System.getProperty("newsflow.test.services.dir", ".."));
    private static final Path KAFKA_DIR = ROOT.resolve("docker").resolve("kafka");
    /** Where docker-compose.yml mounts docker/kafka in the kafka and kafka-setup containers. */
    private static final String MOUNTED_KAFKA_DIR = "/etc/newsflow/kafka";
    private static final String API_KEY = "secured-e2e-key";
    private static final String WORD = "Wendlebury";
    private static final List<String> SERVICES = List.of("ingest", "enrich", "publish");
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();

    private static Path work;
    /** The test's .env: a fresh password per user. */
    private static final Map<String, String> dotEnv = new LinkedHashMap<>();
    private static KafkaProcess kafka;
    private static Properties admin;
    private static final List<ServiceProcess> services = new ArrayList<>();
    private static final List<Map<String, String>> environments = new ArrayList<>();
    private static CompletableFuture<String> search;
    private static String elasticsearch;
    private static HttpServer receiver;
    private static final List<byte[]> webhookCalls = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startSecuredPipeline() throws Exception {
        work = Files.createTempDirectory("newsflow-secured-kafka-");
        // Elasticsearch (unsecured, shared) starts meanwhile
        search = CompletableFuture.supplyAsync(TestInfrastructure::elasticsearchUrl);
        SecureRandom random = new SecureRandom();
        for (String user : List.of("admin", "ingest", "enrich", "publish")) {
            byte[] password = new byte[18];
            random.nextBytes(password);
            dotEnv.put("KAFKA_" + user.toUpperCase() + "_PASSWORD", HexFormat.of().formatHex(password));
        }
        Path bin = recordingKafkaHome();

        // start.sh as the kafka service runs it
        Map<String, Object> kafkaService = composeService("kafka");
        assertThat(kafkaService.get("entrypoint")).isEqualTo(List.of("/bin/sh", MOUNTED_KAFKA_DIR + "/start.sh"));
        assertThat(kafkaService.get("volumes")).asList().contains("./docker/kafka:" + MOUNTED_KAFKA_DIR + ":ro");
        Map<String, String> kafkaEnvironment = composeEnvironment(kafkaService);
        assertThat(kafkaEnvironment.values()).noneMatch(value -> value.contains("${"));
        Path config = work.resolve("kafka-config");
        kafkaEnvironment.put("KAFKA_HOME", bin.getParent().toString());
        kafkaEnvironment.put("NEWSFLOW_KAFKA_CONFIG_DIR", config.toString());
        Result started = sh(KAFKA_DIR.resolve("start.sh"), kafkaEnvironment);
        assertThat(started.exitCode()).as(started.output()).isZero();
        List<String> format = onlyCall(bin, "kafka-storage.sh");
        assertThat(onlyCall(bin, "kafka-server-start.sh")).containsExactly(config.resolve("server.properties").toString());
        assertThat(format.subList(0, 6)).containsExactly("format", "--cluster-id", kafkaEnvironment.get("CLUSTER_ID"),
                "--config", config.resolve("server.properties").toString(), "--ignore-formatted");
        List<String> scram = format.subList(6, format.size());
        assertThat(scram).hasSize(8).containsSequence("--add-scram", "SCRAM-SHA-512=[name=admin,password="
                + dotEnv.get("KAFKA_ADMIN_PASSWORD") + "]");
        String rendered = Files.readString(config.resolve("server.properties"));
        assertThat(rendered.lines().filter(line -> !line.startsWith("#"))).as("placeholders left")
                .noneMatch(line -> line.contains("${"));
        assertThat(rendered).contains("password=\"" + dotEnv.get("KAFKA_ADMIN_PASSWORD") + "\"");
        admin = new Properties();
        try (InputStream in = Files.newInputStream(config.resolve("admin.properties"))) {
            admin.load(in);
        }

        // the broker: that configuration, formatted with those users
        Map<String, Object> adminConfig = new HashMap<>();
        admin.forEach((key, value) -> adminConfig.put(key.toString(), value));
        kafka = KafkaProcess.fromProperties(rendered, scram, adminConfig, "INTERNAL");
        // the kafka service's healthcheck, with the client settings start.sh wrote
        String healthcheck = ((List<?>) ((Map<?, ?>) kafkaService.get("healthcheck")).get("test")).get(1).toString();
        assertThat(healthcheck).contains("--bootstrap-server localhost:19092",
                "--command-config /tmp/newsflow-kafka/admin.properties");
        runKafkaTool(BrokerApiVersionsCommand::main, "secured-kafka-healthcheck", "--bootstrap-server",
                kafka.bootstrapServers("INTERNAL"), "--command-config", config.resolve("admin.properties").toString());

        assertThat(applyAcls()).isEqualTo(aclCount());

        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            webhookCalls.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();

        elasticsearch = search.get(180, TimeUnit.SECONDS);
        for (String service : SERVICES) {
            Map<String, String> environment = new HashMap<>(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers("INTERNAL"),
                    "ELASTICSEARCH_URIS", elasticsearch,
                    "NEWSFLOW_TOPIC_REPLICAS", "1",
                    "NEWSFLOW_INDEX_REPLICAS", "0",
                    "NEWSFLOW_WEBHOOKS_ALLOW_PRIVATE", "true",
                    "NEWSFLOW_INGEST_SECURITY_APIKEYS_0_NAME", "e2e",
                    "NEWSFLOW_INGEST_SECURITY_APIKEYS_0_SHA256", HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(API_KEY.getBytes(StandardCharsets.UTF_8)))));
            // the service's Kafka login as compose gives it (and enrich's instance id: its transactional ids)
            Map<String, String> compose = composeEnvironment(composeService(service));
            compose.forEach((name, value) -> {
                if (name.startsWith("SPRING_KAFKA_") || name.equals("NEWSFLOW_INSTANCE_ID")) {
                    environment.put(name, value);
                }
            });
            assertThat(environment.values()).as(service).noneMatch(value -> value.contains("${"));
            assertThat(environment).as(service).containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                    .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512");
            assertThat(environment.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG")).as(service)
                    .contains("username=\"" + service + "\"");
            environments.add(environment);
            services.add(ServiceProcess.startInProduction(service + "-service", service + "-service-secured",
                    environment));
        }
        for (ServiceProcess service : services) {
            service.awaitReady(Duration.ofSeconds(120));
        }
    }

    @AfterAll
    static void stopSecuredPipeline() throws Exception {
        if (search != null) {
            // a start that failed early must not leave Elasticsearch starting: once started, it is
            // registered to stop with this JVM
            search.exceptionally(e -> null).get(180, TimeUnit.SECONDS);
        }
        for (ServiceProcess service : services) {
            service.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
        if (kafka != null) {
            Path logs = Files.createDirectories(Path.of("target", "e2e-logs"));
            Files.copy(kafka.logFile(), logs.resolve("secured-kafka.log"), StandardCopyOption.REPLACE_EXISTING);
            kafka.close();
        }
        if (work != null) {
            try (Stream<Path> paths = Files.walk(work)) {
                for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    @Test
    @Order(1)
    void articlesAndSubscriptionsFlowWithEachServiceOnItsOwnUser() throws Exception {
        ServiceProcess ingest = services.get(0);
        ServiceProcess publish = services.get(2);
        String suffix = "secured-" + UUID.randomUUID().toString().substring(0, 8);
        String slice = Topics.ENRICHED_SLICE_PREFIX + suffix;
        String ownAlerts = Topics.ALERTS + "." + suffix;
        String webhook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        created(api(ingest, "/api/v1/subscriptions", "{\"name\":\"secured-hook\",\"query\":{\"q\":\"" + WORD
                + "\"},\"delivery\":{\"webhook\":\"" + webhook + "\"}}"));
        created(api(ingest, "/api/v1/subscriptions", "{\"name\":\"secured-slice\",\"query\":{\"q\":\"" + WORD
                + "\"},\"delivery\":{\"topic\":\"" + slice + "\"}}"));
        created(api(ingest, "/api/v1/subscriptions", "{\"name\":\"secured-alerts\",\"query\":{\"q\":\"" + WORD
                + "\"},\"delivery\":{\"topic\":\"" + ownAlerts + "\"}}"));
        // publish read them all (news.subscriptions) and declared both topics (prefixed Create)
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(json.readTree(
                http.send(HttpRequest.newBuilder(URI.create(publish.baseUrl()
                        + "/actuator/metrics/newsflow.subscriptions.active")).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).get("measurements").get(0).get("value").asDouble())
                .isEqualTo(3.0));
        try (Admin client = Admin.create(adminClient())) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(client.listTopics().names()
                    .get(5, TimeUnit.SECONDS)).contains(slice, ownAlerts));
        }

        String id = post("https://secured.example.org/2025/03/04/" + suffix + "/harbour-reopens",
                "Harbour reopens in " + WORD);

        // ingest -> news.raw -> enrich (transactions) -> news.enriched -> publish -> Elasticsearch
        JsonNode document = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(() -> indexed(id), doc -> doc != null);
        assertThat(document.get("title").asString()).isEqualTo("Harbour reopens in " + WORD);

        // publish -> the subscriber topics (prefixed Write) and news.webhooks -> the webhook call
        try (KafkaConsumer<String, byte[]> consumer = consumer(adminClient())) {
            consumer.subscribe(List.of(slice, ownAlerts));
            List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(read::add);
                return read.stream().anyMatch(r -> r.topic().equals(slice) && id.equals(r.key()))
                        && read.stream().anyMatch(r -> r.topic().equals(ownAlerts));
            });
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> webhookCalls.stream()
                .anyMatch(body -> new String(body, StandardCharsets.UTF_8).contains(id)));
        assertThat(denials()).as("refused requests of the services").isEmpty();
    }

    /**
     * Every start after the first finds the topics there: ingest and enrich (which correct the
     * settings of their topics, spring.kafka.admin.modify-topic-configs) then read those settings,
     * and enrich's new producer fences its old self by its transactional id.
     */
    @Test
    @Order(2)
    void aRestartFindsTheTopicsAndTheirSettingsAsLeft() throws Exception {
        for (int i = 0; i < 2; i++) {
            services.get(i).close();
            String name = SERVICES.get(i) + "-service";
            services.set(i, ServiceProcess.startInProduction(name, name + "-secured", environments.get(i)));
        }
        for (ServiceProcess service : services) {
            service.awaitReady(Duration.ofSeconds(120));
        }
        String id = post("https://secured.example.org/2025/03/05/" + UUID.randomUUID() + "/after-restart",
                "Ferry service resumes in " + WORD);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> indexed(id), doc -> doc != null);
        assertThat(denials()).as("refused requests of the services").isEmpty();
    }

    @Test
    @Order(3)
    void eachUserGetsOnlyWhatTheAclsGrant() {
        String external = kafka.bootstrapServers("EXTERNAL");
        // ingest neither reads nor writes what enrich writes
        assertRefused(() -> readOne(user("ingest", external), Topics.ENRICHED), Topics.ENRICHED);
        assertRefused(() -> write(user("ingest", external), Topics.ENRICHED), Topics.ENRICHED);
        // publish cannot write into the pipeline's input, nor into the topic its slice prefix stops short of
        assertRefused(() -> write(user("publish", external), Topics.RAW), Topics.RAW);
        assertRefused(() -> write(user("publish", external), Topics.ENRICHED), Topics.ENRICHED);
        // the subscriptions hold webhook secrets: enrich cannot read them
        assertRefused(() -> readOne(user("enrich", external), Topics.SUBSCRIPTIONS), Topics.SUBSCRIPTIONS);

        // no credentials: the SASL listeners do not talk to a PLAINTEXT client at all
        Map<String, Object> anonymous = Map.of("bootstrap.servers", external, "request.timeout.ms", 2000,
                "default.api.timeout.ms", 3000);
        try (Admin client = Admin.create(anonymous)) {
            assertThatThrownBy(() -> client.describeCluster().nodes().get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
        // a wrong password is refused by name
        Map<String, Object> wrong = user("ingest", external);
        wrong.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"ingest\" password=\"not-the-password\";");
        try (Admin client = Admin.create(wrong)) {
            assertThatThrownBy(() -> client.describeCluster().nodes().get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
        // nor is the controller listener anonymous: SASL/PLAIN as admin, nothing without it
        String controller = kafka.bootstrapServers("CONTROLLER");
        try (Admin client = Admin.create(Map.of("bootstrap.controllers", controller, "request.timeout.ms", 2000,
                "default.api.timeout.ms", 3000))) {
            assertThatThrownBy(() -> client.describeCluster().nodes().get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
        try (Admin client = Admin.create(Map.of("bootstrap.controllers", controller,
                "security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" "
                        + "password=\"" + dotEnv.get("KAFKA_ADMIN_PASSWORD") + "\";"))) {
            assertThat(client.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(1);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @Order(4)
    void applyingTheAclsAgainAddsNothing() throws Exception {
        assertThat(applyAcls()).isEqualTo(aclCount());
    }

    /** What the broker refused so far (its authorizer logs each denial). */
    private static List<String> denials() throws IOException {
        return Files.readAllLines(kafka.logFile()).stream().filter(line -> line.contains(" is Denied ")).toList();
    }

    /** The call fails for want of an ACL on the topic (the exception itself or one of its causes). */
    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String topic) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).as("refused access to " + topic).isNotNull();
        Throwable cause = thrown;
        while (cause != null && !(cause instanceof TopicAuthorizationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as(thrown.toString()).isInstanceOf(TopicAuthorizationException.class);
        assertThat(((TopicAuthorizationException) cause).unauthorizedTopics()).containsExactly(topic);
    }

    @Test
    @Order(5)
    void theBrokerDoesNotStartWithoutEveryPassword() throws Exception {
        Path bin = work.resolve("kafka-home").resolve("bin");
        Map<String, String> environment = composeEnvironment(composeService("kafka"));
        environment.put("KAFKA_HOME", bin.getParent().toString());
        environment.put("NEWSFLOW_KAFKA_CONFIG_DIR", work.resolve("refused-config").toString());
        environment.remove("KAFKA_PUBLISH_PASSWORD");
        Result missing = sh(KAFKA_DIR.resolve("start.sh"), environment);
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.output()).contains("KAFKA_PUBLISH_PASSWORD is not set");
        environment.put("KAFKA_PUBLISH_PASSWORD", "change-me-kafka-publish"); // .env.example's placeholder
        Result placeholder = sh(KAFKA_DIR.resolve("start.sh"), environment);
        assertThat(placeholder.exitCode()).isNotZero();
        assertThat(placeholder.output()).contains("KAFKA_PUBLISH_PASSWORD is still the placeholder");
        assertThat(calls(bin, "kafka-storage.sh")).isEmpty();
        assertThat(calls(bin, "kafka-server-start.sh")).isEmpty();
    }

    // ---- compose -------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Map<String, Object> composeService(String name) throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        Map<String, Object> service = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
        assertThat(service).as("service " + name + " in docker-compose.yml").isNotNull();
        return service;
    }

    /**
     * The service's environment, with {@code ${NAME}}, {@code ${NAME:?...}} and {@code ${NAME:-x}}
     * filled from the test .env (a variable that is not in it is left as written).
     */
    private static Map<String, String> composeEnvironment(Map<String, Object> service) {
        Map<String, String> environment = new LinkedHashMap<>();
        ((Map<?, ?>) service.get("environment")).forEach((name, value) ->
                environment.put(name.toString(), interpolate(String.valueOf(value))));
        return environment;
    }

    private static String interpolate(String value) {
        Matcher variable = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?:(:?[-?])([^}]*))?}").matcher(value);
        StringBuilder result = new StringBuilder();
        while (variable.find()) {
            String set = dotEnv.get(variable.group(1));
            String replacement;
            if (set != null && !set.isEmpty()) {
                replacement = set;
            } else if (variable.group(2) != null && variable.group(2).endsWith("-")) {
                replacement = variable.group(3);
            } else {
                replacement = variable.group(); // not the test's to set (the API key's hash, ...): left as it is
            }
            variable.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        variable.appendTail(result);
        return result.toString();
    }

    // ---- the scripts ---------------------------------------------------------------------------

    private record Result(int exitCode, String output) {
    }

    /**
     * A KAFKA_HOME whose bin/kafka-*.sh only record their arguments (one call a line, tab-separated)
     * in bin/NAME.calls.
     */
    private static Path recordingKafkaHome() throws IOException {
        Path bin = Files.createDirectories(work.resolve("kafka-home").resolve("bin"));
        for (String tool : List.of("kafka-storage.sh", "kafka-server-start.sh", "kafka-acls.sh")) {
            Path script = bin.resolve(tool);
            Files.writeString(script, """
                    #!/bin/sh
                    for argument in "$@"; do printf '%s\\t' "$argument"; done >> "$0.calls"
                    echo >> "$0.calls"
                    """);
            script.toFile().setExecutable(true);
        }
        return bin;
    }

    private static List<List<String>> calls(Path bin, String tool) throws IOException {
        Path calls = bin.resolve(tool + ".calls");
        if (!Files.exists(calls)) {
            return List.of();
        }
        List<List<String>> all = new ArrayList<>();
        for (String line : Files.readAllLines(calls)) {
            all.add(List.of(line.split("\t")));
        }
        Files.delete(calls);
        return all;
    }

    private static List<String> onlyCall(Path bin, String tool) throws IOException {
        List<List<String>> calls = calls(bin, tool);
        assertThat(calls).as(tool + " calls").hasSize(1);
        return calls.get(0);
    }

    private static Result sh(Path script, Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", script.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    /**
     * Runs setup-acls.sh as kafka-setup does and each kafka-acls.sh call it makes with Kafka's
     * AclCommand; returns how many ACLs the broker then holds.
     */
    private static long applyAcls() throws Exception {
        Map<String, Object> setup = composeService("kafka-setup");
        List<?> entrypoint = (List<?>) setup.get("entrypoint");
        assertThat(entrypoint.subList(0, 2)).isEqualTo(List.of("/bin/sh", MOUNTED_KAFKA_DIR + "/setup-acls.sh"));
        assertThat(setup.get("volumes")).asList().contains("./docker/kafka:" + MOUNTED_KAFKA_DIR + ":ro");
        Map<String, String> environment = composeEnvironment(setup);
        // the INTERNAL listener, as the services use it
        assertThat(environment).containsEntry("KAFKA_BOOTSTRAP_SERVER", "kafka:19092");
        environment.put("KAFKA_BOOTSTRAP_SERVER", kafka.bootstrapServers("INTERNAL"));
        Path bin = work.resolve("kafka-home").resolve("bin");
        environment.put("KAFKA_HOME", bin.getParent().toString());
        environment.put("NEWSFLOW_KAFKA_CONFIG_DIR", work.resolve("setup-config").toString());
        String[] arguments = entrypoint.subList(2, entrypoint.size()).stream()
                .map(argument -> argument.toString().replace(MOUNTED_KAFKA_DIR, KAFKA_DIR.toString()))
                .toArray(String[]::new);
        Result result = sh(KAFKA_DIR.resolve("setup-acls.sh"), environment, arguments);
        assertThat(result.exitCode()).as(result.output()).isZero();
        List<List<String>> calls = calls(bin, "kafka-acls.sh");
        assertThat(calls).hasSize(aclLines().size());
        for (List<String> call : calls) {
            runKafkaTool(AclCommand::main, "secured-kafka-acls", call.toArray(String[]::new));
        }
        try (Admin client = Admin.create(adminClient())) {
            return client.describeAcls(AclBindingFilter.ANY).values().get(10, TimeUnit.SECONDS).size();
        }
    }

    /** A Kafka command-line tool's main, in this JVM: its output to a log, its exit to an exception. */
    private static synchronized void runKafkaTool(java.util.function.Consumer<String[]> main, String logName,
            String... arguments) throws IOException {
        Path log = Files.createDirectories(Path.of("target", "e2e-logs")).resolve(logName + ".log");
        PrintStream out = System.out;
        try (PrintStream toLog = new PrintStream(Files.newOutputStream(log, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), true, StandardCharsets.UTF_8)) {
            System.setOut(toLog);
            Exit.setExitProcedure((code, message) -> {
                throw new ToolExit(code);
            });
            try {
                main.accept(arguments);
            } catch (ToolExit exit) {
                if (exit.code != 0) {
                    throw new IllegalStateException(logName + " exited with " + exit.code + ", see " + log);
                }
            }
        } finally {
            Exit.resetExitProcedure();
            System.setOut(out);
        }
    }

    /** A tool's call of {@code Exit.exit}, which would end this JVM. */
    private static final class ToolExit extends RuntimeException {
        private final int code;

        ToolExit(int code) {
            super("exit " + code, null, false, false);
            this.code = code;
        }
    }

    /** The ACL lines of acls.txt, each split into its five fields. */
    private static List<String[]> aclLines() throws IOException {
        List<String[]> lines = new ArrayList<>();
        for (String line : Files.readAllLines(KAFKA_DIR.resolve("acls.txt"))) {
            String content = line.replaceAll("#.*", "").strip();
            if (!content.isEmpty()) {
                lines.add(content.split("\\s+"));
            }
        }
        return lines;
    }

    /** How many ACLs (principal, operation, resource) the file grants. */
    private static long aclCount() throws IOException {
        return aclLines().stream().mapToLong(fields -> fields[1].split(",").length).sum();
    }

    // ---- clients -------------------------------------------------------------------------------

    private static Map<String, Object> adminClient() {
        Map<String, Object> config = new HashMap<>();
        admin.forEach((key, value) -> config.put(key.toString(), value));
        config.put("bootstrap.servers", kafka.bootstrapServers("EXTERNAL"));
        return config;
    }

    private static Map<String, Object> user(String name, String bootstrapServers) {
        Map<String, Object> config = new HashMap<>(Map.of("bootstrap.servers", bootstrapServers,
                "security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + name + "\" password=\"" + dotEnv.get("KAFKA_" + name.toUpperCase() + "_PASSWORD") + "\";",
                "request.timeout.ms", 3000, "default.api.timeout.ms", 5000));
        return config;
    }

    private static KafkaConsumer<String, byte[]> consumer(Map<String, Object> config) {
        Map<String, Object> consumer = new HashMap<>(config);
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000);
        return new KafkaConsumer<>(consumer, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Reads partition 0 of the topic from the start, without a group. */
    private static void readOne(Map<String, Object> config, String topic) {
        Map<String, Object> consumer = new HashMap<>(config);
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(consumer, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            reader.assign(List.of(new TopicPartition(topic, 0)));
            reader.poll(Duration.ofSeconds(5));
        }
    }

    private static void write(Map<String, Object> config, String topic) throws Exception {
        Map<String, Object> producer = new HashMap<>(config);
        producer.put("max.block.ms", 5000);
        producer.put("delivery.timeout.ms", 8000);
        try (KafkaProducer<String, String> writer = new KafkaProducer<>(producer, new StringSerializer(),
                new StringSerializer())) {
            writer.send(new ProducerRecord<>(topic, "secured-e2e", "must not be written")).get(10, TimeUnit.SECONDS);
        }
    }

    // ---- HTTP ----------------------------------------------------------------------------------

    private static HttpResponse<String> api(ServiceProcess ingest, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(ingest.baseUrl() + path))
                .header("Content-Type", "application/json").header("X-Api-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a small page with the given title over the ingest API; returns the article's id. */
    private static String post(String url, String title) throws Exception {
        String page = """
                <!doctype html><html lang="en"><head><title>%1$s</title>
                <meta property="article:published_time" content="2025-03-04T09:00:00Z"></head>
                <body><article><h1>%1$s</h1>
                <p>The harbour of %2$s reopened on Tuesday after a week of storms kept the fishing fleet ashore.</p>
                <p>Harbour officials said the breakwater had held and that no boats had been lost.</p></article>
                </body></html>""".formatted(title, WORD);
        HttpResponse<String> posted = api(services.get(0), "/api/v1/articles",
                json.writeValueAsString(Map.of("url", url, "source", "Example Secured", "html", page)));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        return json.readTree(posted.body()).get("id").asString();
    }

    private static void created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static JsonNode indexed(String id) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(elasticsearch + "/news-articles/_doc/" + id)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? json.readTree(response.body()).get("_source") : null;
    }
}
