package dev.identity.gateway.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Path variables and query parameters are checked before any controller runs ({@link ParameterInput}). */
@Configuration(proxyBeanMethods = false)
class WebInputConfiguration implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ParameterInput()).excludePathPatterns("/error");
    }
}
