package io.aihub.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyPermissionsTests {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
            "gpt-4o*,      gpt-4o-mini,     true",
            "gpt-4o*,      gpt-4o,          true",
            "gpt-4o*,      gpt-4,           false",
            "*,            anything/at/all, true",
            "demo/*,       demo/echo,       true",
            "demo/*,       demos/echo,      false",
            "gpt-?,        gpt-4,           true",
            "gpt-?,        gpt-40,          false",
            "*-mini,       gpt-4o-mini,     true",
            "*mini*,       o4-mini-high,    true",
            "a*b*c,        abbbc,           true",
            "a*b*c,        acb,             false",
            "claude-3,     claude-3,        true",
            "claude-3,     claude-3.5,      false",
    })
    void globsMatchWholeNames(String pattern, String value, boolean matches) {
        assertThat(KeyPermissions.globMatches(pattern, value)).isEqualTo(matches);
    }

    @Test
    void emptyListsAllowEverything() {
        assertThat(KeyPermissions.ALL.allowsModel("gpt-4o")).isTrue();
        assertThat(KeyPermissions.ALL.allowsEndpoint("/v1/embeddings")).isTrue();
        assertThat(new KeyPermissions(null, null).allowsModel("x")).isTrue();
    }

    @Test
    void endpointsIgnoreALeadingV1() {
        KeyPermissions p = new KeyPermissions(List.of(), List.of("chat/completions", "models"));
        assertThat(p.allowsEndpoint("/v1/chat/completions")).isTrue();
        assertThat(p.allowsEndpoint("chat/completions")).isTrue();
        assertThat(p.allowsEndpoint("/v1/models")).isTrue();
        assertThat(p.allowsEndpoint("/v1/embeddings")).isFalse();
        assertThat(p.allowsEndpoint("completions")).isFalse();
        assertThat(p.allowsModel("any-model")).isTrue();
    }

    @Test
    void aPatternThatMatchesNothingKnownIsRefused() {
        assertThat(KeySettingsRules.permissions("permissions", new KeyPermissions(List.of("gpt-*"), List.of("/v1/*")))
                .endpoints()).containsExactly("*");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KeySettingsRules.permissions("permissions",
                new KeyPermissions(List.of(), List.of("audio/*")))).hasMessageContaining("permissions.endpoints");
    }

    @Test
    void aViewPrintsNoSecret() {
        String secret = io.aihub.common.Hashing.randomSecret("org_", 32);
        ApiKeyView view = new ApiKeyView("key-1", "org-1", null, "n", secret.substring(0, 12), "active", KeyPermissions.ALL,
                null, null, null, null, null, null, null, "master", null, null, null, null, null, null, null, 0, secret);
        assertThat(view.toString()).doesNotContain(secret.substring(12)).contains("<redacted>");
    }
}
