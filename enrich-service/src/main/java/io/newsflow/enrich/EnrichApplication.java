package io.newsflow.enrich;

import io.newsflow.kafka.NativeCompression;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The enrich service: news.raw in, extracted and enriched articles out on news.enriched. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EnrichApplication {

    public static void main(String[] args) {
        NativeCompression.enable();
        SpringApplication.run(EnrichApplication.class, args);
    }
}
