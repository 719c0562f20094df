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
 * Two real browsers in one room: the app on a random port, driven by src/test/node/ui-e2e.mjs (Playwright with
 * Debian's Chromium). Skipped only where node or Chromium is missing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TwoBrowsersEndToEndTest {

    private static final Path SCRIPTS = Path.of("src/test/node");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @LocalServerPort
    int port;

    @Test
    void twoMusiciansSeeEachOthersEditsAndEachOther() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM);
        assumeTrue(nodeAvailable(), "node is not on the PATH");

        Process script = new ProcessBuilder("node", "ui-e2e.mjs", "http://localhost:" + port)
                .directory(SCRIPTS.toFile())
                .redirectErrorStream(true)
                .start();
        boolean finished = script.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            script.destroyForcibly();
        }
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(finished, "ui-e2e.mjs did not finish in 120 s:\n" + output);
        assertEquals(0, script.exitValue(), "ui-e2e.mjs failed:\n" + output);
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
