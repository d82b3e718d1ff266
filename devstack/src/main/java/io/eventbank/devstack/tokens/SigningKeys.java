package io.eventbank.devstack.tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The key pair that signs the platform's tokens, kept in a directory of the platform's home ({@code keys/}): the
 * private key ({@code signing-key.pem}, PKCS#8, readable by its owner only) and the public key that every service
 * verifies tokens with ({@code signing-key.pub.pem}). Made on first use, kept afterwards; never printed or logged.
 */
public final class SigningKeys {

    private static final String PRIVATE = "signing-key.pem";
    private static final String PUBLIC = "signing-key.pub.pem";

    private final Path directory;

    private SigningKeys(Path directory) {
        this.directory = directory;
    }

    /** The key pair in the directory, made there first if there is none. */
    public static synchronized SigningKeys in(Path directory) {
        SigningKeys keys = new SigningKeys(directory.toAbsolutePath());
        if (!Files.exists(keys.privateKeyFile())) {
            keys.generate();
        }
        return keys;
    }

    public Path publicKeyFile() {
        return directory.resolve(PUBLIC);
    }

    Path privateKeyFile() {
        return directory.resolve(PRIVATE);
    }

    /** The private key itself: for tests that sign tokens with odd claims. */
    public PrivateKey privateKeyForTests() {
        return privateKey();
    }

    PrivateKey privateKey() {
        return readPrivateKey(privateKeyFile());
    }

    /** An RSA private key from its PEM file (PKCS#8). */
    static PrivateKey readPrivateKey(Path file) {
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the key " + file + " is not an RSA private key", e);
        }
    }

    private void generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(directory);
            Path privateFile = privateKeyFile();
            Files.deleteIfExists(privateFile);
            // readable by its owner alone from the moment the file exists, never for a moment more widely
            Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKeyFile(), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a signing key pair to " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make an RSA key pair", e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
