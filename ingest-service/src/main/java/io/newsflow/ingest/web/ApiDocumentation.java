package io.newsflow.ingest.web;

import io.newsflow.ingest.IngestProperties;
import io.newsflow.ingest.intake.ArticleSubmission;
import io.newsflow.ingest.intake.FieldRules;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The title, licence and security scheme of the OpenAPI document served at {@code /openapi.json},
 * and the parts of the request schemas that annotations cannot say: a source is a string or an
 * object (a type of the event contract, which carries no API bounds), the bounds of metadata's
 * keys and values, the configured range of a feed's interval, and that every request object
 * refuses unknown fields. All from the same constants the validation uses.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    /** The request objects: unknown fields are refused (400), so none is allowed in the schema. */
    private static final List<String> CLOSED = List.of("ArticleSubmission", "FeedRequest", "FetchRequest",
            "SubscriptionRequest", "SubscriptionRequestQuery", "SubscriptionRequestDelivery");

    @Bean
    OpenAPI newsflowOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Newsflow ingest API").version("v1")
                        .description("Post news articles (JSON, raw pages or scraped text, NDJSON batches) into the "
                                + "Newsflow pipeline. Errors are RFC 9457 problem documents. Every request field is "
                                + "bounded (maxLength, maxItems, maxProperties, pattern): a value outside its bounds "
                                + "is refused with 422 naming the field, never cut; a body that is not the JSON "
                                + "object described (wrong types, unknown or repeated fields, not UTF-8) is a 400. "
                                + "An empty or blank optional string counts as absent.")
                        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
                .schemaRequirement("apiKey", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("API key as 'Authorization: Bearer <key>' (or the X-Api-Key header)"))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }

    @Bean
    OpenApiCustomizer inputBounds(IngestProperties properties) {
        return openApi -> {
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            schemas.put("SourceInput", sourceInput());
            Schema<?> metadata = property(schemas, "ArticleSubmission", "metadata");
            if (metadata != null) {
                metadata.additionalProperties(string(ArticleSubmission.Bounds.METADATA_VALUE, null, null));
                metadata.propertyNames(string(ArticleSubmission.Bounds.METADATA_KEY, null, null).minLength(1));
            }
            Schema<?> interval = property(schemas, "FeedRequest", "interval");
            if (interval != null) {
                var feeds = properties.feeds();
                interval.description("How often to poll it, an ISO-8601 duration from " + feeds.minInterval() + " to "
                        + feeds.maxInterval() + "; " + feeds.defaultInterval() + " when absent. At most "
                        + feeds.maxPerKey() + " feeds per API key (409 past it)");
            }
            for (String name : CLOSED) {
                if (schemas.get(name) != null) {
                    schemas.get(name).additionalProperties(false);
                }
            }
        };
    }

    /** {@code "Reuters"} or {@code {"name": "Reuters", "domain": "reuters.com"}}, bounded. */
    private static Schema<?> sourceInput() {
        Schema<Object> object = new Schema<>();
        object.type("object").types(Set.of("object"));
        object.addProperty("name", string(FieldRules.MAX_SOURCE_NAME, null, "The publisher's name"));
        object.addProperty("domain", string(FieldRules.MAX_SOURCE_DOMAIN, FieldRules.DOMAIN_PATTERN,
                "The publisher's web domain (defaults to the URL's host)"));
        object.additionalProperties(false);
        Schema<Object> source = new Schema<>();
        source.description("Who published it: its name as a string, or an object with a name and/or a domain");
        source.oneOf(List.of(string(FieldRules.MAX_SOURCE_NAME, null, "The publisher's name"), object));
        return source;
    }

    private static Schema<String> string(int maxLength, String pattern, String description) {
        Schema<String> string = new Schema<>();
        string.type("string").types(Set.of("string"));
        string.maxLength(maxLength);
        string.pattern(pattern);
        string.description(description);
        return string;
    }

    private static Schema<?> property(Map<String, Schema> schemas, String schema, String property) {
        Schema<?> owner = schemas.get(schema);
        return owner == null || owner.getProperties() == null ? null : owner.getProperties().get(property);
    }
}
