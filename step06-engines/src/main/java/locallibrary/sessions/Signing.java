package locallibrary.sessions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The part of Django's {@code django.core.signing} that sessions need. A signed value has three parts,
 * {@code payload:time:signature}: the JSON in base64 (zlib-compressed first, and marked with a leading '.',
 * when that is shorter), the time it was signed in base 62, and an HMAC-SHA256 of "payload:time" that only
 * someone who knows SECRET_KEY can compute. Anyone can read the payload; nobody can change it unnoticed.
 */
public final class Signing {

    /** Django's {@code BadSignature}: the value was changed, or was never signed by us. */
    public static class BadSignature extends Exception {
        public BadSignature(String message) {
            super(message);
        }
    }

    /** Django's {@code SignatureExpired}: the signature holds, but was made longer ago than max_age. */
    public static class SignatureExpired extends BadSignature {
        public SignatureExpired(String message) {
            super(message);
        }
    }

    private static final String SEP = ":";
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /**
     * The most a compressed payload may inflate to: 64 KiB. Django has no such limit, and a 1 MB cookie
     * signed with a known SECRET_KEY can inflate to 768 MiB there. Larger data is never compressed (see
     * dumps), so everything we sign can be read back.
     */
    static final int MAX_DECOMPRESSED_BYTES = 64 * 1024;

    private Signing() {
    }

    // region:dumps
    /** Django's {@code signing.dumps}: the JSON, compressed if that is shorter, in base64, signed with the time. */
    public static String dumps(Map<String, Object> value, String secretKey, String salt, boolean compress) {
        return dumps(value, secretKey, salt, compress, Instant.now().getEpochSecond());
    }

    static String dumps(Map<String, Object> value, String secretKey, String salt, boolean compress, long now) {
        byte[] data = SessionSerializer.dumps(value);
        boolean compressed = false;
        // Over the bound, data stays uncompressed: loads could not inflate it again.
        if (compress && data.length <= MAX_DECOMPRESSED_BYTES) {
            byte[] zipped = zlibCompress(data);
            // The '.' that marks compressed data costs a byte: compress only when it saves more.
            if (zipped.length < data.length - 1) {
                data = zipped;
                compressed = true;
            }
        }
        String payload = (compressed ? "." : "") + b64Encode(data);
        return signTimestamp(payload, secretKey, salt, now);
    }

    /** Django's {@code TimestampSigner.sign}: the value and the time, signed together. */
    static String signTimestamp(String value, String secretKey, String salt, long now) {
        return sign(value + SEP + b62Encode(now), secretKey, salt);
    }

    /** Django's {@code Signer.sign}: the value, a colon, and the value's signature. */
    static String sign(String value, String secretKey, String salt) {
        return value + SEP + signature(value, secretKey, salt);
    }
    // endregion:dumps

    // region:loads
    /**
     * Django's {@code signing.loads}: {@link #dumps} undone, once the signature and the time check out. A null
     * maxAge accepts any age. Anything wrong with the value is a BadSignature, never another exception.
     */
    public static Map<String, Object> loads(String signed, String secretKey, String salt, Long maxAge)
            throws BadSignature {
        return loads(signed, secretKey, salt, maxAge, Instant.now().getEpochSecond());
    }

    static Map<String, Object> loads(String signed, String secretKey, String salt, Long maxAge, long now)
            throws BadSignature {
        String payload = unsignTimestamp(signed, secretKey, salt, maxAge, now);
        // From here on the value is one we signed, but we stay careful: a bug could have signed garbage.
        boolean compressed = payload.startsWith(".");
        byte[] data = b64Decode(compressed ? payload.substring(1) : payload);
        if (compressed) {
            data = decompress(data, MAX_DECOMPRESSED_BYTES);
        }
        try {
            return SessionSerializer.loads(data);
        } catch (IOException | RuntimeException e) {
            throw new BadSignature("Payload is not a JSON object");
        }
    }
    // endregion:loads

    // region:unsign
    /** Django's {@code Signer.unsign}: the value before the last colon, if the signature after it is ours. */
    static String unsign(String signed, String secretKey, String salt) throws BadSignature {
        if (signed == null) {
            throw new BadSignature("No value");
        }
        int colon = signed.lastIndexOf(SEP);
        if (colon < 0) {
            throw new BadSignature("No \":\" found in value");
        }
        String value = signed.substring(0, colon);
        String signature = signed.substring(colon + 1);
        // Compute the signature the value should have, and compare: only SECRET_KEY can make a match.
        if (!constantTimeEquals(signature, signature(value, secretKey, salt))) {
            throw new BadSignature("Signature does not match");
        }
        return value;
    }

    /** Django's {@code TimestampSigner.unsign}: unsign, then the payload before the time, if it is young enough. */
    static String unsignTimestamp(String signed, String secretKey, String salt, Long maxAge, long now)
            throws BadSignature {
        String value = unsign(signed, secretKey, salt);
        int colon = value.lastIndexOf(SEP);
        if (colon < 0) {
            throw new BadSignature("No timestamp found");
        }
        long age = now - b62Decode(value.substring(colon + 1));
        if (maxAge != null && age > maxAge) {
            throw new SignatureExpired("Signature age " + age + " > " + maxAge + " seconds");
        }
        return value.substring(0, colon);
    }
    // endregion:unsign

