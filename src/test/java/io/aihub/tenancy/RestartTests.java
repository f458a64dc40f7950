package io.aihub.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.AiHubApplication;
import io.aihub.support.Api;
import io.aihub.support.RequiresDatabase;
import io.aihub.support.TestDatabase;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two real starts of the hub on one database: data survives the restart, and a master key
 * generated on the first start is printed once and still works after the second.
 */
@ExtendWith({RequiresDatabase.class, OutputCaptureExtension.class})
class RestartTests {

    private static final Pattern BANNER_KEY = Pattern.compile("mk_[A-Za-z0-9_-]{43}");

    @Test
    void dataAndTheGeneratedMasterKeySurviveARestart(CapturedOutput output) {
        TestDatabase.Settings db = TestDatabase.newDatabase();
        String masterKey;
        String orgId;
        try (ConfigurableApplicationContext first = start(db)) {
            Matcher matcher = BANNER_KEY.matcher(output.getOut());
            assertThat(matcher.find()).as("first start prints the generated master key").isTrue();
            masterKey = matcher.group();
            Api api = new Api(port(first));
            var created = api.post("/api/v1/organizations", masterKey, Map.of("name", "Durable", "timezone", "Europe/Paris"));
            assertThat(created.status()).isEqualTo(201);
            orgId = created.field("id");
        }
        int printedAfterFirst = count(output.getOut());
        try (ConfigurableApplicationContext second = start(db)) {
            assertThat(count(output.getOut())).as("the key is printed only once").isEqualTo(printedAfterFirst);
            assertThat(output.getOut()).contains("Set AIHUB_MASTER_KEY");
            Api api = new Api(port(second));
            var org = api.get("/api/v1/organizations/" + orgId, masterKey);
            assertThat(org.status()).isEqualTo(200);
            assertThat(org.field("timezone")).isEqualTo("Europe/Paris");
        }
    }

    private static int count(String text) {
        return (int) BANNER_KEY.matcher(text).results().count();
    }

    private static ConfigurableApplicationContext start(TestDatabase.Settings db) {
        // Command-line arguments outrank application.yml, as they would for an operator.
        return new SpringApplicationBuilder(AiHubApplication.class).run(
                "--server.port=0",
                "--aihub.master-key=",
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password());
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
