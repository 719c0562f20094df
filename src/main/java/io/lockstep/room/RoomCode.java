package io.lockstep.room;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * A room's join code: two words of two consonant-vowel syllables, like {@code toka-miru}. Easy to read aloud
 * and type, drawn at random (16^4 * 5^4 = 41 million codes), so not guessable by counting.
 */
public record RoomCode(String value) {

    private static final String CONSONANTS = "bdfgklmnprstvzjh";
    private static final String VOWELS = "aeiou";
    private static final Pattern SHAPE = Pattern.compile("[a-z]{4}-[a-z]{4}");

    public RoomCode {
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("a room code looks like toka-miru");
        }
    }

    static RoomCode random(RandomGenerator random) {
        StringBuilder code = new StringBuilder(9);
        for (int syllable = 0; syllable < 4; syllable++) {
            if (syllable == 2) {
                code.append('-');
            }
            code.append(CONSONANTS.charAt(random.nextInt(CONSONANTS.length())));
            code.append(VOWELS.charAt(random.nextInt(VOWELS.length())));
        }
        return new RoomCode(code.toString());
    }

    static RoomCode random() {
        return random(new SecureRandom());
    }

    /** Accepts what a person types: any case, spaces around, the dash optional. */
    public static Optional<RoomCode> parse(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String s = typed.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        if (s.length() == 8 && s.indexOf('-') < 0) {
            s = s.substring(0, 4) + "-" + s.substring(4);
        }
        return SHAPE.matcher(s).matches() ? Optional.of(new RoomCode(s)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
