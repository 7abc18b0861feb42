package io.newsflow.publish;

import io.newsflow.kafka.NativeCompression;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The publish service: news.enriched in, one current document per article in Elasticsearch. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PublishApplication {

    public static void main(String[] args) {
        NativeCompression.enable();
        SpringApplication.run(PublishApplication.class, args);
    }
}
