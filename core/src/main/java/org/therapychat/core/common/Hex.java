package org.therapychat.core.common;

import java.util.HexFormat;

/** Lower-case hexadecimal, the one encoding of hashes the stores see. */
public final class Hex {
    private Hex() {
    }

    /**
     * Encodes bytes.
     *
     * @param bytes the bytes, e.g. a hash
     * @return two lower-case hex digits per byte
     */
    public static String of(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
