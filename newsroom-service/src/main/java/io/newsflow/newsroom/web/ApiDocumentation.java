package io.newsflow.newsroom.web;

import io.newsflow.newsroom.search.Facet;
import io.newsflow.newsroom.search.NewsQuery;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document served at {@code /openapi.json}: its title and conventions, the access key,
 * and the search parameters with their bounds. The controller reads the search parameters as one
 * map (so that unknown and repeated ones are refused with the rest), which springdoc cannot
 * describe; they are listed here instead, every bound taken from the constants and patterns that
 * {@link NewsQuery} and {@link Facet} check, so that the document cannot drift from the checks.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String SEARCH = "/api/v1/search";
    static final String NEW = "/api/v1/search/new";

    @Bean
    OpenAPI newsroomOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Newsflow newsroom API").version("v1")
                        .description("Search, slice and read the indexed articles; read-only. Errors are RFC 9457 "
                                + "problem documents. Every parameter is bounded (maxLength, maxItems, minimum, "
                                + "maximum, pattern, enum): a value outside its bounds, an unknown parameter or a "
                                + "parameter given more often than allowed is refused with 400, every offending "
                                + "parameter named in errors[].parameter, never cut or ignored. Lengths count "
                                + "Unicode code points. An empty value of a single-valued parameter counts as not "
                                + "given. Dates are in the years " + NewsQuery.MIN_YEAR + " to " + NewsQuery.MAX_YEAR
                                + ". A query string that is not percent-encoded UTF-8 is a 400 too.")
                        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
                .schemaRequirement("accessKey", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("When the newsroom has an access key (NEWSFLOW_NEWSROOM_ACCESS_KEY): "
                                + "Authorization: Bearer <key>; without it, or with another, a 401"))
                .addSecurityItem(new SecurityRequirement().addList("accessKey"));
    }

    @Bean
    OpenApiCustomizer searchParameters() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            document(openApi.getPaths().get(SEARCH), false);
            document(openApi.getPaths().get(NEW), true);
        };
    }

    private static void document(PathItem path, boolean since) {
        if (path == null || path.getGet() == null) {
            return;
        }
        Operation get = path.getGet();
        List<Parameter> parameters = new ArrayList<>(parameters());
        if (since) {
            parameters.add(new Parameter().in("query").name("since").required(true)
                    .description("Count the articles indexed after this instant (the page sends its results' asOf)")
                    .schema(string(NewsQuery.MAX_TIME_LENGTH, NewsQuery.INSTANT_PATTERN).format("date-time")));
        }
        get.setParameters(parameters);
    }

    /** The parameters of a search, each with the bounds {@link NewsQuery} checks. */
    static List<Parameter> parameters() {
        List<Parameter> parameters = new ArrayList<>();
        parameters.add(single("q", "Words, in a safe syntax: \"a phrase\", this OR that, this AND that, -without, "
                + "(grouping). Tab and line breaks count as spaces; other control characters and bidirectional "
                + "overrides are refused", string(NewsQuery.MAX_TEXT, NewsQuery.TEXT_PATTERN)));
        for (Facet facet : Facet.values()) {
            Schema<String> value = string(NewsQuery.MAX_VALUE_LENGTH, facet.pattern()).minLength(1);
            if (!facet.choices().isEmpty()) {
                value.setEnum(facet.choices());
            }
            Schema<Object> values = new Schema<>();
            values.type("array").types(Set.of("array"));
            values.items(value).maxItems(NewsQuery.MAX_VALUES);
            parameters.add(new Parameter().in("query").name(facet.parameter()).explode(true)
                    .style(Parameter.StyleEnum.FORM).schema(values)
                    .description("Only articles with this value of the " + facet.key() + " facet (repeat for "
                            + "more: all must match)"));
        }
        parameters.add(single("from", "Published at or after: a day (its start, UTC) or an instant",
                string(NewsQuery.MAX_TIME_LENGTH, NewsQuery.DATE_PATTERN)));
        parameters.add(single("to", "Published before: a day (included: until its end, UTC) or an instant "
                + "(excluded); after from", string(NewsQuery.MAX_TIME_LENGTH, NewsQuery.DATE_PATTERN)));
        Schema<String> sort = string(null, null);
        sort.setEnum(List.of(NewsQuery.Sort.NEWEST.parameter(), NewsQuery.Sort.RELEVANCE.parameter()));
        sort.setDefault(NewsQuery.Sort.NEWEST.name().toLowerCase(Locale.ROOT));
        parameters.add(single("sort", "The order of the hits", sort));
        Schema<Integer> size = new Schema<>();
        size.type("integer").types(Set.of("integer"));
        size.minimum(BigDecimal.valueOf(NewsQuery.MIN_SIZE)).maximum(BigDecimal.valueOf(NewsQuery.MAX_SIZE))
                .setDefault(NewsQuery.DEFAULT_SIZE);
        parameters.add(single("size", "Hits per page", size));
        parameters.add(single("after", "The previous page's next cursor (of the same sort order); "
                + "anything else is refused", string(NewsQuery.MAX_CURSOR, NewsQuery.CURSOR_PATTERN)));
        return parameters;
    }

    private static Parameter single(String name, String description, Schema<?> schema) {
        return new Parameter().in("query").name(name).description(description).allowEmptyValue(true).schema(schema);
    }

    private static Schema<String> string(Integer maxLength, String pattern) {
        Schema<String> string = new Schema<>();
        string.type("string").types(Set.of("string"));
        string.maxLength(maxLength);
        string.pattern(pattern);
        return string;
    }
}
