package io.lockstep.ui;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real browsers in one room: the app on a random port, driven by the Playwright scripts in src/test/node (with
 * Debian's Chromium): editing together, and the leader's playback lighting the same step everywhere. Skipped only
 * where node or Chromium is missing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TwoBrowsersEndToEndTest {

    private static final Path SCRIPTS = Path.of("src/test/node");
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

    /** Runs a Playwright script from src/test/node against this app; it prints what it checked and exits 0 if all held. */
    private void run(String script) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM);
        assumeTrue(nodeAvailable(), "node is not on the PATH");

        Process process = new ProcessBuilder("node", script, "http://localhost:" + port)
                .directory(SCRIPTS.toFile())
                .redirectErrorStream(true)
                .start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(finished, script + " did not finish in 120 s:\n" + output);
        assertEquals(0, process.exitValue(), script + " failed:\n" + output);
    }

    private static boolean nodeAvailable() throws InterruptedException {
        try {
            Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            return version.waitFor(10, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
