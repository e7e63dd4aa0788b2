package ai.migma.gateway.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    /** Errors Tomcat answers itself, before Spring sees the request, are JSON too. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorsFromTomcat() {
        return factory -> factory.addContextCustomizers(context ->
                ((StandardHost) context.getParent()).setErrorReportValveClass(JsonErrorReportValve.class.getName()));
    }

    /**
     * Tomcat logs the offending line of a request it cannot parse, once a day at INFO and then at DEBUG: for a header
     * with a control character that is the whole {@code Authorization} line, key or admin token included. Its
     * {@code UserDataHelper} reads this property when each connection processor is made, which is after the
     * connector starts, so setting it here covers every request; NONE logs no user data at any level.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> noRequestDataInTomcatLogs() {
        return factory -> System.setProperty(TOMCAT_USER_DATA_LOGGING, "NONE");
    }

    static final String TOMCAT_USER_DATA_LOGGING = "org.apache.juli.logging.UserDataHelper.CONFIG";

    @Bean
    WebMvcConfigurer storableParameters() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new StorableParametersInterceptor());
            }
        };
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> preEncodedHeaders() {
        return factory -> factory.addContextValves(new PreEncodedHeadersValve());
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(HttpLimitProperties limits, ErrorRenderer errors) {
        FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
                new BodySizeLimitFilter(limits.maxBodySize().toBytes(), limits.maxBulkImportBodySize().toBytes(),
                        errors));
        // Right after the request id, before anything reads a body.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        // Before Spring Security's chain, whose 401/403/429 responses must carry the id too.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * Off: Thymeleaf's auto-configuration registers this filter whenever a webjar locator is on the classpath (Swagger
     * UI brings one). It wraps every response, the API's included, to rewrite versioned resource URLs, which no page
     * here uses; on the hot path it was a wrapper per request for nothing.
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration =
                new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        registration.setEnabled(false);
        return registration;
    }
}
