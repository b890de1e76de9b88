package locallibrary.sessions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The part of Django's {@code django.core.signing} that sessions need.
 *
 * <p>A signed value has three parts separated by colons:
 * <pre>
 *   eyJ2aXNpdCI6MTF9 : 1vNYyu : 4jRa_r6WuKpOjj-BRJCellcbAbgcGUsslOgKVR1utpk
 *   payload            time     signature
 * </pre>
 * The payload is the JSON (maybe zlib-compressed, then marked with a leading '.') in
 * base64url; the time is when it was signed, in base62; the signature is an HMAC-SHA256
 * of "payload:time" that only someone knowing SECRET_KEY can compute. The data is NOT
 * encrypted: anyone can read it, but nobody can change it without the signature breaking.
 */
public final class Signing {

    private Signing() {
    }

    /** Django's {@code BadSignature}: the value was changed, or was never signed by us. */
    public static class BadSignature extends Exception {
        public BadSignature(String message) {
            super(message);
        }
    }

    /** Django's {@code SignatureExpired}: the signature is fine but older than max_age. */
    public static class SignatureExpired extends BadSignature {
        public SignatureExpired(String message) {
            super(message);
        }
    }

    private static final char SEPARATOR = ':';

    /**
     * The most a compressed payload may inflate to: 64 KiB. Django has no such limit, and a 1 MB cookie
     * signed with a known SECRET_KEY can inflate to 768 MiB there. Larger data is never compressed (see
     * dumps), so everything we sign can be read back.
     */
    static final int MAX_DECOMPRESSED_BYTES = 64 * 1024;

    // ---------------------------------------------------------------- dumps / loads

    /**
     * Django's {@code signing.dumps}: JSON, maybe compress, base64url, add time, sign.
     * Sessions call it with salt "django.contrib.sessions.SessionStore" and compress = true.
     */
    public static String dumps(Map<String, Object> value, String secretKey, String salt,
                               boolean compress) {
        return dumps(value, secretKey, salt, compress, Instant.now().getEpochSecond());
    }

    /** Same as above with a fixed clock, so tests can compare with Django's exact output. */
    static String dumps(Map<String, Object> value, String secretKey, String salt,
                        boolean compress, long nowSeconds) {
        byte[] data = SessionSerializer.dumps(value);
        boolean isCompressed = false;
        // Over the bound, data stays uncompressed: loads could not inflate it again.
        if (compress && data.length <= MAX_DECOMPRESSED_BYTES) {
            byte[] compressed = zlibCompress(data);
            // Keep it only if it saves at least 2 bytes: the '.' marker costs one.
            if (compressed.length < data.length - 1) {
                data = compressed;
                isCompressed = true;
            }
        }
        String payload = b64Encode(data);
        if (isCompressed) {
            payload = "." + payload;
        }
        // TimestampSigner.sign: add the time, then Signer.sign: add the signature.
        String withTime = payload + SEPARATOR + b62Encode(nowSeconds);
        return withTime + SEPARATOR + signature(withTime, secretKey, salt);
    }

    /**
     * Django's {@code signing.loads}: check the signature, then undo {@link #dumps}.
     *
     * @param maxAgeSeconds null = do not look at the age (the session stores' decode);
     *                      otherwise a value signed longer ago raises SignatureExpired
     *                      (the signed_cookies engine uses the cookie age here)
     * @throws BadSignature for ANY problem with the value, never another exception
     */
    public static Map<String, Object> loads(String signed, String secretKey, String salt,
                                            Long maxAgeSeconds) throws BadSignature {
        return loads(signed, secretKey, salt, maxAgeSeconds, Instant.now().getEpochSecond());
    }

    /** Same as above with a fixed clock, for tests. */
    static Map<String, Object> loads(String signed, String secretKey, String salt,
                                     Long maxAgeSeconds, long nowSeconds) throws BadSignature {
        if (signed == null) {
            throw new BadSignature("No value");
        }
        // Signer.unsign: the signature is everything after the LAST colon.
        int lastColon = signed.lastIndexOf(SEPARATOR);
        if (lastColon < 0) {
            throw new BadSignature("No \":\" found in value");
        }
        String withTime = signed.substring(0, lastColon);
        String givenSignature = signed.substring(lastColon + 1);
        if (!constantTimeEquals(givenSignature, signature(withTime, secretKey, salt))) {
            throw new BadSignature("Signature does not match");
        }

        // From here on the value is genuine (made with our key), but we stay careful.
        // TimestampSigner.unsign: the time is after the (new) last colon.
        int timeColon = withTime.lastIndexOf(SEPARATOR);
        if (timeColon < 0) {
            throw new BadSignature("No timestamp found");
        }
        String payload = withTime.substring(0, timeColon);
        long timestamp = b62Decode(withTime.substring(timeColon + 1));
        if (maxAgeSeconds != null) {
            long age = nowSeconds - timestamp;
            if (age > maxAgeSeconds) {
                throw new SignatureExpired("Signature age " + age + " > " + maxAgeSeconds + " seconds");
            }
        }

        // unsign_object: a leading '.' means "zlib-compressed".
        boolean isCompressed = payload.startsWith(".");
        if (isCompressed) {
            payload = payload.substring(1);
        }
        byte[] data = b64Decode(payload);
        if (isCompressed) {
            data = decompress(data, MAX_DECOMPRESSED_BYTES);
        }
        try {
            return SessionSerializer.loads(data);
        } catch (IOException | RuntimeException e) {
            throw new BadSignature("Payload is not a JSON object");
        }
    }

