package io.newsflow.ingest.web;

import io.newsflow.ingest.intake.ArticleIntake;
import io.newsflow.ingest.intake.BrokerUnavailableException;
import io.newsflow.ingest.intake.IntakeMetrics;
import io.newsflow.ingest.intake.RawArticle;
import io.newsflow.ingest.intake.RawArticlePublisher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.contracts.ArticleIds;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.ingest.IngestProperties;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** The HTTP contract of the article API, with the broker replaced by a recording fake. */
@WebMvcTest(ArticleController.class)
@Import(ArticleControllerTest.FakeBroker.class)
@TestPropertySource(properties = {"newsflow.ingest.limits.max-article-size=64KB",
        "newsflow.ingest.limits.max-batch-size=256KB", "newsflow.ingest.limits.max-batch-lines=3"})
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
    void acceptedArticleAnswers202WithItsIdAndStatusLocation() throws Exception {
        String id = ArticleIds.fromUrl("https://example.com/news/1");
        mvc.perform(post("/api/v1/articles").contentType(MediaType.APPLICATION_JSON).content("""
                        {"url": "https://example.com/news/1", "source": "Example", "html": "<p>Hello</p>",
                         "authors": ["Ann Lee"], "metadata": {"feed": "world"}}
                        """))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/v1/articles/" + id + "/status"))
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.revision").isNumber())
                .andExpect(jsonPath("$.receivedAt").isString());
        assertThat(broker.published).singleElement().satisfies(article -> {
            assertThat(article.authors()).containsExactly("Ann Lee");
            assertThat(article.metadata()).containsEntry("feed", "world");
        });
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
    void unknownOrMistypedFieldsAreNamed() throws Exception {
        mvc.perform(post("/api/v1/articles").contentType(MediaType.APPLICATION_JSON).content("""
                        {"url": "https://example.com/a", "source": "X", "text": "t", "publishedat": "2024-01-01"}
                        """))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("publishedat"))
                .andExpect(jsonPath("$.detail").value("Unknown field 'publishedat'."));
        mvc.perform(post("/api/v1/articles").contentType(MediaType.APPLICATION_JSON).content("""
                        {"url": "https://example.com/a", "source": "X", "text": "t", "authors": {"a": 1}}
                        """))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("authors"));
    }

    @Test
    void deeplyNestedJsonIsRefusedQuickly() throws Exception {
        String nested = "{\"url\": \"https://example.com/a\", \"source\": \"X\", \"text\": \"t\", \"metadata\": "
                + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        mvc.perform(post("/api/v1/articles").contentType(MediaType.APPLICATION_JSON).content(nested))
                .andExpect(status().isBadRequest());
    }

    @Test
    void oversizedBodyAnswers413() throws Exception {
        String big = "{\"url\": \"https://example.com/a\", \"source\": \"X\", \"text\": \"" + "a".repeat(70_000) + "\"}";
        mvc.perform(post("/api/v1/articles").contentType(MediaType.APPLICATION_JSON).content(big))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.type").value("https://newsflow.io/problems/payload-too-large"));
    }

    @Test
    void gzipBodiesAreInflatedUnderTheCap() throws Exception {
        byte[] small = gzip("{\"url\": \"https://example.com/g\", \"source\": \"X\", \"text\": \"zipped\"}");
        mvc.perform(post("/api/v1/articles").contentType(MediaType.APPLICATION_JSON).header("Content-Encoding", "gzip")
                        .content(small))
                .andExpect(status().isAccepted());
        assertThat(broker.published).singleElement().satisfies(article -> assertThat(article.text()).isEqualTo("zipped"));

        byte[] bomb = gzip("{\"text\": \"" + " ".repeat(10_000_000) + "\"}");
        assertThat(bomb.length).isLessThan(64 * 1024);
        mvc.perform(post("/api/v1/articles").contentType(MediaType.APPLICATION_JSON).header("Content-Encoding", "gzip")
                        .content(bomb))
                .andExpect(status().isContentTooLarge());
        mvc.perform(post("/api/v1/articles").contentType(MediaType.APPLICATION_JSON).header("Content-Encoding", "gzip")
                        .content("not gzip at all"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/articles").contentType(MediaType.APPLICATION_JSON).header("Content-Encoding", "br")
                        .content("{}"))
                .andExpect(status().isUnsupportedMediaType());
    }

    @Test
    void aRawPageIsPostedWithItsFieldsAsParameters() throws Exception {
        mvc.perform(post("/api/v1/articles").param("url", "https://example.com/page").param("source", "Example")
                        .param("author", "Ann Lee").param("author", "Bo Chan")
                        .contentType("text/html").content("<html><body><p>Caf\u00e9</p></body></html>"
                                .getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isAccepted());
        mvc.perform(post("/api/v1/articles").param("source", "Wire")
                        .contentType("text/plain; charset=ISO-8859-1").content("Caf\u00e9 au lait".getBytes(StandardCharsets.ISO_8859_1)))
                .andExpect(status().isAccepted());

        assertThat(broker.published).hasSize(2);
        assertThat(broker.published.get(0).html()).contains("Caf\u00e9");
        assertThat(broker.published.get(0).authors()).containsExactly("Ann Lee", "Bo Chan");
        assertThat(broker.published.get(1).text()).isEqualTo("Caf\u00e9 au lait");
    }

    @Test
    void rawTextThatIsNotUtf8IsRefused() throws Exception {
        mvc.perform(post("/api/v1/articles").param("source", "Wire").contentType("text/plain")
                        .content(new byte[] {'o', 'k', (byte) 0xC3, (byte) 0x28}))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("UTF-8")));
    }

    @Test
    void aPageDeclaringLatin1IsDecodedAsLatin1() throws Exception {
        byte[] page = "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\u00e9</p></body></html>"
                .getBytes(StandardCharsets.ISO_8859_1);
        mvc.perform(post("/api/v1/articles").param("url", "https://example.com/latin").param("source", "X")
                        .contentType("text/html").content(page))
                .andExpect(status().isAccepted());
        assertThat(broker.published.get(0).html()).contains("Caf\u00e9");
    }

    @Test
    void aBatchAnswersOneResultPerLine() throws Exception {
        String ndjson = """
                {"url": "https://example.com/b1", "source": "X", "text": "one"}
                {"url": "https://example.com/b2", "source": "X"

                {"url": "ftp://example.com/b3", "source": "X", "text": "three"}
                """;
        mvc.perform(post("/api/v1/articles:batch").contentType(ArticleController.NDJSON).content(ndjson))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(1))
                .andExpect(jsonPath("$.rejected").value(2))
                .andExpect(jsonPath("$.results[0].line").value(1))
                .andExpect(jsonPath("$.results[0].status").value(202))
                .andExpect(jsonPath("$.results[0].id").value(ArticleIds.fromUrl("https://example.com/b1")))
                .andExpect(jsonPath("$.results[1].line").value(2))
                .andExpect(jsonPath("$.results[1].status").value(400))
                .andExpect(jsonPath("$.results[2].line").value(4))
                .andExpect(jsonPath("$.results[2].status").value(422))
                .andExpect(jsonPath("$.results[2].error.errors[0].field").value("url"));
        assertThat(broker.published).hasSize(1);
    }

    @Test
    void aBatchOverTheLineLimitIsRefusedWhole() throws Exception {
        String line = "{\"url\": \"https://example.com/x%d\", \"source\": \"X\", \"text\": \"t\"}\n";
        String ndjson = String.format(line, 1) + String.format(line, 2) + String.format(line, 3) + String.format(line, 4);
        mvc.perform(post("/api/v1/articles:batch").contentType(ArticleController.NDJSON).content(ndjson))
                .andExpect(status().isContentTooLarge());
        assertThat(broker.published).isEmpty();
    }

    @Test
    void unsupportedMediaTypeAnswers415Problem() throws Exception {
        mvc.perform(post("/api/v1/articles").contentType(MediaType.APPLICATION_XML).content("<a/>"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://newsflow.io/problems/unsupported-media-type"));
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

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** A publisher that records articles, or fails like an unreachable broker. */
    @TestConfiguration
    @EnableConfigurationProperties(IngestProperties.class)
    static class FakeBroker implements RawArticlePublisher {
        final List<ArticleReceived> published = new ArrayList<>();
        volatile boolean down;

        @Override
        public CompletableFuture<Long> send(RawArticle article) {
            if (down) {
                return CompletableFuture.failedFuture(new BrokerUnavailableException("test: broker down", null, false));
            }
            published.add(article.toEvent());
            return CompletableFuture.completedFuture((long) published.size());
        }

        @Bean
        IntakeMetrics intakeMetrics() {
            return new IntakeMetrics(new SimpleMeterRegistry());
        }

        @Bean
        ArticleIntake articleIntake(IntakeMetrics metrics) {
            return new ArticleIntake(this, Clock.systemUTC(), Duration.ofSeconds(1), metrics);
        }
    }
}
