package io.newsflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The AsyncAPI document ({@code /asyncapi/newsflow.asyncapi.yaml}) describes the topics the code
 * names, with schemas that exist and that the records the code writes keep.
 */
class AsyncApiDocumentTest {

    private static final String DOCUMENT = "/asyncapi/newsflow.asyncapi.yaml";
    private static final String CLOUDEVENTS_HEADERS = "cloudevents-headers.v1.schema.json";
    private static final String DEAD_LETTER_HEADERS = "dead-letter-headers.v1.schema.json";

    /** A record the code writes, for each payload schema the document references. */
    private static final Map<String, List<Object>> EXAMPLES = Map.of(
            "article-received.v1.schema.json", List.of(EventSchemaTest.received()),
            "article-enriched.v1.schema.json", List.of(EventSchemaTest.enriched()),
            "article-alert.v1.schema.json", List.of(EventSchemaTest.alert(), EventSchemaTest.bareAlert()),
            "subscription.v1.schema.json",
            List.of(EventSchemaTest.subscription(), EventSchemaTest.sliceSubscription()),
            "story.v1.schema.json", List.of(EventSchemaTest.story(), EventSchemaTest.mergedStory()),
            "duplicate-correction.v1.schema.json", List.of(EventSchemaTest.correction()));

    private static final JsonNode DOC = read();

