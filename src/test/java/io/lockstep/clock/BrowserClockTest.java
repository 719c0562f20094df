package io.lockstep.clock;

import io.lockstep.NodeScript;
import org.junit.jupiter.api.Test;

import java.time.Duration;

/**
 * The browser's mirror of the clock estimator and the playhead (frontend/*.js) on simulated time: runs every
 * {@code *.test.mjs} in src/test/node with Node's own test runner.
 */
class BrowserClockTest {

    @Test
    void theBrowserModulesPassTheirTests() throws Exception {
        NodeScript.run(Duration.ofMinutes(2), "--test");
    }
}
