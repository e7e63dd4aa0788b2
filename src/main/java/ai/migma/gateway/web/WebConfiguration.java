package ai.migma.gateway.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.boot.webmvc.actuate.endpoint.web.AbstractWebMvcEndpointHandlerMapping;
import org.springframework.boot.webmvc.actuate.endpoint.web.ControllerEndpointHandlerMapping;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.http.converter.xml.Jaxb2RootElementHttpMessageConverter;
import org.springframework.web.filter.RequestContextFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
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
     * A body that names no charset is read as UTF-8 (the dashboard's forms, JSON read as text), set once on Tomcat's
     * context instead of by Spring Boot's CharacterEncodingFilter on every request (off in application.yml). Unlike
     * that filter, which forced UTF-8, a charset the client names is respected.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> utf8RequestBodies() {
        return factory -> factory.addContextCustomizers(
                context -> context.setRequestCharacterEncoding(StandardCharsets.UTF_8.name()));
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

    /**
     * The actuator's handler mappings are asked after the application's: DispatcherServlet asks each mapping in
     * order, and the actuator's come first by default, so every API request was first matched against every actuator
     * path and failed (about 2 µs a request, docs/PERFORMANCE.md). Asked second, they cost the API nothing, and a
     * health check pays the application's failed lookup instead. Before the router functions when no proxy route
     * exists (2, proxy/ProxyRouteConfiguration) and the static resources' catch-all, which would otherwise answer
     * actuator paths.
     */
    @Bean
    static BeanPostProcessor actuatorMappingsAfterTheApplications() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof AbstractWebMvcEndpointHandlerMapping
                        || bean instanceof ControllerEndpointHandlerMapping) {
                    ((AbstractHandlerMapping) bean).setOrder(1);
                }
                return bean;
            }
        };
    }

    /**
     * Envelopes written without resolving their generic type on every response, and before Spring's composite of
     * return-value handlers questions each handler about them (EnvelopeReturnValueHandler).
     */
    @Bean
    WebMvcRegistrations envelopesWrittenByTheirClass() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerAdapter getRequestMappingHandlerAdapter() {
                return new EnvelopesFirstHandlerAdapter();
            }
        };
    }

    /**
     * JSON written by Jackson 3 only: the Migma API speaks no XML, and Jackson 2 is here only for springdoc's own use.
     * JAXB (Hibernate brings it) and Jackson 2 on the classpath each make Spring MVC add a converter, and every
     * response asked each whether it could write the body (an annotation lookup, a serializer lookup) before the
     * JSON converter wrote it: about 1 µs a request (docs/PERFORMANCE.md).
     */
    @Bean
    @SuppressWarnings("removal")
    WebMvcConfigurer jsonOnly() {
        return new WebMvcConfigurer() {
            @Override
            public void configureMessageConverters(HttpMessageConverters.ServerBuilder converters) {
                converters.configureMessageConvertersList(list -> list.removeIf(
                        converter -> converter instanceof Jaxb2RootElementHttpMessageConverter
                                || converter instanceof AbstractJackson2HttpMessageConverter));
            }
        };
    }

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

    /**
     * Off: Spring Boot registers this filter to bind the request to the thread for code that runs in filters, before
     * the DispatcherServlet binds it itself; nothing here reads it outside Spring MVC (RequestIds.current() is for
     * controllers). It cost two attribute writes and a thread-local set and reset on every request.
     */
    @Bean
    FilterRegistrationBean<RequestContextFilter> requestContextFilter() {
        return disabled(new RequestContextFilter());
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(HttpLimitProperties limits, ErrorRenderer errors,
            ObjectProvider<RequestBodyLimits> routes) {
        FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
                new BodySizeLimitFilter(limits.maxBodySize().toBytes(), limits.maxBulkImportBodySize().toBytes(),
                        errors, routes.getIfAvailable(() -> request -> -1)));
        // Right after the request id, before anything reads a body.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }

    @Bean
    RequestMetrics requestMetrics(MeterRegistry registry) {
        return new RequestMetrics(registry);
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter(RequestMetrics metrics) {
        FilterRegistrationBean<RequestIdFilter> registration =
                new FilterRegistrationBean<>(new RequestIdFilter(metrics));
        // Before Spring Security's chain, whose 401/403/429 responses must carry the id too.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }

    /**
     * Off: {@link RequestMetrics} records {@code http.server.requests} for a fraction of what this filter cost per
     * request (docs/PERFORMANCE.md). Registering it disabled keeps Spring Boot from registering its own.
     */
    @Bean
    FilterRegistrationBean<ServerHttpObservationFilter> serverHttpObservationFilter() {
        return disabled(new ServerHttpObservationFilter(ObservationRegistry.NOOP));
    }

    /**
     * Off: Thymeleaf's auto-configuration registers this filter whenever a webjar locator is on the classpath (Swagger
     * UI brings one). It wraps every response, the API's included, to rewrite versioned resource URLs, which no page
     * here uses; on the hot path it was a wrapper per request for nothing.
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        return disabled(new ResourceUrlEncodingFilter());
    }

    /** Registered, so Spring Boot registers no filter of its own of that type, and never run. */
    private static <F extends Filter> FilterRegistrationBean<F> disabled(F filter) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }
}
