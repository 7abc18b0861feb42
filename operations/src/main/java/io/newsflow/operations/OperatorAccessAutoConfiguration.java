package io.newsflow.operations;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Puts {@link OperatorAccess} in front of the actuator's endpoints of every service that has
 * this module on its class path (all of them), configured by {@code newsflow.operator.sha256}
 * ({@code NEWSFLOW_OPERATOR_SHA256}).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class OperatorAccessAutoConfiguration {

    @Bean
    FilterRegistrationBean<OperatorAccess> operatorAccess(@Value("${newsflow.operator.sha256:}") String tokenSha256,
            @Value("${management.endpoints.web.base-path:/actuator}") String basePath) {
        var registration = new FilterRegistrationBean<>(new OperatorAccess(tokenSha256));
        registration.addUrlPatterns(basePath, basePath + "/*");
        registration.setName("operatorAccess");
        return registration;
    }
}
