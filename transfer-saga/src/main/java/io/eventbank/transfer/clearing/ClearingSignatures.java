package io.eventbank.transfer.clearing;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.lang.JoseException;

/**
 * Every message on {@code bank.clearing} is signed by the bank that sends it: a JWS (ES256, the bank's code as
 * {@code kid}) over its type and its body exactly as they travel, detached, in the record's header
 * {@value #HEADER}. A receiving bank takes a message only with a signature that its claimed sender's public key
 * verifies; anything else is refused ({@link Refused}), never half-read.
 */
public final class ClearingSignatures {

    public static final String HEADER = "eventbank-signature";
    private static final AlgorithmConstraints ONLY_ES256 = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);

    /** A message whose signature is missing, broken, or not its claimed sender's. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final ClearingKeys keys;

    public ClearingSignatures(ClearingKeys keys) {
        this.keys = keys;
    }

    /** The bank's signature over the message's type and body, added to its headers. */
    public void sign(String bank, String type, String body, Headers headers) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(signed(type, body));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKeyIdHeaderValue(bank);
        jws.setKey(keys.privateKeyOf(bank));
        try {
            headers.remove(HEADER);
            headers.add(new RecordHeader(HEADER,
                    jws.getDetachedContentCompactSerialization().getBytes(StandardCharsets.US_ASCII)));
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign a clearing message of bank " + bank, e);
        }
    }

    /** Refuses the message unless {@code sender}'s key signed exactly this type and body. */
    public void verify(String sender, String type, String body, Headers headers) {
        Header header = headers.lastHeader(HEADER);
        if (header == null || header.value() == null) {
            throw new Refused("no signature");
        }
        Optional<PublicKey> key = keys.publicKeyOf(sender);
        if (key.isEmpty()) {
            throw new Refused("no clearing key of bank " + sender);
        }
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(ONLY_ES256);
            jws.setCompactSerialization(new String(header.value(), StandardCharsets.US_ASCII));
            jws.setPayload(signed(type, body));
            if (!sender.equals(jws.getKeyIdHeaderValue())) {
                throw new Refused("signed as " + jws.getKeyIdHeaderValue() + ", not as its sender " + sender);
            }
            jws.setKey(key.get());
            if (!jws.verifySignature()) {
                throw new Refused("the signature is not bank " + sender + "'s over this message");
            }
        } catch (JoseException e) {
            throw new Refused("the signature cannot be read: " + e.getMessage());
        }
    }

    private static String signed(String type, String body) {
        return type + "\n" + body;
    }
}
