package io.lockstep.engine;

import com.illposed.osc.OSCBundle;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCPacket;
import com.illposed.osc.argument.OSCTimeTag64;
import io.lockstep.schedule.Bundle;
import io.lockstep.schedule.Note;

import java.util.ArrayList;
import java.util.List;

/** A step's Bundle as the OSC bundle scsynth plays: one {@code /s_new} per note, all at the bundle's time tag. */
final class BundleCodec {

    /** Let scsynth pick node ids: nothing ever addresses a note after it starts. */
    private static final int AUTO_NODE_ID = -1;
    private static final int ADD_TO_HEAD = 0;
    /** The root group: present on every scsynth, with or without sclang. */
    private static final int ROOT_GROUP = 0;

    private BundleCodec() {
    }

    static OSCBundle encode(Bundle bundle, int out) {
        List<OSCPacket> messages = new ArrayList<>();
        for (Note note : bundle.notes()) {
            messages.add(new OSCMessage("/s_new", List.of(note.instrument(), AUTO_NODE_ID, ADD_TO_HEAD, ROOT_GROUP,
                    "out", out, "amp", note.amp(), "note", note.note())));
        }
        return new OSCBundle(messages, OSCTimeTag64.valueOf(bundle.timeTag().bits()));
    }
}
