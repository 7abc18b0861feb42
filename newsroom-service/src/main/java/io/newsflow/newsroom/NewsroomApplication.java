package io.newsflow.newsroom;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The newsroom: the built-in dashboard over the article index, read-only. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NewsroomApplication {

    public static void main(String[] args) {
        SpringApplication.run(NewsroomApplication.class, args);
    }
}
