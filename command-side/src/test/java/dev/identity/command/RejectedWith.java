package dev.identity.command;

import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.IdentityException;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches an {@link IdentityException} by its stable code. */
public final class RejectedWith extends TypeSafeMatcher<IdentityException> {

    private final ErrorCode code;

    private RejectedWith(ErrorCode code) {
        this.code = code;
    }

    public static Matcher<IdentityException> code(ErrorCode code) {
        return new RejectedWith(code);
    }

    @Override
    protected boolean matchesSafely(IdentityException exception) {
        return exception.code() == code;
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("an IdentityException with code ").appendValue(code);
    }
}
