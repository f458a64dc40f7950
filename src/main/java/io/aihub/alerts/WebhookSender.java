package io.aihub.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON POST of the alert payload, signed: {@code X-AIHub-Signature: sha256=<hex HMAC-SHA256 of the
 * exact body bytes under the channel's secret>} so the receiver can check it came from us.
 */
@Component
class WebhookSender implements ChannelSender {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final AlertProperties properties;

    WebhookSender(AlertProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(properties.httpTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public ChannelType type() {
        return ChannelType.WEBHOOK;
    }

    @Override
    public String send(AlertChannel channel, AlertMessage message) throws Exception {
        byte[] body = JSON.writeValueAsBytes(message.payload());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(channel.url())).timeout(properties.httpTimeout())
                .header("Content-Type", "application/json").header("User-Agent", "AIHub-Alerts/1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (channel.secret() != null && !channel.secret().isEmpty()) {
            request.header("X-AIHub-Signature", "sha256=" + hmacSha256Hex(channel.secret(), body));
        }
        return post(http, request.build());
    }

    static String post(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
        return "HTTP " + response.statusCode();
    }

    static String hmacSha256Hex(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
