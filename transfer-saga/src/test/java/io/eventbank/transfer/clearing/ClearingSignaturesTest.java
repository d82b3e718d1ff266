package io.eventbank.transfer.clearing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A clearing message counts only with its sender's signature over exactly its type and body. */
class ClearingSignaturesTest {

    private static final String BERLIN = "10020030";
    private static final String HAMBURG = "20030040";
    private static final String TYPE = "io.eventbank.contracts.clearing.PaymentStatusReport";
    private static final String BODY = "{\"messageId\":\"m-1\",\"status\":\"ACSC\",\"instructingBank\":\"20030040\"}";

    @TempDir
    Path folder;

    @Test
    void shouldVerifyWhatItsSenderSigned() {
        ClearingSignatures hamburg = new ClearingSignatures(ClearingKeys.in(folder, List.of(HAMBURG)));
        Headers headers = new RecordHeaders();
        hamburg.sign(HAMBURG, TYPE, BODY, headers);

        ClearingSignatures berlin = new ClearingSignatures(ClearingKeys.in(folder, List.of(BERLIN)));
        berlin.verify(HAMBURG, TYPE, BODY, headers);
    }

    @Test
    void shouldRefuseAnotherBodyTypeOrSenderAndNoSignature() {
        ClearingSignatures signatures = new ClearingSignatures(ClearingKeys.in(folder, List.of(BERLIN, HAMBURG)));
        Headers headers = new RecordHeaders();
        signatures.sign(HAMBURG, TYPE, BODY, headers);

        assertRefused(() -> signatures.verify(HAMBURG, TYPE, BODY.replace("ACSC", "RJCT"), headers), "signature");
        assertRefused(() -> signatures.verify(HAMBURG, "io.eventbank.contracts.clearing.PaymentStatusRequest", BODY,
                headers), "signature");
        assertRefused(() -> signatures.verify(BERLIN, TYPE, BODY, headers), "signed as " + HAMBURG);
        assertRefused(() -> signatures.verify(HAMBURG, TYPE, BODY, new RecordHeaders()), "no signature");
        assertRefused(() -> signatures.verify("70050060", TYPE, BODY, headers), "no clearing key");
    }

    @Test
    void shouldRefuseAnUnsignedOrHmacJwsThatNamesTheSender() {
        ClearingSignatures signatures = new ClearingSignatures(ClearingKeys.in(folder, List.of(HAMBURG)));
        for (String alg : List.of("none", "HS256")) {
            String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ("{\"alg\":\"" + alg + "\",\"kid\":\"" + HAMBURG + "\"}").getBytes(StandardCharsets.UTF_8));
            Headers forged = new RecordHeaders().add(new RecordHeader(ClearingSignatures.HEADER,
                    (header + "..").getBytes(StandardCharsets.US_ASCII)));
            assertRefused(() -> signatures.verify(HAMBURG, TYPE, BODY, forged), "");
        }
    }

    @Test
    void shouldMakeAMissingKeyPairWithAPrivateKeyOnlyItsOwnerReads() throws Exception {
        ClearingKeys.in(folder, List.of(BERLIN));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(BERLIN + ".key.pem"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(folder.resolve(BERLIN + ".pub.pem"))).startsWith("-----BEGIN PUBLIC KEY-----");
        // made once: a second node finds it and keeps it
        byte[] key = Files.readAllBytes(folder.resolve(BERLIN + ".key.pem"));
        ClearingKeys.in(folder, List.of(BERLIN));
        assertThat(Files.readAllBytes(folder.resolve(BERLIN + ".key.pem"))).isEqualTo(key);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable verify, String why) {
        assertThatThrownBy(verify).isInstanceOf(ClearingSignatures.Refused.class).hasMessageContaining(why);
    }
}
