package io.lockstep.pattern;

import java.util.HexFormat;
import java.util.List;
import org.automerge.ChangeHash;

/** Change hashes as the lowercase hex strings used on the wire; the binding only builds them natively. */
final class HexHash extends ChangeHash {

    private HexHash(byte[] hash) {
        super(hash);
    }

    static ChangeHash of(byte[] hash) {
        return new HexHash(hash);
    }

    static ChangeHash[] parse(List<String> hex) throws PatternException {
        ChangeHash[] hashes = new ChangeHash[hex.size()];
        for (int i = 0; i < hashes.length; i++) {
            String h = hex.get(i);
            if (h.length() != 64) {
                throw new PatternException(PatternException.BAD_CHANGE, "a change hash has 64 hex digits: " + h);
            }
            try {
                hashes[i] = new HexHash(HexFormat.of().parseHex(h));
            } catch (IllegalArgumentException e) {
                throw new PatternException(PatternException.BAD_CHANGE, "not a hex change hash: " + h);
            }
        }
        return hashes;
    }

    static List<String> format(ChangeHash[] hashes) {
        return java.util.Arrays.stream(hashes).map(h -> HexFormat.of().formatHex(h.getBytes())).toList();
    }
}
