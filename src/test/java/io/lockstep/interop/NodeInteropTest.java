package io.lockstep.interop;

import io.lockstep.NodeScript;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;

/**
 * Runs src/test/node/interop.mjs, an Automerge client written from docs/PROTOCOL.md alone, against this server.
 * It passes only if four independent Node replicas edit concurrently, undo, reconnect with the sync protocol and
 * get the documented errors, and still converge to the same document as the server's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NodeInteropTest {

    @LocalServerPort
    int port;

    @Test
    void anIndependentNodeClientFollowsTheDocumentedProtocol() throws Exception {
        // The scenario awaits every condition with 5 s timeouts; two minutes is only a backstop against a hang.
        NodeScript.run(Duration.ofMinutes(2), "interop.mjs", "ws://127.0.0.1:" + port + "/ws");
    }
}