    private static JsonNode read() {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream(DOCUMENT)) {
            assertThat(in).as(DOCUMENT).isNotNull();
            return YAMLMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void isAnAsyncApi3DocumentWithTheLocalKafkaServer() {
        assertThat(DOC.path("asyncapi").asString()).isEqualTo("3.0.0");
        assertThat(DOC.path("info").path("title").asString()).isEqualTo("Newsflow events");
        assertThat(DOC.path("info").path("version").asString()).isEqualTo("1.0.0");
        assertThat(DOC.path("info").path("description").asString())
                .contains("read_committed", "at least once", "(subscriptionId, articleId, revision)", "CloudEvents");
        JsonNode local = DOC.path("servers").path("local");
        assertThat(local.path("host").asString()).isEqualTo("127.0.0.1:9092");
        assertThat(local.path("protocol").asString()).isEqualTo("kafka");
    }

    @Test
    void channelsHaveAnAddressMessagesAndTheirParameters() {
        assertThat(DOC.path("channels").properties()).isNotEmpty();
        for (Map.Entry<String, JsonNode> channel : DOC.path("channels").properties()) {
            String address = channel.getValue().path("address").asString();
            assertThat(address).as(channel.getKey()).isNotBlank();
            assertThat(channel.getValue().path("messages").properties()).as(channel.getKey()).isNotEmpty();
            Set<String> placeholders = new TreeSet<>();
            Matcher matcher = Pattern.compile("\\{([^}]+)}").matcher(address);
            while (matcher.find()) {
                placeholders.add(matcher.group(1));
            }
            Set<String> parameters = new TreeSet<>(channel.getValue().path("parameters").propertyNames());
            assertThat(parameters).as(channel.getKey() + " parameters").isEqualTo(placeholders);
        }
    }

    @Test
    void operationsSendOrReceiveMessagesOfTheirChannel() {
        assertThat(DOC.path("operations").properties()).isNotEmpty();
        for (Map.Entry<String, JsonNode> operation : DOC.path("operations").properties()) {
            JsonNode value = operation.getValue();
            assertThat(value.path("action").asString()).as(operation.getKey()).isIn("send", "receive");
            String channelRef = value.path("channel").path("$ref").asString();
            assertThat(channelRef).as(operation.getKey()).startsWith("#/channels/");
            assertThat(resolveLocal(channelRef).isMissingNode()).as(channelRef).isFalse();
            for (JsonNode message : value.path("messages")) {
                assertThat(message.path("$ref").asString()).as(operation.getKey())
                        .startsWith(channelRef + "/messages/");
            }
        }
    }

    @Test
    void everyTopicIsSentAndReceived() {
        Set<String> sent = new TreeSet<>();
        Set<String> received = new TreeSet<>();
        for (JsonNode operation : DOC.path("operations")) {
            String address = resolveLocal(operation.path("channel").path("$ref").asString()).path("address").asString();
            (operation.path("action").asString().equals("send") ? sent : received).add(address);
        }
        assertThat(sent).as("written by some service").containsExactlyInAnyOrderElementsOf(addresses());
        assertThat(received).as("read by someone").contains(Topics.RAW, Topics.ENRICHED, Topics.ALERTS,
                Topics.ENRICHED_SLICE_PREFIX + "{slice}", Topics.ALERTS + ".{name}", Topics.SUBSCRIPTIONS,
                Topics.WEBHOOKS);
    }

    @Test
    void everyLocalReferenceResolves() {
        for (String ref : refs(DOC)) {
            if (ref.startsWith("#")) {
                assertThat(resolveLocal(ref).isMissingNode()).as(ref).isFalse();
            }
        }
    }

    /** Every constant of {@link Topics}: a channel's address, the prefixes as parameterised ones. */
    @Test
    void everyTopicOfTheCodeIsAChannel() {
        Set<String> addresses = addresses();
        List<String> topics = constants(Topics.class, value -> value.startsWith("news."));
        assertThat(topics).contains(Topics.RAW, Topics.ENRICHED_SLICE_PREFIX, Topics.WEBHOOKS_DLT);
        for (String topic : topics) {
            if (topic.endsWith(".")) {
                assertThat(addresses).as(topic).anyMatch(address -> address.matches(Pattern.quote(topic) + "\\{[^}.]+}"));
            } else {
                assertThat(addresses).as(topic).contains(topic);
            }
        }
        assertThat(addresses).as("alerts of one's own")
                .anyMatch(address -> address.matches(Pattern.quote(Topics.ALERTS + ".") + "\\{[^}.]+}"));
        assertThat(addresses).as("no channel the code does not know").allSatisfy(address -> assertThat(
                topics.contains(address) || topics.stream().anyMatch(address::startsWith)).as(address).isTrue());
    }

    /** A subscriber's topic, whatever its name, is one of the parameterised channels, and no other. */
    @Test
    void subscriberTopicsAreTheParameterisedChannels() {
        for (String topic : List.of(Topics.ALERTS, "news.alerts.newsroom", "news.enriched.markets")) {
            assertThat(Topics.isSubscriberTopic(topic)).as(topic).isTrue();
            List<String> matching = addresses().stream().filter(address -> template(address).matcher(topic).matches())
                    .toList();
            assertThat(matching).as(topic).hasSize(1);
        }
    }

    @Test
    void everySchemaFileReferencedExistsAndEverySchemaIsReferenced() {
        Set<String> files = new TreeSet<>();
        for (String ref : refs(DOC)) {
            if (ref.startsWith("#")) {
                continue;
            }
            String path = URI.create(DOCUMENT).resolve(ref).getPath();
            assertThat(path).as(ref).startsWith("/schemas/");
            assertThat(AsyncApiDocumentTest.class.getResource(path)).as(ref + " resolves to " + path).isNotNull();
            String file = path.substring("/schemas/".length());
            assertThat(EventSchemaTest.readSchema(file).path("$id").asString())
                    .isEqualTo("https://newsflow.io/schemas/" + file);
            files.add(file);
        }
        assertThat(files).containsExactlyInAnyOrder("article-received.v1.schema.json", "article-enriched.v1.schema.json",
                "article-alert.v1.schema.json", "subscription.v1.schema.json", "story.v1.schema.json", "duplicate-correction.v1.schema.json",
                CLOUDEVENTS_HEADERS,
                DEAD_LETTER_HEADERS);
    }

    @Test
    void everyEventTypeIsSomeMessagesType() {
        List<String> types = constants(CloudEvents.class, value -> value.startsWith("io.newsflow."));
        assertThat(types).hasSize(6);
        Set<String> used = new TreeSet<>();
        for (JsonNode message : messages().values()) {
            used.addAll(ceTypes(message.path("headers")));
        }
        assertThat(used).containsExactlyInAnyOrderElementsOf(types);
    }

    /**
     * Every message is keyed, and has its headers: the CloudEvents ones (dead letters: the
     * dead-letter ones; tombstones: none), and a payload that is a schema file or null.
     */
    @Test
    void messagesAreKeyedAndCarryTheirHeaders() {
        Map<String, String> addressOfMessage = new LinkedHashMap<>();
        for (JsonNode channel : DOC.path("channels")) {
            for (JsonNode message : channel.path("messages")) {
                addressOfMessage.put(message.path("$ref").asString(), channel.path("address").asString());
            }
        }
        for (Map.Entry<String, JsonNode> entry : messages().entrySet()) {
            String name = entry.getKey();
            JsonNode message = entry.getValue();
            String address = addressOfMessage.get("#/components/messages/" + name);
            assertThat(address).as(name + " is on a channel").isNotNull();
            JsonNode key = message.path("bindings").path("kafka").path("key");
            assertThat(key.path("type").asString()).as(name + " key").isEqualTo("string");
            List<String> headerFiles = refs(message.path("headers")).stream().filter(ref -> !ref.startsWith("#"))
                    .map(AsyncApiDocumentTest::fileName).toList();
            boolean tombstone = message.path("payload").path("type").asString().equals("null");
            if (address.endsWith(".dlt")) {
                assertThat(headerFiles).as(name).containsExactly(DEAD_LETTER_HEADERS);
            } else if (tombstone) {
                assertThat(address).as(name).isIn(Topics.ENRICHED, Topics.SUBSCRIPTIONS);
                assertThat(message.has("headers")).as(name).isFalse();
            } else {
                assertThat(headerFiles).as(name).containsExactly(CLOUDEVENTS_HEADERS);
                assertThat(ceTypes(message.path("headers"))).as(name).hasSize(1);
                assertThat(fileName(message.path("payload").path("$ref").asString())).as(name)
                        .isIn(EXAMPLES.keySet());
            }
        }
        assertThat(messages().values()).filteredOn(m -> m.path("payload").path("type").asString().equals("null"))
                .as("tombstones on news.enriched and news.subscriptions").hasSize(2);
    }

    @Test
    void alertsAndSubscriptionsAreKeyedBySubscriptionAndArticlesByArticle() {
        for (JsonNode channel : DOC.path("channels")) {
            String address = channel.path("address").asString();
            if (address.equals(Topics.STORIES)) {
                assertThat(resolveLocal(channel.path("messages").path("story").path("$ref").asString())
                        .path("bindings").path("kafka").path("key").path("description").asString()).contains("story");
                continue;
            }
            boolean bySubscription = address.startsWith(Topics.ALERTS) || address.startsWith(Topics.SUBSCRIPTIONS)
                    || address.startsWith(Topics.WEBHOOKS);
            for (JsonNode ref : channel.path("messages")) {
                String keyDescription = resolveLocal(ref.path("$ref").asString())
                        .path("bindings").path("kafka").path("key").path("description").asString();
                assertThat(keyDescription).as(address).contains(bySubscription ? "subscription" : "article");
            }
        }
    }

    /** The records the code writes keep the schemas of the messages they are, headers included. */
    @Test
    void recordsTheCodeWritesKeepTheirMessagesSchemas() {
        int checked = 0;
        for (Map.Entry<String, JsonNode> entry : messages().entrySet()) {
            JsonNode message = entry.getValue();
            String payloadRef = message.path("payload").path("$ref").asString();
            if (payloadRef.isEmpty() || !refs(message.path("headers")).stream().map(AsyncApiDocumentTest::fileName)
                    .toList().contains(CLOUDEVENTS_HEADERS)) {
                continue;
            }
            String schema = fileName(payloadRef);
            assertThat(EXAMPLES).as(entry.getKey() + ": an example of " + schema).containsKey(schema);
            for (Object example : EXAMPLES.get(schema)) {
                assertThat(EventSchemaTest.errors(schema, EventSchemaTest.json(example))).as(entry.getKey()).isEmpty();
            }
            String type = ceTypes(message.path("headers")).iterator().next();
            JsonNode source = constOf(message.path("headers"), CloudEvents.SOURCE_HEADER);
            ObjectNode headers = EventSchemaTest.ceHeaders(type, "publish-service");
            if (source != null) {
                headers.put(CloudEvents.SOURCE_HEADER, source.asString());
            }
            assertThat(EventSchemaTest.errors(CLOUDEVENTS_HEADERS, headers)).as(entry.getKey()).isEmpty();
            checked++;
        }
        assertThat(checked).isEqualTo(6);

        ObjectNode badAlert = EventSchemaTest.json(EventSchemaTest.alert()).put("subscriptionId", "not-an-id");
        assertThat(EventSchemaTest.errors("article-alert.v1.schema.json", badAlert)).isNotEmpty();
    }

    private static Map<String, JsonNode> messages() {
        Map<String, JsonNode> messages = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : DOC.path("components").path("messages").properties()) {
            messages.put(entry.getKey(), entry.getValue());
        }
        assertThat(messages).isNotEmpty();
        return messages;
    }

