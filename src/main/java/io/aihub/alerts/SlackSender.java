package io.aihub.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** A Slack-compatible incoming webhook: {@code {"text": "..."}} (Mattermost and Rocket.Chat accept it too). */
@Component
class SlackSender implements ChannelSender {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final AlertProperties properties;

    SlackSender(AlertProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(properties.httpTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public ChannelType type() {
        return ChannelType.SLACK;
    }

    @Override
    public String send(AlertChannel channel, AlertMessage message) throws Exception {
        byte[] body = JSON.writeValueAsBytes(Map.of("text", message.text()));
        return WebhookSender.post(http, HttpRequest.newBuilder(URI.create(channel.url())).timeout(properties.httpTimeout())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }
}