    /**
     * The JSON inside a signed value, WITHOUT checking the signature: what anyone who holds the value can
     * read, since signing is not encryption. For showing only; never trust it.
     */
    public static String unverifiedJson(String signed) throws BadSignature {
        String[] parts = signed.split(String.valueOf(SEPARATOR), -1);
        if (parts.length != 3) {
            throw new BadSignature("expected three parts separated by ':'");
        }
        String payload = parts[0];
        boolean isCompressed = payload.startsWith(".");
        byte[] data = b64Decode(isCompressed ? payload.substring(1) : payload);
        if (isCompressed) {
            data = decompress(data, MAX_DECOMPRESSED_BYTES);
        }
        return new String(data, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- signature

    /**
     * Django's {@code Signer.signature}: base64_hmac(salt + "signer", value, SECRET_KEY).
     * Adding "signer" to the salt keeps these keys apart from other uses of the secret.
     */
    static String signature(String value, String secretKey, String salt) {
        return b64Encode(saltedHmac(salt + "signer", value, secretKey));
    }

    /**
     * Django's {@code salted_hmac} with SHA-256: the HMAC key is SHA-256(keySalt + secret),
     * so every salt gets its own key derived from the one SECRET_KEY.
     */
    static byte[] saltedHmac(String keySalt, String value, String secret) {
        try {
            byte[] key = MessageDigest.getInstance("SHA-256")
                    .digest((keySalt + secret).getBytes(StandardCharsets.UTF_8));
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            return hmac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every Java 17 runtime has SHA-256 and HmacSHA256.
            throw new IllegalStateException(e);
        }
    }

    /**
     * Django's {@code constant_time_compare}. A normal equals() stops at the first
     * different character, and an attacker timing many requests could guess a valid
     * signature one character at a time. MessageDigest.isEqual always looks at everything.
     */
    static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- base64url

    /** Django's {@code b64_encode}: URL-safe base64 ('-' and '_'), without '=' padding. */
    static String b64Encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Django's {@code b64_decode}. Java's decoder does not need the padding back. */
    static byte[] b64Decode(String text) throws BadSignature {
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new BadSignature("Payload is not base64");
        }
    }

    // ---------------------------------------------------------------- base62

    private static final String BASE62_ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /** Django's {@code baseconv.base62.encode}: 1764000000 becomes "1vNYyu". */
    static String b62Encode(long number) {
        if (number == 0) {
            return "0";
        }
        String sign = number < 0 ? "-" : "";
        long rest = Math.abs(number);
        StringBuilder digits = new StringBuilder();
        while (rest > 0) {
            digits.insert(0, BASE62_ALPHABET.charAt((int) (rest % 62)));
            rest = rest / 62;
        }
        return sign + digits;
    }

    /** Django's {@code baseconv.base62.decode}: "1vNYyu" becomes 1764000000. */
    static long b62Decode(String text) throws BadSignature {
        boolean negative = text.startsWith("-");
        String digits = negative ? text.substring(1) : text;
        if (digits.isEmpty()) {
            throw new BadSignature("Bad timestamp");
        }
        long number = 0;
        try {
            for (char c : digits.toCharArray()) {
                int digit = BASE62_ALPHABET.indexOf(c);
                if (digit < 0) {
                    throw new BadSignature("Bad timestamp");
                }
                // multiplyExact/addExact throw instead of silently overflowing.
                number = Math.addExact(Math.multiplyExact(number, 62), digit);
            }
        } catch (ArithmeticException e) {
            throw new BadSignature("Bad timestamp");
        }
        return negative ? -number : number;
    }

    // ---------------------------------------------------------------- zlib

    /** Python's {@code zlib.compress(data)}: default level, with the zlib header. */
    static byte[] zlibCompress(byte[] data) {
        Deflater deflater = new Deflater(); // default level 6 and zlib format, like Python
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[1024];
            while (!deflater.finished()) {
                int count = deflater.deflate(buffer);
                out.write(buffer, 0, count);
            }
            return out.toByteArray();
        } finally {
            deflater.end(); // frees the native zlib memory at once
        }
    }

    /**
     * Python's {@code zlib.decompress(data)}, but it stops as soon as the output would pass the limit: a
     * small "zip bomb" can expand a thousandfold, and its memory is taken before anything is checked.
     */
    static byte[] decompress(byte[] data, int limit) throws BadSignature {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[1024];
            while (!inflater.finished()) {
                int count = inflater.inflate(buffer);
                if (count == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    // The input ended before the compressed stream did.
                    throw new BadSignature("Payload is not zlib data (truncated)");
                }
                if (out.size() + count > limit) {
                    throw new BadSignature("Payload inflates to more than " + limit + " bytes");
                }
                out.write(buffer, 0, count);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new BadSignature("Payload is not zlib data");
        } finally {
            inflater.end();
        }
    }
}
