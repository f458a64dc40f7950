package io.aihub.alerts;

import io.aihub.common.ApiException;

enum ChannelType {
    WEBHOOK("webhook"), SLACK("slack"), EMAIL("email");

    final String wireName;

    ChannelType(String wireName) {
        this.wireName = wireName;
    }

    static ChannelType parse(String value, String field) {
        for (ChannelType t : values()) {
            if (t.wireName.equals(value)) return t;
        }
        throw ApiException.invalid(field, "channel type must be one of webhook, slack, email");
    }
}
