package servmon.dashboard.database;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API's 503 while the database is away, in front of Spring Security's filters. */
@Configuration(proxyBeanMethods = false)
class DatabaseWebConfiguration {

    @Bean
    FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilter(DatabaseHealth health) {
        FilterRegistrationBean<DatabaseUnavailableFilter> registration =
                new FilterRegistrationBean<>(new DatabaseUnavailableFilter(health));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }
}
