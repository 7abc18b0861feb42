package io.newsflow.ingest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.newsflow.ingest.IngestProperties.SecurityProperties.ApiKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private final ApiKeys keys = new ApiKeys(List.of(
            new ApiKey("scraper", ApiKeys.hash("s3cret-one")),
            new ApiKey("feeds", ApiKeys.hash("s3cret-two").toUpperCase())));

    @Test
    void aConfiguredKeyIsKnownByItsHolder() {
        assertThat(keys.holderOf("s3cret-one")).isEqualTo("scraper");
        assertThat(keys.holderOf("s3cret-two")).isEqualTo("feeds");
    }

    @Test
    void anyOtherKeyIsNot() {
        assertThat(keys.holderOf("s3cret-three")).isNull();
        assertThat(keys.holderOf("")).isNull();
        assertThat(keys.holderOf(ApiKeys.hash("s3cret-one"))).as("the hash is not the key").isNull();
    }

    @Test
    void aMalformedHashIsAConfigurationError() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ApiKeys(List.of(new ApiKey("x", "abc"))))
                .withMessageContaining("'x'");
    }
}
