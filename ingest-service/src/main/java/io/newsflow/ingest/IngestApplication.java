package io.newsflow.ingest;

import io.newsflow.kafka.NativeCompression;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The ingest service: accepts articles over HTTP and writes them to {@code news.raw}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngestApplication {

    public static void main(String[] args) {
        NativeCompression.enable();
        SpringApplication.run(IngestApplication.class, args);
    }
}
