package io.newsflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The compose stack's security, checked statically on every build (no Docker engine needed):
 * Elasticsearch with TLS and security on, each service reaching it over https as a user of its
 * own whose role grants what that service uses and nothing more, no secret written in the
 * compose file, health details for the operator only, every published port on loopback. What the
 * roles allow is decided by Elasticsearch at run time; this test keeps the files consistent with
 * each other and with the indices the code uses, so that a renamed index or a new service can't
 * silently fall outside (or beyond) its role.
 */
class ComposeSecurityTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final JsonMapper json = JsonMapper.builder().build();

    /** Each service reaching Elasticsearch, the role its user must have and the indices it uses. */
    private static final Map<String, Use> USES = Map.of(
            "publish", new Use("newsflow_publish", List.of("news-articles", "news-articles-v1", "news-articles-v12"), true),
            "enrich", new Use("newsflow_enrich", List.of("news-duplicates", "news-stories"), true),
            "ingest", new Use("newsflow_ingest", List.of("news-articles", "news-articles-v1"), false),
            "newsroom", new Use("newsflow_reader", List.of("news-articles", "news-articles-v1"), false));
    private static final Set<String> READ_ONLY = Set.of("read", "view_index_metadata");

    private record Use(String role, List<String> indices, boolean writes) {
    }

    @Test
    void everyServiceReachesElasticsearchOverTlsAsAUserOfItsOwn() throws IOException {
        Map<String, String[]> users = users();
        Set<String> seen = new HashSet<>();
        for (var entry : USES.entrySet()) {
            String service = entry.getKey();
            Map<String, String> env = environment(service);
            assertThat(env.get("ELASTICSEARCH_URIS")).as(service).startsWith("https://elasticsearch:9200");
            String ca = env.get("ELASTICSEARCH_CA_CERTIFICATE");
            assertThat(ca).as(service + " trusts the stack's CA").isNotBlank();
            assertThat(volumes(service)).as(service + " mounts the CA certificate read-only")
                    .noneMatch(volume -> volume.startsWith("certs:")) // the keys are Elasticsearch's alone
                    .anySatisfy(volume -> {
                        String[] parts = volume.split(":");
                        assertThat(parts[0]).isEqualTo("ca");
                        assertThat(ca).startsWith(parts[1] + "/");
                        assertThat(parts).hasSize(3);
                        assertThat(parts[2]).isEqualTo("ro");
                    });
            String user = env.get("ELASTICSEARCH_USERNAME");
            assertThat(users).as(service + "'s user " + user + " is made by setup.sh").containsKey(user);
            assertThat(users.get(user)[0]).as(service + "'s role").isEqualTo(entry.getValue().role());
            assertThat(env.get("ELASTICSEARCH_PASSWORD")).as(service + "'s password comes from .env")
                    .startsWith("${" + users.get(user)[1] + ":?");
            assertThat(seen.add(user)).as(user + " is used by one service only").isTrue();
        }
    }

    @Test
    void eachRoleGrantsWhatItsServiceUsesAndNothingMore() throws IOException {
        for (var entry : USES.entrySet()) {
            Use use = entry.getValue();
            JsonNode role = role(use.role());
            List<String> patterns = new ArrayList<>();
            Set<String> privileges = new HashSet<>();
            for (JsonNode grant : role.path("indices")) {
                grant.path("names").forEach(name -> patterns.add(name.asString()));
                grant.path("privileges").forEach(p -> privileges.add(p.asString()));
            }
            for (String index : use.indices()) {
                assertThat(patterns).as(use.role() + " covers " + index).anyMatch(p -> glob(p).matcher(index).matches());
            }
            for (String pattern : patterns) {
                assertThat(use.indices()).as(use.role() + "'s " + pattern + " names an index its service uses")
                        .anyMatch(index -> glob(pattern).matcher(index).matches());
                assertThat(pattern).as("no role reaches every index").isNotIn("*", "_all", "news*", "news-*");
            }
            if (!use.writes()) {
                assertThat(privileges).as(use.role() + " only reads").isSubsetOf(READ_ONLY);
                assertThat(role.path("cluster").isEmpty()).as(use.role() + " has no cluster privilege").isTrue();
            }
            role.path("cluster").forEach(p -> assertThat(p.asString()).as(use.role())
                    .isIn("monitor", "manage_index_templates"));
            assertThat(privileges).as(use.role()).doesNotContain("all", "delete_index");
        }
        JsonNode analyst = role("newsflow_analyst");
        analyst.path("indices").forEach(grant -> grant.path("privileges")
                .forEach(p -> assertThat(p.asString()).as("analysts only read").isIn(READ_ONLY)));
    }

    @Test
    void elasticsearchAndKibanaRunWithSecurityAndTls() throws IOException {
        Map<String, String> elasticsearch = environment("elasticsearch");
        assertThat(elasticsearch).containsEntry("xpack.security.enabled", "true")
                .containsEntry("xpack.security.http.ssl.enabled", "true")
                .containsEntry("xpack.security.transport.ssl.enabled", "true");
        assertThat(elasticsearch.get("ELASTIC_PASSWORD")).startsWith("${ELASTIC_PASSWORD:?");
        Map<String, String> kibana = environment("kibana");
        assertThat(kibana.get("ELASTICSEARCH_HOSTS")).startsWith("https://");
        assertThat(kibana).containsEntry("ELASTICSEARCH_USERNAME", "kibana_system");
        assertThat(kibana.get("ELASTICSEARCH_SSL_CERTIFICATEAUTHORITIES")).isNotBlank();
    }

    @Test
    void noSecretIsWrittenInTheComposeFile() throws IOException {
        Pattern secret = Pattern.compile(".*(PASSWORD|SECRET|SHA256|API_KEY|JAAS).*");
        for (String service : services().keySet()) {
            environment(service).forEach((name, value) -> {
                if (secret.matcher(name.toUpperCase()).matches() && !value.isEmpty()) {
                    assertThat(value).as(service + " " + name + " comes from the environment").contains("${");
                    assertThat(value.replaceAll("\\$\\{[^}]*}", "")).as(service + " " + name)
                            .doesNotContainPattern("password=\"[^\"]+\"");
                }
            });
        }
        assertThat(Files.readAllLines(ROOT.resolve(".gitignore"))).as(".env is never committed").contains(".env");
    }

    @Test
    void healthDetailsAreForTheOperatorOnly() throws IOException {
        for (String service : List.of("ingest", "enrich", "publish", "newsroom")) {
            assertThat(environment(service).get("NEWSFLOW_OPERATOR_SHA256")).as(service)
                    .startsWith("${NEWSFLOW_OPERATOR_SHA256:?");
            String config = Files.readString(ROOT.resolve(service + "-service/src/main/resources/application.yml"));
            assertThat(config).as(service).contains("show-details: when-authorized").doesNotContain("show-details: always");
        }
    }

    @Test
    void everyPublishedPortIsOnLoopback() throws IOException {
        services().forEach((name, service) -> {
            Object ports = ((Map<?, ?>) service).get("ports");
            if (ports != null) {
                ((List<?>) ports).forEach(port -> assertThat(port.toString()).as(name).startsWith("127.0.0.1:"));
            }
        });
    }

    /** user -> {role, password variable}, from docker/elasticsearch/users. */
    private static Map<String, String[]> users() throws IOException {
        Map<String, String[]> users = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve("docker/elasticsearch/users"))) {
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            String[] fields = line.strip().split("\\s+");
            users.put(fields[0], new String[] {fields[1], fields[2]});
        }
        try (Stream<Path> roles = Files.list(ROOT.resolve("docker/elasticsearch/roles"))) {
            Set<String> defined = new HashSet<>();
            roles.forEach(p -> defined.add(p.getFileName().toString().replace(".json", "")));
            users.values().forEach(u -> assertThat(defined).as("role " + u[0] + " is defined").contains(u[0]));
        }
        return users;
    }

    private static JsonNode role(String name) throws IOException {
        return json.readTree(Files.readString(ROOT.resolve("docker/elasticsearch/roles/" + name + ".json")));
    }

    private static Pattern glob(String pattern) {
        return Pattern.compile(Pattern.quote(pattern).replace("*", "\\E.*\\Q"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Object>) compose.get("services");
    }

    private static Map<String, String> environment(String service) throws IOException {
        Object env = ((Map<?, ?>) services().get(service)).get("environment");
        Map<String, String> result = new HashMap<>();
        if (env instanceof Map<?, ?> map) {
            map.forEach((k, v) -> result.put(k.toString(), v == null ? "" : v.toString()));
        } else if (env instanceof List<?> list) {
            list.forEach(item -> {
                String[] kv = item.toString().split("=", 2);
                result.put(kv[0], kv.length > 1 ? kv[1] : "");
            });
        }
        return result;
    }

    private static List<String> volumes(String service) throws IOException {
        Object volumes = ((Map<?, ?>) services().get(service)).get("volumes");
        return volumes == null ? List.of() : ((List<?>) volumes).stream().map(Object::toString).toList();
    }
}