    // region:signature
    /** Django's {@code Signer.signature}: "signer" added to the salt keeps these HMACs apart from other uses. */
    static String signature(String value, String secretKey, String salt) {
        return b64Encode(saltedHmac(salt + "signer", value, secretKey));
    }

    /** Django's {@code salted_hmac}: every salt gets its own HMAC key, SHA-256(salt + SECRET_KEY). */
    static byte[] saltedHmac(String keySalt, String value, String secretKey) {
        try {
            Mac hmac = HMAC.get();
            hmac.init(KEYS.computeIfAbsent(List.of(keySalt, secretKey), Signing::hmacKey));
            return hmac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (InvalidKeyException e) {
            // An HMAC takes a key of any length.
            throw new IllegalStateException(e);
        }
    }

    // endregion:signature

    /** Each thread's HMAC, looked up once: Java's lookup of an algorithm by name searches its providers. */
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /** The HMAC key of each (salt, SECRET_KEY) pair, derived once: it depends on nothing else. */
    private static final Map<List<String>, SecretKeySpec> KEYS = new ConcurrentHashMap<>();

    private static SecretKeySpec hmacKey(List<String> saltAndSecret) {
        try {
            byte[] salted = (saltAndSecret.get(0) + saltAndSecret.get(1)).getBytes(StandardCharsets.UTF_8);
            return new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(salted), "HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Django's {@code salted_hmac} with its default algorithm, SHA-1, in hex: the hash that session data saved
     * before Django 3.1 carries ({@code SessionBase._hash}). Only read, never written, so nothing is cached.
     */
    static String saltedHmacSha1(String keySalt, byte[] value, String secretKey) {
        try {
            byte[] salted = (keySalt + secretKey).getBytes(StandardCharsets.UTF_8);
            Mac hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(MessageDigest.getInstance("SHA-1").digest(salted), "HmacSHA1"));
            return HexFormat.of().formatHex(hmac.doFinal(value));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every Java has SHA-1, and an HMAC takes a key of any length.
            throw new IllegalStateException(e);
        }
    }

    // region:signature
    /**
     * Django's {@code constant_time_compare}: equals() stops at the first difference, so an attacker timing
     * many requests could guess a signature one character at a time; isEqual always compares everything.
     */
    static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
    // endregion:signature

    /**
     * The JSON inside a signed value (payload:time:signature) or a bare payload, NOT checked: what anyone
     * holding the value can read. Show it, never trust it.
     */
    public static String unverifiedJson(String value) throws BadSignature {
        String[] parts = value.split(SEP, -1);
        if (parts.length != 1 && parts.length != 3) {
            throw new BadSignature("expected a payload, or payload:time:signature");
        }
        boolean compressed = parts[0].startsWith(".");
        byte[] data = b64Decode(compressed ? parts[0].substring(1) : parts[0]);
        if (compressed) {
            data = decompress(data, MAX_DECOMPRESSED_BYTES);
        }
        try {
            SessionSerializer.loads(data);
        } catch (IOException | RuntimeException e) {
            throw new BadSignature("Payload is not a JSON object");
        }
        return new String(data, StandardCharsets.UTF_8);
    }

    /** Django's {@code b64_encode}: URL-safe base64 ('-' and '_'), without the '=' padding. */
    static String b64Encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Django's {@code b64_decode}; Java's decoder does not need the padding back. */
    static byte[] b64Decode(String text) throws BadSignature {
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new BadSignature("Payload is not base64");
        }
    }

    /** Django's {@code baseconv.base62.encode}: 1764000000 becomes "1vNYyu". */
    static String b62Encode(long number) {
        if (number == 0) {
            return "0";
        }
        StringBuilder digits = new StringBuilder();
        for (long rest = Math.abs(number); rest > 0; rest /= 62) {
            digits.insert(0, BASE62.charAt((int) (rest % 62)));
        }
        return (number < 0 ? "-" : "") + digits;
    }

    /** Django's {@code baseconv.base62.decode}: "1vNYyu" becomes 1764000000. */
    static long b62Decode(String text) throws BadSignature {
        boolean negative = text.startsWith("-");
        String digits = negative ? text.substring(1) : text;
        if (digits.isEmpty()) {
            throw new BadSignature("Bad timestamp");
        }
        long number = 0;
        for (char c : digits.toCharArray()) {
            int digit = BASE62.indexOf(c);
            if (digit < 0) {
                throw new BadSignature("Bad timestamp");
            }
            try {
                // Exact arithmetic: a forged timestamp of 50 digits must not wrap round to a plausible time.
                number = Math.addExact(Math.multiplyExact(number, 62), digit);
            } catch (ArithmeticException e) {
                throw new BadSignature("Bad timestamp");
            }
        }
        return negative ? -number : number;
    }

    /** Python's {@code zlib.compress(data)}: default level 6, with the zlib header. */
    static byte[] zlibCompress(byte[] data) {
        Deflater deflater = DEFLATER.get();
        deflater.reset();
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        return out.toByteArray();
    }

    /**
     * Each thread's compressor, reset and reused: a new one sets up about 256 KiB of zlib's state, which
     * cost more than compressing a session. The server's threads live as long as it does, and so do these.
     */
    private static final ThreadLocal<Deflater> DEFLATER = ThreadLocal.withInitial(Deflater::new);

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
                    // The input ended before the compressed stream did: inflate would wait for more forever.
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
