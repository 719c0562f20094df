package io.lockstep.engine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The engine command's arguments, checked; every mistake is an IllegalArgumentException saying what to write instead. */
record EngineOptions(URI server, String room, InetSocketAddress scsynth, String name, double latencyMillis) {

    static final String USAGE = """
            usage: java -jar lockstep.jar engine --server ws://HOST:8080/ws --room CODE [--scsynth 127.0.0.1:57110]
                                                 [--name NAME] [--latency-ms N]
              --server      the Lockstep server's sync endpoint
              --room        the room code, e.g. toka-miru
              --scsynth     the local SuperCollider server (UDP), default 127.0.0.1:57110
              --name        how the engine is listed in the room, default "Engine on <this host>"
              --latency-ms  this machine's audio output latency to compensate, default 0 (may be negative)""";

    private static final List<String> KNOWN = List.of("--server", "--room", "--scsynth", "--name", "--latency-ms");
    private static final int DEFAULT_SCSYNTH_PORT = 57110;
    private static final int MAX_NAME = 32;

    static EngineOptions parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!KNOWN.contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            given.put(args[i], args[i + 1]);
        }
        return new EngineOptions(server(required(given, "--server")), required(given, "--room"),
                scsynth(given.getOrDefault("--scsynth", "127.0.0.1:" + DEFAULT_SCSYNTH_PORT)),
                given.getOrDefault("--name", defaultName()), latency(given.getOrDefault("--latency-ms", "0")));
    }

    private static String required(Map<String, String> given, String option) {
        String value = given.get(option);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option + " is required");
        }
        return value.trim();
    }

    private static URI server(String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--server " + value + " is not a URL: " + e.getMessage());
        }
        if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("--server must be a WebSocket URL such as ws://HOST:8080/ws, was " + value);
        }
        return uri;
    }

    private static InetSocketAddress scsynth(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--scsynth is HOST:PORT, e.g. 127.0.0.1:57110, was " + value);
        }
        try {
            int port = Integer.parseInt(value.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("--scsynth port must be 1-65535, was " + port);
            }
            return new InetSocketAddress(InetAddress.getByName(value.substring(0, colon)), port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--scsynth is HOST:PORT, e.g. 127.0.0.1:57110, was " + value);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--scsynth host " + value.substring(0, colon) + " is unknown");
        }
    }

    private static double latency(String value) {
        try {
            double millis = Double.parseDouble(value);
            if (!Double.isFinite(millis) || Math.abs(millis) > 1000) {
                throw new IllegalArgumentException("--latency-ms must be between -1000 and 1000, was " + value);
            }
            return millis;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--latency-ms must be a number of milliseconds, was " + value);
        }
    }

    /** "Engine on HOST", within the 32 characters a display name may have. */
    private static String defaultName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "this machine";
        }
        String name = "Engine on " + host;
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }
}
