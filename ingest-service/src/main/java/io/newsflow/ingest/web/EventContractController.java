package io.newsflow.ingest.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the event contract beside the HTTP API's: the AsyncAPI document of every topic at
 * {@code /asyncapi.yaml} (also at {@code /asyncapi/newsflow.asyncapi.yaml}, where its relative
 * {@code ../schemas/...} references resolve) and the JSON Schemas at {@code /schemas/<file>}. They
 * come from the contracts module, the same files the services and tests use, so the served
 * contract cannot drift from the code. Outside {@code /api/}, so reading them needs no key.
 */
@RestController
@Tag(name = "contract", description = "The Kafka topics' event contract")
class EventContractController {

    private static final String ASYNCAPI = "/asyncapi/newsflow.asyncapi.yaml";
    private static final Pattern SCHEMA_FILE = Pattern.compile("[a-z0-9-]+\\.v[0-9]+\\.schema\\.json");
    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");
    private static final MediaType SCHEMA = MediaType.parseMediaType("application/schema+json");

    @Operation(summary = "The AsyncAPI 3 document of every topic Newsflow writes")
    @GetMapping({"/asyncapi.yaml", ASYNCAPI})
    ResponseEntity<byte[]> asyncApi() throws IOException {
        return resource(ASYNCAPI, YAML);
    }

    @Operation(summary = "A JSON Schema of the event contract, e.g. article-enriched.v1.schema.json")
    @GetMapping("/schemas/{file}")
    ResponseEntity<byte[]> schema(@PathVariable String file) throws IOException {
        if (!SCHEMA_FILE.matcher(file).matches()) {
            throw notFound();
        }
        return resource("/schemas/" + file, SCHEMA);
    }

    private static ResponseEntity<byte[]> resource(String path, MediaType type) throws IOException {
        try (InputStream in = EventContractController.class.getResourceAsStream(path)) {
            if (in == null) {
                throw notFound();
            }
            return ResponseEntity.ok().contentType(type).body(in.readAllBytes());
        }
    }

    private static ApiProblem notFound() {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                "No such document; the contract is at /asyncapi.yaml and the schemas at /schemas/<name>.v1.schema.json.");
    }
}
