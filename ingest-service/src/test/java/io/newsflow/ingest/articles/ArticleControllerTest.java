package io.newsflow.ingest.articles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.newsflow.contracts.ArticleIds;
import io.newsflow.contracts.ArticleReceived;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(ArticleController.class)
@Import(ArticleControllerTest.FakeBroker.class)
class ArticleControllerTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    FakeBroker broker;

    @BeforeEach
    void reset() {
        broker.published.clear();
        broker.down = false;
    }

    @Test
    void acceptedArticleAnswers202WithItsId() throws Exception {
        mvc.perform(post("/api/v1/articles").contentType(MediaType.APPLICATION_JSON).content("""
                        {"url": "https://example.com/news/1", "source": "Example", "html": "<p>Hello</p>"}
                        """))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.id").value(ArticleIds.fromUrl("https://example.com/news/1")))
                .andExpect(jsonPath("$.revision").isNumber())
                .andExpect(jsonPath("$.receivedAt").isString());
        assertThat(broker.published).hasSize(1);
    }

    @Test
    void invalidFieldsAnswer422ProblemNamingEachField() throws Exception {
        mvc.perform(post("/api/v1/articles").contentType(MediaType.APPLICATION_JSON).content("""
                        {"url": "javascript:alert(1)", "text": "x"}
                        """))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://newsflow.io/problems/invalid-article"))
                .andExpect(jsonPath("$.errors[0].field").value("url"))
                .andExpect(jsonPath("$.errors[1].field").value("source"));
        assertThat(broker.published).isEmpty();
    }

    @Test
    void malformedJsonAnswers400ProblemWithoutInternals() throws Exception {
        mvc.perform(post("/api/v1/articles").contentType(MediaType.APPLICATION_JSON).content("{\"url\": "))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://newsflow.io/problems/malformed-request"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("Malformed JSON")))
                .andExpect(jsonPath("$.trace").doesNotExist());
    }

    @Test
    void wrongFieldTypeIsAClientError() throws Exception {
        mvc.perform(post("/api/v1/articles").contentType(MediaType.APPLICATION_JSON).content("""
                        {"url": ["https://example.com/a"], "source": "X", "text": "t"}
                        """))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void unsupportedMediaTypeAnswers415Problem() throws Exception {
        mvc.perform(post("/api/v1/articles").contentType(MediaType.APPLICATION_XML).content("<a/>"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void brokerDownAnswers503WithRetryAfterAndNotAccepted() throws Exception {
        broker.down = true;
        mvc.perform(post("/api/v1/articles").contentType(MediaType.APPLICATION_JSON).content("""
                        {"url": "https://example.com/news/1", "source": "Example", "text": "Hello"}
                        """))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", ApiErrorHandler.RETRY_AFTER_SECONDS))
                .andExpect(jsonPath("$.type").value("https://newsflow.io/problems/broker-unavailable"));
    }

    /** A publisher that records articles, or fails like an unreachable broker. */
    @TestConfiguration
    static class FakeBroker implements RawArticlePublisher {
        final List<ArticleReceived> published = new ArrayList<>();
        volatile boolean down;

        @Override
        public long publish(ArticleReceived article) {
            if (down) {
                throw new BrokerUnavailableException("test: broker down", null);
            }
            published.add(article);
            return published.size() - 1;
        }

        @Bean
        ArticleIntake articleIntake() {
            return new ArticleIntake(this, Clock.systemUTC());
        }
    }
}
