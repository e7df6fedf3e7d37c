package dev.identity.command.directory;

/** The processing group of the lookup tables: subscribing, and errors propagate to the command. */
public final class Directory {

    public static final String PROCESSING_GROUP = "directory";

    private Directory() {}
}
