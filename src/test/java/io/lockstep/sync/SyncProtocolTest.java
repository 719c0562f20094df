package io.lockstep.sync;

import org.automerge.SyncState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The sync protocol end to end over real sockets, as docs/PROTOCOL.md describes it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SyncProtocolTest {

    private static final int CHANGES = 1;
    private static final int DOCUMENT = 2;
    private static final int SYNC = 3;

    @LocalServerPort
    int port;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    /** A member connected to a room, with the JOINED message and its replica of the document. */
    record Member(TestClient socket, JsonNode joined, Replica replica) {
        String room() {
            return joined.path("room").asString();
        }
    }

    private TestClient connect() {
        return track(new TestClient(port));
    }

    private <T extends AutoCloseable> T track(T c) {
        open.add(c);
        return c;
    }

    private Member create(String name) throws InterruptedException {
        TestClient socket = connect();
        socket.send("{\"type\":\"CREATE\",\"name\":\"" + name + "\"}");
        return welcomed(socket);
    }

    private Member join(String room, String name) throws InterruptedException {
        TestClient socket = connect();
        socket.send("{\"type\":\"JOIN\",\"room\":\"" + room + "\",\"name\":\"" + name + "\"}");
        return welcomed(socket);
    }

    private Member welcomed(TestClient socket) throws InterruptedException {
        JsonNode joined = socket.next("JOINED");
        return new Member(socket, joined, track(new Replica(socket.nextBinary(DOCUMENT))));
    }

    /** Proves that nothing reached the member since its last consumed frame: a ping is answered with nothing before it. */
    private static void assertNothingArrived(TestClient socket) throws InterruptedException {
        socket.send("{\"type\":\"TIME_PING\",\"id\":424242,\"t1\":1}");
        TestClient.Received first = socket.next(r -> true);
        assertThat(first.isType("TIME_PONG")).as("first frame after the ping: %s", first.json()).isTrue();
    }

    @Test
    void joinersGetTheDocumentAndEveryoneSeesTheMemberList() throws Exception {
        Member ana = create("Ana");
        assertThat(ana.joined().path("leader").asString()).isEqualTo(ana.joined().path("you").asString());

        Member ben = join(ana.room().toUpperCase().replace("-", ""), "Ben");

        JsonNode room = ana.socket().next("ROOM");
        assertThat(room.path("count").asInt()).isEqualTo(2);
        assertThat(room.path("members").findValuesAsString("name")).containsExactly("Ana", "Ben");
        assertThat(ben.joined().path("count").asInt()).isEqualTo(2);
        assertThat(ben.replica().heads()).isEqualTo(ana.replica().heads());
    }

    @Test
    void anEditReachesEveryOtherMemberOnceAndTheSenderGetsAnAckNotAnEcho() throws Exception {
        Member ana = create("Ana");
        Member ben = join(ana.room(), "Ben");
        Member cleo = join(ana.room(), "Cleo");
        boolean wasOn = ana.replica().isOn("kick", 3);

        ben.socket().sendBinary(CHANGES, 77, ben.replica().setOn("kick", 3, !wasOn));

        JsonNode ack = ben.socket().next("ACK");
        assertThat(ack.path("seq").asLong()).isEqualTo(77);
        assertThat(ack.path("heads").valueStream().map(JsonNode::asString).sorted().toList()).isEqualTo(ben.replica().heads());
        for (Member other : List.of(ana, cleo)) {
            other.replica().apply(other.socket().nextBinary(CHANGES));
            assertThat(other.replica().isOn("kick", 3)).isEqualTo(!wasOn);
            assertThat(other.replica().heads()).isEqualTo(ben.replica().heads());
            assertNothingArrived(other.socket());
        }
        assertNothingArrived(ben.socket());
    }

    @Test
    void undoRevertsOnlyTheSendersOwnEditAndReachesEveryone() throws Exception {
        Member ana = create("Ana");
        Member ben = join(ana.room(), "Ben");
        ana.socket().next("ROOM");
        boolean kick5 = ana.replica().isOn("kick", 5);
        boolean snare7 = ana.replica().isOn("snare", 7);

        ben.socket().sendBinary(CHANGES, 1, ben.replica().setOn("kick", 5, !kick5));
        ben.socket().next("ACK");
        ana.replica().apply(ana.socket().nextBinary(CHANGES));
        ana.socket().sendBinary(CHANGES, 1, ana.replica().setOn("snare", 7, !snare7));
        ana.socket().next("ACK");
        ben.replica().apply(ben.socket().nextBinary(CHANGES));

        ben.socket().send("{\"type\":\"UNDO\"}");

        ben.replica().apply(ben.socket().nextBinary(CHANGES));
        ben.socket().next("DONE");
        ana.replica().apply(ana.socket().nextBinary(CHANGES));
        for (Member m : List.of(ana, ben)) {
            assertThat(m.replica().isOn("kick", 5)).as("Ben's edit undone").isEqualTo(kick5);
            assertThat(m.replica().isOn("snare", 7)).as("Ana's edit kept").isEqualTo(!snare7);
        }
        ana.socket().send("{\"type\":\"UNDO\"}");
        ana.replica().apply(ana.socket().nextBinary(CHANGES));
        assertThat(ana.replica().isOn("snare", 7)).isEqualTo(snare7);
        ben.socket().send("{\"type\":\"UNDO\"}");
        assertThat(ben.socket().next("ERROR").path("code").asString()).isEqualTo("NOTHING_TO_UNDO");
    }

    @Test
    void aReconnectingClientGetsWhatItMissedAndItsOfflineEditsMergeIn() throws Exception {
        Member ana = create("Ana");
        Member ben = join(ana.room(), "Ben");
        String resume = ben.joined().path("resume").asString();
        String benId = ben.joined().path("you").asString();
        ben.socket().close();
        JsonNode away = ana.socket().next(r -> r.isType("ROOM") && r.json().toString().contains("reconnecting")).json();
        assertThat(away.path("count").asInt()).isEqualTo(2);

        boolean kick2 = ana.replica().isOn("kick", 2);
        boolean hat9 = ben.replica().isOn("hat", 9);
        ana.socket().sendBinary(CHANGES, 1, ana.replica().setOn("kick", 2, !kick2));
        ana.socket().next("ACK");
        ben.replica().setOn("hat", 9, !hat9);

        TestClient again = connect();
        again.send("{\"type\":\"JOIN\",\"room\":\"" + ana.room() + "\",\"name\":\"Ben\",\"resume\":\"" + resume + "\",\"sync\":true}");
        assertThat(again.next("JOINED").path("you").asString()).isEqualTo(benId);
        SyncState state = new SyncState();
        long seq = 0;
        Optional<byte[]> reply = ben.replica().syncMessage(state);
        do {
            sendAll(again, reply, seq++);
            ben.replica().receiveSync(state, again.nextBinary(SYNC));
            reply = ben.replica().syncMessage(state);
        } while (reply.isPresent());
        ana.replica().apply(ana.socket().nextBinary(CHANGES));

        assertThat(ben.replica().isOn("kick", 2)).as("missed edit arrived").isEqualTo(!kick2);
        assertThat(ana.replica().isOn("hat", 9)).as("offline edit merged").isEqualTo(!hat9);
        assertThat(ben.replica().heads()).isEqualTo(ana.replica().heads());
    }

    private static void sendAll(TestClient socket, Optional<byte[]> message, long seq) {
        message.ifPresent(m -> socket.sendBinary(SYNC, seq, m));
    }

    static Stream<Arguments> badTextFrames() {
        return Stream.of(
                Arguments.of("not json at all", "BAD_JSON"),
                Arguments.of("[1,2,3]", "BAD_JSON"),
                Arguments.of("{\"name\":\"x\"}", "BAD_FIELD"),
                Arguments.of("{\"type\":\"DANCE\"}", "UNKNOWN_TYPE"),
                Arguments.of("{\"type\":42}", "BAD_FIELD"),
                Arguments.of("{\"type\":\"TIME_PING\",\"id\":\"seven\",\"t1\":1}", "BAD_FIELD"),
                Arguments.of("{\"type\":\"CLOCK_REPORT\",\"rtt\":-5,\"uncertainty\":1,\"drift\":0}", "BAD_FIELD"),
                Arguments.of("{\"type\":\"JOIN\",\"room\":\"zizi-zozo\",\"name\":\"x\"}", "ALREADY_JOINED"),
                Arguments.of("{\"type\":\"SET_TEMPO\",\"bpm\":100}", "NOT_LEADER"),
                Arguments.of("{\"type\":\"SET_TEMPO\",\"bpm\":\"fast\"}", "BAD_FIELD"),
                Arguments.of("{\"type\":\"PLAY\"}", "NOT_LEADER"),
                Arguments.of("{\"type\":\"STOP\",\"atBarEnd\":true}", "NOT_LEADER"),
                Arguments.of("{\"type\":\"SEEK\",\"bar\":2}", "NOT_LEADER"),
                Arguments.of("{\"type\":\"SET_SWING\",\"swing\":0.2}", "NOT_LEADER"),
                Arguments.of("{\"type\":\"HAND_LEAD\",\"to\":\"m2\"}", "NOT_LEADER"),
                Arguments.of("{\"type\":\"CLAIM_LEAD\"}", "LEADER_PRESENT"),
                Arguments.of("{\"type\":\"" + "X".repeat(9000) + "\"}", "FRAME_TOO_LARGE"));
    }

    @ParameterizedTest
    @MethodSource("badTextFrames")
    void aBadTextFrameGetsAClearErrorAndChangesNothing(String frame, String code) throws Exception {
        assertRefusedHarmlessly(ben -> {
            ben.socket().send(frame);
            return ben.socket().next("ERROR");
        }, code);
    }

    static Stream<Arguments> badBinaryFrames() {
        return Stream.of(
                Arguments.of("garbage CRDT bytes", (Function<Replica, byte[]>) r -> frame(CHANGES, new byte[]{1, 2, 3, 4, 5, 6, 7}), "BAD_CHANGE"),
                Arguments.of("too short", (Function<Replica, byte[]>) r -> new byte[]{1, 0}, "BAD_FRAME"),
                Arguments.of("unknown kind", (Function<Replica, byte[]>) r -> frame(9, new byte[]{1}), "BAD_FRAME"),
                Arguments.of("a document from a client", (Function<Replica, byte[]>) r -> frame(DOCUMENT, new byte[]{1}), "BAD_FRAME"),
                Arguments.of("velocity 500", (Function<Replica, byte[]>) r -> frame(CHANGES, r.setStepField("kick", 0, "velocity", 500)), "SCHEMA_VIOLATION"),
                Arguments.of("note -3", (Function<Replica, byte[]>) r -> frame(CHANGES, r.setStepField("bass", 0, "note", -3)), "SCHEMA_VIOLATION"),
                Arguments.of("tracks deleted", (Function<Replica, byte[]>) r -> frame(CHANGES, r.deleteTracks()), "SCHEMA_VIOLATION"),
                Arguments.of("garbage sync message", (Function<Replica, byte[]>) r -> frame(SYNC, new byte[]{0x42, 9, 9}), "BAD_SYNC"),
                Arguments.of("huge frame", (Function<Replica, byte[]>) r -> frame(CHANGES, new byte[300 * 1024]), "FRAME_TOO_LARGE"));
    }

    private static byte[] frame(int kind, byte[] payload) {
        return ByteBuffer.allocate(5 + payload.length).put((byte) kind).putInt(5).put(payload).array();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBinaryFrames")
    void aBadBinaryFrameGetsAClearErrorAndChangesNothing(String what, Function<Replica, byte[]> bytes, String code) throws Exception {
        assertRefusedHarmlessly(ben -> {
            ben.socket().sendRaw(ByteBuffer.wrap(bytes.apply(ben.replica())));
            return ben.socket().next("ERROR");
        }, code);
    }

    @Test
    void aChangeTheRoomAlreadyHasIsRefused() throws Exception {
        Member ana = create("Ana");
        byte[] toggle = ana.replica().setOn("kick", 1, !ana.replica().isOn("kick", 1));
        ana.socket().sendBinary(CHANGES, 1, toggle);
        ana.socket().next("ACK");
        ana.socket().sendBinary(CHANGES, 2, toggle);
        JsonNode error = ana.socket().next("ERROR");
        assertThat(error.path("code").asString()).isEqualTo("NO_NEW_CHANGE");
        assertThat(error.path("seq").asLong()).isEqualTo(2);
    }

    @Test
    void unknownRoomsAndMessagesBeforeJoiningAreRefused() throws Exception {
        TestClient socket = connect();
        socket.send("{\"type\":\"JOIN\",\"room\":\"zizi-zozo\",\"name\":\"x\"}");
        assertThat(socket.next("ERROR").path("code").asString()).isEqualTo("UNKNOWN_ROOM");
        socket.send("{\"type\":\"UNDO\"}");
        assertThat(socket.next("ERROR").path("code").asString()).isEqualTo("NOT_JOINED");
        socket.sendBinary(CHANGES, 3, new byte[]{1, 2});
        JsonNode error = socket.next("ERROR");
        assertThat(error.path("code").asString()).isEqualTo("NOT_JOINED");
        assertThat(error.path("seq").asLong()).isEqualTo(3);
        socket.send("{\"type\":\"CREATE\",\"name\":\"   \"}");
        assertThat(socket.next("ERROR").path("code").asString()).isEqualTo("BAD_NAME");
    }

    @Test
    void aPingFloodIsRateLimitedAndTheConnectionKeepsWorking() throws Exception {
        Member ana = create("Ana");
        Member ben = join(ana.room(), "Ben");
        ana.socket().next("ROOM");
        for (int i = 0; i < 60; i++) {
            ben.socket().send("{\"type\":\"TIME_PING\",\"id\":" + i + ",\"t1\":" + i + "}");
        }
        JsonNode error = ben.socket().next("ERROR");
        assertThat(error.path("code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(error.path("ref").asString()).isEqualTo("TIME_PING");

        ben.socket().sendBinary(CHANGES, 9, ben.replica().setOn("kick", 4, !ben.replica().isOn("kick", 4)));
        assertThat(ben.socket().next("ACK").path("seq").asLong()).isEqualTo(9);
        ana.replica().apply(ana.socket().nextBinary(CHANGES));
        assertThat(ana.replica().heads()).isEqualTo(ben.replica().heads());
    }

    /**
     * Ben sends something bad; he gets the expected error, Ana notices nothing, the room's document is as it
     * was (a newcomer receives the same heads), and the room still works for both.
     */
    private void assertRefusedHarmlessly(ThrowingFunction<Member, JsonNode> badInput, String code) throws Exception {
        Member ana = create("Ana");
        Member ben = join(ana.room(), "Ben");
        ana.socket().next("ROOM");
        List<String> headsBefore = ana.replica().heads();

        JsonNode error = badInput.apply(ben);

        assertThat(error.path("code").asString()).isEqualTo(code);
        assertThat(error.path("message").asString()).isNotBlank();
        assertNothingArrived(ana.socket());
        Member cleo = join(ana.room(), "Cleo");
        assertThat(cleo.replica().heads()).isEqualTo(headsBefore);
        ana.socket().next("ROOM");
        ana.socket().sendBinary(CHANGES, 1, ana.replica().setOn("snare", 2, !ana.replica().isOn("snare", 2)));
        ana.socket().next("ACK");
        cleo.replica().apply(cleo.socket().nextBinary(CHANGES));
        assertThat(cleo.replica().heads()).isEqualTo(ana.replica().heads());
    }

    @FunctionalInterface
    interface ThrowingFunction<T, R> {
        R apply(T t) throws Exception;
    }

    static Stream<Arguments> badLeaderRequests() {
        return Stream.of(
                Arguments.of("{\"type\":\"SET_TEMPO\",\"bpm\":301}", "BAD_TEMPO"),
                Arguments.of("{\"type\":\"SET_TEMPO\",\"bpm\":19.9}", "BAD_TEMPO"),
                Arguments.of("{\"type\":\"SET_SWING\",\"swing\":0.9}", "BAD_SWING"),
                Arguments.of("{\"type\":\"PLAY\",\"at\":1000}", "START_IN_PAST"),
                Arguments.of("{\"type\":\"PLAY\",\"at\":\"soon\"}", "BAD_FIELD"),
                Arguments.of("{\"type\":\"SEEK\",\"bar\":3}", "NOT_PLAYING"),
                Arguments.of("{\"type\":\"HAND_LEAD\",\"to\":\"m99\"}", "NOT_ELIGIBLE"));
    }

    @ParameterizedTest
    @MethodSource("badLeaderRequests")
    void aLeadersBadRequestChangesNothing(String frame, String code) throws Exception {
        Member ana = create("Ana");
        Member ben = join(ana.room(), "Ben");
        ana.socket().next("ROOM");

        ana.socket().send(frame);

        assertThat(ana.socket().next("ERROR").path("code").asString()).isEqualTo(code);
        assertNothingArrived(ben.socket());
        assertThat(join(ana.room(), "Cleo").joined().path("timeline")).isEqualTo(ana.joined().path("timeline"));
    }

    @Test
    void theLeaderStartsPlaybackInTheFutureAndLateJoinersGetTheSameTimeline() throws Exception {
        Member ana = create("Ana");
        Member ben = join(ana.room(), "Ben");
        ana.socket().next("ROOM");

        ana.socket().send("{\"type\":\"SET_TEMPO\",\"bpm\":133.5}");
        assertThat(ben.socket().next("TIMELINE").path("timeline").path("bpm").asDouble()).isEqualTo(133.5);
        ana.socket().send("{\"type\":\"TIME_PING\",\"id\":1,\"t1\":0}");
        long serverNow = ana.socket().next("TIME_PONG").path("t3").asLong();
        ana.socket().send("{\"type\":\"PLAY\",\"onBar\":true}");

        JsonNode timeline = ana.socket().next("TIMELINE").path("timeline");
        assertThat(ben.socket().next("TIMELINE").path("timeline")).isEqualTo(timeline);
        JsonNode segment = timeline.path("segments").get(0);
        assertThat(segment.path("at").asLong()).as("starts in the future").isGreaterThan(serverNow);
        assertThat(segment.path("fromStep").asLong() % 16).as("on a bar").isZero();
        assertThat(segment.path("untilStep").isNull()).isTrue();
        assertThat(join(ana.room(), "Cleo").joined().path("timeline")).isEqualTo(timeline);
    }

    @Test
    void errorsNameTheRefusedMessageAndEchoTheFramesSequenceNumber() throws Exception {
        TestClient socket = connect();
        socket.send("{\"type\":\"FROBNICATE\"}");
        assertThat(socket.next("ERROR").path("ref").asString()).isEqualTo("FROBNICATE");
        socket.send("{\"type\":\"TIME_PING\",\"id\":1.5,\"t1\":0}");
        assertThat(socket.next("ERROR").path("ref").asString()).isEqualTo("TIME_PING");
        socket.sendRaw(ByteBuffer.wrap(frame(9, new byte[]{1})));
        JsonNode error = socket.next("ERROR");
        assertThat(error.path("code").asString()).isEqualTo("BAD_FRAME");
        assertThat(error.path("seq").asLong()).isEqualTo(5);
    }

    @Test
    void aClientThatKeepsSendingRefusedChangesIsHeldOffWithoutCostingTheRoom() throws Exception {
        Member ana = create("Ana");
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            try (Replica scratch = ana.replica().copy()) {
                ana.socket().sendBinary(CHANGES, 100 + i, scratch.setStepField("kick", 0, "velocity", 500 + i));
            }
            codes.add(ana.socket().next("ERROR").path("code").asString());
        }
        assertThat(codes.subList(0, 5)).containsOnly("SCHEMA_VIOLATION");
        assertThat(codes.subList(5, 8)).containsOnly("RATE_LIMITED");
        Member ben = join(ana.room(), "Ben");
        ana.socket().next("ROOM");
        ben.socket().sendBinary(CHANGES, 1, ben.replica().setOn("kick", 1, !ben.replica().isOn("kick", 1)));
        assertThat(ben.socket().next("ACK").path("seq").asLong()).as("others are not held off").isEqualTo(1);
        ana.replica().apply(ana.socket().nextBinary(CHANGES));
    }

    @Test
    void aFrameLargerThanTheContainersBufferArrivesWhole() throws Exception {
        Member ana = create("Ana");
        Member ben = join(ana.room(), "Ben");
        ana.socket().next("ROOM");
        java.io.ByteArrayOutputStream many = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 200; i++) {
            many.writeBytes(ben.replica().setOn("hat", i % 16, !ben.replica().isOn("hat", i % 16)));
        }
        assertThat(many.size()).as("bigger than one 8 KiB part").isGreaterThan(16 * 1024);

        ben.socket().sendBinary(CHANGES, 42, many.toByteArray());

        assertThat(ben.socket().next("ACK").path("seq").asLong()).isEqualTo(42);
        ana.replica().apply(ana.socket().nextBinary(CHANGES));
        assertThat(ana.replica().heads()).isEqualTo(ben.replica().heads());
    }
}
