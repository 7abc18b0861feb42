package io.newsflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ArticleIdsTest {

    @Test
    void sameArticleUnderCosmeticUrlVariantsGetsOneId() {
        String id = ArticleIds.fromUrl("https://www.example.com/world/story-1?page=2&lang=en");
        assertThat(ArticleIds.fromUrl("HTTPS://WWW.Example.COM:443/world/story-1?lang=en&page=2#comments"))
                .isEqualTo(id);
        assertThat(ArticleIds.fromUrl("https://www.example.com/world/story-1?utm_source=x&page=2&fbclid=abc&lang=en&gclid=1"))
                .isEqualTo(id);
    }

    @Test
    void differentPathsOrParametersAreDifferentArticles() {
        String id = ArticleIds.fromUrl("https://example.com/world/story-1");
        assertThat(ArticleIds.fromUrl("https://example.com/world/story-2")).isNotEqualTo(id);
        assertThat(ArticleIds.fromUrl("https://example.com/world/story-1?id=7")).isNotEqualTo(id);
        assertThat(ArticleIds.fromUrl("https://example.com/World/story-1")).isNotEqualTo(id);
    }

    @Test
    void canonicalUrlDropsWhatDoesNotIdentifyTheArticle() {
        assertThat(ArticleIds.canonicalUrl("HTTP://News.Example.org:80?b=2&a=1&utm_medium=rss#top"))
                .isEqualTo("http://news.example.org/?a=1&b=2");
        assertThat(ArticleIds.canonicalUrl("https://example.org:8443/a"))
                .isEqualTo("https://example.org:8443/a");
    }

    @Test
    void idsAre128BitHex() {
        assertThat(ArticleIds.fromUrl("https://example.com/a")).matches("[0-9a-f]{32}");
        assertThat(ArticleIds.fromContent(Source.named("Wire"), "text")).matches("[0-9a-f]{32}");
    }

    @Test
    void withoutUrlTheIdFollowsSourceAndContent() {
        String id = ArticleIds.fromContent(Source.named("Wire"), "Some text.");
        assertThat(ArticleIds.fromContent(Source.named("wire"), "  Some text.\n")).isEqualTo(id);
        assertThat(ArticleIds.fromContent(Source.named("Other"), "Some text.")).isNotEqualTo(id);
        assertThat(ArticleIds.fromContent(Source.named("Wire"), "Other text.")).isNotEqualTo(id);
    }

    @Test
    void rejectsWhatIsNotAnHttpUrl() {
        assertThatIllegalArgumentException().isThrownBy(() -> ArticleIds.canonicalUrl("ftp://example.com/a"));
        assertThatIllegalArgumentException().isThrownBy(() -> ArticleIds.canonicalUrl("/relative/path"));
        assertThatIllegalArgumentException().isThrownBy(() -> ArticleIds.canonicalUrl("https://exa mple.com"));
        assertThatIllegalArgumentException().isThrownBy(() -> ArticleIds.canonicalUrl("https:///nohost"));
        assertThatIllegalArgumentException().isThrownBy(() -> ArticleIds.canonicalUrl("https://example.com:99999/a"));
        assertThatIllegalArgumentException().isThrownBy(() -> ArticleIds.canonicalUrl("https://user:pw@example.com/a"));
    }

    @Test
    void domainDropsWww() {
        assertThat(ArticleIds.domainOf("https://WWW.Example.com/a")).isEqualTo("example.com");
        assertThat(ArticleIds.domainOf("https://news.example.com/a")).isEqualTo("news.example.com");
    }
}
