/**
 * The OpenAI-compatible gateway ({@code /v1/*}): every model call goes through an explicit,
 * ordered {@link io.aihub.gateway.GatewayPipeline} of {@link io.aihub.gateway.GatewayStage}s
 * (authenticate → authorize → resolve model → limits → estimate → reserve), is forwarded to a
 * provider with weighted failover, relayed back (streamed chunk by chunk), and leaves one usage
 * record. Other modules plug governance in by contributing stages and a
 * {@link io.aihub.gateway.GatewayAuthenticator}.
 */
package io.aihub.gateway;
