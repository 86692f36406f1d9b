package org.therapychat.core.common;

import java.util.HexFormat;

/** Lower-case hexadecimal, the one encoding of hashes the stores see. */
public final class Hex {
    private Hex() {
    }

    public static String of(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
