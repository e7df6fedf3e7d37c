package dev.identity.command.directory;

import java.util.OptionalLong;

/** Each user's credential epoch as committed now. */
public interface CredentialEpochs {

    /** Empty for an unknown user. */
    OptionalLong credentialEpochOf(String userId);
}
