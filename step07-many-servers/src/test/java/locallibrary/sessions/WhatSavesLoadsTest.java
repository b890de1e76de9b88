package locallibrary.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whatever the serializer writes it reads back: Jackson's default read limits (keys of 50,000 characters,
 * strings of 20 M) would let such a session save, then wipe it on the next load; a number too long to
 * read back quickly is refused when it is saved.
 */
class WhatSavesLoadsTest {

    private final SignedSessionData data = new SignedSessionData(TestVectors.SECRET_KEY);

    @Test
    void aSixtyThousandCharacterKeyLoadsAgain() {
        roundTrips(Map.of("k".repeat(60_000), "value"));
    }

    @Test
    void aTwentyOneMillionCharacterStringLoadsAgain() {
        roundTrips(Map.of("text", "a".repeat(21_000_000)));
    }

    @Test
    void aNumberOfFifteenHundredDigitsIsRefusedWhenSavedNotWhenLoaded() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> data.encode(Map.of("number", new BigInteger("7".repeat(1_500)))));
        assertEquals("Integer of 1500 digits is longer than a session can read back (at most 1000 digits,"
                + " at session[\"number\"])", refused.getMessage());
        roundTrips(Map.of("number", new BigInteger("7".repeat(SessionSerializer.MAX_DIGITS))));
    }

    private void roundTrips(Map<String, Object> session) {
        Map<String, Object> saved = new LinkedHashMap<>(session);
        assertEquals(saved, data.decode(data.encode(saved)));
    }
}
