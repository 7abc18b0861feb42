package io.newsflow.ingest.security;

import io.newsflow.ingest.IngestProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Secure by default: the API requires a key. Only the {@code local} profile (a developer's
 * machine, the tests) may run without one, and says so in the log; anywhere else a missing key
 * configuration stops the start with an explanation.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    ApiKeys apiKeys(IngestProperties properties, Environment environment) {
        ApiKeys keys = new ApiKeys(properties.security().apiKeys());
        if (keys.isEmpty()) {
            if (!environment.acceptsProfiles(Profiles.of("local"))) {
                throw new IllegalStateException("No API key is configured. Set newsflow.ingest.security.api-keys "
                        + "(e.g. NEWSFLOW_INGEST_SECURITY_APIKEYS_0_NAME=scraper and "
                        + "NEWSFLOW_INGEST_SECURITY_APIKEYS_0_SHA256=$(printf %s \"$KEY\" | sha256sum | cut -c1-64)); "
                        + "only the local profile may run without keys.");
            }
            log.warn("No API key configured: the API is open (allowed in the local profile only)");
        }
        return keys;
    }

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiKeys keys, IngestProperties properties,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        var registration = new FilterRegistrationBean<>(new ApiKeyFilter(keys,
                new RateLimiter(properties.security().rateLimit()), problems));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.setEnabled(!keys.isEmpty());
        return registration;
    }
}
