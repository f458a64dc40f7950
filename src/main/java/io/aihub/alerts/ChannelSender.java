package io.aihub.alerts;

/** Sends one message through one kind of channel; throws with a short, secret-free reason on failure. */
interface ChannelSender {

    ChannelType type();

    /** Answers a short detail on success (e.g. "HTTP 200"). */
    String send(AlertChannel channel, AlertMessage message) throws Exception;
}