    private static Set<String> addresses() {
        Set<String> addresses = new TreeSet<>();
        DOC.path("channels").forEach(channel -> addresses.add(channel.path("address").asString()));
        return addresses;
    }

    /** A channel address as a pattern of the topic names it stands for. */
    private static Pattern template(String address) {
        StringBuilder regex = new StringBuilder();
        for (String part : address.split("\\{[^}]+}", -1)) {
            if (!regex.isEmpty()) {
                regex.append("[a-z0-9][a-z0-9_-]{0,99}");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    /** The {@code ce_type} values the headers schema pins (a {@code const} or {@code enum}), anywhere in it. */
    private static Set<String> ceTypes(JsonNode headers) {
        Set<String> types = new TreeSet<>();
        for (JsonNode type : headers.findValues(CloudEvents.TYPE_HEADER)) {
            if (type.has("const")) {
                types.add(type.get("const").asString());
            }
            type.path("enum").forEach(value -> types.add(value.asString()));
        }
        return types;
    }

    private static JsonNode constOf(JsonNode headers, String header) {
        return headers.findValues(header).stream().filter(node -> node.has("const")).map(node -> node.get("const"))
                .findFirst().orElse(null);
    }

    /** Every {@code $ref} anywhere under {@code node}. */
    private static List<String> refs(JsonNode node) {
        List<String> refs = new ArrayList<>();
        node.findValues("$ref").forEach(ref -> refs.add(ref.asString()));
        return refs;
    }

    private static String fileName(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static JsonNode resolveLocal(String ref) {
        assertThat(ref).startsWith("#/");
        return DOC.at(ref.substring(1));
    }

    /** The values of the public static final String fields of {@code type} that {@code filter} accepts. */
    private static List<String> constants(Class<?> type, java.util.function.Predicate<String> filter) {
        List<String> values = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)
                    && field.getType() == String.class) {
                try {
                    String value = (String) field.get(null);
                    if (filter.test(value)) {
                        values.add(value);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return values;
    }
}
