package io.newsflow.ingest.status;

import io.newsflow.ingest.intake.IntakeMetrics;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.newsflow.ingest.IngestProperties;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** The status endpoint's answers when it cannot look anything up (found articles: the end-to-end test). */
class ArticleStatusControllerTest {

    @TestConfiguration
    @EnableConfigurationProperties(IngestProperties.class)
    static class Properties {
        @org.springframework.context.annotation.Bean
        IntakeMetrics intakeMetrics() {
            return new IntakeMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        }
    }

    @Nested
    @WebMvcTest(ArticleStatusController.class)
    @Import({Properties.class, StatusConfiguration.class})
    class WithoutAnIndex {

        @Autowired
        MockMvc mvc;

        @Test
        void answers501() throws Exception {
            mvc.perform(get("/api/v1/articles/0123456789abcdef0123456789abcdef/status"))
                    .andExpect(status().isNotImplemented())
                    .andExpect(jsonPath("$.type").value("https://newsflow.io/problems/status-unavailable"));
        }

        @Test
        void aMalformedIdIsNotFound() throws Exception {
            mvc.perform(get("/api/v1/articles/<script>/status"))
                    .andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not(
                            org.hamcrest.Matchers.containsString("<script>"))));
        }
    }

    @Nested
    @WebMvcTest(ArticleStatusController.class)
    @Import({Properties.class, StatusConfiguration.class})
    @TestPropertySource(properties = {"newsflow.ingest.status.elasticsearch-uri=http://127.0.0.1:9",
            "newsflow.ingest.status.timeout=1s"})
    class WithAnUnreachableIndex {

        @Autowired
        MockMvc mvc;

        @Test
        void answers503() throws Exception {
            mvc.perform(get("/api/v1/articles/0123456789abcdef0123456789abcdef/status"))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(jsonPath("$.type").value("https://newsflow.io/problems/index-unavailable"));
        }
    }
}
