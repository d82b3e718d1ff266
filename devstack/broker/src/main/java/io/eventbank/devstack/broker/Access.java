package io.eventbank.devstack.broker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/** Who may sign in to the broker and what each may do, set through the administrator's client. */
final class Access {

    /** SCRAM's cost for a sign-in: the broker's tools' default. */
    private static final int ITERATIONS = 4096;

    private Access() {
    }

    /** Gives every principal of the grants its SCRAM-SHA-512 credential, with the password of its file. */
    static void credentials(Admin admin, List<Grants.Grant> grants, Passwords passwords)
            throws ExecutionException, InterruptedException {
        List<UserScramCredentialAlteration> upserts = new ArrayList<>();
        for (String principal : Grants.principals(grants)) {
            upserts.add(new UserScramCredentialUpsertion(principal,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), passwords.of(principal)));
        }
        admin.alterUserScramCredentials(upserts).all().get();
    }

    /** Makes the broker's ACLs exactly the grants: what is missing is added, what no grant names is removed. */
    static void grants(Admin admin, List<Grants.Grant> grants) throws ExecutionException, InterruptedException {
        Set<AclBinding> wanted = new HashSet<>();
        grants.forEach(grant -> wanted.add(binding(grant)));
        Collection<AclBinding> existing = admin.describeAcls(AclBindingFilter.ANY).values().get();
        List<AclBindingFilter> stale = existing.stream().filter(binding -> !wanted.contains(binding))
                .map(AclBinding::toFilter).toList();
        if (!stale.isEmpty()) {
            admin.deleteAcls(stale).all().get();
        }
        List<AclBinding> missing = wanted.stream().filter(binding -> !existing.contains(binding)).toList();
        if (!missing.isEmpty()) {
            admin.createAcls(missing).all().get();
        }
    }

    static AclBinding binding(Grants.Grant grant) {
        ResourceType type = switch (grant.resource()) {
            case TOPIC -> ResourceType.TOPIC;
            case GROUP -> ResourceType.GROUP;
        };
        AclOperation operation = switch (grant.operation()) {
            case READ -> AclOperation.READ;
            case WRITE -> AclOperation.WRITE;
            case CREATE -> AclOperation.CREATE;
            case DESCRIBE_CONFIGS -> AclOperation.DESCRIBE_CONFIGS;
        };
        return new AclBinding(
                new ResourcePattern(type, grant.name(), grant.prefixed() ? PatternType.PREFIXED : PatternType.LITERAL),
                new AccessControlEntry("User:" + grant.principal(), "*", operation, AclPermissionType.ALLOW));
    }
}
