package io.aihub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.Api;
import io.aihub.support.FakeUpstream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A client that hangs up mid-stream cancels the upstream call and is billed for what was produced. */
class ClientDisconnectTests extends GatewayTest {

    @org.springframework.beans.factory.annotation.Autowired
    io.aihub.budgets.BudgetService budgets;

    @Test
    void aClientDisconnectMidStreamCancelsTheUpstreamAndRecordsTheCostOfWhatWasStreamed() throws Exception {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            events.add(FakeUpstream.chunk(" tok"));
        }
        events.add("data: [DONE]");
        try (FakeUpstream upstream = new FakeUpstream().script(FakeUpstream.sse(events, 10))) {
            String model = model(List.of(deployment("openai", upstream.baseUrl(), "gpt-4o", "sk-1", 1)));
            assertThat(api.post("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY,
                    Map.of("limit", new java.math.BigDecimal("10"), "hard_limit", true)).status()).isEqualTo(201);
            Map<String, Object> body = chat(model, "Hi");
            body.put("stream", true);
            String json = Api.JSON.writeValueAsString(body);

            String requestId = null;
            int dataEvents = 0;
            try (Socket socket = new Socket("127.0.0.1", port)) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                        + "\r\nContent-Type: application/json\r\nContent-Length: "
                        + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json).getBytes(StandardCharsets.UTF_8));
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null && dataEvents < 5) {
                    if (line.toLowerCase().startsWith("x-request-id:")) {
                        requestId = line.substring(line.indexOf(':') + 1).trim();
                    }
                    if (line.startsWith("data: ")) {
                        dataEvents++;
                    }
                }
            } // the client hangs up after five chunks of five hundred
            assertThat(dataEvents).isEqualTo(5);
            assertThat(requestId).startsWith("req-");

            Usage usage = awaitUsage(requestId);
            assertThat(usage.outcome()).isEqualTo("partial");
            assertThat(usage.statusCode()).isEqualTo(499);
            assertThat(usage.errorCode()).isEqualTo("client_disconnected");
            // Each chunk is one o200k token; at least what the client read, far less than the 500 offered.
            assertThat(usage.completionTokens()).isBetween(5L, 499L);
            assertThat(usage.promptTokens()).isEqualTo(8);
            // Billed exactly for what was produced: 8 × 2.50 + n × 10.00 per million.
            assertThat(usage.cost()).isEqualByComparingTo(new java.math.BigDecimal("0.000020")
                    .add(new java.math.BigDecimal("0.00001").multiply(java.math.BigDecimal.valueOf(usage.completionTokens()))));
            // The budget is settled with exactly that amount.
            assertThat(budgets.holdStatus(requestId)).contains("settled");
            var budget = api.get("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY).json();
            assertThat(budget.get("current_spend").decimalValue()).isEqualByComparingTo(usage.cost());
            assertThat(budget.get("reserved").decimalValue()).isZero();
            for (int i = 0; i < 250 && !upstream.sawCancellation(); i++) {
                Thread.sleep(20);
            }
            assertThat(upstream.sawCancellation()).as("the upstream saw the hub hang up").isTrue();
        }
    }
}
