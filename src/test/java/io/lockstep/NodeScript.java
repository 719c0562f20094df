package io.lockstep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs one of the Node test clients in src/test/node (the independent Automerge client, the Playwright scripts):
 * it prints what it checked and exits 0 only if everything held. Skipped, not failed, where Node or the scripts'
 * packages are not installed; CI installs them.
 */
public final class NodeScript {

    public static final Path DIR = Path.of("src", "test", "node");

    private NodeScript() {
    }

    /** Runs {@code script} with {@code args} and fails with its whole output unless it exits 0 within the timeout. */
    public static void run(Duration timeout, String script, String... args) throws IOException, InterruptedException {
        assumeTrue(nodeInstalled(), "node is not installed");
        assumeTrue(Files.isDirectory(DIR.resolve("node_modules")), "no node_modules: run npm ci in " + DIR);
        String[] command = new String[args.length + 2];
        command[0] = "node";
        command[1] = script;
        System.arraycopy(args, 0, command, 2, args.length);
        Process node = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
        // Read while it runs, on a thread of its own, so a full pipe can never block the script.
        CompletableFuture<String> output = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> output.complete(readAll(node)));
        boolean finished = node.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            node.destroyForcibly().waitFor();
        }
        String log = output.join();
        assertThat(finished).as("%s did not finish within %s:%n%s", script, timeout, log).isTrue();
        assertThat(node.exitValue()).as("%s failed:%n%s", script, log).isZero();
    }

    private static boolean nodeInstalled() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static String readAll(Process p) {
        try {
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
