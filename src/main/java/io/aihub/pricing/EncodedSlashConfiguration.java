package io.aihub.pricing;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Model names contain slashes ({@code openai/gpt-4o}); clients that URL-encode them
 * ({@code /api/v1/models/openai%2Fgpt-4o}) would get Tomcat's default 400. Passing {@code %2F}
 * through is safe here: Spring matches routes on the raw path and decodes each segment after
 * matching, so an encoded slash can never split or traverse a route.
 */
@Configuration(proxyBeanMethods = false)
class EncodedSlashConfiguration {

    @Bean
    TomcatConnectorCustomizer encodedSlashesPassThrough() {
        return connector -> connector.setEncodedSolidusHandling("passthrough");
    }
}
