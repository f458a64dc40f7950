package io.aihub.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class UiWebConfiguration implements WebMvcConfigurer {

    private final UiAuthentication authentication;

    UiWebConfiguration(UiAuthentication authentication) {
        this.authentication = authentication;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(authentication).addPathPatterns("/ui", "/ui/**").excludePathPatterns("/ui/sign-in");
    }
}
