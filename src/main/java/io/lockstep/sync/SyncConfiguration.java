package io.lockstep.sync;

import io.lockstep.clock.TimeSource;
import io.lockstep.room.RoomService;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import tools.jackson.databind.json.JsonMapper;

/** Serves the sync protocol (docs/PROTOCOL.md) at {@code /ws}. */
@Configuration
@EnableWebSocket
class SyncConfiguration implements WebSocketConfigurer {

    static final String PATH = "/ws";

    private final SyncHandler handler;

    SyncConfiguration(RoomService rooms, TimeSource clock, JsonMapper json) {
        this.handler = new SyncHandler(rooms, clock, json, SyncLimits.DEFAULTS);
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, PATH).setAllowedOriginPatterns("*");
    }
}
