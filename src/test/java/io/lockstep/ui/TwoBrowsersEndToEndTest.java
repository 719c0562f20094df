package io.lockstep.ui;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.lockstep.NodeScript;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real browsers in one room: the app on a random port, driven by the Playwright scripts in src/test/node (with
 * Debian's Chromium): editing together, and the leader's playback lighting the same step everywhere. Skipped only
 * where node or Chromium is missing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TwoBrowsersEndToEndTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @LocalServerPort
    int port;

    @Test
    void twoMusiciansSeeEachOthersEditsAndEachOther() throws IOException, InterruptedException {
        run("ui-e2e.mjs");
    }

    @Test
    void everyBrowserLightsTheSameStepWhenTheLeaderPlays() throws IOException, InterruptedException {
        run("playhead-e2e.mjs");
    }

    /** Runs a Playwright script from src/test/node against this app, with Debian's Chromium. */
    private void run(String script) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM);
        NodeScript.run(Duration.ofMinutes(2), script, "http://localhost:" + port);
    }
}
