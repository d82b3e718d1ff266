package io.eventbank.devstack.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The broker's users' passwords, one file a user ({@code <folder>/<user>.password}), readable by their owner alone
 * from the moment they exist: made once with 24 random bytes, kept across restarts.
 */
public final class Passwords {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path folder;

    private Passwords(Path folder) {
        this.folder = folder;
    }

    public static Passwords in(Path folder) {
        return new Passwords(folder.toAbsolutePath());
    }

    public Path folder() {
        return folder;
    }

    /** The user's password, made now if it has none yet. */
    public String of(String user) {
        Path file = folder.resolve(user + ".password");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(folder);
                make(file);
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or make " + file, e);
        }
    }

    private static void make(Path file) throws IOException {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            return; // another start made it at the same moment
        }
        Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
    }
}
