package io.eventbank.transfer.clearing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

/**
 * The banks' clearing keys (EC P-256), in one folder of the configuration: {@code <bank code>.key.pem} (PKCS#8), the
 * private key a bank signs its messages with, which only the node that sends for the bank reads, and
 * {@code <bank code>.pub.pem} (X.509), the public key every node checks that bank's messages with. A node that sends
 * for a bank whose key pair is not there yet makes it, as a bank makes its key in its own vault: the private key is
 * written readable by its owner alone from the moment the file exists, the public one for everyone.
 */
public final class ClearingKeys {

    private static final Logger LOG = Logger.getLogger(ClearingKeys.class);

    private final Path folder;
    private final Map<String, PrivateKey> own;
    private final Map<String, Optional<PublicKey>> known = new ConcurrentHashMap<>();

    private ClearingKeys(Path folder, Map<String, PrivateKey> own) {
        this.folder = folder;
        this.own = Map.copyOf(own);
    }

    /** The keys in {@code folder}, with the private keys of the banks this node sends for (made when missing). */
    public static ClearingKeys in(Path folder, Collection<String> ownBanks) {
        try {
            Files.createDirectories(folder);
            Map<String, PrivateKey> own = new HashMap<>();
            for (String bank : ownBanks) {
                Path key = folder.resolve(bank + ".key.pem");
                if (!Files.exists(key)) {
                    make(folder, bank);
                }
                own.put(bank, KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pem(key))));
            }
            return new ClearingKeys(folder, own);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the clearing keys in " + folder, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a clearing key in " + folder + " is not an EC key", e);
        }
    }

    /** The private key the bank signs with; only for a bank this node sends for. */
    PrivateKey privateKeyOf(String bank) {
        PrivateKey key = own.get(bank);
        if (key == null) {
            throw new IllegalStateException("this node does not send for bank " + bank);
        }
        return key;
    }

    /** The bank's public key, if the folder has it. */
    Optional<PublicKey> publicKeyOf(String bank) {
        if (bank == null || !bank.matches("\\d{8}")) {
            return Optional.empty();
        }
        return known.computeIfAbsent(bank, code -> {
            Path file = folder.resolve(code + ".pub.pem");
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            try {
                return Optional.of(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(pem(file))));
            } catch (IOException | GeneralSecurityException e) {
                LOG.errorf("the clearing key %s cannot be read: %s", file, e.getMessage());
                return Optional.empty();
            }
        });
    }

    private static void make(Path folder, String bank) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        Path key = folder.resolve(bank + ".key.pem");
        try {
            Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException madeMeanwhile) {
            return; // another node made it first
        }
        Files.writeString(key, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Path pub = folder.resolve(bank + ".pub.pem");
        Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        LOG.infof("made the clearing key pair of bank %s in %s", bank, folder);
    }

    private static String pem(String kind, byte[] der) {
        return "-----BEGIN " + kind + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + kind + "-----\n";
    }

    private static byte[] pem(Path file) throws IOException {
        String text = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(text);
    }
}
