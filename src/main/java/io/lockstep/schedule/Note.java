package io.lockstep.schedule;

/** One sound to start: which instrument (a synthdef), how loud (0-1: velocity/127 times track volume), which MIDI note. */
public record Note(String instrument, float amp, int note) {
}
