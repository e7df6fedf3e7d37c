package dev.identity.command.directory;

import java.util.OptionalLong;

/** Each user's credential epoch as committed now. */
public interface CredentialEpochs {

    /** The epoch sessions may go on in: empty for an unknown or deactivated user, whose sessions may not. */
    OptionalLong activeEpochOf(String userId);
}
