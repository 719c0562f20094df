package io.lockstep.sync;

import io.lockstep.room.Role;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Parses and checks a JSON text frame; every flaw becomes a ProtocolException naming the field. */
final class MessageReader {

    private final JsonMapper json;

    MessageReader(JsonMapper json) {
        this.json = json;
    }

    /** Parses a text frame into a JSON object. */
    JsonNode parse(String text) throws ProtocolException {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JacksonException e) {
            throw new ProtocolException("BAD_JSON", "the frame is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new ProtocolException("BAD_JSON", "a control message is a JSON object");
        }
        return node;
    }

    /** The message's {@code type}, read first so that any later error can name it. */
    String type(JsonNode node) throws ProtocolException {
        return new Fields(node).text("type");
    }

    ClientMessage read(String type, JsonNode node) throws ProtocolException {
        Fields f = new Fields(node);
        return switch (type) {
            case "CREATE" -> new ClientMessage.Create(f.text("name"), f.role());
            case "JOIN" -> new ClientMessage.Join(f.text("room"), f.text("name"), f.role(),
                    f.optionalText("resume"), f.optionalBool("sync", false));
            case "LEAVE" -> new ClientMessage.Leave();
            case "UNDO" -> new ClientMessage.Undo();
            case "REDO" -> new ClientMessage.Redo();
            case "TIME_PING" -> new ClientMessage.TimePing(f.integer("id"), f.integer("t1"));
            case "CLOCK_REPORT" -> new ClientMessage.ClockReport(f.integer("rtt"), f.integer("uncertainty"),
                    f.number("drift"));
            case "CLAIM_LEAD" -> new ClientMessage.ClaimLead();
            case "HAND_LEAD" -> new ClientMessage.HandLead(f.text("to"));
            case "SET_TEMPO" -> new ClientMessage.SetTempo(f.number("bpm"));
            case "SET_SWING" -> new ClientMessage.SetSwing(f.number("swing"));
            case "PLAY" -> new ClientMessage.Play(f.optionalInteger("at"), f.optionalBool("onBar", false));
            case "STOP" -> new ClientMessage.Stop(f.optionalBool("atBarEnd", false));
            case "SEEK" -> new ClientMessage.Seek(f.integer("bar"));
            default -> throw new ProtocolException("UNKNOWN_TYPE", "unknown message type " + abbreviate(type));
        };
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /** Typed access to one message's fields with clear errors. */
    private record Fields(JsonNode node) {

        String text(String name) throws ProtocolException {
            JsonNode v = node.get(name);
            if (v == null || !v.isString()) {
                throw bad(name, "a string");
            }
            return v.asString();
        }

        String optionalText(String name) throws ProtocolException {
            return present(name) ? text(name) : null;
        }

        long integer(String name) throws ProtocolException {
            JsonNode v = node.get(name);
            if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
                throw bad(name, "an integer");
            }
            return v.asLong();
        }

        Long optionalInteger(String name) throws ProtocolException {
            return present(name) ? integer(name) : null;
        }

        double number(String name) throws ProtocolException {
            JsonNode v = node.get(name);
            if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
                throw bad(name, "a number");
            }
            return v.asDouble();
        }

        boolean optionalBool(String name, boolean otherwise) throws ProtocolException {
            if (!present(name)) {
                return otherwise;
            }
            JsonNode v = node.get(name);
            if (!v.isBoolean()) {
                throw bad(name, "true or false");
            }
            return v.asBoolean();
        }

        Role role() throws ProtocolException {
            String role = optionalText("role");
            if (role == null || role.equals("musician")) {
                return Role.MUSICIAN;
            }
            if (role.equals("engine")) {
                return Role.ENGINE;
            }
            throw new ProtocolException("BAD_FIELD", "role is \"musician\" or \"engine\"");
        }

        private boolean present(String name) {
            JsonNode v = node.get(name);
            return v != null && !v.isNull();
        }

        private static ProtocolException bad(String name, String expected) {
            return new ProtocolException("BAD_FIELD", "field \"" + name + "\" must be " + expected);
        }
    }
}
