package io.lockstep.sync;

import io.lockstep.clock.TimeSource;
import io.lockstep.Refusal;
import io.lockstep.room.RoomService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The WebSocket endpoint: checks size and rate, decodes, hands the message to the socket's Connection, and turns
 * every failure into an ERROR for the sender alone. Nothing a client sends can take the server down.
 */
final class SyncHandler extends AbstractWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(SyncHandler.class);
    private static final String CONNECTION = "lockstep.connection";
    private static final int SEND_TIME_LIMIT_MS = 5_000;

    private final RoomService rooms;
    private final TimeSource clock;
    private final JsonMapper json;
    private final MessageReader reader;
    private final SyncLimits limits;

    SyncHandler(RoomService rooms, TimeSource clock, JsonMapper json, SyncLimits limits) {
        this.rooms = rooms;
        this.clock = clock;
        this.json = json;
        this.reader = new MessageReader(json);
        this.limits = limits;
    }

    /** Parts are put together here, within our own limits, so the container never buffers a whole large frame. */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        // A slow reader must not stall the room: its frames queue up to the limit, then its socket is dropped.
        WebSocketSession safe = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, limits.sendBufferBytes());
        session.getAttributes().put(CONNECTION, new Connection(safe, json, rooms, clock, limits));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        long received = clock.nowMicros();
        Connection connection = connection(session);
        String ref = null;
        try {
            Optional<ByteBuffer> whole = connection.text.add(StandardCharsets.UTF_8.encode(message.getPayload()), message.isLast());
            if (whole.isEmpty() || !connection.admit(null)) {
                return;
            }
            JsonNode node = reader.parse(StandardCharsets.UTF_8.decode(whole.get()).toString());
            ref = reader.type(node);
            connection.onText(reader.read(ref, node), received);
        } catch (Refusal e) {
            connection.send(new ServerMessage.Error(e.code(), e.getMessage(), ref, null));
        } catch (RuntimeException e) {
            log.error("failed on a text frame from {}", session.getId(), e);
            connection.send(new ServerMessage.Error("INTERNAL", "the server could not handle that message", ref, null));
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        Connection connection = connection(session);
        Long seq = null;
        try {
            Optional<ByteBuffer> whole = connection.binary.add(message.getPayload(), message.isLast());
            if (whole.isEmpty() || !connection.admit("BINARY")) {
                return;
            }
            seq = Frame.seqOf(whole.get()).orElse(null);
            connection.onBinary(Frame.fromClient(whole.get()));
        } catch (Refusal e) {
            connection.send(new ServerMessage.Error(e.code(), e.getMessage(), "BINARY", seq));
        } catch (RuntimeException e) {
            log.error("failed on a binary frame from {}", session.getId(), e);
            connection.send(new ServerMessage.Error("INTERNAL", "the server could not handle that frame", "BINARY", seq));
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        connection(session).closed();
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("transport error on {}: {}", session.getId(), exception.getMessage());
    }

    private static Connection connection(WebSocketSession session) {
        return (Connection) session.getAttributes().get(CONNECTION);
    }
}
