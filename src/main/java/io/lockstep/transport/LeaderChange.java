package io.lockstep.transport;

import java.util.Optional;

/** The room's leader changed; empty when nobody leads (anyone may claim). */
public record LeaderChange(Optional<String> leader) {
}
