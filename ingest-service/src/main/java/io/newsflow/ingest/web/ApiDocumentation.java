package io.newsflow.ingest.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title, licence and security scheme of the OpenAPI document served at {@code /openapi.json}. */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    @Bean
    OpenAPI newsflowOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Newsflow ingest API").version("v1")
                        .description("Post news articles (JSON, raw pages or scraped text, NDJSON batches) into the "
                                + "Newsflow pipeline. Errors are RFC 9457 problem documents.")
                        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
                .schemaRequirement("apiKey", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("API key as 'Authorization: Bearer <key>' (or the X-Api-Key header)"))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
