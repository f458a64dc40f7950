package io.aihub.tenancy;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

    /** bcrypt; the cost (AIHUB_BCRYPT_COST, default 10) is lowered only by the test suite, for speed. */
    @Bean
    PasswordEncoder passwordEncoder(@Value("${aihub.auth.bcrypt-cost:10}") int cost) {
        return new BCryptPasswordEncoder(cost);
    }
}
