package servmon.dashboard.api;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** ETags on /api/ only: the Vaadin pages have their own caching and must not be buffered. */
@Configuration(proxyBeanMethods = false)
class ConditionalRequests {

    @Bean
    FilterRegistrationBean<ApiEtagFilter> apiEtags() {
        FilterRegistrationBean<ApiEtagFilter> registration = new FilterRegistrationBean<>(new ApiEtagFilter());
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
